// The admins' audit log: every change an admin (or the server's command line) makes to accounts
// and client assignments, written in the same transaction as the change, with the state before
// and after, and read back newest first for the Users screen.
import type { Query } from '../query';

export interface AuditEntry {
  /** The admin who did it; null for the server's command line. */
  actorId: number | null;
  /** account.create, account.invite, account.reset, account.activate, account.deactivate, account.role, password.change, client.reassign */
  action: string;
  /** What it was done to: `user:<id>`, `client:<id>`. */
  target: string;
  before: unknown;
  after: unknown;
}

export interface AuditView {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  target: string;
  targetName: string | null;
  before: unknown;
  after: unknown;
}

export async function recordAudit(query: Query, entry: AuditEntry, at: Date): Promise<void> {
  await query(`INSERT INTO admin_audit (at, actor_id, action, target, before, after) VALUES ($1, $2, $3, $4, $5, $6)`, [
    at.toISOString(),
    entry.actorId,
    entry.action,
    entry.target,
    entry.before === undefined ? null : JSON.stringify(entry.before),
    entry.after === undefined ? null : JSON.stringify(entry.after),
  ]);
}

/** The newest entries, with the names of who did it and to whom (user and client targets). */
export async function readAudit(query: Query, limit: number): Promise<AuditView[]> {
  const rows = await query<{
    id: number;
    at: string | Date;
    actor_id: number | null;
    actor_name: string | null;
    action: string;
    target: string;
    target_name: string | null;
    before: unknown;
    after: unknown;
  }>(
    // (The casts sit in CASE: a join condition's parts may run in any order, and 'client:7' is no user id.)
    `SELECT a.id, a.at, a.actor_id, u.name AS actor_name, a.action, a.target,
            COALESCE(tu.name, tc.name) AS target_name, a.before, a.after
     FROM admin_audit a
     LEFT JOIN users u ON u.id = a.actor_id
     LEFT JOIN users tu ON tu.id = CASE WHEN a.target LIKE 'user:%' THEN substr(a.target, 6)::int END
     LEFT JOIN clients tc ON tc.id = CASE WHEN a.target LIKE 'client:%' THEN substr(a.target, 8)::int END
     ORDER BY a.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    targetName: r.target_name,
    before: r.before,
    after: r.after,
  }));
}
