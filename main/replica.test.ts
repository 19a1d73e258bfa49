import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
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
    const row = (id: number, article: unknown) => [id, article, 'n', 'm', 'g', 'шт', 1, {}, null, 'active', '22.00', id, false];
    changes.applyServerBatch([{ table: 'items', rows: [row(1, 'A1')] }], 10);
    // The second row violates NOT NULL: the whole batch and its cursor roll back.
    expect(() => changes.applyServerBatch([{ table: 'items', rows: [row(2, 'B2'), row(3, null)] }], 20)).toThrow();
    expect(r.cursor()).toBe(10);
    expect(r.sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    // Tombstones delete.
    changes.applyServerBatch([{ table: 'items', rows: [[...row(1, 'A1').slice(0, 12), true]] }], 30);
    expect(r.sqlite.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    r.close();
  });
});
