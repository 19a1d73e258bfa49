// Whole-order operations on the replica: repeat an order, merge orders of one client (drafts here;
// two orders 1C has, through 1C: domain/orders/order-merge.ts), split an order by warehouse,
// availability or category. The plans come from domain/orders/order-operations.ts;
// here they are read from and written to the replica as ordinary mutations (order.create,
// order.editLines, order.cancel), all in one local transaction, so the server and the ERP see
// the same steps and a crash never leaves a line in two orders.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { CodedError } from '../../domain/errors';
import type { OrderStatus } from '../../domain/orders/order';
import {
  planMerge,
  planSplit,
  repeatLines,
  type PlanLine,
  type PlanOrder,
  type SplitKind,
} from '../../domain/orders/order-operations';
import { rulePrice } from '../../domain/pricing/pricing';
import { erpMergeRefusal } from '../../domain/orders/order-merge';
import type { DeskPricing } from '../pricing/pricing';
import type { RunMutations } from './order-editing';

import { MAX_LINES_PER_MUTATION as CHUNK } from '../../domain/orders/order-rows';

/** Orders 1C has and still lets change: merged through 1C, not on the desk alone. */
const ERP_CHANGEABLE: ReadonlySet<OrderStatus> = new Set(['accepted', 'processing']);

export interface OrderOperations {
  repeat(id: string): { id: string };
  merge(targetId: string, otherIds: string[]): { id: string; moved: number };
  split(id: string, by: SplitKind): { ids: string[]; moved: number };
}

interface Header {
  id: string;
  client_id: number;
  status: OrderStatus;
  warehouse_id: number;
  kind: string;
  delivery_date: string | null;
  comment: string;
  number: string | null;
}

