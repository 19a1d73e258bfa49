// What the order mutations share: ids and exact decimal texts in their arguments, the order row
// they read, when its lines are locked, and the ERP message an accepted order's change sends.
import { z } from 'zod';
import type { ErpEffect, MutationOutcome, Row, RowRef } from '../sync/mutation-def';
import { changesGoToErp, linesLockedReason, type OrderStatus } from './order';

export const reject = (code: 'not_found' | 'invalid' | 'locked' | 'forbidden', message: string): MutationOutcome => ({
  ok: false,
  code,
  message,
});

export const Uuid = z.string().uuid();
/** Decimal text with at most `places` decimals (no exponent, no binary float on the way). */
export const decimalText = (places: number, max: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`), `a number with at most ${places} decimals`)
    .refine((v) => Number(v) <= max, `at most ${max}`);

export const MAX_LINES_PER_MUTATION = 1000;

export const orderRef = (orderId: string): RowRef => ({ table: 'orders', key: orderId });
export const orderOf = (rows: ReadonlyMap<string, Row | null>, orderId: string): Row | null | undefined =>
  rows.get(`orders|${orderId}`);

export function lockedFor(order: Row): MutationOutcome | null {
  // Two orders being merged in 1C: their lines are what 1C is being asked about.
  const reason = order.merge ? 'merging' : linesLockedReason(order.status as OrderStatus);
  return reason ? reject('locked', `Order lines are locked: ${reason}`) : null;
}

/** An order the ERP has taken hears of every change to it (order.change), with the lines touched. */
export function changeEffect(order: Row, lineIds: string[]): ErpEffect[] | undefined {
  return changesGoToErp(order.status as OrderStatus)
    ? [{ method: 'order.change', aggregate: `order:${String(order.id)}`, orderId: String(order.id), lineIds }]
    : undefined;
}

/**
 * A line copied into another order (a merge, a preorder's secured part): the item, its price and
 * why it was set stay; the new order's id, owner and number are given; nothing is held or
 * secured yet. `changes` are what the copy does differently (the quantity left, a warehouse, its origin).
 */
export function copiedLine(
  from: Row,
  to: { id: string; orderId: string; managerId: unknown; lineNo: number },
  changes: Partial<Pick<Row, 'quantity' | 'amount' | 'discount' | 'warehouse_id' | 'from_line_id'>> = {},
): Row {
  return {
    id: to.id,
    order_id: to.orderId,
    manager_id: to.managerId,
    line_no: to.lineNo,
    item_id: from.item_id,
    quantity: from.quantity,
    price: from.price,
    price_source: from.price_source,
    discount: from.discount ?? '0',
    amount: from.amount,
    warehouse_id: from.warehouse_id ?? null,
    comment: from.comment ?? '',
    cost: String(from.cost ?? '0'),
    override_reason: from.override_reason ?? '',
    override_note: from.override_note ?? '',
    held: null,
    secured: null,
    converted: '0',
    from_line_id: null,
    ...changes,
  };
}
