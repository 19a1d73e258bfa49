// PostgreSQL connections lost under the server: an idle pooled connection terminated by the
// database must not crash the process (pg throws an unheard 'error' event), closing must leave no
// socket half-open (a database dropped right after met them, and CI saw the crash), and the
// change feed must listen again and poke everyone after its connection is cut.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresFeed } from './change-feed';
import { managedPool } from './pg-connections';

const base = process.env.DATABASE_URL;

describe.skipIf(!base)('PostgreSQL connections lost and closed', () => {
  const dbName = `opta_pgc_${process.pid}_${Date.now()}`;
  let url: string;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(base!);
    u.pathname = `/${dbName}`;
    url = u.toString();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  const terminateAll = async (): Promise<number> => {
    const r = await admin.query(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [dbName],
    );
    return r.rows[0].n as number;
  };
  const until = async (cond: () => boolean, ms = 10_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('an idle connection terminated by the database is reported, and the next query opens a fresh one', async () => {
    const errors: string[] = [];
    const managed = managedPool({ connectionString: url, max: 3 }, (err, what) =>
      errors.push(`${what}: ${err.message}`),
    );
    // Three connections at once, all idle afterwards.
    await Promise.all([1, 2, 3].map(() => managed.pool.query('SELECT pg_sleep(0.05)')));
    expect(managed.pool.idleCount).toBe(3);
    expect(await terminateAll()).toBe(3);
    await until(() => errors.length === 3);
    expect(errors[0]).toMatch(/idle connection lost: terminating connection/);
    const r = await managed.pool.query('SELECT 1 AS one');
    expect(r.rows[0].one).toBe(1);
    await managed.end();
  });

  it('ending the pool waits until every connection is closed, not only taken off its list', async () => {
    const managed = managedPool({ connectionString: url, max: 4 }, () => undefined);
    const clients: pg.PoolClient[] = [];
    managed.pool.on('connect', (c) => clients.push(c));
    await Promise.all([1, 2, 3, 4].map(() => managed.pool.query('SELECT pg_sleep(0.05)')));
    expect(clients).toHaveLength(4);
    await managed.end();
    // pg's own end() resolves with these still `_ending` and their sockets open.
    for (const c of clients) expect((c as unknown as { _ended: boolean })._ended).toBe(true);
  });

  it('the change feed listens again after its connection is cut, and pokes everyone with the head', async () => {
    const errors: string[] = [];
    let head = 41;
    const feed = await postgresFeed(url, {
      onError: (err, what) => errors.push(`${what}: ${err.message}`),
      currentHead: async () => head,
      retryMs: 50,
    });
    const heard: Array<[unknown, number]> = [];
    feed.subscribe((a, h) => heard.push([a, h]));
    await feed.publish([[7]], 40);
    await until(() => heard.length === 1);
    expect(heard[0]).toEqual([[[7]], 40]);

    head = 42;
    await terminateAll();
    // Back and listening: everyone is poked with the head of now (notifications meanwhile were lost).
    await until(() => heard.length === 2);
    expect(heard[1]).toEqual([['everyone'], 42]);
    expect(errors.some((e) => e.startsWith('change feed connection lost'))).toBe(true);
    await feed.publish(['everyone'], 43);
    await until(() => heard.length === 3);
    expect(heard[2]).toEqual([['everyone'], 43]);
    await feed.close();
  });
});
