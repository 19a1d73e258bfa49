// Two-way sync figures for `npm run bench`: local mutation latency, propagation between desks,
// delta pull apply rate, reconnect after 20,000 changes, and the ERP link's drain and status
// delivery (loopback only, bounded in time). The server under many desks: bench/server-load.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDeskCore, type DeskCore } from '../main/desk-core';
import { createLocalChanges, type LocalChanges } from '../main/sync/local-changes';
import { openReplica } from '../main/sync/replica';
import { createSyncClient } from '../main/sync/sync-client';
import { advanceHead, WRITE_LOCK } from '../server/row-store';
import type { CentralStore } from '../server/store';
import { percentile } from './figures';

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
