// The server's rows, as every writer sees them: one row or many read by key (locked when they
// may be written), versions taken from the one sequence under the write lock, rows written in
// multi-row statements with their versions, tombstones, and the head that says below which
// version everything has committed. Pushes (push.ts), the ERP link and the order and claim
// results all write through here, so the version and head discipline is in one place.
import { rowAudience, type Audience, type Directory } from './audience';
import { refId, type Row, type RowRef } from '../domain/sync/mutation-def';
import { keyParts, syncTables, type SyncTableName } from '../domain/sync/sync-tables';
import { loadDirectory } from './directory';
import { copyOf, copyValue, type Query } from './query';

export type { Query } from './query';

/** Serialises writers: versions are taken and committed in one order. */
export const WRITE_LOCK = 7411;

function def(table: SyncTableName): {
  pk: readonly string[];
  columns: readonly string[];
  decimals?: readonly string[];
  json?: readonly string[];
} {
  return syncTables[table];
}

function pkWhere(table: SyncTableName, key: string, first: number): { sql: string; params: unknown[] } {
  return {
    sql: def(table)
      .pk.map((c, i) => `t.${c} = $${first + i}`)
      .join(' AND '),
    params: keyParts(key, def(table).pk.length),
  };
}

export async function readRow(
  query: Query,
  table: SyncTableName,
  key: string,
  lock: boolean,
): Promise<(Row & { version: number }) | null> {
  const d = def(table);
  const cols = d.columns.map((c) => (d.decimals?.includes(c) ? `t.${c}::text AS ${c}` : `t.${c}`));
  const where = pkWhere(table, key, 1);
  const [row] = await query<Row & { version: number; deleted: boolean }>(
    `SELECT ${cols.join(', ')}, t.version, t.deleted FROM ${table} t WHERE ${where.sql}${lock ? ' FOR UPDATE' : ''}`,
    where.params,
  );
  if (!row || row.deleted) return null;
  const { deleted: _deleted, ...rest } = row;
  return { ...rest, version: Number(row.version) };
}

/**
 * Reference tables the ERP feeds and no desk mutation writes: mutations only look rows up there
 * (declared with lookUp), so they are not locked (every new order locked its warehouse's row, and
 * all order creations of all desks, and the ERP's stock feed, queued behind each other on it).
 * Clients and users stay locked though looked up: a reassignment must not pass an order's check.
 */
const LOOKED_AT_ONLY: ReadonlySet<SyncTableName> = new Set(['items', 'warehouses']);

/**
 * The rows a mutation reads, keyed "table|key": tables with a one-column key in one query each
 * (a 1,000-line edit reads its lines and items in two queries, not two thousand). Rows the
 * mutation may write are locked; catalog rows it only looks at are not.
 */
export async function readRows(query: Query, refs: RowRef[]): Promise<Map<string, Row | null>> {
  const rows = new Map<string, Row | null>();
  const byTable = new Map<SyncTableName, string[]>();
  for (const ref of refs) {
    if (def(ref.table).pk.length === 1) byTable.set(ref.table, [...(byTable.get(ref.table) ?? []), ref.key]);
    else rows.set(refId(ref), await readRow(query, ref.table, ref.key, true));
  }
  for (const [table, keys] of byTable) {
    const d = def(table);
    const pk = d.pk[0]!;
    const cols = d.columns.map((c) => (d.decimals?.includes(c) ? `t.${c}::text AS ${c}` : `t.${c}`));
    const numeric = keys.every((k) => /^-?\d+$/.test(k));
    const found = await query<Row & { version: number; deleted: boolean }>(
      `SELECT ${cols.join(', ')}, t.version, t.deleted FROM ${table} t WHERE t.${pk} = ANY($1::${numeric ? 'bigint' : 'text'}[]) ORDER BY t.${pk}${LOOKED_AT_ONLY.has(table) ? '' : ' FOR UPDATE'}`,
      [numeric ? keys.map(Number) : keys],
    );
    for (const key of keys) rows.set(`${table}|${key}`, null);
    for (const { deleted, ...rest } of found)
      if (!deleted) rows.set(`${table}|${String(rest[pk])}`, { ...rest, version: Number(rest.version) });
  }
  return rows;
}

