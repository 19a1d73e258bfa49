// Pull: the rows of a user's scope with version above the desk's cursor, in version order, in
// bounded batches. Reads each table's next `limit` rows and keeps the `limit` smallest versions
// overall, so the union over tables has no gaps and the batch cursor is exact.
import type { SessionUser } from '../domain/roles';
import { syncTableNames, type SyncTableName } from '../domain/sync-tables';
import type { TableChanges } from '../domain/sync-protocol';
import { scopeCondition, wireSelect } from './scope';
import type { CentralStore } from './store';

export interface PulledBatch {
  changes: TableChanges[];
  cursor: number;
  rows: number;
  /** True when fewer than `limit` rows were left: the desk is caught up. */
  done: boolean;
}

function wireValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export async function readBatch(store: CentralStore, user: SessionUser, cursor: number, limit: number): Promise<PulledBatch> {
  const perTable = await Promise.all(syncTableNames.map(async (table) => {
    const scope = scopeCondition(table, user, 3);
    const rows = await store.queryArrays(`${wireSelect(table)} WHERE t.version > $1 AND ${scope.where} ORDER BY t.version LIMIT $2`, [cursor, limit, ...scope.params]);
    return rows.map((r) => ({ table, row: r.map(wireValue), version: Number(r[r.length - 2]) }));
  }));
  const all = perTable.flat().sort((a, b) => a.version - b.version);
  const taken = all.slice(0, limit);
  const byTable = new Map<SyncTableName, unknown[][]>();
  for (const { table, row } of taken) {
    const list = byTable.get(table) ?? [];
    list.push(row);
    byTable.set(table, list);
  }
  const last = taken[taken.length - 1];
  return {
    changes: [...byTable].map(([table, rows]) => ({ table, rows })),
    cursor: last ? last.version : cursor,
    rows: taken.length,
    done: taken.length < limit,
  };
}

/** How many rows of the user's scope are above the cursor (for progress at the start of a pull). */
export async function countAbove(store: CentralStore, user: SessionUser, cursor: number): Promise<number> {
  const counts = await Promise.all(syncTableNames.map(async (table) => {
    const scope = scopeCondition(table, user, 2);
    const [row] = await store.queryArrays(`SELECT count(*) FROM ${table} t WHERE t.version > $1 AND ${scope.where}`, [cursor, ...scope.params]);
    return Number(row?.[0] ?? 0);
  }));
  return counts.reduce((a, b) => a + b, 0);
}

/** The highest version in the store: where a fully caught-up desk's cursor stands. */
export async function headVersion(store: CentralStore): Promise<number> {
  const [row] = await store.queryArrays(`SELECT last_value, is_called FROM row_version`);
  return row && row[1] ? Number(row[0]) : 0;
}