export function createOrderOperations(
  sqlite: Database.Database,
  run: RunMutations,
  pricing: DeskPricing,
): OrderOperations {
  const header = (id: string): Header => {
    const h = sqlite
      .prepare(
        `SELECT id, client_id, status, warehouse_id, kind, delivery_date, comment, number FROM orders WHERE id = ?`,
      )
      .get(id) as Header | undefined;
    if (!h) throw new CodedError('not_found', `No order ${id}`);
    return h;
  };
  const planOrder = (id: string): PlanOrder & { header: Header } => {
    const h = header(id);
    const lines = (
      sqlite
        .prepare(
          `SELECT id, line_no AS lineNo, item_id AS itemId, quantity, price, price_source AS priceSource, discount, warehouse_id AS warehouseId, comment,
        override_reason AS overrideReason, override_note AS overrideNote
      FROM order_lines WHERE order_id = ? ORDER BY line_no`,
        )
        .all(id) as PlanLine[]
    ).map((l) => ({ ...l, quantity: String(l.quantity), price: String(l.price), discount: String(l.discount) }));
    return { id, clientId: h.client_id, status: h.status, warehouseId: h.warehouse_id, lines, header: h };
  };
  // New lines are whole (the order numbers them in the plan's order); removals are ids.
  const setLines = (orderId: string, lines: PlanLine[]) => {
    const list = [];
    for (let i = 0; i < lines.length; i += CHUNK) {
      const set = lines.slice(i, i + CHUNK).map(({ lineNo: _n, ...l }) => l);
      list.push({ name: 'order.editLines@1', args: { orderId, set } });
    }
    return list;
  };
  const removeLines = (orderId: string, ids: string[]) => {
    const list = [];
    for (let i = 0; i < ids.length; i += CHUNK)
      list.push({ name: 'order.editLines@1', args: { orderId, remove: ids.slice(i, i + CHUNK) } });
    return list;
  };
  const create = (h: Header, id: string, warehouseId: number, comment: string) => ({
    name: 'order.create@1',
    args: { orderId: id, clientId: h.client_id, kind: h.kind, warehouseId, deliveryDate: h.delivery_date, comment },
  });
  const refused = (plan: { ok: false; code: string; reason: string }): never => {
    throw new CodedError(plan.code === 'locked' ? 'locked' : 'bad_input', `order operation refused: ${plan.reason}`);
  };

  const orderRow = sqlite.prepare(`SELECT * FROM orders WHERE id = ?`);
  const lineIdsOf = sqlite.prepare(`SELECT id FROM order_lines WHERE order_id = ? ORDER BY line_no`).pluck();
  function mergeThroughErp(intoId: string, otherIds: string[]): { id: string; moved: number } {
    const others = [...new Set(otherIds)].filter((x) => x !== intoId);
    if (others.length !== 1) throw new CodedError('merge', 'one_at_a_time');
    const fromId = others[0]!;
    const refusal = erpMergeRefusal(
      orderRow.get(intoId) as Record<string, unknown> | undefined,
      orderRow.get(fromId) as Record<string, unknown> | undefined,
    );
    if (refusal) throw new CodedError('merge', refusal);
    const lines = lineIdsOf.all(fromId) as string[];
    if (lines.length === 0) throw new CodedError('merge', 'empty');
    if (lines.length > CHUNK) throw new CodedError('merge', 'too_many_lines');
    run([
      {
        name: 'order.mergeAccepted@1',
        args: { intoId, fromId, lines: lines.map((fromLineId) => ({ fromLineId, lineId: randomUUID() })) },
      },
    ]);
    return { id: intoId, moved: lines.length };
  }

  return {
    repeat(id) {
      const o = planOrder(id);
      // Today's prices by today's rules (a preorder repeated stays a preorder: no discounts).
      const p = pricing.forOrder(id);
      const info = pricing.items(
        o.lines.map((l) => l.itemId),
        p.priceTypeId,
      );
      const newId = randomUUID();
      const lines = repeatLines(o.lines, randomUUID, (itemId, quantity) => {
        const facts = info.get(itemId);
        const priced = facts ? rulePrice(p, facts.item, quantity, facts.base) : null;
        return priced ? { price: priced.unitPrice, source: priced.source === 'promo' ? 'promo' : 'client' } : null;
      });
      run([create(o.header, newId, o.warehouseId, o.header.comment), ...setLines(newId, lines)]);
      return { id: newId };
    },
    merge(targetId, otherIds) {
      const target = planOrder(targetId);
      // Orders 1C has already: one at a time, through 1C (a change, then a cancel).
      if (ERP_CHANGEABLE.has(target.status)) return mergeThroughErp(targetId, otherIds);
      const others = [...new Set(otherIds)].filter((x) => x !== targetId).map(planOrder);
      const plan = planMerge(target, others, randomUUID);
      if (!plan.ok) return refused(plan);
      const reason = `Объединён с заказом ${target.header.number ?? targetId}`;
      run([
        ...setLines(targetId, plan.add),
        ...plan.remove.flatMap((r) => removeLines(r.orderId, r.lineIds)),
        ...plan.cancel.map((orderId) => ({ name: 'order.cancel@1', args: { orderId, reason } })),
      ]);
      return { id: targetId, moved: plan.add.length };
    },
    split(id, by) {
      const o = planOrder(id);
      const stock = sqlite.prepare(`SELECT quantity FROM stock WHERE item_id = ? AND warehouse_id = ?`).pluck();
      const group = sqlite.prepare(`SELECT group_name FROM items WHERE id = ?`).pluck();
      const plan = planSplit(
        o,
        by,
        {
          stock: (itemId, wh) => {
            const q = stock.get(itemId, wh) as number | undefined;
            return q === undefined ? null : String(q);
          },
          category: (itemId) => String(group.get(itemId) ?? ''),
        },
        randomUUID,
      );
      if (!plan.ok) return refused(plan);
      const ids = plan.parts.map(() => randomUUID());
      const from = `Выделен из заказа ${o.header.number ?? id}`;
      run([
        ...plan.parts.flatMap((part, i) => [
          create(o.header, ids[i]!, part.warehouseId, o.header.comment ? `${o.header.comment} · ${from}` : from),
          ...setLines(ids[i]!, part.lines),
        ]),
        ...removeLines(id, plan.remove),
      ]);
      return { ids, moved: plan.remove.length };
    },
  };
}
