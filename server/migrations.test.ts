// Central migrations against a store written by an earlier version: each new migration keeps
// the rows there and gives new columns their defaults (PGlite; the same SQL runs on PostgreSQL).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { describe, expect, it } from 'vitest';

/** The migrations folder as it was before the migration tagged `tag`. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-central-mig-'));
  cpSync('db/central/migrations', dir, { recursive: true });
  const journalFile = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((e) => e.tag < tag);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('central migrations', () => {
  it('0004 (costs, weights, contracts, order header): existing orders, lines and items keep their data and get defaults', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0004') });
    await client.query(
      `INSERT INTO items (id, article, name, manufacturer, group_name, unit, pack_size, attributes, lifecycle, vat_rate, version) VALUES (1, 'A', 'n', 'm', 'g', 'шт', 1, '{}', 'active', 22, 1)`,
    );
    await client.query(
      `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, created_at, total, version) VALUES ('o1', 1, 100, 'order', 'draft', 1, now(), 10, 2)`,
    );
    await client.query(
      `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, amount, version) VALUES ('l1', 'o1', 100, 1, 1, 2, 5, 'client', 10, 3)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const {
      rows: [item],
    } = await client.query<Record<string, string>>(
      `SELECT article, cost::text, weight_kg::text, volume_m3::text FROM items`,
    );
    expect(item).toEqual({ article: 'A', cost: '0.0000', weight_kg: '0.000000', volume_m3: '0.000000000' });
    const {
      rows: [order],
    } = await client.query<Record<string, unknown>>(
      `SELECT total::text, cost_total::text, agreement, delivery_method, delivery_address FROM orders`,
    );
    expect(order).toEqual({
      total: '10.00',
      cost_total: '0.00',
      agreement: null,
      delivery_method: 'delivery',
      delivery_address: '',
    });
    const {
      rows: [line],
    } = await client.query<Record<string, string>>(`SELECT amount::text, cost::text FROM order_lines`);
    expect(line).toEqual({ amount: '10.00', cost: '0.0000' });
    await client.close();
  });

  it('0005 (price rules): clients keep their coefficient with no group and no rules, price types round to 4 places, the rules table starts empty', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0005') });
    await client.query(
      `INSERT INTO price_types (id, code, name, with_vat, version) VALUES (1, 'BASE', 'Базовая', true, 1)`,
    );
    await client.query(
      `INSERT INTO clients (id, name, inn, price_type_id, coefficient, credit_limit, overdue, manager_id, payment_terms, version) VALUES (7, 'ООО «Тест»', '7700000000', 1, 1.15, 0, 0, 100, 'Предоплата 100%', 2)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const {
      rows: [c],
    } = await client.query<Record<string, unknown>>(
      `SELECT coefficient::text, client_group, coefficient_rules FROM clients`,
    );
    expect(c).toEqual({ coefficient: '1.1500', client_group: null, coefficient_rules: [] });
    const {
      rows: [t],
    } = await client.query<Record<string, unknown>>(`SELECT places FROM price_types`);
    expect(t).toEqual({ places: 4 });
    const {
      rows: [n],
    } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM price_rules`);
    expect(n!.n).toBe(0);
    await client.close();
  });

  it('0006 (approvals, audit, override reasons): lines keep their data and have no reason; approvals and audit start empty', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0006') });
    await client.query(
      `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, version) VALUES ('l1', 'o1', 100, 1, 1, 2, 5, 'manual', 3, 9.70, 3)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const {
      rows: [line],
    } = await client.query<Record<string, string>>(
      `SELECT price::text, discount::text, override_reason, override_note FROM order_lines`,
    );
    expect(line).toEqual({ price: '5.0000', discount: '3.00', override_reason: '', override_note: '' });
    const {
      rows: [n],
    } = await client.query<{ a: number; b: number }>(
      `SELECT (SELECT count(*)::int FROM price_approvals) AS a, (SELECT count(*)::int FROM price_audit) AS b`,
    );
    expect(n).toEqual({ a: 0, b: 0 });
    // The audit is versioned like every replicated table: its rows take the next row version.
    await client.query(
      `INSERT INTO price_audit (at, user_id, entity, entity_key) VALUES ('2026-11-22', 1, 'rule', 'f1')`,
    );
    const {
      rows: [v],
    } = await client.query<{ version: string }>(`SELECT version::text FROM price_audit`);
    expect(Number(v!.version)).toBeGreaterThan(0);
    await client.close();
  });
  it('0007 (claims, tickets, files): orders keep their data; the new tables start empty and are versioned', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0007') });
    await client.query(
      `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, version) VALUES ('l1', 'o1', 100, 1, 1, 2, 5, 'manual', 3, 9.70, 3)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const {
      rows: [line],
    } = await client.query<Record<string, string>>(`SELECT amount::text FROM order_lines`);
    expect(line).toEqual({ amount: '9.70' });
    const {
      rows: [n],
    } = await client.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM claims) AS c, (SELECT count(*)::int FROM order_claims) AS o, (SELECT count(*)::int FROM tickets) AS t, (SELECT count(*)::int FROM ticket_messages) AS m, (SELECT count(*)::int FROM attachment_files) AS f`,
    );
    expect(n).toEqual({ c: 0, o: 0, t: 0, m: 0, f: 0 });
    await client.query(
      `INSERT INTO ticket_messages (id, ticket_id, manager_id, author_id, author_kind, body, attachments, created_at) VALUES ('m1', 't1', 100, 100, 'staff', 'x', '[]', '2026-11-22')`,
    );
    const {
      rows: [v],
    } = await client.query<{ version: string }>(`SELECT version::text FROM ticket_messages`);
    expect(Number(v!.version)).toBeGreaterThan(0);
    await client.close();
  });

  it('0008 (sales plans): clients keep their data; plans start empty, versioned, amounts exact', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0008') });
    await client.query(
      `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, version) VALUES ('l1', 'o1', 100, 1, 1, 2, 5, 'manual', 3, 9.70, 3)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const {
      rows: [line],
    } = await client.query<Record<string, string>>(`SELECT amount::text FROM order_lines`);
    expect(line).toEqual({ amount: '9.70' });
    const {
      rows: [n],
    } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales_plans`);
    expect(n).toEqual({ n: 0 });
    await client.query(
      `INSERT INTO sales_plans (id, client_id, manager_id, group_name, month, amount, bonus_percent) VALUES ('1:g:2026-11-01', 1, 100, 'g', '2026-11-01', '150000.10', '2.50')`,
    );
    const {
      rows: [p],
    } = await client.query<Record<string, string>>(
      `SELECT amount::text, bonus_percent::text, version::text FROM sales_plans`,
    );
    expect(p).toMatchObject({ amount: '150000.10', bonus_percent: '2.50' });
    expect(Number(p!.version)).toBeGreaterThan(0);
    await client.close();
  });

  it('0009 (line numbers from the order): lines sharing a number are numbered again with new versions; each order knows its last number, deleted lines included', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0009') });
    const line = (id: string, order: string, no: number, version: number, deleted = false) =>
      client.query(
        `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, amount, version, deleted)
         VALUES ($1, $2, 100, $3, 1, 1, 1, 'client', 1, $4, $5)`,
        [id, order, no, version, deleted],
      );
    for (const o of ['o1', 'o2'])
      await client.query(
        `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, created_at, total, version) VALUES ($1, 1, 100, 'order', 'draft', 1, now(), 0, 1)`,
        [o],
      );
    // o1: two desks each added a line 3; o2: clean, with a deleted line 5.
    await line('a', 'o1', 1, 10);
    await line('b', 'o1', 2, 11);
    await line('c', 'o1', 3, 12);
    await line('d', 'o1', 3, 13);
    await line('e', 'o2', 1, 14);
    await line('f', 'o2', 5, 15, true);
    await client.query(`SELECT setval('row_version', 20)`);
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const { rows } = await client.query<{ id: string; line_no: number; version: string }>(
      `SELECT id, line_no, version::text FROM order_lines ORDER BY id`,
    );
    expect(rows.map((r) => [r.id, r.line_no])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['e', 1],
      ['f', 5],
    ]);
    // Only the renumbered line has a new version (desks pull it); the others are as they were.
    expect(rows.map((r) => Number(r.version))).toEqual([10, 11, 12, 21, 14, 15]);
    const { rows: orders } = await client.query<{ id: string; last_line_no: number }>(
      `SELECT id, last_line_no FROM orders ORDER BY id`,
    );
    expect(orders).toEqual([
      { id: 'o1', last_line_no: 4 },
      { id: 'o2', last_line_no: 5 },
    ]);
    const { rows: head } = await client.query<{ version: string }>(`SELECT version::text FROM sync_head`);
    expect(Number(head[0]!.version)).toBe(21);
    await client.close();
  });

  it('0012 (accounts and sessions): a refresh token issued before families is a family of its own; users keep their passwords', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0012') });
    await client.query(
      `INSERT INTO users (id, login, name, role, active, password_hash, version) VALUES (5, 'm', 'M', 'manager', true, 'scrypt$x', 1)`,
    );
    await client.query(
      `INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ('h1', 5, '2027-01-01T00:00:00Z')`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const { rows: tokens } = await client.query<Record<string, unknown>>(
      `SELECT family_id, family_ends_at = expires_at AS ends_with_it, revoked FROM refresh_tokens`,
    );
    expect(tokens).toEqual([{ family_id: 'h1', ends_with_it: true, revoked: false }]);
    const { rows: users } = await client.query<Record<string, unknown>>(
      `SELECT password_hash, must_change_password, admin_set, scope_reset_version::int AS scope FROM users`,
    );
    expect(users).toEqual([{ password_hash: 'scrypt$x', must_change_password: false, admin_set: null, scope: 0 }]);
    await client.close();
  });
  it('0016 (reserves and preorders): orders and lines keep their data; nothing is held, secured or converted yet', async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0016') });
    await client.query(
      `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, created_at, total, version) VALUES ('o1', 1, 100, 'preorder', 'accepted', 1, now(), 10, 2)`,
    );
    await client.query(
      `INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, amount, version) VALUES ('l1', 'o1', 100, 1, 1, 2, 5, 'client', 10, 3)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const { rows: orders } = await client.query<Record<string, unknown>>(
      `SELECT kind, total::text, held_until, hold_state, hold_request, hold_warned_at, from_order_id FROM orders`,
    );
    expect(orders).toEqual([
      {
        kind: 'preorder',
        total: '10.00',
        held_until: null,
        hold_state: null,
        hold_request: null,
        hold_warned_at: null,
        from_order_id: null,
      },
    ]);
    const { rows: lines } = await client.query<Record<string, unknown>>(
      `SELECT quantity::text, held, secured, converted::text, from_line_id FROM order_lines`,
    );
    expect(lines).toEqual([{ quantity: '2.000', held: null, secured: null, converted: '0.000', from_line_id: null }]);
    await client.close();
  });

  it("0017-0019 (plans by supervisors, merges, seasons): plans stay 1C's monthly ones; orders are in no merge and no programme", async () => {
    const client = new PGlite();
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: migrationsBefore('0017') });
    await client.query(
      `INSERT INTO sales_plans (id, client_id, manager_id, group_name, month, amount, bonus_percent) VALUES ('1:g:2026-11-01', 1, 100, 'g', '2026-11-01', '150000.10', '2.50')`,
    );
    await client.query(
      `INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, created_at, total, version) VALUES ('o1', 1, 100, 'seasonal', 'accepted', 1, now(), 10, 2)`,
    );
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const { rows: plans } = await client.query<Record<string, unknown>>(
      `SELECT amount::text, period, source, note, set_by, set_at FROM sales_plans`,
    );
    expect(plans).toEqual([
      { amount: '150000.10', period: 'month', source: 'erp', note: '', set_by: null, set_at: null },
    ]);
    const { rows: orders } = await client.query<Record<string, unknown>>(
      `SELECT total::text, merge, programme_id FROM orders`,
    );
    expect(orders).toEqual([{ total: '10.00', merge: null, programme_id: null }]);
    const { rows: empty } = await client.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM seasonal_programmes)::int + (SELECT count(*) FROM seasonal_commitments)::int AS n`,
    );
    expect(empty).toEqual([{ n: 0 }]);
    await client.close();
  });
});
