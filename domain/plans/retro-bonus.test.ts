// Retro bonuses against an independent recomputation in Decimal, to the kopeck, over any scale and
// turnover; scales that overlap are refused with the reason; periods follow the Moscow calendar.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moneyKopecks } from '../orders/order';
import { BonusScale, bonusPeriod, bonusStanding } from './retro-bonus';

const money = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((k) => `${k / 100n}.${String(k % 100n).padStart(2, '0')}`);

describe('retro bonus', () => {
  it('equals the Decimal recomputation to the kopeck, and says what the next threshold needs', () => {
    const scale = fc
      .uniqueArray(fc.bigInt({ min: 0n, max: 10n ** 11n }), { minLength: 1, maxLength: 6 })
      .chain((froms) =>
        fc
          .uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: froms.length, maxLength: froms.length })
          .map((ps) => {
            const sortedFrom = [...froms].sort((a, b) => (a < b ? -1 : 1));
            const sortedP = [...ps].sort((a, b) => a - b);
            return {
              period: 'quarter' as const,
              steps: sortedFrom.map((f, i) => ({
                from: `${f / 100n}.${String(f % 100n).padStart(2, '0')}`,
                percent: `${Math.floor(sortedP[i]! / 100)}.${String(sortedP[i]! % 100).padStart(2, '0')}`,
              })),
            };
          }),
      );
    fc.assert(
      fc.property(scale, money, (s, turnover) => {
        const parsed = BonusScale.parse(s);
        const got = bonusStanding(parsed, moneyKopecks(turnover));
        const t = new Decimal(turnover);
        const reached = [...s.steps].reverse().find((x) => new Decimal(x.from).lte(t));
        const next = s.steps.find((x) => new Decimal(x.from).gt(t));
        const bonus = reached
          ? t.times(reached.percent).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
          : new Decimal(0);
        expect(got.percent).toBe(reached?.percent ?? null);
        expect(got.bonus).toBe(bonus.toFixed(2));
        expect(got.next).toEqual(
          next ? { needed: new Decimal(next.from).minus(t).toFixed(2), percent: next.percent } : null,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('23,400 ₽ more this quarter gives 3 %', () => {
    const scale = BonusScale.parse({
      period: 'quarter',
      steps: [
        { from: '500000', percent: '2' },
        { from: '1000000', percent: '3' },
      ],
    });
    expect(bonusStanding(scale, moneyKopecks('976600.00'))).toEqual({
      percent: '2',
      bonus: '19532.00',
      next: { needed: '23400.00', percent: '3' },
    });
    expect(bonusStanding(scale, moneyKopecks('100.00'))).toEqual({
      percent: null,
      bonus: '0.00',
      next: { needed: '499900.00', percent: '2' },
    });
    expect(bonusStanding(scale, moneyKopecks('1000000.01')).next).toBeNull();
  });

  it('refuses a scale whose thresholds overlap or whose percent does not grow, saying where', () => {
    const overlap = BonusScale.safeParse({
      period: 'month',
      steps: [
        { from: '1000000', percent: '2' },
        { from: '1000000', percent: '3' },
      ],
    });
    expect(overlap.success).toBe(false);
    expect(overlap.error!.issues[0]!.message).toMatch(/thresholds overlap/);
    const down = BonusScale.safeParse({
      period: 'month',
      steps: [
        { from: '100', percent: '3' },
        { from: '200', percent: '2' },
      ],
    });
    expect(down.error!.issues[0]!.message).toMatch(/percent must grow/);
  });

  it('counts periods by the Moscow calendar', () => {
    expect(bonusPeriod('2026-12-31T21:30:00Z', 'quarter')).toEqual({ from: '2027-01-01', to: '2027-04-01' });
    expect(bonusPeriod('2026-12-06T10:00:00Z', 'quarter')).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(bonusPeriod('2026-12-06T10:00:00Z', 'month')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(bonusPeriod('2026-02-10T10:00:00Z', 'year')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });
});
