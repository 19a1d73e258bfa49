// Mutations of reserves and preorders: ask 1C to extend a reserve or to make it an order (both
// wait for 1C's answer: it owns the stock and may refuse), and make a preorder's secured part an
// order of its own in one step (the rest stays a preorder). Run on the desk and on the server;
// the server's run decides, so two desks converting one preorder at once make one order.
import { z } from 'zod';
import type { MutationDef, Row, RowRef, RowWrite } from '../sync/mutation-def';
import { addMoney, lineAmount, lineCost } from './order';
import { MAX_RESERVE_DAYS, reserveRefusal, securedLeft, type HoldRequest } from './order-kinds';
import { copiedLine, MAX_LINES_PER_MUTATION, orderOf, orderRef, reject, Uuid } from './order-rows';
import Decimal from 'decimal.js';

const ExtendArgs = z.object({ orderId: Uuid, days: z.number().int().min(1).max(MAX_RESERVE_DAYS) }).strict();

const REFUSED: Record<string, string> = {
  not_reserve: 'The order is not a reserve',
  not_held: '1C holds nothing for this reserve now',
  expired: 'The reserve has expired',
  pending: 'A request about this reserve is waiting for 1C',
};

function askErp(kind: HoldRequest['kind']) {
  return (a: { orderId: string; days?: number }, rows: ReadonlyMap<string, Row | null>, ctx: { now: string }) => {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    const request = order.hold_request as HoldRequest | null | undefined;
    // Asked already (a rebase re-running it, a second press): 1C's answer is awaited once.
    if (request && request.kind === kind) return { ok: true as const, writes: [], conflicts: [] };
    const refusal = reserveRefusal(order, ctx.now);
    if (refusal) return reject('invalid', REFUSED[refusal]!);
    const hold: HoldRequest = { kind, at: ctx.now, ...(a.days ? { days: a.days } : {}) };
    return {
      ok: true as const,
      writes: [{ table: 'orders' as const, key: a.orderId, row: { ...order, hold_request: hold, erp_error: null } }],
      conflicts: [],
      erp: [
        {
          method: kind === 'extend' ? ('reserve.extend' as const) : ('reserve.convert' as const),
          aggregate: `order:${a.orderId}`,
          orderId: a.orderId,
          ...(a.days ? { days: a.days } : {}),
        },
      ],
    };
  };
}

export const extendReserve: MutationDef<z.infer<typeof ExtendArgs>> = {
  name: 'reserve.extend@1',
  args: ExtendArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [orderRef(a.orderId)],
  roles: ['manager', 'supervisor', 'admin'],
  apply: askErp('extend'),
};

const ConvertArgs = z.object({ orderId: Uuid }).strict();

export const convertReserve: MutationDef<z.infer<typeof ConvertArgs>> = {
  name: 'reserve.convert@1',
  args: ConvertArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [orderRef(a.orderId)],
  roles: ['manager', 'supervisor', 'admin'],
  apply: askErp('convert'),
};

// ---- a preorder's secured part becomes an order ------------------------------------------------

const ConvertSecuredArgs = z
  .object({
    preorderId: Uuid,
    /** The new order's id, and each preorder line's new line id (made on the desk, offline too). */
    orderId: Uuid,
    lines: z
      .array(z.object({ fromLineId: Uuid, lineId: Uuid }).strict())
      .min(1)
      .max(MAX_LINES_PER_MUTATION),
  })
  .strict()
  .refine((a) => a.preorderId !== a.orderId, 'a new order id')
  .refine(
    (a) => new Set(a.lines.flatMap((l) => [l.fromLineId, l.lineId])).size === a.lines.length * 2,
    'a line appears twice',
  );
export type ConvertSecuredArgs = z.input<typeof ConvertSecuredArgs>;

const lineRef = (id: string): RowRef => ({ table: 'order_lines', key: id });

export const convertSecured: MutationDef<z.infer<typeof ConvertSecuredArgs>> = {
  name: 'preorder.convertSecured@1',
  args: ConvertSecuredArgs,
  aggregate: (a) => `order:${a.preorderId}`,
  reads: (a) => [
    orderRef(a.preorderId),
    orderRef(a.orderId),
    ...a.lines.flatMap((l) => [lineRef(l.fromLineId), lineRef(l.lineId)]),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const preorder = orderOf(rows, a.preorderId);
    if (!preorder) return reject('not_found', `Order ${a.preorderId} not found`);
    // Set semantics: a rebase re-running the conversion finds its order made.
    if (orderOf(rows, a.orderId)) return { ok: true, writes: [], conflicts: [] };
    if (preorder.kind !== 'preorder') return reject('invalid', 'The order is not a preorder');
    if (preorder.status !== 'accepted' && preorder.status !== 'processing')
      return reject('locked', `A preorder in status ${String(preorder.status)} has nothing 1C secured`);
    const writes: RowWrite[] = [];
    let total = '0.00';
    let costTotal = '0.00';
    let lineNo = 0;
    for (const l of a.lines) {
      const from = rows.get(`order_lines|${l.fromLineId}`);
      if (!from || from.order_id !== a.preorderId)
        return reject('not_found', `Line ${l.fromLineId} is not in the preorder`);
      const left = securedLeft(from);
      // Converted already (by another desk, or a repeated action): that line has nothing left.
      if (new Decimal(left).lte(0)) continue;
      const cost = String(from.cost ?? '0');
      const amount = lineAmount(left, String(from.price), '0');
      total = addMoney(total, amount);
      costTotal = addMoney(costTotal, lineCost(left, cost));
      writes.push({
        table: 'order_lines',
        key: l.lineId,
        row: copiedLine(
          from,
          { id: l.lineId, orderId: a.orderId, managerId: preorder.manager_id, lineNo: ++lineNo },
          { quantity: left, discount: '0', amount, from_line_id: l.fromLineId },
        ),
      });
      writes.push({
        table: 'order_lines',
        key: l.fromLineId,
        row: { ...from, converted: new Decimal(String(from.converted ?? '0')).plus(left).toString() },
      });
    }
    if (lineNo === 0) return reject('invalid', 'Nothing secured is left to make an order of');
    const order: Row = {
      id: a.orderId,
      number: ctx.writeVersion === null ? null : String(ctx.writeVersion),
      client_id: preorder.client_id,
      manager_id: preorder.manager_id,
      kind: 'order',
      // The goods are the client's already: the order goes to 1C at once, at the preorder's prices.
      status: 'submitted',
      warehouse_id: preorder.warehouse_id,
      delivery_date: preorder.delivery_date ?? null,
      comment: preorder.comment ?? '',
      lines_count: lineNo,
      last_line_no: lineNo,
      total,
      cost_total: costTotal,
      created_at: ctx.now,
      submitted_at: ctx.now,
      erp_number: null,
      erp_status_at: null,
      erp_error: null,
      agreement: preorder.agreement ?? null,
      delivery_method: preorder.delivery_method ?? 'delivery',
      delivery_address: preorder.delivery_address ?? '',
      origin: 'desk',
      held_until: null,
      hold_state: null,
      hold_request: null,
      hold_warned_at: null,
      from_order_id: a.preorderId,
    };
    writes.push({ table: 'orders', key: a.orderId, row: order });
    return {
      ok: true,
      writes,
      conflicts: [],
      erp: [{ method: 'order.submit', aggregate: `order:${a.orderId}`, orderId: a.orderId }],
    };
  },
};

export const orderKindMutations: MutationDef<any>[] = [extendReserve, convertReserve, convertSecured];
