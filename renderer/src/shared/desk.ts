// The renderer's one way to the core: `window.desk` from the Electron preload, or the same
// API over the web shell's loopback WebSocket. Both are built from the contract's method names.
import { methodNames, type DeskApi, type EventName, type EventPayload } from '../../../domain/contract';
import {
  WIRE_BODY_PATH,
  WIRE_TOKEN_HEADER,
  type WireEvent,
  type WireResponse,
} from '../../../domain/transport/desk-wire';
import type { Result } from '../../../domain/errors';

declare global {
  interface Window {
    desk?: DeskApi;
  }
}

type Listener = (payload: unknown) => void;

function launchToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem('opta.launchToken', match[1]!);
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', window.location.pathname);
    return match[1]!;
  }
  return sessionStorage.getItem('opta.launchToken') ?? '';
}

function webDesk(): DeskApi {
  const token = launchToken();
  const listeners = new Map<string, Set<Listener>>();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let events: Promise<void> = Promise.resolve();
  let eventsWaiting = 0;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  const connect = (): Promise<WebSocket> => {
    opened ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(
        `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/desk?token=${encodeURIComponent(token)}`,
      );
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onmessage = (e) => {
        const msg = JSON.parse(String(e.data)) as WireResponse | WireEvent;
        if ('event' in msg) {
          const tell = (payload: unknown) => listeners.get(msg.event)?.forEach((l) => l(payload));
          // Events are told in the order they came: one behind a large event waits for its fetch.
          if ('body' in msg) {
            const payload = fetchJson(msg.body);
            eventsWaiting++;
            events = events
              .then(async () => {
                const p = await payload;
                eventsWaiting--;
                if (p.ok) tell(p.value);
              })
              .catch((err: unknown) => console.error(err));
          } else if (eventsWaiting > 0)
            events = events.then(() => tell(msg.payload)).catch((err: unknown) => console.error(err));
          else tell(msg.payload);
        } else if ('body' in msg) {
          const done = pending.get(msg.id);
          pending.delete(msg.id);
          void fetchJson(msg.body).then((r) => done?.(r.ok ? (r.value as Result<unknown>) : r));
        } else if (msg.id !== null) {
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
        }
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const [, resolvePending] of pending)
          resolvePending({
            ok: false,
            error: { code: 'server_unreachable', message: 'Desk host closed the connection' },
          });
        pending.clear();
        reject(new Error('closed'));
        // The host may restart (npm start); come back without a reload.
        setTimeout(() => void connect().catch(() => undefined), 1000);
      };
    });
    return opened;
  };

  // A large answer or event waits at the host for one fetch (see desk-wire.ts).
  const fetchJson = async (key: string): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`${WIRE_BODY_PATH}${key}`, {
        headers: { [WIRE_TOKEN_HEADER]: token },
        cache: 'no-store',
      });
      if (!res.ok) throw new Error(String(res.status));
      return { ok: true, value: (await res.json()) as unknown };
    } catch {
      return { ok: false, error: { code: 'server_unreachable', message: 'Desk host did not hand over an answer' } };
    }
  };

  const call = async (method: string, input: unknown): Promise<Result<unknown>> => {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return { ok: false, error: { code: 'server_unreachable', message: 'Desk host is not reachable' } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, input }));
    });
  };

  const api = Object.fromEntries(methodNames.map((m) => [m, (input: unknown) => call(m, input)])) as Record<
    string,
    unknown
  >;
  api.on = (event: string, listener: Listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    void connect().catch(() => undefined);
    return () => set.delete(listener);
  };
  return api as unknown as DeskApi;
}

export const desk: DeskApi = window.desk ?? webDesk();

/** Unwraps a Result, throwing its error (with code) for TanStack Query and handlers. */
export class DeskCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What to show for a failed call: a coded error (a Result's, or a DeskCallError a query threw) in
 * the user's words; anything else by its message.
 */
export function errorText(t: (key: string, o?: Record<string, unknown>) => string, error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e && typeof e.code === 'string') return t(`errors.${e.code}`, { message: String(e.message ?? '') });
  return error instanceof Error ? error.message : String(error);
}

export async function unwrap<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new DeskCallError(r.error.code, r.error.message);
  return r.value;
}

export function onDeskEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return desk.on(event, listener);
}
