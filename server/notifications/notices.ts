// The notifications the server writes when something a person waits for happens, in words'
// figures the desk translates: an approval decided (to whoever asked), a client's overdue debt
// over their limit (to the client's manager), a client's letter or our bounced letter (to the
// ticket's assignee). Orders accepted, refused and shipped are told in orders/erp-results.ts.
import type { Row } from '../../domain/sync/mutation-def';
import type { Query } from '../query';
import { notify } from './notify';

export async function approvalDecided(query: Query, approval: Row, at: Date) {
  const [order] = await query<{ number: string | null; client: string | null }>(
    `SELECT o.number, c.name AS client FROM orders o LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = $1`,
    [approval.order_id],
  );
  return notify(
    query,
    [
      {
        userIds: [Number(approval.requested_by)],
        kind: 'approval.decided',
        refKind: 'order',
        refId: String(approval.order_id),
        params: {
          status: approval.status,
          number: order?.number ?? null,
          client: order?.client ?? '',
          comment: approval.comment ?? '',
        },
      },
    ],
    at,
  );
}

/** A letter about a ticket: the client wrote (mail.in) or our letter came back (mail.bounced). */
export async function ticketMailNotice(
  query: Query,
  kind: 'mail.in' | 'mail.bounced',
  ticketId: string,
  params: Record<string, unknown>,
  at: Date,
) {
  const [t] = await query<{
    assignee_id: number;
    manager_id: number;
    number: string | null;
    subject: string;
    client: string | null;
  }>(
    `SELECT t.assignee_id, t.manager_id, t.number, t.subject, c.name AS client FROM tickets t LEFT JOIN clients c ON c.id = t.client_id WHERE t.id = $1`,
    [ticketId],
  );
  if (!t) return { audiences: [], head: 0 };
  return notify(
    query,
    [
      {
        userIds: [Number(t.assignee_id)],
        kind,
        refKind: 'ticket',
        refId: ticketId,
        params: { number: t.number, subject: t.subject, client: t.client ?? '', ...params },
      },
    ],
    at,
  );
}

/** Clients whose overdue debt went over their credit limit with this change (it was within before). */
export async function overdueCrossed(
  query: Query,
  crossed: { clientId: number; managerId: number; name: string; overdue: string; limit: string }[],
  at: Date,
) {
  return notify(
    query,
    crossed.map((c) => ({
      userIds: [c.managerId],
      kind: 'client.overdue' as const,
      refKind: 'client' as const,
      refId: String(c.clientId),
      params: { client: c.name, overdue: c.overdue, limit: c.limit },
    })),
    at,
  );
}
