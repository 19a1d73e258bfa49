// Two-way sync figures for `npm run bench`: local mutation latency, propagation between desks,
// delta pull apply rate, reconnect after 20,000 changes, and server acknowledgement latency
// with 200 simulated desks pushing one mutation a second (loopback only, bounded in time).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { createDeskCore, type DeskCore } from '../main/desk-core';
import { createLocalChanges, type LocalChanges } from '../main/sync/local-changes';
import { openReplica } from '../main/sync/replica';
import { createSyncClient } from '../main/sync/sync-client';
import { advanceHead, WRITE_LOCK } from '../server/row-store';
import type { CentralStore } from '../server/store';

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function signedInDesk(serverUrl: string, login: string): Promise<DeskCore> {
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-bench-desk-')),
    serverUrl,
    shell: 'web',
    locale: 'ru',
    version: 'bench',
  });
  await core.handlers['session.login']({ login, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null && core.status().progress === null);
  return core;
}

/** Local mutation latency (apply + outbox + notify) and desk-to-desk propagation. */
export async function mutationAndPropagation(
  serverUrl: string,
  iterations: number,
): Promise<{ localP50: number; localP99: number; propP50: number; propP95: number }> {
  const a = await signedInDesk(serverUrl, 'manager1');
  const b = await signedInDesk(serverUrl, 'supervisor1');
  const clients = (a.handlers['clients.list']({}) as { id: number }[]).slice(0, 5);
  const local: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const c = clients[i % clients.length]!;
    const version = (a.handlers['clients.card']({ id: c.id }) as { version: number }).version;
    const t0 = performance.now();
    a.handlers['clients.updateCard']({ clientId: c.id, baseVersion: version, patch: { notes: `bench ${i}` } });
    local.push(performance.now() - t0);
  }
  await until(() => a.status().pending === 0);
  const prop: number[] = [];
  let seen: { key: string; at: number } | null = null;
  b.subscribe((event, payload) => {
    if (event !== 'replica.changed') return;
    const rows = (payload as { rows: Record<string, string[]> }).rows.clients ?? [];
    for (const key of rows) seen = { key, at: performance.now() };
  });
  for (let i = 0; i < 60; i++) {
    const c = clients[i % clients.length]!;
    const version = (a.handlers['clients.card']({ id: c.id }) as { version: number }).version;
    seen = null;
    const t0 = performance.now();
    a.handlers['clients.updateCard']({ clientId: c.id, baseVersion: version, patch: { notes: `prop ${i}` } });
    await until(
      () =>
        (seen as { key: string } | null)?.key === String(c.id) &&
        (b.handlers['clients.card']({ id: c.id }) as { notes: string }).notes === `prop ${i}`,
      10_000,
    );
    prop.push(seen!.at - t0);
  }
  await a.close();
  await b.close();
  return {
    localP50: percentile(local, 50),
    localP99: percentile(local, 99),
    propP50: percentile(prop, 50),
    propP95: percentile(prop, 95),
  };
}

/** Server-side changes to `count` price rows (new versions), as the ERP feed will make them. */
async function changePrices(store: CentralStore, count: number): Promise<void> {
  await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    await tx.query(
      `UPDATE prices SET price = price + 0.01, version = nextval('row_version') WHERE (item_id, price_type_id) IN (SELECT item_id, price_type_id FROM prices ORDER BY item_id, price_type_id LIMIT $1)`,
      [count],
    );
    await advanceHead(tx.query as never);
  });
}

