// Pull: the rows of a user's scope with version above the desk's cursor, in version order, in
// bounded batches. Versions come from one sequence shared by all tables, so a version window
// (cursor, upper] holds at most `upper - cursor` rows over all tables: each batch reads such
// windows with cheap indexed range scans and its cursor is the window's end, with no gaps.
// A batch reads one snapshot: the batch that reaches the head (`done`) leaves the desk holding
// every row of its scope as of that head. Read without a snapshot, a row committed again after
// the head was read would be missing from it (its version is past the window) while older rows
// were there, and a desk would settle its own change on a row it does not hold yet.
import type { SessionUser } from '../domain/roles';
import { syncTableNames, type SyncTableName } from '../domain/sync-tables';
import { scopeCondition, wireJsonSelect } from './scope';
import type { CentralStore, SnapshotReader } from './store';

export interface PulledBatch {
  /** Per table, its rows as JSON text (an array of wire arrays), ready to embed in a message. */
  tables: { table: SyncTableName; json: string; rows: number }[];
  cursor: number;
  rows: number;
  /** True when the window reached the head: the desk is caught up. */
  done: boolean;
}

// Sparse scopes (a manager's few clients among everyone's rows) would give tiny batches; widen
// the window a few times before answering, never past `limit` rows.
const MAX_WIDENINGS = 8;

export async function readBatch(store: CentralStore, user: SessionUser, cursor: number, limit: number): Promise<PulledBatch> {
  return store.snapshot((read) => readWindows(read, user, cursor, limit));
}

async function readWindows(store: SnapshotReader, user: SessionUser, cursor: number, limit: number): Promise<PulledBatch> {
  const head = await headVersion(store);
  const tables: PulledBatch['tables'] = [];
  let rows = 0;
  let upper = cursor;
  for (let i = 0; i < MAX_WIDENINGS && upper < head && rows < limit / 2; i++) {
    const lower = upper;
    upper = Math.min(head, lower + (limit - rows));
    // Only tables with rows in the window (index-only max lookups), then one statement for all
    // of them: a small pull after a poke reads one or two tables, not all of them.
    const maxima = (await store.queryArrays(`SELECT ${syncTableNames.map((t) => `(SELECT max(version) FROM ${t})`).join(', ')}`))[0]!;
    const inWindow = syncTableNames.filter((_, i) => maxima[i] !== null && Number(maxima[i]) > lower);
    if (inWindow.length === 0) continue;
    const params: unknown[] = [lower, upper];
    const parts = inWindow.map((table) => {
      const scope = scopeCondition(table, user, params.length + 1);
      params.push(...scope.params);
      return `SELECT '${table}' AS tbl, x.* FROM (${wireJsonSelect(table)} WHERE t.version > $1 AND t.version <= $2 AND ${scope.where}) x`;
    });
    const perTable = (await store.queryArrays(parts.join(' UNION ALL '), params)).map(([table, count, json]) => ({ table: table as SyncTableName, rows: Number(count), json: String(json) }));
    for (const part of perTable) {
      if (part.rows === 0) continue;
      tables.push(part);
      rows += part.rows;
    }
  }
  return { tables, cursor: upper, rows, done: upper >= head };
}

/** The batch message as text: table JSON embedded as the database produced it. */
export function batchMessage(batch: PulledBatch, remaining: number): string {
  const changes = batch.tables.map((t) => `{"table":${JSON.stringify(t.table)},"rows":${t.json}}`).join(',');
  return `{"type":"batch","changes":[${changes}],"cursor":${batch.cursor},"remaining":${remaining},"done":${batch.done}}`;
}

/** How many rows of the user's scope are above the cursor (for progress at the start of a pull). */
export async function countAbove(store: CentralStore, user: SessionUser, cursor: number): Promise<number> {
  const params: unknown[] = [cursor];
  const parts = syncTableNames.map((table) => {
    const scope = scopeCondition(table, user, params.length + 1);
    params.push(...scope.params);
    return `(SELECT count(*) FROM ${table} t WHERE t.version > $1 AND ${scope.where})`;
  });
  const [row] = await store.queryArrays(`SELECT ${parts.join(' + ')}`, params);
  return Number(row?.[0] ?? 0);
}

/**
 * The newest committed version (sync_head, advanced last in every writing transaction under the
 * write lock): a pull never reads past it, so a version whose transaction has not committed yet
 * is never skipped by a cursor.
 */
export async function headVersion(store: Pick<CentralStore, 'queryArrays'>): Promise<number> {
  const [row] = await store.queryArrays(`SELECT version FROM sync_head WHERE id = 1`);
  return row ? Number(row[0]) : 0;
}

/** Tombstones below this version may be gone: a desk whose cursor is older must re-sync. */
export async function tombstoneHorizon(store: CentralStore): Promise<number> {
  const [row] = await store.queryArrays(`SELECT horizon FROM sync_head WHERE id = 1`);
  return row ? Number(row[0]) : 0;
}

/**
 * Purges tombstones and scope exits older than `keepVersions` below the head and raises the
 * horizon: desks offline for longer get a replacement sync (keeping their pending changes).
 */
export async function purgeTombstones(store: CentralStore, belowVersion: number): Promise<number> {
  return store.transaction(async (tx) => {
    let purged = 0;
    for (const table of syncTableNames.filter((t) => t !== 'scope_exits')) {
      const rows = await tx.query<{ n: string }>(`WITH d AS (DELETE FROM ${table} WHERE deleted AND version < $1 RETURNING 1) SELECT count(*) AS n FROM d`, [belowVersion]);
      purged += Number(rows[0]?.n ?? 0);
    }
    const exits = await tx.query<{ n: string }>(`WITH d AS (DELETE FROM scope_exits WHERE version < $1 RETURNING 1) SELECT count(*) AS n FROM d`, [belowVersion]);
    purged += Number(exits[0]?.n ?? 0);
    await tx.query(`UPDATE sync_head SET horizon = GREATEST(horizon, $1) WHERE id = 1`, [belowVersion]);
    return purged;
  });
}
