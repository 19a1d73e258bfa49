// Who must pull after a commit: the change feed carries each commit's audience to every server
// instance (in-process for PGlite; PostgreSQL LISTEN/NOTIFY between instances), and each
// instance pokes its own sockets whose user is in that audience.
import pg from 'pg';
import type { Audience } from '../domain/audience';

export interface ChangeFeed {
  publish(audience: Audience[], head: number): Promise<void>;
  subscribe(listener: (audience: Audience[], head: number) => void): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'opta_changes';

/** Collapses audiences into one: everyone, or the union of user ids. */
export function mergeAudiences(list: Audience[]): Audience {
  if (list.some((a) => a === 'everyone')) return 'everyone';
  return [...new Set(list.flatMap((a) => a as number[]))];
}

export function inProcessFeed(): ChangeFeed {
  const listeners = new Set<(a: Audience[], head: number) => void>();
  return {
    async publish(audience, head) {
      for (const l of listeners) l(audience, head);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      listeners.clear();
    },
  };
}

/** NOTIFY/LISTEN on a dedicated connection; our own notifications come back to us too. */
export async function postgresFeed(databaseUrl: string): Promise<ChangeFeed> {
  const listeners = new Set<(a: Audience[], head: number) => void>();
  const listen = new pg.Client({ connectionString: databaseUrl });
  const notify = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await listen.connect();
  await listen.query(`LISTEN ${CHANNEL}`);
  listen.on('notification', (n) => {
    try {
      const { a, h } = JSON.parse(n.payload ?? '{}') as { a: Audience; h: number };
      for (const l of listeners) l([a], h);
    } catch {
      /* a foreign payload on our channel: ignore it */
    }
  });
  return {
    async publish(audience, head) {
      const merged = mergeAudiences(audience);
      await notify.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ a: merged, h: head })]);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      listeners.clear();
      await listen.end().catch(() => undefined);
      await notify.end().catch(() => undefined);
    },
  };
}
