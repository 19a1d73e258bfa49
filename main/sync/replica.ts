// The desk's local replica: one SQLite file per signed-in user (WAL mode), migrated at open.
// Rows are stored in the replicated tables' shapes; this module reads and writes them (as wire
// rows from the server or as objects from mutations) and keeps desk state (cursor, client id).
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { articleKeys } from '../../domain/catalog/article';
import { CodedError } from '../../domain/errors';
import type { Row } from '../../domain/sync/mutation-def';
import { keyParts, syncTables, syncTableNames, type SyncTableName } from '../../domain/sync/sync-tables';

export interface Replica {
  file: string;
  sqlite: Database.Database;
  cursor(): number;
  setCursor(cursor: number): void;
  getState(key: string): string | null;
  setState(key: string, value: string | null): void;
  /** A row as the mutation functions see it (JSON columns parsed), or null. */
  readRow(table: SyncTableName, key: string): Row | null;
  /** Many rows of one table by key (missing ones absent): one statement for a one-column key. */
  readRows(table: SyncTableName, keys: readonly string[]): Map<string, Row>;
  /** Writes a mutation's row (object) or deletes it (null). */
  writeRow(table: SyncTableName, key: string, row: Row | null): void;
  /** Writes a server row in wire order (…columns, version, deleted); returns its key. */
  writeWireRow(table: SyncTableName, wire: unknown[]): string;
  /** A wire row as an object (what the shadow table keeps), or null for a tombstone. */
  wireToRow(table: SyncTableName, wire: unknown[]): Row | null;
  keyOfWire(table: SyncTableName, wire: unknown[]): string;
  rowCount(): number;
  /** Copies the write-ahead log into the database file without blocking writers (call when idle). */
  checkpoint(): void;
  transaction<T>(fn: () => T): T;
  /** Brings order_group_totals up to date with edits made on this desk (call before reading them). */
  recountTotals(): void;
  close(): void;
}

export interface OpenReplicaOptions {
  /** Told when a corrupt file was moved aside (the desk re-syncs from scratch). */
  onNotice?: (notice: string) => void;
  migrationsFolder?: string;
}

function defaultMigrationsFolder(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../db/replica/migrations'),
    path.resolve(here, '../../db/replica/migrations'),
    path.resolve(process.cwd(), 'db/replica/migrations'),
  ];
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** The newest migration this app knows (its journal timestamp). */
function newestKnownMigration(folder: string): number {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((e) => e.when));
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT');
}

