// Retro bonuses (ретро-бонусы): under a client's agreement, the turnover of a period (month,
// quarter, year by the Moscow calendar) earns a percent by a scale of thresholds (from 1 million
// roubles 2 %, from 3 million 3 %...), paid back on the whole turnover of the period. What the
// client has earned so far and what the next threshold needs, to the kopeck: integer kopecks in
// BigInt, the bonus rounded half up once, on the whole.
import { z } from 'zod';
import { kopecksText, moneyKopecks } from '../orders/order';

const Money = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'money: up to 2 decimals');
const Percent = z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'percent: up to 2 decimals');

export const BONUS_PERIODS = ['month', 'quarter', 'year'] as const;
export type BonusPeriod = (typeof BONUS_PERIODS)[number];

/**
 * A scale: thresholds of turnover in the period, each with the percent reached from it. A scale
 * whose thresholds repeat or go down, or whose percent does not grow with them, says two things
 * at once about some turnover: it is refused with the reason, never guessed at.
 */
export const BonusScale = z
  .object({
    period: z.enum(BONUS_PERIODS),
    steps: z
      .array(z.object({ from: Money, percent: Percent }).strict())
      .min(1)
      .max(20),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (let i = 1; i < s.steps.length; i++) {
      const [a, b] = [s.steps[i - 1]!, s.steps[i]!];
      if (moneyKopecks(b.from) <= moneyKopecks(a.from))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'from'],
          message: `thresholds overlap: ${b.from} after ${a.from}`,
        });
      if (basisPoints(b.percent) <= basisPoints(a.percent))
        ctx.addIssue({
          code: 'custom',
          path: ['steps', i, 'percent'],
          message: `the percent must grow: ${b.percent} after ${a.percent}`,
        });
    }
  });
export type BonusScale = z.infer<typeof BonusScale>;

const basisPoints = (percent: string): bigint => moneyKopecks(percent);

const MSK_MS = 3 * 3600_000;

/** The period containing `at` by the Moscow calendar: its first day and the first day after it (YYYY-MM-DD). */
export function bonusPeriod(at: string, period: BonusPeriod): { from: string; to: string } {
  const d = new Date(Date.parse(at) + MSK_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const start = period === 'month' ? m : period === 'quarter' ? m - (m % 3) : 0;
  const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  const day = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 1)).toISOString().slice(0, 10);
  return { from: day(y, start), to: day(y, start + months) };
}

/** The instant a Moscow calendar day starts (for comparing with stored UTC times). */
export const mskDayStart = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) - MSK_MS).toISOString();

export interface BonusStanding {
  /** The percent reached (null: below the first threshold) and the bonus it gives on the whole turnover. */
  percent: string | null;
  bonus: string;
  /** What the next threshold needs: the turnover still missing and the percent it gives; null at the top. */
  next: { needed: string; percent: string } | null;
}

/** Where a turnover (kopecks) stands on a scale. */
export function bonusStanding(scale: BonusScale, turnoverKopecks: bigint): BonusStanding {
  let reached: BonusScale['steps'][number] | null = null;
  let next: BonusScale['steps'][number] | null = null;
  for (const step of scale.steps) {
    if (moneyKopecks(step.from) <= turnoverKopecks) reached = step;
    else {
      next = step;
      break;
    }
  }
  // turnover × percent / 100, to kopecks half up: kopecks × basis points / 10,000.
  const bonus = reached ? (turnoverKopecks * basisPoints(reached.percent) + 5_000n) / 10_000n : 0n;
  return {
    percent: reached?.percent ?? null,
    bonus: kopecksText(bonus),
    next: next ? { needed: kopecksText(moneyKopecks(next.from) - turnoverKopecks), percent: next.percent } : null,
  };
}
