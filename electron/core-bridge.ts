// Main-process side of the core's utility process: calls travel as {id, method, input}
// messages and come back as {id, result}; events as {event, payload}. Keeps the window's
// thread free of SQLite and sync work.
import type { Dispatch } from '../domain/transport/dispatch';
import type { EventName } from '../domain/contract';
import type { Result } from '../domain/errors';

export interface CoreProcessLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
}

export interface CoreBridge {
  dispatch: Dispatch;
  onEvent(listener: (event: EventName, payload: unknown) => void): void;
}

export function createCoreBridge(child: CoreProcessLike, timeoutMs = 120_000): CoreBridge {
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: NodeJS.Timeout }>();
  const listeners: ((event: EventName, payload: unknown) => void)[] = [];
  child.on('message', (raw) => {
    const msg = raw as { id?: number; result?: Result<unknown>; event?: EventName; payload?: unknown };
    if (typeof msg.id === 'number' && msg.result) {
      const p = pending.get(msg.id);
      if (!p) return;
      clearTimeout(p.timer);
      pending.delete(msg.id);
      p.resolve(msg.result);
    } else if (msg.event) {
      for (const l of listeners) l(msg.event, msg.payload);
    }
  });
  child.on('exit', () => {
    for (const [, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: { code: 'internal', message: 'Desk core stopped' } });
    }
    pending.clear();
  });
  return {
    dispatch: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        // A call never hangs the renderer: an answer or a timeout error, whichever comes first.
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'internal', message: `${method} timed out` } });
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        child.postMessage({ id, method, input });
      }),
    onEvent: (l) => void listeners.push(l),
  };
}
