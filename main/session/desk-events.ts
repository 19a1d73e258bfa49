// The core's events to the views (sync status, changed rows, order deltas): one set of listeners
// per core, each transport subscribed once. Emitting never throws into the change that caused it.
import type { EventName, EventPayload } from '../../domain/contract';

export type DeskListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface DeskEvents {
  subscribe(listener: DeskListener): () => void;
  emit: DeskListener;
}

export function createDeskEvents(onListenerError: (err: unknown) => void = () => undefined): DeskEvents {
  const listeners = new Set<DeskListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (err) {
          // A closed window or socket must not undo a committed edit by throwing back into it.
          onListenerError(err);
        }
      }
    },
  };
}
