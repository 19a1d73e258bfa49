// The desk's local replica: one SQLite file per signed-in user (WAL mode), migrated at open.
// Pulled batches are applied here together with the sync cursor in one transaction, so a
// sync cut off at any point resumes from the cursor with no duplicates and no gaps.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../db/replica/schema';
import { articleKeys } from '../domain/article';
import { CodedError } from '../domain/errors';
import type { TableChanges } from '../domain/sync-protocol';
import { syncTables, syncTableNames, wireColumns, type SyncTableName } from '../domain/sync-tables';

export interface Replica {
  file: string;
  sqlite: Database.Database;
  orm: BetterSQLite3Database<typeof schema>;
  /** Applies one pulled batch and moves the cursor, atomically. Returns the tables touched. */
  applyBatch(changes: TableChanges[], cursor: number): SyncTableName[];
  cursor(): number;
  getState(key: string): string | null;
  setState(key: string, value: string | null): void;
  rowCount(): number;
  close(): void;
}

export interface OpenReplicaOptions {
  /** Told when a corrupt file was moved aside (the desk re-syncs from scratch). */
  onNotice?: (notice: string) => void;
  migrationsFolder?: string;
}

function defaultMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../db/replica/migrations'), path.resolve(here, '../../db/replica/migrations'), path.resolve(process.cwd(), 'db/replica/migrations')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** The newest migration this app knows (its journal timestamp). */
function newestKnownMigration(folder: string): number {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function openAndMigrate(file: string, migrationsFolder: string): Database.Database {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = OFF');
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    const hasMigrations = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
    if (hasMigrations) {
      const row = sqlite.prepare('SELECT max(created_at) AS newest FROM __drizzle_migrations').get() as { newest: number | null };
      if (row.newest !== null && row.newest > newestKnownMigration(migrationsFolder)) {
        throw new CodedError('replica_too_new', 'The local database was written by a newer version of Opta Desk; update the app.');
      }
    }
    migrate(drizzle(sqlite), { migrationsFolder });
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

export function openReplica(file: string, options: OpenReplicaOptions = {}): Replica {
  mkdirSync(path.dirname(file), { recursive: true });
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  let sqlite: Database.Database;
  try {
    sqlite = openAndMigrate(file, migrationsFolder);
  } catch (err) {
    if (!isCorruption(err)) throw err;
    // Nothing in a pull-only replica is unique to the desk: keep the bad file for support and re-sync.
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    options.onNotice?.(`replica_corrupt_moved:${path.basename(aside)}`);
    sqlite = openAndMigrate(file, migrationsFolder);
  }
  const orm = drizzle(sqlite, { schema });

  const upserts = new Map<SyncTableName, { upsert: Database.Statement; remove: Database.Statement; columns: string[] }>();
  for (const table of syncTableNames) {
    const columns = wireColumns(table).filter((c) => c !== 'deleted');
    const extra = table === 'items' ? ['key_lookalike', 'key_translit', 'search_text'] : [];
    const all = [...columns, ...extra];
    const pk = syncTables[table].pk;
    upserts.set(table, {
      upsert: sqlite.prepare(`INSERT OR REPLACE INTO ${table} (${all.join(',')}) VALUES (${all.map(() => '?').join(',')})`),
      remove: sqlite.prepare(`DELETE FROM ${table} WHERE ${pk.map((c) => `${c} = ?`).join(' AND ')}`),
      columns,
    });
  }
  const getState = sqlite.prepare('SELECT value FROM desk_state WHERE key = ?').pluck();
  const putState = sqlite.prepare('INSERT OR REPLACE INTO desk_state (key, value) VALUES (?, ?)');
  const dropState = sqlite.prepare('DELETE FROM desk_state WHERE key = ?');

  const toSqlite = (v: unknown): unknown => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v !== null && typeof v === 'object') return JSON.stringify(v);
    return v;
  };

  const applyBatch = sqlite.transaction((changes: TableChanges[], cursor: number): SyncTableName[] => {
    const touched: SyncTableName[] = [];
    for (const { table, rows } of changes) {
      const t = table as SyncTableName;
      const stmts = upserts.get(t);
      if (!stmts) continue;
      touched.push(t);
      const width = stmts.columns.length;
      const pkIdx = syncTables[t].pk.map((c) => (syncTables[t].columns as readonly string[]).indexOf(c));
      for (const row of rows) {
        if (row[width] === true) {
          stmts.remove.run(...pkIdx.map((i) => row[i]));
          continue;
        }
        const values = row.slice(0, width).map(toSqlite);
        if (t === 'items') {
          const [lookalike, translit] = articleKeys(String(row[1]));
          values.push(lookalike, translit, `${String(row[1])} ${String(row[2])} ${String(row[3])}`.toLowerCase());
        }
        stmts.upsert.run(...values);
      }
    }
    putState.run('cursor', String(cursor));
    return touched;
  });

  return {
    file,
    sqlite,
    orm,
    applyBatch: (changes, cursor) => applyBatch(changes, cursor),
    cursor: () => Number(getState.get('cursor') ?? 0),
    getState: (key) => (getState.get(key) as string | undefined) ?? null,
    setState: (key, value) => {
      if (value === null) dropState.run(key);
      else putState.run(key, value);
    },
    rowCount: () => syncTableNames.reduce((sum, t) => sum + (sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number), 0),
    close: () => sqlite.close(),
  };
}
