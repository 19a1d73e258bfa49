// The demo's desk-side data, added after the master data came from the ERP (simulator) by the
// initial load, as a distributor's own would be entered on the desks: the administrator's account,
// the demo password for the staff the ERP sent, client coefficients, price rules, orders, claims,
// tickets and sales plans. One transaction under the write lock, so a start killed half-way
// leaves nothing half-seeded and desks never see a version committed out of order.
import { generateDemoData, type DemoOptions } from '../db/demo/generate';
import { DEMO_PASSWORD } from '../db/demo/demo-types';
import { deskDemoTables, insertRows } from './demo-seed';
import { enqueueOrderMessage } from './orders/order-messages';
import { hashPassword } from './passwords';
import type { Query } from './query';
import { WRITE_LOCK } from './row-store';
import type { CentralStore } from './store';

export async function seedDemoDeskData(
  store: CentralStore,
  options: Partial<DemoOptions>,
  signal?: AbortSignal,
): Promise<boolean> {
  const [seeded] = await store.queryObjects(`SELECT 1 FROM server_settings WHERE key = 'demo_seed'`);
  if (seeded) return false;
  const data = generateDemoData(options);
  const hash = await hashPassword(DEMO_PASSWORD);
  const admin = data.users.find((u) => u.role === 'admin')!;
  await store.transaction(async (tx) => {
    const query = tx.query as Query;
    await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    await query(
      `INSERT INTO users (id, login, name, role, supervisor_id, active, password_hash) VALUES ($1, $2, $3, 'admin', NULL, true, $4)
       ON CONFLICT (id) DO NOTHING`,
      [admin.id, admin.login, admin.name, hash],
    );
    // Staff from the ERP sign in with the demo password (a real company's admin sets each one's).
    await query(`UPDATE users SET password_hash = $1, version = nextval('row_version') WHERE password_hash = ''`, [
      hash,
    ]);
    await query(
      `UPDATE clients c SET coefficient = x.coefficient, coefficient_rules = x.rules, version = nextval('row_version')
       FROM jsonb_to_recordset($1::jsonb) AS x(id int, coefficient numeric, rules jsonb) WHERE c.id = x.id`,
      [JSON.stringify(data.clients.map((c) => ({ id: c.id, coefficient: c.coefficient, rules: c.coefficient_rules })))],
    );
    const tables = deskDemoTables(data);
    for (const [table, rows] of tables) await insertRows(tx, table, rows, signal);
    // Submitted orders wait for 1C; the open reserves and preorders are 1C's too (it holds their
    // stock, secures their goods), so it hears of them as it would have when they were made.
    const open = (o: { kind: string; status: string }) =>
      (o.kind === 'reserve' || o.kind === 'preorder') && (o.status === 'accepted' || o.status === 'processing');
    for (const o of data.orders) {
      if (o.status !== 'submitted' && !open(o)) continue;
      signal?.throwIfAborted();
      await enqueueOrderMessage(query, { method: 'order.submit', aggregate: `order:${o.id}`, orderId: o.id });
    }
    await query(`UPDATE sync_head SET version = GREATEST(version, (SELECT last_value FROM row_version)) WHERE id = 1`);
    await query(`INSERT INTO server_settings (key, value) VALUES ('demo_seed', $1)`, [
      JSON.stringify({ seed: options.seed ?? null, items: data.items.length, via: 'erp' }),
    ]);
  });
  await store.queryObjects('ANALYZE');
  return true;
}
