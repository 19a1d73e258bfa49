// What the ERP receives when a manager changes a client's card: `client.update` with the client's
// contacts and delivery addresses as committed (the whole lists, so a repeat or a reordering
// cannot leave 1C half-updated) and which of them changed. Read inside the transaction that
// enqueues it, so it is the state that caused it.
import type { ErpEffect } from '../../domain/sync/mutation-def';
import { enqueueForErp } from '../erp/outbox';
import type { Query } from '../query';

export async function enqueueClientMessage(
  query: Query,
  effect: Extract<ErpEffect, { method: 'client.update' }>,
): Promise<void> {
  const [c] = await query<{ id: number; inn: string; contacts: unknown; delivery_addresses: unknown }>(
    `SELECT id, inn, contacts, delivery_addresses FROM clients WHERE id = $1`,
    [effect.clientId],
  );
  if (!c) throw new Error(`client ${effect.clientId} vanished inside its own transaction`);
  await enqueueForErp(query, {
    aggregate: effect.aggregate,
    method: 'client.update',
    payload: {
      client: {
        clientId: c.id,
        clientInn: c.inn,
        contacts: c.contacts,
        deliveryAddresses: c.delivery_addresses,
      },
      changed: effect.fields.map((f) => (f === 'delivery_addresses' ? 'deliveryAddresses' : f)),
      changedAt: new Date().toISOString(),
    },
  });
}
