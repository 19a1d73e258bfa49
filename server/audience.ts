// Who may see a row: the one rule behind pull scopes, write authorisation, pokes and scope exits.
// The catalog is for everyone; a client (its orders, claims, tickets) belongs to its manager, that
// manager's supervisor and the admins; a notice or scope exit belongs to its user.
import type { SessionUser } from '../domain/roles';
import type { SyncTableName } from '../domain/sync/sync-tables';

export interface Directory {
  /** manager id → their supervisor's id */
  supervisorOf: ReadonlyMap<number, number | null>;
  adminIds: readonly number[];
  /** Every supervisor, with a team or not: they share the triage of unknown senders' e-mail. */
  supervisorIds: readonly number[];
}

export type Audience = 'everyone' | number[];

export function rowAudience(table: SyncTableName, row: Record<string, unknown>, directory: Directory): Audience {
  switch (table) {
    case 'clients':
    case 'orders':
    case 'order_lines':
    case 'price_approvals':
    case 'price_audit':
    case 'claims':
    case 'order_claims':
    case 'erp_documents':
    case 'client_mail_prefs':
    case 'tickets':
    case 'ticket_messages':
    case 'sales_plans':
    case 'seasonal_commitments': {
      // Rule changes have no manager: only admins follow them.
      if (row.manager_id === null || row.manager_id === undefined) return [...directory.adminIds];
      const manager = Number(row.manager_id);
      const supervisor = directory.supervisorOf.get(manager) ?? null;
      return [manager, ...(supervisor === null ? [] : [supervisor]), ...directory.adminIds];
    }
    case 'mail_messages': {
      // Mail from a sender no client is known by has no manager: the supervisors' triage.
      if (row.manager_id === null || row.manager_id === undefined)
        return [...directory.supervisorIds, ...directory.adminIds];
      const manager = Number(row.manager_id);
      const supervisor = directory.supervisorOf.get(manager) ?? null;
      return [manager, ...(supervisor === null ? [] : [supervisor]), ...directory.adminIds];
    }
    case 'scope_exits':
    case 'sync_notices':
    case 'notifications':
    case 'notification_prefs':
      return [Number(row.user_id)];
    default:
      return 'everyone';
  }
}

/** Tables whose rows belong to a manager (column manager_id) and their team. */
export const MANAGER_SCOPED: ReadonlySet<SyncTableName> = new Set([
  'clients',
  'orders',
  'order_lines',
  'price_approvals',
  'price_audit',
  'claims',
  'order_claims',
  'erp_documents',
  'client_mail_prefs',
  'tickets',
  'ticket_messages',
  'sales_plans',
  'seasonal_commitments',
  'mail_messages',
]);

export function inAudience(audience: Audience, userId: number): boolean {
  return audience === 'everyone' || audience.includes(userId);
}

/** Whether the user may see the row (and so change it, where the mutation allows their role). */
export function canSee(
  user: SessionUser,
  table: SyncTableName,
  row: Record<string, unknown>,
  directory: Directory,
): boolean {
  return inAudience(rowAudience(table, row, directory), user.id);
}
