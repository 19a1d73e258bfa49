// A watch: every so often (a minute), one server instance at a time (an advisory lock per watch)
// looks for what has become news by the clock alone, not by a change (an SLA about to run out, a
// reserve about to end), and writes the notices in the same transaction as whatever it marks told.
import type { Audience } from '../audience';
import type { CentralStore } from '../store';
import type { Query } from '../query';
import { notify, type Notice } from './notify';

export interface WatchOptions {
  store: CentralStore;
  committed: (audiences: Audience[], head: number) => void;
  everyMs?: number;
  now?: () => Date;
  onError?: (err: unknown) => void;
}

export interface Watch {
  /** One look; resolves with how many people were told. */
  checkOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createWatch(
  options: WatchOptions,
  lock: number,
  /** The notices due now; rows it marks (told) go with their audiences, published after the commit. */
  look: (query: Query, at: Date) => Promise<Notice[] | { notices: Notice[]; audiences: Audience[]; head: number }>,
): Watch {
  const now = options.now ?? (() => new Date());
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<unknown> | null = null;

  async function checkOnce(): Promise<number> {
    const at = now();
    const result = await options.store.transaction(async (tx) => {
      const query = tx.query as Query;
      const [held] = await query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [lock]);
      if (!held?.ok) return null;
      const found = await look(query, at);
      const marked = Array.isArray(found) ? { notices: found, audiences: [], head: 0 } : found;
      const told = await notify(query, marked.notices, at);
      return {
        audiences: [...marked.audiences, ...told.audiences],
        head: Math.max(marked.head, told.head),
        told: told.audiences.length,
      };
    });
    if (result?.audiences.length) options.committed(result.audiences, result.head);
    return result?.told ?? 0;
  }

  return {
    checkOnce,
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = checkOnce()
          .catch((err: unknown) => options.onError?.(err))
          .finally(() => (running = null));
      }, options.everyMs ?? 60_000);
      timer.unref?.();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
