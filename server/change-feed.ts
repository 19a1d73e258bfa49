// Who must pull after a commit: the change feed carries each commit's audience to every server
// instance (in-process for PGlite; PostgreSQL LISTEN/NOTIFY between instances), and each
// instance pokes its own sockets whose user is in that audience. A commit that changed accounts
// (deactivated, role, team) names their users too, so every instance closes those sockets.
import pg from 'pg';
import type { Audience } from './audience';
import { managedPool, type PgErrorSink } from './pg-connections';

export type FeedListener = (audience: Audience[], head: number, accounts?: number[]) => void;

export interface ChangeFeed {
  /** `accounts`: users whose account changed (their open sockets must check it again). */
  publish(audience: Audience[], head: number, accounts?: number[]): Promise<void>;
  subscribe(listener: FeedListener): () => void;
  close(): Promise<void>;
}

const CHANNEL = 'opta_changes';

/** Collapses audiences into one: everyone, or the union of user ids. */
export function mergeAudiences(list: Audience[]): Audience {
  if (list.some((a) => a === 'everyone')) return 'everyone';
  return [...new Set(list.flatMap((a) => a as number[]))];
}

export function inProcessFeed(): ChangeFeed {
  const listeners = new Set<FeedListener>();
  return {
    async publish(audience, head, accounts) {
      for (const l of listeners) l(audience, head, accounts);
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

export interface PostgresFeedOptions {
  onError: PgErrorSink;
  /** The head now: after the listening connection is lost and back, everyone is poked with it,
   * because notifications sent meanwhile were missed (a desk already there does not pull). */
  currentHead: () => Promise<number>;
  /** Delay before listening again after the connection is lost. */
  retryMs?: number;
}

/** NOTIFY/LISTEN on a dedicated connection; our own notifications come back to us too. */
export async function postgresFeed(databaseUrl: string, options: PostgresFeedOptions): Promise<ChangeFeed> {
  const listeners = new Set<FeedListener>();
  const notify = managedPool({ connectionString: databaseUrl, max: 2 }, options.onError);
  const retryMs = options.retryMs ?? 1000;
  let closed = false;
  let listen: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const deliver = (audiences: Audience[], head: number, accounts?: number[]): void => {
    for (const l of listeners) l(audiences, head, accounts);
  };
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', (err) => options.onError(err, 'change feed connection lost'));
    client.on('end', () => {
      if (listen !== client) return;
      listen = null;
      if (!closed) retry = setTimeout(() => void resume(), retryMs);
    });
    client.on('notification', (n) => {
      try {
        const { a, h, u } = JSON.parse(n.payload ?? '{}') as { a: Audience; h: number; u?: number[] };
        deliver([a], h, Array.isArray(u) ? u : undefined);
      } catch {
        /* a foreign payload on our channel: ignore it */
      }
    });
    listen = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      listen = null;
      await client.end().catch(() => undefined);
      throw err;
    }
  };
  const resume = async (): Promise<void> => {
    retry = null;
    if (closed) return;
    try {
      await connect();
      if (closed) return;
      deliver(['everyone'], await options.currentHead());
    } catch (err) {
      options.onError(err as Error, 'change feed cannot listen again');
      if (!closed && !listen) retry = setTimeout(() => void resume(), retryMs);
    }
  };

  await connect();
  return {
    async publish(audience, head, accounts) {
      const args = [
        CHANNEL,
        JSON.stringify({ a: mergeAudiences(audience), h: head, ...(accounts ? { u: accounts } : {}) }),
      ];
      try {
        await notify.pool.query('SELECT pg_notify($1, $2)', args);
      } catch (err) {
        // Once more, on a fresh connection: the pool can hand out one the database has just cut
        // before it hears so, and a lost notification leaves other instances' desks unpoked.
        options.onError(err as Error, 'change feed notify failed, trying again');
        await notify.pool.query('SELECT pg_notify($1, $2)', args);
      }
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      closed = true;
      listeners.clear();
      if (retry) clearTimeout(retry);
      const client = listen;
      listen = null;
      await client?.end().catch(() => undefined);
      await notify.end().catch(() => undefined);
    },
  };
}
