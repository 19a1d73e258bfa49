// Orders (заказ клиента): kinds, statuses, which status allows which edit, how ERP statuses
// move an order forward, and line amounts. Pure and exact (decimal.js, never binary floats).
import Decimal from 'decimal.js';

export const ORDER_KINDS = ['order', 'reserve', 'preorder', 'seasonal'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_STATUSES = [
  'draft',
  'submitted',
  'accepted',
  'processing',
  'assembling',
  'shipped',
  'closed',
  'cancelled',
  'rejected',
] as const;
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
  return (
    status === 'draft' ||
    status === 'rejected' ||
    status === 'submitted' ||
    status === 'accepted' ||
    status === 'processing'
  );
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

/**
 * A date as people type it (1.12.2026, 01/12/26) or a picker gives it (2026-12-01), as
 * YYYY-MM-DD; null when it is not a real calendar date.
 */
export function typedDate(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const ru = iso ? null : /^(\d{1,2})[./](\d{1,2})[./](\d{2}|\d{4})$/.exec(t);
  if (!iso && !ru) return null;
  const [y, m, d] = iso
    ? [iso[1]!, iso[2]!, iso[3]!]
    : [ru![3]!.length === 2 ? `20${ru![3]}` : ru![3]!, ru![2]!.padStart(2, '0'), ru![1]!.padStart(2, '0')];
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${y}-${m}-${d}`
    ? `${y}-${m}-${d}`
    : null;
}

/** Line amount: quantity × unit price × (1 − discount %), to kopecks, half up. */
export function lineAmount(quantity: string, price: string, discount: string): string {
  // Integers while exact (a paste prices thousands of lines): quantity in 10^-3, price in
  // 10^-4, what is left after the discount in 10^-2 percent; Decimal otherwise.
  const q = scaled(quantity, 3);
  const p = scaled(price, 4);
  const d = scaled(discount, 2);
  if (q !== null && p !== null && d !== null && q >= 0 && p >= 0 && d >= 0 && d <= 10_000) {
    const qp = q * p; // 10^-7
    if (d === 0 && Number.isSafeInteger(qp + 50_000)) return kopecksOf(Math.floor((qp + 50_000) / 100_000));
    if (Number.isSafeInteger(qp)) {
      // × (10000 − d) / 10^4 percent: in 10^-11, to kopecks (10^-2) half up, exactly in BigInt.
      const product = BigInt(qp) * BigInt(10_000 - d);
      return kopecksOf(Number((product + 500_000_000n) / 1_000_000_000n));
    }
  }
  return new Decimal(quantity)
    .times(price)
    .times(new Decimal(100).minus(discount))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

/** Money text with at most two decimals ("-12.05") as an exact count of kopecks. */
export function moneyKopecks(money: string): bigint {
  const negative = money.startsWith('-');
  const [whole, frac = ''] = (negative ? money.slice(1) : money).split('.');
  const k = BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -k : k;
}

/** An exact count of kopecks as money text ("-12.05"). */
export function kopecksText(k: bigint): string {
  const a = k < 0n ? -k : k;
  return `${k < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** An integer count of kopecks as money text ("-12.05"). */
function kopecksOf(k: number): string {
  const sign = k < 0 ? '-' : '';
  const abs = String(Math.abs(k)).padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** How the goods reach the client: delivered to an address, or picked up at the warehouse. */
export const DELIVERY_METHODS = ['delivery', 'pickup'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** A line's cost: quantity × the item's unit cost, to kopecks, half up (the margin is amount − cost). */
export function lineCost(quantity: string, unitCost: string): string {
  const q = scaled(quantity, 3);
  const c = scaled(unitCost, 4);
  if (q !== null && c !== null && q >= 0 && c >= 0 && Number.isSafeInteger(q * c + 50_000))
    return kopecksOf(Math.floor((q * c + 50_000) / 100_000));
  return new Decimal(quantity).times(unitCost).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** Decimal text as an integer count of 10^-places (null when it has more places or is not plain decimal). */
function scaled(text: string, places: number): number | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (m[3]?.length ?? 0) > places) return null;
  const v = Number(m[2]! + (m[3] ?? '').padEnd(places, '0'));
  if (!Number.isSafeInteger(v)) return null;
  return m[1] ? -v : v;
}

/**
 * A line's margin: amount − lineCost(quantity, unit cost), exactly. The grid shows it for every
 * line of a 50,000-line order, so plain integers carry it while they are exact, Decimal beyond.
 */
export function lineMargin(amount: string, quantity: string, unitCost: string): string {
  const kop = scaled(amount, 2);
  const q = scaled(quantity, 3);
  const c = scaled(unitCost, 4);
  if (kop !== null && q !== null && c !== null && q >= 0 && c >= 0) {
    const product = q * c; // units of 10^-7
    if (Number.isSafeInteger(product + 50_000) && Number.isSafeInteger(kop))
      return kopecksOf(kop - Math.floor((product + 50_000) / 100_000));
  }
  return subtractMoney(amount, lineCost(quantity, unitCost));
}

export function addMoney(a: string, b: string): string {
  const x = scaled(a, 2);
  const y = scaled(b, 2);
  if (x !== null && y !== null && Number.isSafeInteger(x + y)) return kopecksOf(x + y);
  return new Decimal(a).plus(b).toFixed(2);
}

export function subtractMoney(a: string, b: string): string {
  const x = scaled(a, 2);
  const y = scaled(b, 2);
  if (x !== null && y !== null && Number.isSafeInteger(x - y)) return kopecksOf(x - y);
  return new Decimal(a).minus(b).toFixed(2);
}

/** Orders the client is committed to but has not paid for yet: they count against its credit. */
export const CREDIT_STATUSES: readonly OrderStatus[] = ['submitted', 'accepted', 'processing', 'assembling'];

export interface CreditPosition {
  /** This order + the client's other open orders + its overdue receivables. */
  exposure: string;
  limit: string;
  /** By how much the exposure passes the limit, or null when within it (or on prepayment). */
  over: string | null;
  prepayment: boolean;
}

/**
 * The client's credit with this order: a client on prepayment has no credit to exceed; any other
 * is checked against its limit (a limit of 0 on deferred terms means no credit at all).
 */
export function creditPosition(input: {
  limit: string;
  overdue: string;
  openOrders: string;
  thisOrder: string;
  paymentTerms: string;
}): CreditPosition {
  const prepayment = /предоплат|prepay/i.test(input.paymentTerms);
  const exposure = new Decimal(input.thisOrder).plus(input.openOrders).plus(input.overdue);
  const over = exposure.minus(input.limit);
  return {
    exposure: exposure.toFixed(2),
    limit: new Decimal(input.limit).toFixed(2),
    over: !prepayment && over.gt(0) ? over.toFixed(2) : null,
    prepayment,
  };
}
