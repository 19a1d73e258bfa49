// Fills an empty central store with the whole demo data set, in one transaction, so a start
// killed half-way leaves nothing half-seeded. Tests and load benches use it for speed; `npm
// start` does not: there the master data comes from the ERP simulator by the initial load, and
// demo-desk-seed.ts adds only what desks own.
import { generateDemoData, type DemoData, type DemoOptions } from '../db/demo/generate';
import type { CentralStore, StoreTx } from './store';
import { enqueueOrderMessage } from './orders/order-messages';
import { hashPassword } from './passwords';
import { markLoaded } from './erp/initial-load';
import { copyValue, type Query } from './query';

const CHUNK_PARAMS = 30_000;

export async function isSeeded(store: CentralStore): Promise<boolean> {
  const rows = await store.queryObjects<{ value: string }>(`SELECT value FROM server_settings WHERE key = 'demo_seed'`);
  return rows.length > 0;
}

export async function insertRows(
  tx: StoreTx,
  table: string,
  rows: Record<string, unknown>[],
  signal?: AbortSignal,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  if (tx.copyFrom) {
    for (let start = 0; start < rows.length; start += 100_000) {
      signal?.throwIfAborted();
      const text = rows
        .slice(start, start + 100_000)
        .map((row) => columns.map((c) => copyValue(row[c])).join('\t'))
        .join('\n');
      await tx.copyFrom(table, columns, `${text}\n`);
    }
    return;
  }
  const query = tx.query;
  const perChunk = Math.max(1, Math.floor(CHUNK_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    signal?.throwIfAborted();
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map(
      (row) =>
        `(${columns
          .map((c) => {
            const v = row[c];
            params.push(v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
            return `$${params.length}`;
          })
          .join(',')})`,
    );
    await query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
  }
}

/** The demo tables desks own (rules, orders, after-sales, plans, seasons), in the order they refer to each other. */
export function deskDemoTables(data: DemoData): [string, Record<string, unknown>[]][] {
  return [
    ['price_rules', data.price_rules as never],
    ['orders', data.orders as never],
    ['order_lines', data.order_lines as never],
    ['claims', data.claims],
    ['order_claims', data.order_claims],
    ['tickets', data.tickets],
    ['ticket_messages', data.ticket_messages],
    ['sales_plans', data.sales_plans],
    ['seasonal_programmes', data.seasonal_programmes],
    ['seasonal_commitments', data.seasonal_commitments],
  ];
}

export interface SeedProgress {
  (stage: string, done: number, total: number): void;
}

/** Seeds the demo data set unless the store already has it. Returns whether it seeded. */
export async function seedDemoData(
  store: CentralStore,
  options: Partial<DemoOptions> = {},
  progress?: SeedProgress,
  /** A stop asked for while seeding: the transaction rolls back and the next start seeds again. */
  signal?: AbortSignal,
): Promise<boolean> {
  if (await isSeeded(store)) return false;
  progress?.('generate', 0, 1);
  const data: DemoData = generateDemoData(options);
  const users = await Promise.all(
    data.users.map(async ({ password, ...u }) => ({ ...u, password_hash: await hashPassword(password) })),
  );
  const tables: [string, Record<string, unknown>[]][] = [
    ['users', users],
    ['warehouses', data.warehouses as never],
    ['price_types', data.price_types as never],
    ['items', data.items as never],
    ['prices', data.prices as never],
    ['stock', data.stock as never],
    ['clients', data.clients as never],
    ...deskDemoTables(data),
  ];
  const total = tables.reduce((s, [, rows]) => s + rows.length, 0);
  let done = 0;
  await store.transaction(async (tx) => {
    for (const [table, rows] of tables) {
      await insertRows(tx, table, rows, signal);
      done += rows.length;
      progress?.(table, done, total);
    }
    // Orders shown as sent to the ERP and waiting for it are really queued for it, as a submit
    // queues them, so they move on once the ERP answers.
    for (const o of data.orders) {
      if (o.status !== 'submitted') continue;
      signal?.throwIfAborted();
      await enqueueOrderMessage(tx.query, { method: 'order.submit', aggregate: `order:${o.id}`, orderId: o.id });
    }
    await tx.query(`UPDATE sync_head SET version = (SELECT last_value FROM row_version) WHERE id = 1`);
    // The master data is here already: an ERP link started on this store follows the feeds only.
    await markLoaded(tx.query as Query);
    await tx.query(`INSERT INTO server_settings (key, value) VALUES ('demo_seed', $1)`, [
      JSON.stringify({ seed: options.seed ?? null, items: data.items.length }),
    ]);
  });
  // Planner statistics for the fresh tables now, not when autovacuum gets to them: the first
  // desks' initial syncs read every table right after this.
  await store.queryObjects('ANALYZE');
  return true;
}
