// Reserves' and preorders' part of the contract: ask 1C to extend a reserve or to make it an
// order, and make a preorder's secured part an order. The desk checks first with the same rules
// the mutations run (a reserve that has ended, nothing secured left) so the manager hears why at
// once, in words the screen translates; the server decides in the end.
import { randomUUID } from 'node:crypto';
import type { HandlersOf, orderKindMethods } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { reserveRefusal, securedLeft } from '../../domain/orders/order-kinds';
import type { Row } from '../../domain/sync/mutation-def';
import type { DeskSession } from '../session/desk-session';

export function orderKindsHandlers(s: DeskSession): HandlersOf<typeof orderKindMethods> {
  const orderRow = (id: string): Row => {
    const o = s.replica.readRow('orders', id);
    if (!o) throw new CodedError('not_found', `No order ${id}`);
    return o;
  };
  const askable = (id: string): void => {
    const refusal = reserveRefusal(orderRow(id), new Date().toISOString());
    if (refusal) throw new CodedError('order_kind', refusal);
  };
  const linesOf = s.replica.sqlite.prepare(`SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no`).pluck();
  return {
    'orders.extendReserve': ({ id, days }) => {
      askable(id);
      return s.mutate('reserve.extend@1', { orderId: id, days });
    },
    'orders.convertReserve': ({ id }) => {
      askable(id);
      return s.mutate('reserve.convert@1', { orderId: id });
    },
    'orders.convertSecured': ({ id }) => {
      const o = orderRow(id);
      if (o.kind !== 'preorder') throw new CodedError('order_kind', 'not_preorder');
      const lines = (linesOf.all(id) as string[])
        .map((lineId) => s.replica.readRow('order_lines', lineId)!)
        .filter((l) => Number(securedLeft(l)) > 0);
      if (!lines.length) throw new CodedError('order_kind', 'nothing_secured');
      const orderId = randomUUID();
      // A mutation carries at most 1,000 lines: a bigger secured part is several orders, each whole.
      const first = lines.slice(0, 1000);
      const { seq } = s.mutate('preorder.convertSecured@1', {
        preorderId: id,
        orderId,
        lines: first.map((l) => ({ fromLineId: String(l.id), lineId: randomUUID() })),
      });
      return { id: orderId, lines: first.length, seq };
    },
  };
}
