// What the ERP receives for claims and tickets: `claim.submit` (the claim as registered: client,
// order, lines with quantities and amounts, defect, files by hash), `claim.decision` (approved
// with the resolution and its amount, or rejected with the reason) and `ticket.submit` (a task
// for the back office: category, fields, the client's request). Read inside the transaction
// that enqueues them, so they are the committed state that caused them.
import type { ErpEffect } from '../../domain/sync/mutation-def';
import { enqueueForErp } from '../erp/outbox';
import type { Query } from '../query';

interface ClaimRow {
  id: string;
  number: string | null;
  client_id: number;
  client_inn: string | null;
  order_id: string;
  order_number: string | null;
  order_erp_number: string | null;
  status: string;
  defect_type: string;
  description: string;
  lines: unknown[];
  amount: string;
  resolution: string | null;
  resolution_amount: string | null;
  attachments: unknown[];
  history: { status: string; comment: string; at: string }[];
  created_at: string;
}

async function claimOf(query: Query, claimId: string): Promise<ClaimRow> {
  const [c] = await query<ClaimRow>(
    `SELECT c.id, c.number, c.client_id, cl.inn AS client_inn, c.order_id, c.order_number, o.erp_number AS order_erp_number, c.status, c.defect_type, c.description,
            c.lines, c.amount::text AS amount, c.resolution, c.resolution_amount::text AS resolution_amount, c.attachments, c.history, c.created_at
     FROM claims c LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN orders o ON o.id = c.order_id WHERE c.id = $1`,
    [claimId],
  );
  if (!c) throw new Error(`claim ${claimId} vanished inside its own transaction`);
  return c;
}

export async function enqueueAftersalesMessage(
  query: Query,
  effect: Exclude<ErpEffect, { orderId: string } | { method: 'client.update' }>,
): Promise<void> {
  if (effect.method === 'ticket.submit') {
    const [t] = await query<{
      id: string;
      number: string | null;
      client_id: number;
      client_inn: string | null;
      category: string;
      subject: string;
      fields: unknown;
      created_at: string;
      body: string;
    }>(
      `SELECT t.id, t.number, t.client_id, cl.inn AS client_inn, t.category, t.subject, t.fields, t.created_at,
              (SELECT m.body FROM ticket_messages m WHERE m.ticket_id = t.id ORDER BY m.created_at, m.id LIMIT 1) AS body
       FROM tickets t LEFT JOIN clients cl ON cl.id = t.client_id WHERE t.id = $1`,
      [effect.ticketId],
    );
    if (!t) throw new Error(`ticket ${effect.ticketId} vanished inside its own transaction`);
    await enqueueForErp(query, {
      aggregate: effect.aggregate,
      method: 'ticket.submit',
      payload: {
        ticket: {
          ticketId: t.id,
          number: t.number,
          clientId: t.client_id,
          clientInn: t.client_inn,
          category: t.category,
          subject: t.subject,
          fields: t.fields,
          request: t.body,
          createdAt: t.created_at,
        },
      },
    });
    return;
  }
  const c = await claimOf(query, effect.claimId);
  const claim = {
    claimId: c.id,
    number: c.number,
    clientId: c.client_id,
    clientInn: c.client_inn,
    orderId: c.order_id,
    orderNumber: c.order_number,
    orderErpNumber: c.order_erp_number,
    defectType: c.defect_type,
    description: c.description,
    lines: c.lines,
    amount: c.amount,
    attachments: c.attachments,
    createdAt: c.created_at,
  };
  if (effect.method === 'claim.submit') {
    await enqueueForErp(query, { aggregate: effect.aggregate, method: 'claim.submit', payload: { claim } });
    return;
  }
  const decision = [...c.history].reverse().find((h) => h.status === 'approved' || h.status === 'rejected');
  await enqueueForErp(query, {
    aggregate: effect.aggregate,
    method: 'claim.decision',
    payload: {
      claim,
      decision: {
        status: decision?.status ?? c.status,
        resolution: c.resolution,
        amount: c.resolution_amount,
        comment: decision?.comment ?? '',
        at: decision?.at ?? null,
      },
    },
  });
}
