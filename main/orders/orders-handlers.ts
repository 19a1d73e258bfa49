// Orders' part of the contract: the list, one order opened for a view (and followed by deltas
// from then on), its lines, a new order, the header, the submit check, submit and cancel, why a
// line costs what it does, and whole-order operations (repeat, merge, split).
import { randomUUID } from 'node:crypto';
import type { HandlersOf, ordersMethods } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { typedDate } from '../../domain/orders/order';
import { createDeskPricing } from '../pricing/pricing';
import type { DeskSession } from '../session/desk-session';
import { createOrderOperations } from './order-operations';

export function ordersHandlers(s: DeskSession): HandlersOf<typeof ordersMethods> {
  const run = (list: { name: string; args: unknown }[]) => s.commit(list).seqs;
  const operations = createOrderOperations(s.replica.sqlite, run, createDeskPricing(s.replica.sqlite));
  return {
    'orders.list': ({ article }) => s.orders.list(article),
    'orders.get': ({ id, linesLimit }) => s.deltas.open(id, linesLimit),
    'orders.lines': ({ orderId, ids, fromLineNo, toLineNo }) =>
      fromLineNo !== undefined || toLineNo !== undefined
        ? { lines: s.orders.numbered(orderId, fromLineNo ?? 0, toLineNo ?? Number.MAX_SAFE_INTEGER), missing: [] }
        : s.orders.lines(orderId, ids),
    'orders.explainPrice': ({ orderId, lineId }) => s.orders.explain(orderId, lineId),
    'orders.create': (args) => {
      const id = randomUUID();
      return { id, ...s.mutate('order.create@1', { orderId: id, ...args }) };
    },
    'orders.setHeader': ({ orderId, ...fields }) => {
      // A date typed as people write it (1.12.2026) or picked (2026-12-01); empty clears it.
      let date = fields.deliveryDate;
      if (typeof date === 'string') {
        date = date.trim() === '' ? null : typedDate(date);
        if (date === null) throw new CodedError('bad_input', `Not a date: ${fields.deliveryDate}`);
      }
      return s.mutate('order.setHeader@1', {
        orderId,
        ...fields,
        ...(date === undefined ? {} : { deliveryDate: date }),
      });
    },
    'orders.submitCheck': ({ id }) => s.orders.submitCheck(id),
    'orders.submit': ({ id, checkDigest }) => {
      // Not queued at all while something needs a reason or a supervisor: the server would refuse it anyway.
      const blocks = s.orders.blocks(id);
      if (blocks.length) throw new CodedError('needs_approval', JSON.stringify(blocks.slice(0, 50)));
      // A seasonal order fills a client's commitment: under which programme, first.
      const order = s.replica.readRow('orders', id);
      if (order?.kind === 'seasonal' && !order.programme_id) throw new CodedError('season', 'no_programme_chosen');
      return s.mutate('order.submit@1', { orderId: id, checkDigest });
    },
    'orders.cancel': ({ id, reason }) => s.mutate('order.cancel@1', { orderId: id, reason }),
    'orders.repeat': ({ id }) => operations.repeat(id),
    'orders.merge': ({ targetId, otherIds }) => operations.merge(targetId, otherIds),
    'orders.split': ({ id, by }) => operations.split(id, by),
  };
}
