// The money of a line and an order in integers (the fast way thousands of lines take) equals
// Decimal's answer to the kopeck for any value a line can hold, and past the integers' range
// the Decimal way is taken.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMoney, lineAmount, lineCost, lineMargin, subtractMoney } from './order';

const decimalText = (places: number, max: number) =>
  fc
    .tuple(
      fc.integer({ min: 0, max }),
      fc.integer({ min: 0, max: 10 ** places - 1 }),
      fc.integer({ min: 0, max: places }),
    )
    .map(([whole, frac, shown]) =>
      shown === 0 ? String(whole) : `${whole}.${String(frac).padStart(places, '0').slice(0, shown)}`,
    );
const money = fc
  .oneof(decimalText(2, 10_000_000), decimalText(2, 10 ** 14))
  .chain((t) => fc.boolean().map((neg) => (neg && t !== '0' ? `-${t}` : t)));

const slowAmount = (q: string, p: string, d: string) =>
  new Decimal(q)
    .times(p)
    .times(new Decimal(100).minus(d))
    .dividedBy(100)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
const slowCost = (q: string, c: string) => new Decimal(q).times(c).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

describe('line money in integers', () => {
  it('line amount equals Decimal for any quantity, price and discount', () => {
    fc.assert(
      fc.property(
        fc.oneof(decimalText(3, 1_000_000), decimalText(3, 10 ** 12)),
        fc.oneof(decimalText(4, 1_000_000), decimalText(4, 10 ** 11)),
        fc.oneof(fc.constant('0'), fc.constant('0.00'), decimalText(2, 99), fc.constant('100')),
        (q, p, d) => {
          expect(lineAmount(q, p, d)).toBe(slowAmount(q, p, d));
        },
      ),
      { numRuns: 5000 },
    );
    // Half up at the boundary, and where the product passes 2^53 (BigInt, then Decimal).
    expect(lineAmount('1', '0.005', '0')).toBe('0.01');
    expect(lineAmount('3', '0.0015', '0')).toBe('0.00');
    expect(lineAmount('1', '0.0150', '50')).toBe('0.01');
    expect(lineAmount('999999999.999', '99999999.9999', '3.33')).toBe(
      slowAmount('999999999.999', '99999999.9999', '3.33'),
    );
  });

  it('cost, margin and sums equal Decimal', () => {
    fc.assert(
      fc.property(decimalText(3, 1_000_000), decimalText(4, 10 ** 9), money, money, (q, c, a, b) => {
        expect(lineCost(q, c)).toBe(slowCost(q, c));
        const amount = lineAmount(q, c, '0');
        expect(lineMargin(a, q, c)).toBe(new Decimal(a).minus(slowCost(q, c)).toFixed(2));
        expect(lineMargin(amount, q, c)).toBe(new Decimal(amount).minus(slowCost(q, c)).toFixed(2));
        expect(addMoney(a, b)).toBe(new Decimal(a).plus(b).toFixed(2));
        expect(subtractMoney(a, b)).toBe(new Decimal(a).minus(b).toFixed(2));
      }),
      { numRuns: 5000 },
    );
    expect(addMoney('99999999999999999.99', '0.01')).toBe('100000000000000000.00');
  });
});
