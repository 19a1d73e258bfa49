// A demoted admin, as the review tried it: their open socket, on another server instance than the
// admin who demoted them, is closed within a second (the change travels through PostgreSQL
// LISTEN/NOTIFY), and their token no longer opens a socket or an admin route: no admin rows reach
// them after the demotion. On PostgreSQL only (two instances need a shared database).
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLocalAdmin } from '../../server/accounts/accounts';
import { startCentralServer, type CentralServer } from '../../server/central-server';
import { seedDemoData } from '../../server/demo-seed';
import { hashPassword } from '../../server/passwords';
import { openStore, type CentralStore } from '../../server/store';
import { login } from '../helpers/central';

const base = process.env.DATABASE_URL;

describe.skipIf(!base)('a demoted admin on another instance', () => {
  const dbName = `opta_demote_${process.pid}_${Date.now()}`;
  const stores: CentralStore[] = [];
  const servers: CentralServer[] = [];
  let second = 0;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(base!);
    u.pathname = `/${dbName}`;
    for (let i = 0; i < 2; i++) {
      const store = await openStore({ databaseUrl: u.toString() });
      if (i === 0) await seedDemoData(store, { items: 20, clients: 10, orders: 5, bigOrders: [] });
      stores.push(store);
      servers.push(await startCentralServer({ store, databaseUrl: u.toString(), logger: pino({ level: 'silent' }) }));
    }
    second = (await createLocalAdmin(stores[0]!, null, { login: 'admin2', name: 'Второй Админ' }, new Date())).id;
    await stores[0]!.queryObjects(`UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1`, [
      second,
      await hashPassword('второй-админ-пароль'),
    ]);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const s of stores) await s.close();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it('has their socket closed within a second, and their token opens nothing any more', async () => {
    const [a, b] = servers as [CentralServer, CentralServer];
    const token = (await login(b.url, 'admin2', 'второй-админ-пароль')).token;
    const ws = new WebSocket(`${b.url.replace('http', 'ws')}/sync`, { headers: { authorization: `Bearer ${token}` } });
    const messages: { type: string; code?: string }[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((r) => ws.on('open', r));
    await expect.poll(() => messages.some((m) => m.type === 'welcome')).toBe(true);

    const admin = (await login(a.url, 'admin')).token;
    const started = Date.now();
    const demoted = await fetch(`${a.url}/api/admin/accounts/settings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: second, role: 'supervisor' }),
    });
    expect(demoted.status).toBe(200);
    expect(await closed).toBe(4001);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(messages.find((m) => m.type === 'error')).toMatchObject({ code: 'token_invalid' });

    // The old token: no socket, no admin route, on either instance.
    for (const s of [a, b]) {
      const again = await new Promise<number>((resolve) => {
        const w = new WebSocket(`${s.url.replace('http', 'ws')}/sync`, {
          headers: { authorization: `Bearer ${token}` },
        });
        w.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        w.on('open', () => resolve(101));
      });
      expect(again).toBe(401);
      const route = await fetch(`${s.url}/api/admin/accounts`, { headers: { authorization: `Bearer ${token}` } });
      expect(route.status).toBe(401);
    }
  });
});
