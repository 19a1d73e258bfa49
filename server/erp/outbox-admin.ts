// The admin's view of the ERP outbox: pending and parked messages with the ERP's reasons, and
// the two decisions on a parked one (send again, or discard), each recorded with who, when, why.
import { CodedError } from '../../domain/errors';
import type { SessionUser } from '../../domain/roles';
import type { CentralStore } from '../store';

export interface OutboxMessage {
  id: number;
  aggregate: string;
  seq: number;
  method: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  orderNumber: string | null;
  clientName: string | null;
  audit: { action: string; userName: string; reason: string; at: string }[];
}

export async function listOutbox(
  store: CentralStore,
  status: 'pending' | 'parked' | 'discarded',
  limit = 500,
  /** A supervisor sees the messages of their team's clients only; null: all (admins). */
  supervisorId: number | null = null,
): Promise<OutboxMessage[]> {
  const rows = await store.queryObjects<Record<string, unknown>>(
    `SELECT m.id, m.aggregate, m.seq, m.method, m.status, m.attempts, m.last_error, m.created_at, m.next_attempt_at, o.number AS order_number, c.name AS client_name,
            coalesce((SELECT json_agg(json_build_object('action', a.action, 'userName', u.name, 'reason', a.reason, 'at', a.at) ORDER BY a.at)
                      FROM erp_outbox_audit a LEFT JOIN users u ON u.id = a.user_id WHERE a.outbox_id = m.id), '[]') AS audit
     FROM erp_outbox m
     LEFT JOIN orders o ON m.aggregate = 'order:' || o.id
     LEFT JOIN claims cl ON m.aggregate = 'claim:' || cl.id
     LEFT JOIN tickets tk ON m.aggregate = 'ticket:' || tk.id
     LEFT JOIN clients c ON c.id = COALESCE(o.client_id, cl.client_id, tk.client_id,
       CASE WHEN m.aggregate LIKE 'client:%' THEN substr(m.aggregate, 8)::int END)
     WHERE m.status = $1
       AND ($3::int IS NULL OR c.manager_id IN (SELECT id FROM users WHERE supervisor_id = $3))
     ORDER BY m.id LIMIT $2`,
    [status, limit, supervisorId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    aggregate: String(r.aggregate),
    seq: Number(r.seq),
    method: String(r.method),
    status: String(r.status),
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    createdAt: new Date(r.created_at as string).toISOString(),
    nextAttemptAt: new Date(r.next_attempt_at as string).toISOString(),
    orderNumber: (r.order_number as string | null) ?? null,
    clientName: (r.client_name as string | null) ?? null,
    audit: (typeof r.audit === 'string' ? JSON.parse(r.audit) : r.audit) as OutboxMessage['audit'],
  }));
}

/** Sends a parked message again (after the cause was fixed in the ERP), or drops it for good. */
export async function decideParked(
  store: CentralStore,
  user: SessionUser,
  id: number,
  action: 'retry' | 'discard',
  reason: string,
): Promise<void> {
  if (user.role !== 'admin')
    throw new CodedError('forbidden', 'Only an administrator may retry or discard ERP messages');
  await store.transaction(async (tx) => {
    const [row] = await tx.query<{ status: string }>(`SELECT status FROM erp_outbox WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw new CodedError('not_found', `No outbox message ${id}`);
    if (row.status !== 'parked') throw new CodedError('bad_input', `Message ${id} is ${row.status}, not parked`);
    if (action === 'retry')
      await tx.query(`UPDATE erp_outbox SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE id = $1`, [
        id,
      ]);
    else await tx.query(`UPDATE erp_outbox SET status = 'discarded' WHERE id = $1`, [id]);
    await tx.query(`INSERT INTO erp_outbox_audit (outbox_id, action, user_id, reason) VALUES ($1, $2, $3, $4)`, [
      id,
      action,
      user.id,
      reason,
    ]);
  });
}
