import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { createLocalChanges } from './local-changes';
import { openReplica } from './replica';
import { seededReplica } from './test-replica';

const tmpFile = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-rep-')), 'replica.sqlite');

/** A replica file as the app left it before migration `tag` (the later migrations held back), open for writing its rows. */
function replicaBefore(tag: string): { file: string; old: Database.Database } {
  const before = mkdtempSync(path.join(os.tmpdir(), 'opta-mig-'));
  cpSync('db/replica/migrations', before, { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(before, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify(journal));
  const file = tmpFile();
  const old = new Database(file);
  migrate(drizzle(old), { migrationsFolder: before });
  return { file, old };
}

describe('replica file', () => {
  it('is created, migrated and in WAL mode', () => {
    const r = openReplica(tmpFile());
    expect(r.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(r.cursor()).toBe(0);
    r.close();
  });

  it('migrates a file from an older schema (no tables yet) and keeps its desk state', () => {
    const file = tmpFile();
    const old = new Database(file);
    old.exec(`CREATE TABLE legacy_note (x TEXT); INSERT INTO legacy_note VALUES ('kept');`);
    old.close();
    const r = openReplica(file);
    expect(r.sqlite.prepare('SELECT x FROM legacy_note').pluck().get()).toBe('kept');
    expect(r.rowCount()).toBe(0);
    r.close();
  });

  it('migration 0003 (costs, order header): old rows get defaults, the desk pulls everything again, pending changes stay', () => {
    // A replica written by the app as it was at migration 0002, with a cursor and a queued change.
    const { file, old } = replicaBefore('0003');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '4242')`).run();
    old
      .prepare(
        `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, comment, lines_count, total, created_at, version) VALUES ('o1', 1, 100, 'order', 'draft', 1, '', 0, '0.00', '2026-11-01', 7)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO outbox (seq, mutation, args, aggregate, created_at) VALUES (1, 'order.setLines@1', '{}', 'order:o1', '2026-11-01')`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(0);
    expect(
      r.sqlite
        .prepare(`SELECT cost_total, delivery_method, delivery_address, agreement FROM orders WHERE id = 'o1'`)
        .get(),
    ).toEqual({ cost_total: '0', delivery_method: 'delivery', delivery_address: '', agreement: null });
    expect(r.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    r.close();
  });

  it('migration 0004 (price rules): the desk pulls everything again to get the rules, client groups and coefficients', () => {
    const { file, old } = replicaBefore('0004');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '777')`).run();
    old
      .prepare(
        `INSERT INTO price_types (id, code, name, with_vat, is_base, version) VALUES (1, 'BASE', 'Базовая', 1, 1, 1)`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(0);
    expect(r.sqlite.prepare('SELECT places FROM price_types').pluck().get()).toBe(4);
    expect(r.sqlite.prepare('SELECT count(*) FROM price_rules').pluck().get()).toBe(0);
    r.close();
  });

  it('migration 0005 (approvals, audit, override reasons): lines keep their data with no reason, the cursor stays (nothing new on the server yet)', () => {
    const { file, old } = replicaBefore('0005');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '777')`).run();
    old
      .prepare(
        `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, comment, version)
      VALUES ('l1', 'o1', 100, 1, 1, '2', '5.0000', 'manual', '0', '10.00', '', 3)`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(777);
    expect(r.sqlite.prepare('SELECT price, override_reason, override_note FROM order_lines').get()).toEqual({
      price: '5.0000',
      override_reason: '',
      override_note: '',
    });
    expect(r.sqlite.prepare('SELECT count(*) FROM price_approvals').pluck().get()).toBe(0);
    expect(r.sqlite.prepare('SELECT count(*) FROM price_audit').pluck().get()).toBe(0);
    r.close();
  });

  it('migration 0006 (claims, tickets, local files): the cursor stays, the new tables start empty', () => {
    const { file, old } = replicaBefore('0006');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '888')`).run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(888);
    for (const table of ['claims', 'order_claims', 'tickets', 'ticket_messages', 'local_files', 'seen_notices'])
      expect(r.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    r.close();
  });

  it('migration 0007 (sales plans, orders by submit time): the cursor stays (plans arrive as the ERP sends them), orders keep their data', () => {
    const { file, old } = replicaBefore('0007');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '999')`).run();
    old
      .prepare(
        `INSERT INTO orders (id, number, client_id, manager_id, kind, status, warehouse_id, comment, lines_count, total, created_at, submitted_at, version)
      VALUES ('o1', 'ДМ-1', 1, 100, 'order', 'closed', 1, '', 1, '10.00', '2026-11-01T10:00:00.000Z', '2026-11-01T10:00:00.000Z', 5)`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(999);
    expect(r.sqlite.prepare('SELECT count(*) FROM sales_plans').pluck().get()).toBe(0);
    expect(r.sqlite.prepare('SELECT total, submitted_at FROM orders').get()).toEqual({
      total: '10.00',
      submitted_at: '2026-11-01T10:00:00.000Z',
    });
    // The dashboards' period filter reads orders through the new index.
    expect(
      JSON.stringify(
        r.sqlite
          .prepare(`EXPLAIN QUERY PLAN SELECT id FROM orders WHERE submitted_at >= ? AND submitted_at < ?`)
          .all('2026-11-01', '2026-12-01'),
      ),
    ).toContain('orders_submitted');
    r.close();
  });

  it('migration 0008 (order totals per product group): totals are built from the lines already there, the cursor stays', () => {
    const { file, old } = replicaBefore('0008');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '1234')`).run();
    old
      .prepare(
        `INSERT INTO items (id, article, name, manufacturer, group_name, unit, pack_size, attributes, lifecycle, vat_rate, cost, weight_kg, volume_m3, key_lookalike, key_translit, search_text, version)
      VALUES (1, 'A1', 'n', 'm', 'Транзисторы', 'шт', 1, '{}', 'active', '22.00', '1.2345', '0', '0', 'a1', 'a1', 'a1', 1)`,
      )
      .run();
    const line = old.prepare(
      `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, comment, cost, version) VALUES (?, 'o1', 100, ?, 1, ?, '5.0000', 'client', '0', ?, '', '1.2345', 3)`,
    );
    line.run('l1', 1, '3', '15.00');
    line.run('l2', 2, '7', '35.00');
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(1234);
    // Cost: 3 × 1.2345 = 3.70 and 7 × 1.2345 = 8.64 (half up), 12.34 in all.
    expect(r.sqlite.prepare('SELECT order_id, group_name, sales, cost, lines FROM order_group_totals').all()).toEqual([
      { order_id: 'o1', group_name: 'Транзисторы', sales: 5000, cost: 1234, lines: 2 },
    ]);
    r.close();
  });

  it('migration 0009 (applied mutations kept until their rows are pulled): queued changes stay queued, nothing to pull again', () => {
    const { file, old } = replicaBefore('0009');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '77')`).run();
    old
      .prepare(
        `INSERT INTO outbox (seq, mutation, args, aggregate, created_at, status) VALUES (1, 'client.updateCard@1', '{}', 'client:1', '2026-11-01T10:00:00.000Z', 'pending')`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(77);
    expect(r.sqlite.prepare('SELECT seq, status, applied_version FROM outbox').all()).toEqual([
      { seq: 1, status: 'pending', applied_version: null },
    ]);
    r.close();
  });

  it('migration 0010 (line numbers from the order): each order knows its last line number, the cursor stays', () => {
    const { file, old } = replicaBefore('0010');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '77')`).run();
    old
      .prepare(
        `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, comment, lines_count, total, created_at, version)
         VALUES ('o1', 1, 100, 'order', 'draft', 1, '', 2, '2.00', '2026-11-01', 1), ('o2', 1, 100, 'order', 'draft', 1, '', 0, '0', '2026-11-01', 2)`,
      )
      .run();
    for (const [id, no] of [
      ['a', 1],
      ['b', 7],
    ] as const)
      old
        .prepare(
          `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, comment, version)
           VALUES (?, 'o1', 100, ?, 1, '1', '1', 'client', '0', '1.00', '', 3)`,
        )
        .run(id, no);
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(77);
    expect(r.sqlite.prepare('SELECT id, last_line_no FROM orders ORDER BY id').all()).toEqual([
      { id: 'o1', last_line_no: 7 },
      { id: 'o2', last_line_no: 0 },
    ]);
    r.close();
  });

  it('migration 0016 (reserves and preorders): orders and lines keep their data, hold nothing, the cursor stays', () => {
    const { file, old } = replicaBefore('0016');
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '91')`).run();
    old
      .prepare(
        `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, comment, lines_count, total, created_at, version)
         VALUES ('o1', 1, 100, 'reserve', 'accepted', 1, '', 1, '2.00', '2026-11-01', 1)`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, comment, version)
         VALUES ('a', 'o1', 100, 1, 1, '2', '1', 'client', '0', '2.00', '', 2)`,
      )
      .run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(91);
    expect(
      r.sqlite.prepare('SELECT kind, held_until, hold_state, hold_request, from_order_id FROM orders').get(),
    ).toEqual({ kind: 'reserve', held_until: null, hold_state: null, hold_request: null, from_order_id: null });
    expect(r.sqlite.prepare('SELECT quantity, held, secured, converted, from_line_id FROM order_lines').get()).toEqual({
      quantity: '2',
      held: null,
      secured: null,
      converted: '0',
      from_line_id: null,
    });
    r.close();
  });

  it('moves a corrupt file aside, starts clean and says so', () => {
    const file = tmpFile();
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const notices: string[] = [];
    const r = openReplica(file, { onNotice: (n) => notices.push(n) });
    expect(r.cursor()).toBe(0);
    expect(notices[0]).toMatch(/^replica_corrupt_moved:replica\.sqlite\.corrupt-/);
    expect(readdirSync(path.dirname(file)).some((f) => f.includes('.corrupt-'))).toBe(true);
    r.close();
  });

  it('refuses a replica written by a newer app, leaving it untouched', () => {
    const file = tmpFile();
    openReplica(file).close();
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'future',
      Date.now() + 365 * 86400_000,
    );
    db.close();
    expect(() => openReplica(file)).toThrow(/newer version/);
    expect(existsSync(file)).toBe(true);
  });

  it('applies a batch and its cursor together, or neither', () => {
    const r = openReplica(tmpFile());
    const changes = createLocalChanges({ replica: r, user: () => ({ id: 100, role: 'manager' }) });
    const row = (id: number, article: unknown) => [
      id,
      article,
      'n',
      'm',
      'g',
      'шт',
      1,
      {},
      null,
      'active',
      '22.00',
      '1.5000',
      '0.010000',
      '0.000001000',
      '',
      id,
      false,
    ];
    changes.applyServerBatch([{ table: 'items', rows: [row(1, 'A1')] }], 10);
    // The second row violates NOT NULL: the whole batch and its cursor roll back.
    expect(() => changes.applyServerBatch([{ table: 'items', rows: [row(2, 'B2'), row(3, null)] }], 20)).toThrow();
    expect(r.cursor()).toBe(10);
    expect(r.sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    // Tombstones delete.
    changes.applyServerBatch([{ table: 'items', rows: [[...row(1, 'A1').slice(0, 16), true]] }], 30);
    expect(r.sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    r.close();
  });

  it('reads many rows at once as it reads them one by one (text, number and two-column keys)', () => {
    const t = seededReplica({ items: 300, orders: 10 });
    const r = t.replica;
    const sample = (sql: string): string[] => r.sqlite.prepare(sql).pluck().all() as string[];
    for (const [table, keys] of [
      ['order_lines', sample(`SELECT id FROM order_lines LIMIT 40`)],
      ['clients', sample(`SELECT CAST(id AS TEXT) FROM clients`)],
      ['stock', sample(`SELECT item_id || ':' || warehouse_id FROM stock LIMIT 30`)],
    ] as const) {
      const asked = [...keys, ...(table === 'stock' ? ['999999:1'] : ['no-such-row', '999999'])];
      const many = r.readRows(table, asked);
      expect(many.size).toBe(keys.length);
      for (const key of asked) expect(many.get(key) ?? null).toEqual(r.readRow(table, key));
    }
    r.close();
  });

  it('an edit after a rolled-back edit of the same order still leaves its totals to recount', () => {
    const t = seededReplica({ items: 300, orders: 10 });
    const r = t.replica;
    const id = r.sqlite.prepare(`SELECT id FROM order_lines LIMIT 1`).pluck().get() as string;
    const line = r.readRow('order_lines', id)!;
    r.recountTotals();
    expect(() =>
      r.transaction(() => {
        r.writeRow('order_lines', id, { ...line, amount: '999.00' });
        throw new Error('refused');
      }),
    ).toThrow('refused');
    r.transaction(() => r.writeRow('order_lines', id, { ...line, amount: '123.45' }));
    r.recountTotals();
    const sum = (sql: string) => r.sqlite.prepare(sql).pluck().get(line.order_id) as number;
    expect(sum(`SELECT sum(sales) FROM order_group_totals WHERE order_id = ?`)).toBe(
      sum(`SELECT sum(CAST(ROUND(amount * 100) AS INTEGER)) FROM order_lines WHERE order_id = ?`),
    );
    r.close();
  });
});
