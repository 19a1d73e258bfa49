import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { createLocalChanges } from './local-changes';
import { openReplica } from './replica';

const tmpFile = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-rep-')), 'replica.sqlite');

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
    const before = mkdtempSync(path.join(os.tmpdir(), 'opta-mig-'));
    cpSync('db/replica/migrations', before, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(before, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0003');
    writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify(journal));
    const file = tmpFile();
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: before });
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '4242')`).run();
    old.prepare(`INSERT INTO orders (id, client_id, manager_id, kind, status, warehouse_id, comment, lines_count, total, created_at, version) VALUES ('o1', 1, 100, 'order', 'draft', 1, '', 0, '0.00', '2026-11-01', 7)`).run();
    old.prepare(`INSERT INTO outbox (seq, mutation, args, aggregate, created_at) VALUES (1, 'order.setLines@1', '{}', 'order:o1', '2026-11-01')`).run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(0);
    expect(r.sqlite.prepare(`SELECT cost_total, delivery_method, delivery_address, agreement FROM orders WHERE id = 'o1'`).get()).toEqual({ cost_total: '0', delivery_method: 'delivery', delivery_address: '', agreement: null });
    expect(r.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    r.close();
  });

  it('migration 0004 (price rules): the desk pulls everything again to get the rules, client groups and coefficients', () => {
    const before = mkdtempSync(path.join(os.tmpdir(), 'opta-mig-'));
    cpSync('db/replica/migrations', before, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(before, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0004');
    writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify(journal));
    const file = tmpFile();
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: before });
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '777')`).run();
    old.prepare(`INSERT INTO price_types (id, code, name, with_vat, is_base, version) VALUES (1, 'BASE', 'Базовая', 1, 1, 1)`).run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(0);
    expect(r.sqlite.prepare('SELECT places FROM price_types').pluck().get()).toBe(4);
    expect(r.sqlite.prepare('SELECT count(*) FROM price_rules').pluck().get()).toBe(0);
    r.close();
  });

  it('migration 0005 (approvals, audit, override reasons): lines keep their data with no reason, the cursor stays (nothing new on the server yet)', () => {
    const before = mkdtempSync(path.join(os.tmpdir(), 'opta-mig-'));
    cpSync('db/replica/migrations', before, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(before, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0005');
    writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify(journal));
    const file = tmpFile();
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: before });
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '777')`).run();
    old.prepare(`INSERT INTO order_lines (id, order_id, manager_id, line_no, item_id, quantity, price, price_source, discount, amount, comment, version)
      VALUES ('l1', 'o1', 100, 1, 1, '2', '5.0000', 'manual', '0', '10.00', '', 3)`).run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(777);
    expect(r.sqlite.prepare('SELECT price, override_reason, override_note FROM order_lines').get()).toEqual({ price: '5.0000', override_reason: '', override_note: '' });
    expect(r.sqlite.prepare('SELECT count(*) FROM price_approvals').pluck().get()).toBe(0);
    expect(r.sqlite.prepare('SELECT count(*) FROM price_audit').pluck().get()).toBe(0);
    r.close();
  });

  it('migration 0006 (claims, tickets, local files): the cursor stays, the new tables start empty', () => {
    const before = mkdtempSync(path.join(os.tmpdir(), 'opta-mig-'));
    cpSync('db/replica/migrations', before, { recursive: true });
    const journal = JSON.parse(readFileSync(path.join(before, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0006');
    writeFileSync(path.join(before, 'meta/_journal.json'), JSON.stringify(journal));
    const file = tmpFile();
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: before });
    old.prepare(`INSERT INTO desk_state (key, value) VALUES ('cursor', '888')`).run();
    old.close();
    const r = openReplica(file);
    expect(r.cursor()).toBe(888);
    for (const table of ['claims', 'order_claims', 'tickets', 'ticket_messages', 'local_files', 'seen_notices']) expect(r.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
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
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 365 * 86400_000);
    db.close();
    expect(() => openReplica(file)).toThrow(/newer version/);
    expect(existsSync(file)).toBe(true);
  });

  it('applies a batch and its cursor together, or neither', () => {
    const r = openReplica(tmpFile());
    const changes = createLocalChanges({ replica: r, user: () => ({ id: 100, role: 'manager' }) });
    const row = (id: number, article: unknown) => [id, article, 'n', 'm', 'g', 'шт', 1, {}, null, 'active', '22.00', '1.5000', '0.010000', '0.000001000', id, false];
    changes.applyServerBatch([{ table: 'items', rows: [row(1, 'A1')] }], 10);
    // The second row violates NOT NULL: the whole batch and its cursor roll back.
    expect(() => changes.applyServerBatch([{ table: 'items', rows: [row(2, 'B2'), row(3, null)] }], 20)).toThrow();
    expect(r.cursor()).toBe(10);
    expect(r.sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    // Tombstones delete.
    changes.applyServerBatch([{ table: 'items', rows: [[...row(1, 'A1').slice(0, 15), true]] }], 30);
    expect(r.sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    r.close();
  });
});