async function deleteRow(query: Query, table: SyncTableName, key: string, version: number): Promise<void> {
  const where = pkWhere(table, key, 2);
  await query(`UPDATE ${table} t SET deleted = true, version = $1 WHERE ${where.sql}`, [version, ...where.params]);
}

/** Parameters PostgreSQL takes in one statement are at most 65,535; a chunk stays below. */
const MAX_PARAMS = 60_000;

/** From this many rows an upsert stages through COPY where the store has it (PGlite). */
const COPY_FROM_ROWS = 500;

/** Upserts rows of one table in multi-row statements (their params take the columns' types). */
async function upsertRows(query: Query, table: SyncTableName, rows: { row: Row; version: number }[]): Promise<void> {
  const d = def(table);
  const cols = [...d.columns];
  const width = cols.length + 1;
  const updates = cols.filter((c) => !d.pk.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  const copy = copyOf(query);
  if (copy && rows.length >= COPY_FROM_ROWS && rows.every(({ row }) => cols.every((c) => row[c] !== undefined))) {
    // A page of the ERP's initial load on PGlite: binding 80,000 parameters cost more than the
    // write itself. The rows go into a scratch table by COPY, then one INSERT … SELECT upserts them.
    const scratch = `upsert_${table}`;
    await query(`CREATE TEMP TABLE IF NOT EXISTS ${scratch} (LIKE ${table}) ON COMMIT DROP`);
    await query(`TRUNCATE ${scratch}`);
    const text = rows.map(({ row, version }) =>
      [
        // JSON columns as the multi-row path binds them: the value's JSON text (null → JSON null).
        ...cols.map((c) => copyValue(d.json?.includes(c) ? JSON.stringify(row[c] ?? null) : row[c])),
        String(version),
        'f',
      ].join('\t'),
    );
    await copy(scratch, [...cols, 'version', 'deleted'], `${text.join('\n')}\n`);
    await query(
      `INSERT INTO ${table} (${cols.join(', ')}, version, deleted) SELECT ${cols.join(', ')}, version, deleted FROM ${scratch}
       ON CONFLICT (${d.pk.join(', ')}) DO UPDATE SET ${[...updates, 'version = EXCLUDED.version', 'deleted = false'].join(', ')}`,
    );
    return;
  }
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map(({ row, version }) => {
      // A column the row does not carry (a desk built before the column existed) takes its default.
      const cells = cols.map((c) => {
        if (row[c] === undefined) return 'DEFAULT';
        params.push(d.json?.includes(c) ? JSON.stringify(row[c] ?? null) : row[c]);
        return d.json?.includes(c) ? `$${params.length}::jsonb` : `$${params.length}`;
      });
      params.push(version);
      return `(${cells.join(', ')}, $${params.length}, false)`;
    });
    await query(
      `INSERT INTO ${table} (${cols.join(', ')}, version, deleted) VALUES ${tuples.join(', ')}
       ON CONFLICT (${d.pk.join(', ')}) DO UPDATE SET ${[...updates, 'version = EXCLUDED.version', 'deleted = false'].join(', ')}`,
      params,
    );
  }
}

/**
 * Writes rows with their versions in as few statements as the order of the writes allows: a run
 * of upserts to one table is one statement (a 1,000-line paste was 2,000 round trips under the
 * write lock, and every other desk's push waited behind them). A key written twice ends the run,
 * so the later write still lands after the earlier one; deletions go one by one (rare).
 */
export async function writeRows(
  query: Query,
  writes: readonly { table: SyncTableName; key: string; row: Row | null }[],
  versions: readonly number[],
): Promise<void> {
  let run: { table: SyncTableName; keys: Set<string>; rows: { row: Row; version: number }[] } | null = null;
  const flush = async (): Promise<void> => {
    if (run) await upsertRows(query, run.table, run.rows);
    run = null;
  };
  for (const [i, w] of writes.entries()) {
    if (w.row === null) {
      await flush();
      await deleteRow(query, w.table, w.key, versions[i]!);
      continue;
    }
    if (run && (run.table !== w.table || run.keys.has(w.key))) await flush();
    run ??= { table: w.table, keys: new Set(), rows: [] };
    run.keys.add(w.key);
    run.rows.push({ row: w.row, version: versions[i]! });
  }
  await flush();
}