/** Reconnect after `changes` changes in scope: time to caught up, and the apply rate of the delta. */
export async function reconnectAfterChanges(
  store: CentralStore,
  serverUrl: string,
  changes: number,
): Promise<{ reconnectMs: number; applyRowsPerS: number; endToEndRowsPerS: number }> {
  const res = await fetch(`${serverUrl}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ login: 'manager2', password: 'demo1234' }),
  });
  const { token, user } = (await res.json()) as { token: string; user: { id: number; role: 'manager' } };
  const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-bench-rc-')), 'r.sqlite'));
  const inner = createLocalChanges({ replica, user: () => user });
  let applyMs = 0;
  let applied = 0;
  const timed: LocalChanges = {
    ...inner,
    applyServerBatch(c, cursor) {
      const t0 = performance.now();
      const out = inner.applyServerBatch(c, cursor);
      applyMs += performance.now() - t0;
      applied += c.reduce((s, t) => s + t.rows.length, 0);
      return out;
    },
  };
  let caughtUp = 0;
  const client = createSyncClient({
    serverUrl,
    token: () => token,
    replica,
    changes: timed,
    onCaughtUp: () => caughtUp++,
  });
  client.start();
  await until(() => caughtUp > 0);
  await client.stop();
  await changePrices(store, changes);
  applyMs = 0;
  applied = 0;
  const before = caughtUp;
  const t0 = performance.now();
  client.start();
  await until(() => caughtUp > before);
  const reconnectMs = performance.now() - t0;
  await client.stop();
  replica.close();
  return { reconnectMs, applyRowsPerS: applied / (applyMs / 1000), endToEndRowsPerS: applied / (reconnectMs / 1000) };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** 200 simulated desks, each pushing one mutation a second, against a server in its own process. */
export async function serverAckLoad(
  desks: number,
  seconds: number,
  databaseUrl?: string,
): Promise<{ p50: number; p95: number; p99: number; acks: number; cpuCores: number; errors: number; storage: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-load-'));
  let dropDb: (() => Promise<void>) | null = null;
  let storeUrl = '';
  if (databaseUrl) {
    // A database of its own, dropped afterwards.
    const name = `opta_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${name}`;
    storeUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  // One person per desk, as in an office: 200 managers (and 10 supervisors) share 300 clients.
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.resolve('server/index.ts'),
      '--data',
      dataDir,
      '--port',
      '0',
      '--demo-items',
      '1000',
      '--demo-managers',
      String(desks),
      '--demo-supervisors',
      '10',
    ],
    { env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: storeUrl } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      const m = /OPTA_SERVER_READY (\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    proc.once('exit', () => reject(new Error('server exited')));
  });
  const tokens: { token: string; clientIds: number[] }[] = await Promise.all(
    Array.from({ length: desks }, async (_, m) => {
      const r = await fetch(`${url}/api/login`, {
        method: 'POST',
        body: JSON.stringify({ login: `manager${m + 1}`, password: 'demo1234' }),
      });
      return { token: ((await r.json()) as { token: string }).token, clientIds: [] as number[] };
    }),
  );
  // Clients in each manager's scope (demo data assigns them round-robin).
  for (let c = 1; c <= 300; c++) tokens[(c - 1) % desks]!.clientIds.push(c);
  const latencies: number[] = [];
  let errors = 0;
  interface SimDesk {
    ws: WebSocket;
    who: (typeof tokens)[number];
    clientId: string;
    seq: number;
    sentAt: Map<number, number>;
  }
  // Connect every desk first; the measured window is pushes only.
  const sims: SimDesk[] = await Promise.all(
    Array.from({ length: desks }, async (_, i) => {
      const who = tokens[i]!;
      const ws = new WebSocket(`${url.replace('http', 'ws')}/sync`, {
        headers: { authorization: `Bearer ${who.token}` },
      });
      const sim: SimDesk = { ws, who, clientId: randomUUID(), seq: 0, sentAt: new Map() };
      let cursor = 0;
      // Like the real desk: one pull at a time; pokes during a pull make one more pull after it.
      let inFlight = false;
      let again = false;
      const pull = (): void => {
        if (inFlight) {
          again = true;
          return;
        }
        inFlight = true;
        ws.send(JSON.stringify({ type: 'pull', cursor }));
      };
      ws.on('message', (d) => {
        const msg = JSON.parse(d.toString()) as {
          type: string;
          headVersion?: number;
          cursor?: number;
          results?: { seq: number; status: string }[];
        };
        if (msg.type === 'welcome') cursor = msg.headVersion!;
        else if (msg.type === 'ack') {
          for (const r of msg.results!) {
            const t = sim.sentAt.get(r.seq);
            if (t !== undefined) latencies.push(performance.now() - t);
            if (r.status === 'rejected') errors++;
          }
        } else if (msg.type === 'poke') pull();
        else if (msg.type === 'batch') {
          cursor = msg.cursor!;
          if ((msg as { done?: boolean }).done) {
            inFlight = false;
            if (again) {
              again = false;
              pull();
            }
          } else ws.send(JSON.stringify({ type: 'pull', cursor }));
        }
      });
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      return sim;
    }),
  );
  const cpuStart = cpuSeconds(proc.pid!);
  const started = Date.now();
  const stopAt = started + seconds * 1000;
  await Promise.all(
    sims.map(async (sim, i) => {
      // Spread the desks over the second so load is steady, as with real people.
      await new Promise((r) => setTimeout(r, (i / sims.length) * 1000));
      while (Date.now() < stopAt && sim.ws.readyState === WebSocket.OPEN) {
        sim.seq++;
        const clientIdNo = sim.who.clientIds[(i + sim.seq) % sim.who.clientIds.length]!;
        sim.sentAt.set(sim.seq, performance.now());
        sim.ws.send(
          JSON.stringify({
            type: 'push',
            clientId: sim.clientId,
            mutations: [
              {
                seq: sim.seq,
                name: 'client.updateCard@1',
                args: { clientId: clientIdNo, baseVersion: 0, patch: { notes: `load ${i}/${sim.seq}` } },
              },
            ],
          }),
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
    }),
  );
  await new Promise((r) => setTimeout(r, 1000));
  const cpuCores = (cpuSeconds(proc.pid!) - cpuStart) / ((Date.now() - started) / 1000);
  for (const sim of sims) sim.ws.close();
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  await dropDb?.();
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    acks: latencies.length,
    cpuCores,
    errors,
    storage: databaseUrl ? 'PostgreSQL' : 'PGlite',
  };
}

/** A backlog of queued ERP messages drained once the ERP is back: rate, lost and duplicated. */
export async function erpDrain(
  store: CentralStore,
  messages: number,
): Promise<{ perS: number; lost: number; duplicated: number }> {
  const { startErpSimulator } = await import('../server/erp-sim/simulator');
  const { createDeliveryWorker } = await import('../server/erp/delivery-worker');
  const erp = await startErpSimulator();
  // 2,000 orders with 5 messages each (submit, then changes), queued while the ERP was down.
  const perOrder = 5;
  await store.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO erp_outbox (aggregate, seq, method, params, idempotency_key)
      SELECT 'order:' || o, s, CASE WHEN s = 1 THEN 'order.submit' ELSE 'order.change' END,
        jsonb_build_object('order', jsonb_build_object('orderId', 'o' || o), 'lines', '[]'::jsonb, 'step', s), 'order:' || o || '#' || s
      FROM generate_series(1, $1::int) o, generate_series(1, $2::int) s`,
      [Math.ceil(messages / perOrder), perOrder],
    );
  });
  const worker = createDeliveryWorker({ store, erpUrl: erp.url, batchSize: 500, idleMs: 5 });
  const t0 = performance.now();
  worker.start();
  const pending = async (): Promise<number> =>
    Number((await store.queryArrays(`SELECT count(*) FROM erp_outbox WHERE status = 'pending'`))[0]![0]);
  while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - t0) / 1000;
  await worker.stop();
  const keys = Number((await store.queryArrays(`SELECT count(*) FROM erp_outbox`))[0]![0]);
  const lost = keys - erp.ledger.size;
  const duplicated = erp.applied.length - erp.ledger.size;
  await erp.close();
  return { perS: keys / seconds, lost, duplicated };
}

