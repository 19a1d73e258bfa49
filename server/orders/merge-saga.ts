// The steps of a merge of two orders 1C has (domain/orders/order-merge.ts), taken when 1C answers,
// in the transaction that records its answer: the change of the growing order taken, so the
// other order's cancel goes to 1C now; the change refused, so the moved lines leave the grown
// order again; the cancel taken, so the merge is done; the cancel refused (the order is being
// assembled already), so the moved lines leave the grown order and 1C hears that change too.
// Every step writes both orders (and the lines) at once: no desk ever sees half a merge undone.
import type { Audience } from '../audience';
import { mergeOf, intoWithoutMoved, type MergeState } from '../../domain/orders/order-merge';
import { statusAfterErp, type OrderStatus } from '../../domain/orders/order';
import type { Row } from '../../domain/sync/mutation-def';
import type { SyncTableName } from '../../domain/sync/sync-tables';
import type { SettledMessage } from '../erp/delivery-worker';
import { notify, type Notice } from '../notifications/notify';
import type { Query } from '../query';
import { readRow, writeServerRows } from '../row-store';
import { enqueueOrderMessage } from './order-messages';

type Write = { table: SyncTableName; key: string; row: Row | null };

export async function advanceMerges(
  query: Query,
  settled: SettledMessage[],
  now: string,
): Promise<{ audiences: Audience[]; head: number }> {
  const audiences: Audience[] = [];
  let head = 0;
  const notices: Notice[] = [];
  for (const s of settled) {
    if ((s.method !== 'order.change' && s.method !== 'order.cancel') || !s.aggregate.startsWith('order:')) continue;
    const id = s.aggregate.slice('order:'.length);
    const order = await readRow(query, 'orders', id, true);
    const merge = mergeOf(order);
    if (!order || !merge) continue;
    const intoStep = s.method === 'order.change' && merge.role === 'into' && merge.step === 'change';
    const fromStep = s.method === 'order.cancel' && merge.role === 'from' && merge.step === 'cancel';
    if (!intoStep && !fromStep) continue;
    const partner = await readRow(query, 'orders', merge.partner, true);
    if (!partner) continue;
    const [into, from] = intoStep ? [order, partner] : [partner, order];
    const intoMerge = mergeOf(into)!;
    const befores = new Map<string, Row>([
      [String(into.id), into],
      [String(from.id), from],
    ]);
    const writes: Write[] = [];
    const tell = (kind: Notice['kind'], reason: string) =>
      notices.push({
        userIds: [Number(into.manager_id)],
        kind,
        refKind: 'order',
        refId: String(into.id),
        params: { number: into.number ?? null, other: from.number ?? null, clientId: into.client_id, reason },
      });
    if (s.outcome === 'delivered' && intoStep) {
      // 1C has the lines in the growing order: now, and only now, the other order is cancelled.
      const step = (m: MergeState): MergeState => ({ ...m, step: 'cancel' });
      writes.push(
        { table: 'orders', key: String(into.id), row: { ...into, merge: step(intoMerge) } },
        { table: 'orders', key: String(from.id), row: { ...from, merge: step(mergeOf(from)!) } },
      );
      await enqueueOrderMessage(query, {
        method: 'order.cancel',
        aggregate: `order:${String(from.id)}`,
        orderId: String(from.id),
        reason: `Объединён с заказом ${String(into.erp_number ?? into.number ?? into.id)}`,
      });
    } else if (s.outcome === 'delivered') {
      writes.push(
        { table: 'orders', key: String(into.id), row: { ...into, merge: null } },
        {
          table: 'orders',
          key: String(from.id),
          row: {
            ...from,
            merge: null,
            status: statusAfterErp(from.status as OrderStatus, 'cancelled'),
            erp_status_at: now,
          },
        },
      );
      tell('order.merged', '');
    } else {
      // Refused: the moved lines leave the grown order; after a refused cancel 1C hears that too.
      const reason = s.reason.slice(0, 900);
      const moved: Row[] = [];
      for (const lineId of intoMerge.lines ?? []) {
        const line = await readRow(query, 'order_lines', lineId, true);
        if (!line) continue;
        moved.push(line);
        befores.set(lineId, line);
        writes.push({ table: 'order_lines', key: lineId, row: null });
      }
      writes.push(
        {
          table: 'orders',
          key: String(into.id),
          row: { ...intoWithoutMoved(into, moved), erp_error: intoStep ? reason : into.erp_error },
        },
        {
          table: 'orders',
          key: String(from.id),
          row: { ...from, merge: null, erp_error: fromStep ? reason : from.erp_error },
        },
      );
      tell('order.mergeRefused', reason);
      if (fromStep) {
        const result = await writeServerRows(query, writes, befores);
        audiences.push(...result.audiences);
        head = Math.max(head, result.head);
        await enqueueOrderMessage(query, {
          method: 'order.change',
          aggregate: `order:${String(into.id)}`,
          orderId: String(into.id),
          lineIds: moved.map((l) => String(l.id)),
        });
        continue;
      }
    }
    const result = await writeServerRows(query, writes, befores);
    audiences.push(...result.audiences);
    head = Math.max(head, result.head);
  }
  if (notices.length) {
    const names = new Map(
      (
        await query<{ id: number; name: string }>(`SELECT id, name FROM clients WHERE id = ANY($1::int[])`, [
          notices.map((n) => Number(n.params.clientId)),
        ])
      ).map((c) => [Number(c.id), c.name]),
    );
    for (const n of notices) n.params.client = names.get(Number(n.params.clientId)) ?? '';
    const said = await notify(query, notices, new Date(now));
    audiences.push(...said.audiences);
    head = Math.max(head, said.head);
  }
  return { audiences, head };
}
