// Figures the order screen shows that are computed from exact decimals, so that the screen does
// no money arithmetic of its own: prices and amounts on the other VAT basis than the client's
// price list, the margin as a percent of the total, a price change with its direction, and the
// sum, count and average of a selected range of cells.
import Decimal from 'decimal.js';

export type VatBasis = 'with' | 'without';

/** A unit price on the other basis: per unit, to kopecks, half up (as the line's VAT is computed). */
export function priceOnBasis(price: string, vatRate: string, listBasis: VatBasis, shown: VatBasis): string {
  if (listBasis === shown || price === '') return price;
  const rate = new Decimal(vatRate || '0');
  const p = new Decimal(price);
  const converted =
    listBasis === 'with' ? p.times(100).dividedBy(rate.plus(100)) : p.times(rate.plus(100)).dividedBy(100);
  return converted.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** A line's amount on the other basis, from the line's own VAT, so a column sums to the document's figures. */
export function amountOnBasis(amount: string, vat: string, listBasis: VatBasis, shown: VatBasis): string {
  if (listBasis === shown || amount === '') return amount;
  const a = new Decimal(amount);
  return (listBasis === 'with' ? a.minus(vat || '0') : a.plus(vat || '0')).toFixed(2);
}

/** Margin as a percent of the total, one decimal; null when there is no total. */
export function marginPercent(margin: string, total: string): string | null {
  const t = new Decimal(total || '0');
  return t.isZero() ? null : new Decimal(margin || '0').times(100).dividedBy(t).toFixed(1);
}

/** How a price moved: up, down or not at all, and by how much (a positive decimal). */
export function priceChange(now: string, was: string): { direction: 'up' | 'down' | 'none'; by: string } {
  const d = new Decimal(now).minus(was);
  return { direction: d.isZero() ? 'none' : d.isPositive() ? 'up' : 'down', by: d.abs().toFixed() };
}

/** Sum, count and average (4 places) of cell values, exactly; values that are not numbers are left out. */
export function rangeFigures(values: readonly (string | number | null)[]): {
  count: number;
  sum: string;
  avg: string | null;
} {
  let sum = new Decimal(0);
  let count = 0;
  for (const v of values) {
    if (v === null || v === '' || !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(String(v))) continue;
    sum = sum.plus(String(v));
    count++;
  }
  return { count, sum: sum.toString(), avg: count ? sum.dividedBy(count).toDecimalPlaces(4).toString() : null };
}

/** Whether a decimal text is more than another (quantities typed against what is left). */
export const exceeds = (value: string, limit: string): boolean => new Decimal(value).gt(limit);
