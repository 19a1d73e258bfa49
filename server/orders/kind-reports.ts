// What 1C reports of reserves and preorders beside their statuses: per line what a reserve holds
// and what a preorder has secured (totals: a repeated report changes nothing), and a reserve's
// release. Written with the rules of domain/orders/order-kinds.ts as ordinary versioned rows;
// a preorder with newly secured lines is news for its manager.
import Decimal from 'decimal.js';
import { lineAfterReport, type KindReport } from '../../domain/orders/order-kinds';
import type { Row } from '../../domain/sync/mutation-def';
import type { Audience } from '../audience';
import { updateServerRows } from '../row-store';
import type { Query } from '../query';
import type { Notice } from '../notifications/notify';

export type OrderKindReport = KindReport & { orderId: string };

/** Writes the lines' held and secured quantities; returns the notices of newly secured preorder lines. */
export async function applyLineReports(
  query: Query,
  reports: OrderKindReport[],
): Promise<{ audiences: Audience[]; head: number; notices: Notice[] }> {
  const relevant = reports.filter((r) => r.released || r.lines?.length);
  if (!relevant.length) return { audiences: [], head: 0, notices: [] };
  const orders = new Map(
    (
      await query<Row>(`SELECT id, kind, number, client_id, manager_id FROM orders WHERE id = ANY($1::text[])`, [
        relevant.map((r) => r.orderId),
      ])
    ).map((o) => [String(o.id), o]),
  );
  // A released reserve holds nothing of any line, whether or not the report lists them.
  const releasedIds = relevant.filter((r) => r.released && orders.get(r.orderId)?.kind === 'reserve');
  const releasedLines = releasedIds.length
    ? await query<{ id: string; order_id: string }>(
        `SELECT id, order_id FROM order_lines WHERE order_id = ANY($1::text[]) AND NOT deleted`,
        [releasedIds.map((r) => r.orderId)],
      )
    : [];
  const changes = new Map<string, (before: Row) => Row | null>();
  const securedBy = new Map<string, number>();
  const change = (orderId: string, lineId: string, report: { held?: string; secured?: string }, released: boolean) => {
    const order = orders.get(orderId);
    if (!order) return;
    changes.set(lineId, (before) => {
      if (before.order_id !== orderId) return null;
      const after = lineAfterReport(order, before, report, released);
      const same = ['held', 'secured'].every((k) =>
        before[k] === null || before[k] === undefined || after[k] === null || after[k] === undefined
          ? (before[k] ?? null) === (after[k] ?? null)
          : new Decimal(String(before[k])).eq(String(after[k])),
      );
      if (same) return null;
      if (order.kind === 'preorder' && new Decimal(String(after.secured ?? 0)).gt(String(before.secured ?? 0)))
        securedBy.set(orderId, (securedBy.get(orderId) ?? 0) + 1);
      return after;
    });
  };
  for (const r of relevant) for (const l of r.lines ?? []) change(r.orderId, l.lineId, l, false);
  for (const l of releasedLines) change(l.order_id, l.id, {}, true);
  const written = await updateServerRows(query, 'order_lines', changes);
  const notices: Notice[] = [...securedBy].map(([orderId, lines]) => {
    const o = orders.get(orderId)!;
    return {
      userIds: [Number(o.manager_id)],
      kind: 'preorder.secured',
      refKind: 'order',
      refId: orderId,
      params: { number: o.number ?? null, clientId: o.client_id, lines },
    };
  });
  return { ...written, notices };
}