function openAndMigrate(file: string, migrationsFolder: string): Database.Database {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // Checkpoints run from a timer (checkpointIdle), not inside whichever commit crosses the
    // threshold: a manager's edit must not pay for copying a sync batch into the main file.
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma('foreign_keys = OFF');
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    const hasMigrations = sqlite
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`)
      .get();
    if (hasMigrations) {
      const row = sqlite.prepare('SELECT max(created_at) AS newest FROM __drizzle_migrations').get() as {
        newest: number | null;
      };
      if (row.newest !== null && row.newest > newestKnownMigration(migrationsFolder)) {
        throw new CodedError(
          'replica_too_new',
          'The local database was written by a newer version of Opta Desk; update the app.',
        );
      }
    }
    migrate(drizzle(sqlite), { migrationsFolder });
    return sqlite;
  } catch (err) {
    sqlite.close();
    throw err;
  }
}

interface TableIo {
  columns: readonly string[];
  json: readonly string[];
  pkIdx: number[];
  upsert: Database.Statement;
  remove: Database.Statement;
  select: Database.Statement;
  /** Rows whose one-column key is in a JSON array (null for a composite key). */
  selectMany: Database.Statement | null;
}

export function openReplica(file: string, options: OpenReplicaOptions = {}): Replica {
  mkdirSync(path.dirname(file), { recursive: true });
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder();
  let sqlite: Database.Database;
  try {
    sqlite = openAndMigrate(file, migrationsFolder);
  } catch (err) {
    if (!isCorruption(err)) throw err;
    // Keep the bad file for support and re-sync. Local changes not yet pushed are in the bad file
    // too; the notice tells the user, and support can recover them from the kept copy.
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    options.onNotice?.(`replica_corrupt_moved:${path.basename(aside)}`);
    sqlite = openAndMigrate(file, migrationsFolder);
  }

  const io = new Map<SyncTableName, TableIo>();
  const defaults = new Map<string, string>();
  for (const table of syncTableNames) {
    for (const c of sqlite.pragma(`table_info(${table})`) as {
      name: string;
      notnull: number;
      dflt_value: string | null;
    }[]) {
      if (c.notnull && c.dflt_value !== null) defaults.set(`${table}.${c.name}`, c.dflt_value);
    }
  }
  for (const table of syncTableNames) {
    const def = syncTables[table] as { pk: readonly string[]; columns: readonly string[]; json?: readonly string[] };
    const columns = [...def.columns, 'version'];
    const extra = table === 'items' ? ['key_lookalike', 'key_translit', 'search_text'] : [];
    const all = [...columns, ...extra];
    const where = def.pk.map((c) => `${c} = ?`).join(' AND ');
    io.set(table, {
      columns: def.columns,
      json: def.json ?? [],
      pkIdx: def.pk.map((c) => def.columns.indexOf(c)),
      // A NULL for a NOT NULL column with a default takes the default, as INSERT OR REPLACE did:
      // a server older than this desk does not send columns it does not have.
      upsert:
        sqlite.prepare(`INSERT INTO ${table} (${all.join(',')}) VALUES (${all.map((c) => (defaults.get(`${table}.${c}`) !== undefined ? `coalesce(?, ${defaults.get(`${table}.${c}`)})` : '?')).join(',')})
        ON CONFLICT (${def.pk.join(', ')}) DO UPDATE SET ${all
          .filter((c) => !def.pk.includes(c))
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`),
      remove: sqlite.prepare(`DELETE FROM ${table} WHERE ${where}`),
      select: sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${where}`),
      selectMany:
        def.pk.length === 1
          ? sqlite.prepare(
              `SELECT ${columns.join(', ')} FROM ${table} WHERE ${def.pk[0]} IN (SELECT value FROM json_each(?))`,
            )
          : null,
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
  const searchColumns = (values: unknown[]): unknown[] => {
    const article = String(values[1]);
    const [lookalike, translit] = articleKeys(article);
    return [lookalike, translit, `${article} ${String(values[2])} ${String(values[3])}`.toLowerCase()];
  };

  // The dashboards' totals per order and product group (order_group_totals). Rows from the server
  // (sync batches): the orders they touch, and those of items whose group moved, are recounted
  // from their lines once per transaction, not per line (a trigger per line doubled the cost of
  // an initial sync). Edits made on this desk only mark their order stale (order_totals_stale):
  // recounting a 20,000-line order on every keystroke would cost the edit tens of milliseconds;
  // readers of the totals call recountTotals() first.
  const KOP = (c: string) => `CAST(ROUND(${c} * 100) AS INTEGER)`;
  const LINE_COST =
    '((CAST(ROUND(l.quantity * 1000) AS INTEGER) * CAST(ROUND(l.cost * 10000) AS INTEGER) + 50000) / 100000)';
  const dirtyOrders = new Set<string>();
  const movedItems = new Set<number>();
  let newItems = false;
  const lineOrder = sqlite.prepare('SELECT order_id FROM order_lines WHERE id = ?').pluck();
  const itemGroup = sqlite.prepare('SELECT group_name FROM items WHERE id = ?').pluck();
  const dropTotals = sqlite.prepare(
    `DELETE FROM order_group_totals WHERE order_id IN (SELECT value FROM json_each(?))`,
  );
  const countTotals = sqlite.prepare(`INSERT INTO order_group_totals (order_id, group_name, sales, cost, lines)
    SELECT l.order_id, coalesce(i.group_name, ''), SUM(${KOP('l.amount')}), SUM(${LINE_COST}), COUNT(*)
    FROM order_lines l LEFT JOIN items i ON i.id = l.item_id WHERE l.order_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2`);
  const ordersOfItems = sqlite
    .prepare(`SELECT DISTINCT order_id FROM order_lines WHERE item_id IN (SELECT value FROM json_each(?))`)
    .pluck();
  const ordersWithoutGroup = sqlite.prepare(`SELECT order_id FROM order_group_totals WHERE group_name = ''`).pluck();
  const markStale = sqlite.prepare('INSERT OR IGNORE INTO order_totals_stale (order_id) VALUES (?)');
  const staleOrders = sqlite.prepare('SELECT order_id FROM order_totals_stale').pluck();
  const clearStale = sqlite.prepare('DELETE FROM order_totals_stale');
  // Orders marked stale in the open replica.transaction: a paste of 5,000 lines marks its order
  // once (a set kept only inside those transactions, which clear it however they end).
  const markedStale = new Set<string>();
  let depth = 0;
  function noteWrite(
    table: SyncTableName,
    keyValues: unknown[],
    values: unknown[] | null,
    columns: readonly string[],
    local: boolean,
  ): void {
    if (table === 'order_lines') {
      // The order it was in (a tombstone's, or one it left), and the order it is in now.
      const before = lineOrder.get(keyValues[0]) as string | undefined;
      const after = values ? String(values[columns.indexOf('order_id')]) : undefined;
      for (const order of new Set([before, after])) {
        if (order === undefined) continue;
        if (!local) dirtyOrders.add(order);
        else if (depth === 0) markStale.run(order);
        else if (!markedStale.has(order)) {
          markedStale.add(order);
          markStale.run(order);
        }
      }
    } else if (table === 'items' && values) {
      const before = itemGroup.get(keyValues[0]) as string | undefined;
      if (before === undefined) newItems = true;
      else if (before !== values[columns.indexOf('group_name')]) movedItems.add(Number(keyValues[0]));
    }
  }
  function recountTotals(withStale = false): void {
    if (withStale) {
      for (const o of staleOrders.all() as string[]) dirtyOrders.add(o);
      clearStale.run();
      markedStale.clear();
    }
    if (movedItems.size) {
      // Rare (an item moved to another group): a scan of the lines finds its orders.
      for (const o of ordersOfItems.all(JSON.stringify([...movedItems])) as string[]) dirtyOrders.add(o);
      movedItems.clear();
    }
    if (newItems) {
      // Lines written before their item arrived were counted under no group.
      for (const o of ordersWithoutGroup.all() as string[]) dirtyOrders.add(o);
      newItems = false;
    }
    if (!dirtyOrders.size) return;
    const ids = JSON.stringify([...dirtyOrders]);
    dirtyOrders.clear();
    dropTotals.run(ids);
    countTotals.run(ids);
  }
  /** Recount now unless a transaction is open (its end recounts once for all its writes). */
  const afterWrite = () => {
    if (!sqlite.inTransaction) recountTotals();
  };

  const replica: Replica = {
    file,
    sqlite,
    cursor: () => Number(getState.get('cursor') ?? 0),
    setCursor: (cursor) => void putState.run('cursor', String(cursor)),
    getState: (key) => (getState.get(key) as string | undefined) ?? null,
    setState: (key, value) => {
      if (value === null) dropState.run(key);
      else putState.run(key, value);
    },
    readRow(table, key) {
      const t = io.get(table)!;
      const row = t.select.get(...keyParts(key, t.pkIdx.length)) as Row | undefined;
      if (!row) return null;
      for (const c of t.json) if (typeof row[c] === 'string') row[c] = JSON.parse(row[c] as string);
      return row;
    },
    readRows(table, keys) {
      const t = io.get(table)!;
      const out = new Map<string, Row>();
      if (!t.selectMany || keys.length < 8) {
        for (const key of keys) {
          const row = replica.readRow(table, key);
          if (row) out.set(key, row);
        }
        return out;
      }
      const pk = t.columns[t.pkIdx[0]!]!;
      for (const row of t.selectMany.all(JSON.stringify(keys.map((k) => keyParts(k, 1)[0]))) as Row[]) {
        for (const c of t.json) if (typeof row[c] === 'string') row[c] = JSON.parse(row[c] as string);
        out.set(String(row[pk]), row);
      }
      return out;
    },
    writeRow(table, key, row) {
      const t = io.get(table)!;
      const keyValues = keyParts(key, t.pkIdx.length);
      if (row === null) {
        noteWrite(table, keyValues, null, t.columns, true);
        t.remove.run(...keyValues);
        afterWrite();
        return;
      }
      const values = [...t.columns, 'version'].map((c) => toSqlite(row[c] ?? (c === 'version' ? 0 : null)));
      noteWrite(table, keyValues, values, t.columns, true);
      t.upsert.run(...values, ...(table === 'items' ? searchColumns(values) : []));
      afterWrite();
    },
    writeWireRow(table, wire) {
      const t = io.get(table)!;
      const width = t.columns.length;
      const key = t.pkIdx.map((i) => String(wire[i])).join(':');
      const keyValues = t.pkIdx.map((i) => wire[i]);
      if (wire[width + 1] === true) {
        noteWrite(table, keyValues, null, t.columns, false);
        t.remove.run(...keyValues);
        afterWrite();
        return key;
      }
      const values = wire.slice(0, width + 1).map(toSqlite);
      noteWrite(table, keyValues, values, t.columns, false);
      t.upsert.run(...values, ...(table === 'items' ? searchColumns(values) : []));
      afterWrite();
      return key;
    },
    wireToRow(table, wire) {
      const t = io.get(table)!;
      if (wire[t.columns.length + 1] === true) return null;
      const row: Row = {};
      t.columns.forEach((c, i) => (row[c] = wire[i]));
      row.version = wire[t.columns.length];
      return row;
    },
    keyOfWire: (table, wire) =>
      io
        .get(table)!
        .pkIdx.map((i) => String(wire[i]))
        .join(':'),
    rowCount: () =>
      syncTableNames.reduce((sum, t) => sum + (sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number), 0),
    checkpoint: () => void sqlite.pragma('wal_checkpoint(PASSIVE)'),
    recountTotals: () => sqlite.transaction(() => recountTotals(true))(),
    transaction: (fn) => {
      depth++;
      try {
        return sqlite.transaction(() => {
          const result = fn();
          recountTotals();
          return result;
        })();
      } finally {
        // Committed or rolled back: what was marked is in the file, or must be marked again.
        if (--depth === 0) markedStale.clear();
      }
    },
    close: () => sqlite.close(),
  };
  return replica;
}
