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
    await client.query(`INSERT INTO items (id, article, name, manufacturer, group_name, unit, pack_size, attributes, lifecycle, vat_rate, version) VALUES (1, 'A', 'n', 'm', 'g', 'шт', 1, '{}', 'active', 22, 1)`);
    await client.query(`INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, created_at, total, version) VALUES ('o1', 1, 100, 'order', 'draft', 1, now(), 10, 2)`);
    await client.query(`INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, amount, version) VALUES ('l1', 'o1', 100, 1, 1, 2, 5, 'client', 10, 3)`);
    await migrate(db, { migrationsFolder: 'db/central/migrations' });
    const { rows: [item] } = await client.query<Record<string, string>>(`SELECT article, cost::text, weight_kg::text, volume_m3::text FROM items`);
    expect(item).toEqual({ article: 'A', cost: '0.0000', weight_kg: '0.000000', volume_m3: '0.000000000' });
    const { rows: [order] } = await client.query<Record<string, unknown>>(`SELECT total::text, cost_total::text, agreement, delivery_method, delivery_address FROM orders`);
    expect(order).toEqual({ total: '10.00', cost_total: '0.00', agreement: null, delivery_method: 'delivery', delivery_address: '' });
    const { rows: [line] } = await client.query<Record<string, string>>(`SELECT amount::text, cost::text FROM order_lines`);
    expect(line).toEqual({ amount: '10.00', cost: '0.0000' });
    await client.close();
  });
});
