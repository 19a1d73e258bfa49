// What each user may see: the catalog is for everyone; clients (and, later, their orders,
// claims and tickets) are scoped to the manager, the supervisor's team, or everything for an
// admin. Every pull goes through here, so a row outside the scope never leaves the server.
import type { SessionUser } from '../domain/roles';
import { syncTables, type SyncTableName } from '../domain/sync-tables';

export interface ScopedQuery {
  /** SQL condition on the table's alias `t`, using $1.. placeholders after the fixed ones. */
  where: string;
  params: unknown[];
}

/** The scope condition of one table for one user; `firstParam` is the next free placeholder. */
export function scopeCondition(table: SyncTableName, user: SessionUser, firstParam: number): ScopedQuery {
  if (table !== 'clients' || user.role === 'admin') return { where: 'TRUE', params: [] };
  if (user.role === 'manager') return { where: `t.manager_id = $${firstParam}`, params: [user.id] };
  return { where: `t.manager_id IN (SELECT id FROM users WHERE supervisor_id = $${firstParam})`, params: [user.id] };
}

/** The SELECT that reads a table's rows in wire-column order, with version and tombstone. */
export function wireSelect(table: SyncTableName): string {
  const cols = syncTables[table].columns.map((c) => `t.${c}`);
  return `SELECT ${cols.join(', ')}, t.version, t.deleted FROM ${table} t`;
}
