// What each user may see: the catalog is for everyone; clients (and, later, their orders,
// claims and tickets) are scoped to the manager, the supervisor's team, or everything for an
// admin. Every pull goes through here, so a row outside the scope never leaves the server.
import { MANAGER_SCOPED } from './audience';
import type { SessionUser } from '../domain/roles';
import { syncTables, type SyncTableName } from '../domain/sync/sync-tables';

export interface ScopedQuery {
  /** SQL condition on the table's alias `t`, using $1.. placeholders after the fixed ones. */
  where: string;
  params: unknown[];
}

/**
 * The scope condition of one table for one user; `firstParam` is the next free placeholder.
 * Same rule as server/audience.ts, in SQL for bulk pulls; a test keeps the two in agreement.
 */
export function scopeCondition(table: SyncTableName, user: SessionUser, firstParam: number): ScopedQuery {
  if (
    table === 'scope_exits' ||
    table === 'sync_notices' ||
    table === 'notifications' ||
    table === 'notification_prefs'
  )
    return { where: `t.user_id = $${firstParam}`, params: [user.id] };
  if (!MANAGER_SCOPED.has(table) || user.role === 'admin') return { where: 'TRUE', params: [] };
  if (user.role === 'manager') return { where: `t.manager_id = $${firstParam}`, params: [user.id] };
  // A supervisor also sees the mail no client is known by (the triage queue, server/audience.ts).
  if (table === 'mail_messages')
    return {
      where: `(t.manager_id IS NULL OR t.manager_id IN (SELECT id FROM users WHERE supervisor_id = $${firstParam}))`,
      params: [user.id],
    };
  return { where: `t.manager_id IN (SELECT id FROM users WHERE supervisor_id = $${firstParam})`, params: [user.id] };
}

/** A table's wire columns as SQL expressions: decimals as text so no float ever touches money. */
export function wireExpressions(table: SyncTableName): string[] {
  const def = syncTables[table] as { columns: readonly string[]; decimals?: readonly string[] };
  return [...def.columns.map((c) => (def.decimals?.includes(c) ? `t.${c}::text` : `t.${c}`)), 't.version', 't.deleted'];
}

/** The SELECT that reads a table's rows in wire-column order, with version and tombstone. */
export function wireSelect(table: SyncTableName): string {
  return `SELECT ${wireExpressions(table).join(', ')} FROM ${table} t`;
}

/**
 * The same rows as one JSON text (count, array of arrays), built by the database: the server
 * forwards the text into the batch message without parsing it, which is what makes initial
 * sync of a large catalog fast on embedded PGlite.
 */
export function wireJsonSelect(table: SyncTableName): string {
  return `SELECT count(*), coalesce(json_agg(json_build_array(${wireExpressions(table).join(', ')}) ORDER BY t.version), '[]')::text FROM ${table} t`;
}
