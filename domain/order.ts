// Orders (заказ клиента): kinds, statuses, which status allows which edit, how ERP statuses
// move an order forward, and line amounts. Pure and exact (decimal.js, never binary floats).
import Decimal from 'decimal.js';

export const ORDER_KINDS = ['order', 'reserve', 'preorder', 'seasonal'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_STATUSES = ['draft', 'submitted', 'accepted', 'processing', 'assembling', 'shipped', 'closed', 'cancelled', 'rejected'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses the ERP reports for an order it has, in their order of progress. */
export const ERP_PROGRESS: readonly OrderStatus[] = ['accepted', 'processing', 'assembling', 'shipped', 'closed'];

/** Why lines cannot be edited in this status, or null when they can (DOMAIN.md: draft and processing). */
export function linesLockedReason(status: OrderStatus): null | 'waiting_for_erp' | 'assembling_or_later' | 'finished' {
  switch (status) {
    case 'draft':
    case 'rejected':
    case 'accepted':
    case 'processing':
      return null;
    // Queued for the ERP: editing now would race the ERP taking the order as it was sent.
    case 'submitted':
      return 'waiting_for_erp';
    case 'assembling':
    case 'shipped':
      return 'assembling_or_later';
    default:
      return 'finished';
  }
}

/** Whether line edits of an order in this status go to the ERP as `order.change`. */
export function changesGoToErp(status: OrderStatus): boolean {
  return status === 'accepted' || status === 'processing';
}

export function canSubmit(status: OrderStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

export function canCancel(status: OrderStatus): boolean {
  return status === 'draft' || status === 'rejected' || status === 'submitted' || status === 'accepted' || status === 'processing';
}

/**
 * The status after the ERP reports `erp` for an order now in `current`: only forward, never out
 * of cancelled, so a late or repeated status report changes nothing.
 */
export function statusAfterErp(current: OrderStatus, erp: OrderStatus): OrderStatus {
  if (current === 'cancelled' || current === 'draft') return current;
  if (erp === 'rejected') return current === 'submitted' ? 'rejected' : current;
  if (erp === 'cancelled') return 'cancelled';
  const at = ERP_PROGRESS.indexOf(current);
  const to = ERP_PROGRESS.indexOf(erp);
  if (to < 0) return current;
  return to > at ? erp : current;
}

/**
 * A quantity snapped up to a whole number of packs (the client gets at least what was asked);
 * the caller shows the original next to it: never changed silently.
 */
export function roundUpToPack(quantity: string, packSize: number): string {
  const q = new Decimal(quantity);
  if (packSize <= 1 || q.lte(0)) return q.toString();
  return q.dividedBy(packSize).ceil().times(packSize).toString();
}

/** A number as a manager types it ("1 000,5") as plain decimal text ("1000.5"); validity is checked by the line's schema. */
export function typedDecimal(v: string): string {
  return v.trim().replace(/\s/g, '').replace(',', '.');
}

/** Line amount: quantity × unit price × (1 − discount %), to kopecks, half up. */
export function lineAmount(quantity: string, price: string, discount: string): string {
  return new Decimal(quantity).times(price).times(new Decimal(100).minus(discount)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function addMoney(a: string, b: string): string {
  return new Decimal(a).plus(b).toFixed(2);
}

export function subtractMoney(a: string, b: string): string {
  return new Decimal(a).minus(b).toFixed(2);
}
