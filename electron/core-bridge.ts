// Main-process side of the core's utility process: calls travel as {id, method, input}
// messages and come back as {id, result}; events as {event, payload}. Keeps the window's
// thread free of SQLite and sync work. The core's requests to seal or open its refresh token
// ({secret, op, text}) are answered here with the OS keychain (safeStorage), which only the main
// process may use: the utility process never sees the key, the replica never sees the clear token.
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

/** The OS encryption the main process lends the core (Electron's safeStorage, base64 in and out). */
export interface OsEncryption {
  available(): boolean;
  encrypt(text: string): string;
  decrypt(base64: string): string;
}

/** How the core asks: the op and text, answered as {secret: id, value} or {secret: id, error}. */
export interface SecretRequest {
  secret: number;
  op: 'seal' | 'open';
  text: string;
}

export function answerSecret(request: SecretRequest, os: OsEncryption | undefined): Record<string, unknown> {
  try {
    if (!os?.available()) throw new Error('No OS encryption on this machine');
    const value = request.op === 'seal' ? os.encrypt(request.text) : os.decrypt(request.text);
    return { secret: request.secret, value };
  } catch (err) {
    return { secret: request.secret, error: (err as Error).message };
  }
}

export function createCoreBridge(child: CoreProcessLike, timeoutMs = 120_000, os?: OsEncryption): CoreBridge {
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; timer: NodeJS.Timeout }>();
  const listeners: ((event: EventName, payload: unknown) => void)[] = [];
  child.on('message', (raw) => {
    const msg = raw as { id?: number; result?: Result<unknown>; event?: EventName; payload?: unknown; secret?: number };
    if (typeof msg.secret === 'number') {
      child.postMessage(answerSecret(raw as SecretRequest, os));
    } else if (typeof msg.id === 'number' && msg.result) {
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
