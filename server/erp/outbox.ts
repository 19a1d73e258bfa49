// The ERP outbox: messages are enqueued inside the business transaction (so a change and its
// message commit together or not at all) and delivered later by the worker.
import type { ErpWriteMethod } from '../../domain/erp/erp-protocol';
import type { Query } from '../query';

/** Appends a message for the ERP; its idempotency key is the aggregate and its position. */
export async function enqueueForErp(
  query: Query,
  message: { aggregate: string; method: ErpWriteMethod; payload: Record<string, unknown> },
): Promise<{ id: number; seq: number }> {
  const [row] = await query<{ id: string; seq: number }>(
    `INSERT INTO erp_outbox (aggregate, seq, method, params, idempotency_key)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3::jsonb, $1 || '#' || (coalesce(max(seq), 0) + 1) FROM erp_outbox WHERE aggregate = $1
     RETURNING id, seq`,
    [message.aggregate, message.method, JSON.stringify(message.payload)],
  );
  return { id: Number(row!.id), seq: row!.seq };
}

export interface OutboxStats {
  pending: number;
  parked: number;
  oldestPendingAt: string | null;
}

export async function outboxStats(query: Query): Promise<OutboxStats> {
  const [row] = await query<{ pending: string; parked: string; oldest: string | Date | null }>(
    `SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'parked') AS parked,
            min(created_at) FILTER (WHERE status = 'pending') AS oldest FROM erp_outbox WHERE status IN ('pending', 'parked')`,
  );
  const oldest = row?.oldest ?? null;
  return {
    pending: Number(row?.pending ?? 0),
    parked: Number(row?.parked ?? 0),
    oldestPendingAt: oldest === null ? null : new Date(oldest).toISOString(),
  };
}