/**
 * ERP status → desk: orders accepted by the simulator move on every 1.5 s; each time a desk sees
 * a new status, the delay since the simulator changed it. Bounded below by the status feed's
 * polling cadence (default 1 s), plus the write, the poke and the pull.
 */
export async function erpStatusToDesk(
  store: CentralStore,
  orders: number,
): Promise<{ p50: number; p95: number; samples: number }> {
  const { startErpSimulator } = await import('../server/erp-sim/simulator');
  const { startCentralServer } = await import('../server/central-server');
  const pino = (await import('pino')).default;
  const erp = await startErpSimulator({ progressMs: 1500 });
  const server = await startCentralServer({ store, logger: pino({ level: 'silent' }), erpUrl: erp.url });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-erp-'));
  const core = createDeskCore({ dataDir: dir, serverUrl: server.url, shell: 'web', locale: 'ru', version: 'bench' });
  await core.handlers['session.login']({ login: 'manager2', password: 'demo1234' });
  while (!core.status().lastSyncAt) await new Promise((r) => setTimeout(r, 50));
  // Prepaid clients: no credit limit between the backlog and the ERP.
  const clients = (core.handlers['clients.list']({}) as { id: number; paymentTerms: string }[]).filter((c) =>
    /Предоплат/.test(c.paymentTerms),
  );
  const item = (core.handlers['catalog.page']({}) as { rows: { id: number; packSize: number }[] }).rows[0]!;
  const ids = new Set<string>();
  const seen = new Map<string, string>();
  const delays: number[] = [];
  const off = core.subscribe((event, payload) => {
    if (event !== 'replica.changed') return;
    const keys = (payload as { rows: Record<string, string[]> }).rows.orders ?? [];
    for (const id of keys) {
      if (!ids.has(id)) continue;
      const status = (core.handlers['orders.get']({ id }) as { status: string }).status;
      if (seen.get(id) === status) continue;
      seen.set(id, status);
      const there = erp.orders.get(id);
      if (there && there.status === status && status !== 'accepted') delays.push(Date.now() - there.statusAt);
    }
  });
  for (let n = 0; n < orders; n++) {
    const { id } = core.handlers['orders.create']({
      clientId: clients[n % clients.length]!.id,
      kind: 'order',
      warehouseId: 1,
    }) as { id: string };
    ids.add(id);
    core.handlers['orders.addLines']({
      orderId: id,
      lines: [{ itemId: item.id, quantity: String(item.packSize), price: '99999.0000', overrideReason: 'agreed' }],
      label: 'add',
    });
    core.handlers['orders.submit']({
      id,
      checkDigest: (core.handlers['orders.submitCheck']({ id }) as { digest: string }).digest,
    });
  }
  const deadline = Date.now() + 60_000;
  while (delays.length < orders * 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  off();
  await core.close();
  await server.close();
  await erp.close();
  rmSync(dir, { recursive: true, force: true });
  const sorted = [...delays].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), samples: sorted.length };
}
