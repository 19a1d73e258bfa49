// Two server processes' worth of servers on one PostgreSQL database: desks connected to
// different instances see each other's changes (pokes travel through LISTEN/NOTIFY).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { startCentralServer, type CentralServer } from '../../server/central-server';
import { seedDemoData } from '../../server/demo-seed';
import { openStore, type CentralStore } from '../../server/store';

const base = process.env.DATABASE_URL;

describe.skipIf(!base)('two server instances on one PostgreSQL', () => {
  const dbName = `opta_mi_${process.pid}_${Date.now()}`;
  let url: string;
  const stores: CentralStore[] = [];
  const servers: CentralServer[] = [];
  const cores: DeskCore[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(base!);
    u.pathname = `/${dbName}`;
    url = u.toString();
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ databaseUrl: url });
      if (i === 0) await seedDemoData(store, { items: 100, clients: 30, orders: 20, bigOrders: [] });
      stores.push(store);
      servers.push(await startCentralServer({ store, databaseUrl: url, logger: pino({ level: 'silent' }) }));
    }
  });
  afterAll(async () => {
    for (const c of cores) await c.close();
    for (const s of servers) await s.close();
    for (const s of stores) await s.close();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  const until = async (cond: () => boolean | Promise<boolean>): Promise<void> => {
    const end = Date.now() + 20_000;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('a change committed through one instance pokes a desk on the other', async () => {
    for (const [i, login] of ['manager1', 'supervisor1'].entries()) {
      const core = createDeskCore({
        dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-mi-')),
        serverUrl: servers[i]!.url,
        shell: 'web',
        locale: 'ru',
        version: 'test',
      });
      await core.handlers['session.login']({ login, password: 'demo1234' });
      await until(() => core.status().lastSyncAt !== null);
      cores.push(core);
    }
    const [a, b] = cores as [DeskCore, DeskCore];
    const client = (await a.handlers['clients.list']({}))[0]!;
    const card = await a.handlers['clients.card']({ id: client.id });
    const started = Date.now();
    await a.handlers['clients.updateCard']({
      clientId: client.id,
      baseVersion: card.version,
      patch: { notes: 'через другой сервер' },
    });
    await until(async () => (await b.handlers['clients.card']({ id: client.id })).notes === 'через другой сервер');
    // Not by polling: a poke arrived well within the heartbeat interval.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('both instances carry on after PostgreSQL cut every connection (a restart, a failover)', async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    const cut = await admin.query(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1',
      [dbName],
    );
    await admin.end();
    // The pools' idle connections and both LISTEN connections.
    expect(cut.rows[0].n).toBeGreaterThanOrEqual(4);
    const [a, b] = cores as [DeskCore, DeskCore];
    const client = (await a.handlers['clients.list']({}))[0]!;
    const card = await a.handlers['clients.card']({ id: client.id });
    await a.handlers['clients.updateCard']({
      clientId: client.id,
      baseVersion: card.version,
      patch: { notes: 'после обрыва базы' },
    });
    // The feed listens again within a second; the poke crosses instances again.
    await until(async () => (await b.handlers['clients.card']({ id: client.id })).notes === 'после обрыва базы');
  });
});