/** The next `count` row versions, ascending, in one round trip (call under the write lock). */
export async function takeVersions(query: Query, count: number): Promise<number[]> {
  if (count <= 0) return [];
  // One array, not a row per version: PGlite returned 5,000 rows three times slower.
  const [row] = await query<{ vs: string }>(
    `SELECT array_agg(v)::text AS vs FROM (SELECT nextval('row_version') AS v FROM generate_series(1, $1::int)) x`,
    [count],
  );
  return row!.vs
    .slice(1, -1)
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
}

/** Marks everything written so far as committed-visible (call last in a writing transaction). */
export async function advanceHead(query: Query): Promise<number> {
  const [row] = await query<{ version: string }>(
    `UPDATE sync_head SET version = GREATEST(version, (SELECT last_value FROM row_version)) WHERE id = 1 RETURNING version`,
  );
  return Number(row?.version ?? 0);
}

/**
 * Writes rows on the server's own account (ERP feeds, delivery results) with the same version
 * and head discipline as a push. Lock the rows (readRow with lock) before calling: the write lock
 * is taken here, after them, in the same order a push takes them. Returns who must be poked.
 */
export async function writeServerRows(
  query: Query,
  writes: { table: SyncTableName; key: string; row: Row | null }[],
  /** The rows as they were (by key), where a write may move a row out of someone's scope. */
  befores?: ReadonlyMap<string, Row>,
): Promise<{ audiences: Audience[]; head: number }> {
  if (writes.length === 0) return { audiences: [], head: 0 };
  const directory = await directoryFor(query);
  await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  await writeRows(query, writes, await takeVersions(query, writes.length));
  const audiences: Audience[] = [];
  for (const w of writes) {
    const before = befores?.get(w.key) ?? null;
    // A deletion without its row as it was: who saw it is not known, so everyone hears.
    if (w.row === null && !before) audiences.push('everyone');
    else audiences.push(await scopeMove(query, w.table, w.key, before, w.row, directory));
  }
  return { audiences, head: await advanceHead(query) };
}

/**
 * Who must hear of a row's change: those who see it before or after. People who saw it before
 * but not after (a client reassigned, in 1C or by an admin) get a scope exit: their desk drops it.
 */
export async function scopeMove(
  query: Query,
  table: SyncTableName,
  key: string,
  before: Row | null,
  after: Row | null,
  directory: Directory,
): Promise<Audience> {
  const was = before ? rowAudience(table, before, directory) : [];
  const now = after ? rowAudience(table, after, directory) : [];
  if (!Array.isArray(was) || !Array.isArray(now)) return 'everyone';
  for (const gone of was.filter((id) => !now.includes(id)))
    await query(`INSERT INTO scope_exits (user_id, table_name, row_key) VALUES ($1, $2, $3)`, [gone, table, key]);
  return [...new Set([...was, ...now])];
}

/**
 * Server-side updates of existing rows: each row is locked in key order (two writers touching the
 * same rows never wait on each other in a cycle), `change` returns the new row or null when
 * nothing differs, and only real changes are written, with versions and head as above.
 */
export async function updateServerRows(
  query: Query,
  table: SyncTableName,
  changes: Map<string, (before: Row) => Row | null>,
): Promise<{ audiences: Audience[]; head: number }> {
  const writes: { table: SyncTableName; key: string; row: Row }[] = [];
  for (const key of [...changes.keys()].sort()) {
    const before = await readRow(query, table, key, true);
    if (!before) continue;
    const after = changes.get(key)!(before);
    if (after) writes.push({ table, key, row: after });
  }
  return writeServerRows(query, writes);
}

// The staff directory changes rarely (a new manager, a new team); reading it for every mutation
// would double the cost of a small push. Kept for a second, per process.
let directoryCache: { at: number; value: Directory } | null = null;
export async function directoryFor(query: Query): Promise<Directory> {
  if (directoryCache && Date.now() - directoryCache.at < 1000) return directoryCache.value;
  directoryCache = { at: Date.now(), value: await loadDirectory(query) };
  return directoryCache.value;
}
