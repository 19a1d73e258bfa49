// The ERP as the owner of the master data: the initial load of the demo set from the simulator
// (its own process, as 1C would be) into an empty store, beside the same rows written by one bulk
// COPY (PGlite) or multi-row INSERT (PostgreSQL) into the same kind of database in the same run;
// and an item created in the ERP → visible in a desk's catalog, at the default cadences.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createDeskCore } from '../main/desk-core';
import { startCentralServer } from '../server/central-server';
import { insertRows } from '../server/demo-seed';
import { hashPassword } from '../server/passwords';
import { openStore, type CentralStore } from '../server/store';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../scripts/processes.mjs';
import { log, percentile, ratio, type Figure } from './figures';

interface Kind {
  name: 'pglite' | 'postgres';
  open(): Promise<{ store: CentralStore; drop(): Promise<void> }>;
}

function kinds(dir: string, databaseUrl: string | undefined): Kind[] {
  let n = 0;
  const out: Kind[] = [
    {
      name: 'pglite',
      open: async () => ({
        store: await openStore({ dataDir: path.join(dir, `pglite-${n++}`) }),
        drop: async () => {},
      }),
    },
  ];
  if (databaseUrl)
    out.push({
      name: 'postgres',
      open: async () => {
        const db = `opta_bench_load_${process.pid}_${n++}`;
        const admin = new pg.Client({ connectionString: databaseUrl });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${db}`);
        await admin.end();
        const url = new URL(databaseUrl);
        url.pathname = `/${db}`;
        const store = await openStore({ databaseUrl: url.toString() });
        return {
          store,
          drop: async () => {
            await store.close();
            const c = new pg.Client({ connectionString: databaseUrl });
            await c.connect();
            await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
            await c.end();
          },
        };
      },
    });
  return out;
}

/** 1C's order history in the load, as the demo set has it. */
const HISTORY_ORDERS = 20_000;

/** The tables the load fills (master data and 1C's orders), in the order they refer to each other. */
const LOADED = ['warehouses', 'price_types', 'users', 'items', 'prices', 'stock', 'clients', 'orders', 'order_lines'];

export async function erpLoadFigures(items: number, databaseUrl: string | undefined): Promise<Figure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-erp-load-'));
  // The ERP simulator generates the demo's master data and 1C's order history in its own process.
  const erp = startTs(
    'server/erp-sim/index.ts',
    ['--port', '0', '--demo-items', String(items), '--drift-seconds', '0', '--history-orders', String(HISTORY_ORDERS)],
    {
      marker: 'OPTA_ERP_READY',
      env: { LOG_LEVEL: 'warn' },
    },
  );
  const erpUrl: string = await erp.ready;
  const { erpOrders } = (await (await fetch(`${erpUrl}/admin/ledger`)).json()) as { erpOrders: number };
  const figures: Figure[] = [];
  try {
    for (const kind of kinds(dir, databaseUrl)) {
      log(`ERP initial load into ${kind.name}: master data and ${erpOrders.toLocaleString('en')} orders…`);
      const target = await kind.open();
      const started = performance.now();
      const server = await startCentralServer({
        store: target.store,
        logger: pino({ level: 'silent' }),
        erpUrl,
        filesDir: path.join(dir, `files-${kind.name}`),
      });
      await server.erpLink!.loaded;
      const masterMs = performance.now() - started;
      // Then 1C's order history, by the orders feed from its start, at the default cadence.
      for (;;) {
        const [count] = await target.store.queryObjects<{ n: number }>(
          `SELECT count(*)::int AS n FROM orders WHERE origin = 'erp'`,
        );
        if (count!.n >= erpOrders) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const loadMs = performance.now() - started;
      // The same rows, as the load left them, written by one bulk COPY / INSERT into a fresh store.
      const rawTables: [string, Record<string, unknown>[]][] = [];
      for (const table of LOADED)
        rawTables.push([table, await target.store.queryObjects<Record<string, unknown>>(`SELECT * FROM ${table}`)]);
      const rows = rawTables.reduce((sum, [, r]) => sum + r.length, 0);
      if (kind.name === 'pglite') figures.push(await newItemToDesk(server.url, target.store, erpUrl, dir));
      await server.close();
      await target.drop();

      const raw = await kind.open();
      const rawStarted = performance.now();
      await raw.store.transaction(async (tx) => {
        for (const [table, tableRows] of rawTables) await insertRows(tx, table, tableRows);
      });
      const rawMs = performance.now() - rawStarted;
      await raw.drop();
      figures.push(
        {
          id: `erp.initial_load_s.${kind.name}`,
          value: Number((loadMs / 1000).toFixed(1)),
          unit: 's',
          budget: null,
          note: `${rows.toLocaleString('en')} rows (warehouses, price types, staff, ${items.toLocaleString('en')} items, prices, stock, clients; ${erpOrders.toLocaleString('en')} orders of 1C's history with their lines) from the simulator: master data by snapshots of 5,000 in ${(masterMs / 1000).toFixed(1)} s, then the history by the orders feed; ${Math.round(rows / (loadMs / 1000)).toLocaleString('en')} rows/s`,
        },
        {
          id: `erp.initial_load.fraction_of_raw_copy.${kind.name}`,
          value: ratio(rawMs, loadMs),
          unit: 'ratio',
          budget: 0.3,
          min: true,
          note: `the same rows by one bulk ${kind.name === 'pglite' ? 'COPY' : 'multi-row INSERT'} into the same kind of store: ${(rawMs / 1000).toFixed(1)} s`,
        },
      );
    }
  } finally {
    erp.child.kill('SIGTERM');
  }
  return figures;
}

/** 50 items created in the ERP one after another, each timed until a signed-in desk's catalog has it. */
async function newItemToDesk(serverUrl: string, store: CentralStore, erpUrl: string, dir: string): Promise<Figure> {
  log('new items in the ERP → a desk’s catalog…');
  await store.queryObjects(`UPDATE users SET password_hash = $1 WHERE login = 'manager1'`, [
    await hashPassword('bench1234'),
  ]);
  const core = createDeskCore({
    dataDir: path.join(dir, 'desk'),
    serverUrl,
    shell: 'web',
    locale: 'ru',
    version: 'bench',
  });
  await core.handlers['session.login']({ login: 'manager1', password: 'bench1234' });
  while (!core.status().lastSyncAt) await new Promise((r) => setTimeout(r, 50));
  const post = (body: unknown) => fetch(`${erpUrl}/admin/master`, { method: 'POST', body: JSON.stringify(body) });
  const times: number[] = [];
  for (let n = 0; n < 50; n++) {
    const id = 900_000 + n;
    // Spread over the feeds' cadence, as 1C users' work is.
    await new Promise((r) => setTimeout(r, Math.random() * 1000));
    const started = performance.now();
    await post({
      entity: 'items',
      op: 'put',
      data: { id, article: `BENCH-${id}`, name: `Новая позиция ${id}`, unit: 'шт', vatRate: '22.00' },
    });
    await post({ entity: 'prices', op: 'put', data: { itemId: id, priceTypeId: 1, price: '10.0000' } });
    for (;;) {
      const found = await Promise.resolve()
        .then(() => core.handlers['catalog.item']({ id }))
        .catch(() => null);
      if (found) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    times.push(performance.now() - started);
  }
  await core.close();
  return {
    id: 'erp.new_item_to_desk_p95_ms',
    value: Math.round(percentile(times, 95)),
    unit: 'ms',
    budget: 3000,
    note: `p95 over 50 items (put in the ERP → in a signed-in desk's replica); p50 ${Math.round(percentile(times, 50))} ms; master feeds read every second`,
  };
}
