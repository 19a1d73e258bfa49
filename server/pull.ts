// Pull: the rows of a user's scope with version above the desk's cursor, in version order, in
// bounded batches. Versions come from one sequence shared by all tables, so a version window
// (cursor, upper] holds at most `upper - cursor` rows over all tables: each batch reads such
// windows with cheap indexed range scans and its cursor is the window's end, with no gaps.
// The batch that reaches the head (`done`) leaves the desk holding every row of its scope as of
// that head; a window's cursor does not (a row written inside it and again past it comes later).
// The statement that reads a window's rows also sets the window's end, from the head it sees
// itself (one statement, one snapshot), and `done` is said only when that end is the head: a row
// committed again past the head would otherwise be missing while older rows were there, and a
// desk would settle its own change on a row it lacks. No transaction is held across statements:
// a pull must not hold a pooled connection (a repeatable-read one did, and acks under load
// waited for connections).
import type { SessionUser } from '../domain/roles';
import { syncTableNames, type SyncTableName } from '../domain/sync/sync-tables';
import { scopeCondition, wireJsonSelect } from './scope';
import type { CentralStore } from './store';

export interface PulledBatch {
  /** Per table, its rows as JSON text (an array of wire arrays), ready to embed in a message. */
  tables: { table: SyncTableName; json: string; rows: number }[];
  cursor: number;
  rows: number;
  /** True when the window reached the head: the desk holds every row as of `cursor`. */
  done: boolean;
  /** The newest head the pull saw (past `cursor` when it is not done). */
  head: number;
}

// Sparse scopes (a manager's few clients among everyone's rows) would give tiny batches; widen
// the window a few times before answering, never past `limit` rows.
const MAX_WIDENINGS = 8;
const HEAD = `(SELECT version FROM sync_head WHERE id = 1)`;

export async function readBatch(
  store: CentralStore,
  user: SessionUser,
  cursor: number,
  limit: number,
): Promise<PulledBatch> {
  const tables: PulledBatch['tables'] = [];
  let rows = 0;
  let upper = cursor;
  let head = cursor;
  for (let i = 0; i < MAX_WIDENINGS && rows < limit / 2; i++) {
    const lower = upper;
    const cap = lower + (limit - rows);
    // The head and the tables with rows above the window's start (index-only max lookups): a
    // small pull after a poke reads one or two tables, not all of them.
    const [first] = await store.queryArrays(
      `SELECT ${HEAD}, ${syncTableNames.map((t) => `(SELECT max(version) FROM ${t})`).join(', ')}`,
    );
    head = Number(first![0] ?? 0);
    if (lower >= head) break;
    const inWindow = syncTableNames.filter((_, k) => first![k + 1] !== null && Number(first![k + 1]) > lower);
    if (inWindow.length === 0) {
      upper = Math.min(head, cap);
    } else {
      // The window's end is set by the row statement itself, from the head it sees: a commit
      // that landed since the head above is read now, not by chasing it with another round.
      // A skipped table that got rows since then ends the window at the head read above: those
      // rows committed after it, so their versions are past it (writers commit in version order).
      const skipped = syncTableNames.filter((t) => !inWindow.includes(t));
      const ends = [HEAD, '$2::bigint'];
      const params: unknown[] = [lower, cap];
      if (skipped.length) {
        params.push(head);
        ends.push(
          `CASE WHEN GREATEST(${skipped.map((t) => `(SELECT max(version) FROM ${t})`).join(', ')}) > $1 THEN $3::bigint ELSE $2::bigint END`,
        );
      }
      const parts = inWindow.map((table) => {
        const scope = scopeCondition(table, user, params.length + 1);
        params.push(...scope.params);
        return `SELECT '${table}' AS tbl, x.* FROM (${wireJsonSelect(table)} WHERE t.version > $1 AND t.version <= (SELECT upper FROM w) AND ${scope.where}) x`;
      });
      const result = await store.queryArrays(
        `WITH w AS MATERIALIZED (SELECT LEAST(${ends.join(', ')}) AS upper, ${HEAD} AS head)
         ${parts.join(' UNION ALL ')} UNION ALL SELECT '', w.upper, w.head::text FROM w`,
        params,
      );
      for (const [table, count, json] of result) {
        if (table === '') {
          upper = Number(count);
          head = Number(json);
        } else if (Number(count) > 0) {
          tables.push({ table: table as SyncTableName, rows: Number(count), json: String(json) });
          rows += Number(count);
        }
      }
    }
    if (upper >= head) break;
  }
  return { tables, cursor: upper, rows, done: upper >= head, head };
}

/** The batch message as text: table JSON embedded as the database produced it. */
export function batchMessage(batch: PulledBatch, remaining: number, from: number): string {
  const changes = batch.tables.map((t) => `{"table":${JSON.stringify(t.table)},"rows":${t.json}}`).join(',');
  return `{"type":"batch","changes":[${changes}],"from":${from},"cursor":${batch.cursor},"remaining":${remaining},"done":${batch.done}}`;
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
      const rows = await tx.query<{ n: string }>(
        `WITH d AS (DELETE FROM ${table} WHERE deleted AND version < $1 RETURNING 1) SELECT count(*) AS n FROM d`,
        [belowVersion],
      );
      purged += Number(rows[0]?.n ?? 0);
    }
    const exits = await tx.query<{ n: string }>(
      `WITH d AS (DELETE FROM scope_exits WHERE version < $1 RETURNING 1) SELECT count(*) AS n FROM d`,
      [belowVersion],
    );
    purged += Number(exits[0]?.n ?? 0);
    await tx.query(`UPDATE sync_head SET horizon = GREATEST(horizon, $1) WHERE id = 1`, [belowVersion]);
    return purged;
  });
}
