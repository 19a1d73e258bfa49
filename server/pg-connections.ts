// PostgreSQL connections that survive the database going away. A pooled connection that the
// database closes while idle (a restart, a failover, an administrator's terminate) makes pg emit
// 'error' on the pool, and an EventEmitter 'error' nobody listens to kills the whole server; so
// every pool and client here has a listener. Closing waits until every socket is really gone:
// pg's `pool.end()` resolves once the clients are taken off its list, while their sockets still
// close, and whatever ends the database next (a test dropping it) must not meet them.
import pg from 'pg';

export type PgErrorSink = (err: Error, what: string) => void;

export interface ManagedPool {
  pool: pg.Pool;
  /** Ends the pool and resolves when no connection of it is open any more. */
  end(): Promise<void>;
}

export function managedPool(config: pg.PoolConfig, onError: PgErrorSink): ManagedPool {
  const pool = new pg.Pool(config);
  let open = 0;
  let drained: (() => void) | null = null;
  pool.on('connect', (client) => {
    open++;
    // Errors of a checked-out client reach the query that runs on it; this one is for the moments
    // between queries, which pg would otherwise throw.
    client.on('error', () => undefined);
  });
  pool.on('remove', () => {
    open--;
    if (open === 0) drained?.();
  });
  // Idle connections lost: pg has already dropped them; the next query opens a fresh one.
  pool.on('error', (err) => onError(err, 'idle connection lost'));
  return {
    pool,
    async end() {
      const gone = open === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
      await pool.end();
      await gone;
    },
  };
}

/** Where errors go when a caller gave no logger: stderr, one line, never a crash. */
export const warnToStderr: PgErrorSink = (err, what) => {
  process.stderr.write(`postgres: ${what}: ${err.message}\n`);
};
