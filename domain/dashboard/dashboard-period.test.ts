import { describe, expect, it } from 'vitest';
import { monthsOf, periodOf } from './dashboard-period';

const custom = { from: '2026-11-01', to: '2026-11-30' };

describe('dashboard periods (Moscow calendar)', () => {
  // 23:30 UTC on Sunday 22 November is 02:30 on Monday 23 November in Moscow.
  const now = new Date('2026-11-22T23:30:00.000Z');

  it("today, week, month and quarter start at Moscow midnight of the company's day", () => {
    expect(periodOf('today', now, custom)).toEqual({
      fromAt: '2026-11-22T21:00:00.000Z',
      toAt: '2026-11-23T21:00:00.000Z',
    });
    expect(periodOf('week', now, custom)).toEqual({
      fromAt: '2026-11-22T21:00:00.000Z',
      toAt: '2026-11-29T21:00:00.000Z',
    });
    expect(periodOf('month', now, custom)).toEqual({
      fromAt: '2026-10-31T21:00:00.000Z',
      toAt: '2026-11-30T21:00:00.000Z',
    });
    expect(periodOf('quarter', now, custom)).toEqual({
      fromAt: '2026-09-30T21:00:00.000Z',
      toAt: '2026-12-31T21:00:00.000Z',
    });
    expect(periodOf('custom', now, custom)).toEqual({
      fromAt: '2026-10-31T21:00:00.000Z',
      toAt: '2026-11-30T21:00:00.000Z',
    });
  });

  it('a week runs Monday to Sunday, across a year end', () => {
    expect(periodOf('week', new Date('2026-12-31T12:00:00.000Z'), custom)).toEqual({
      fromAt: '2026-12-27T21:00:00.000Z',
      toAt: '2027-01-03T21:00:00.000Z',
    });
  });

  it("the months a period touches are the plans' months: a quarter is three, a day one", () => {
    const q = periodOf('quarter', now, custom);
    expect(monthsOf(q.fromAt, q.toAt)).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    const d = periodOf('today', now, custom);
    expect(monthsOf(d.fromAt, d.toAt)).toEqual(['2026-11-01']);
    expect(monthsOf('2026-01-15T00:00:00.000Z', '2027-02-01T00:00:00.000Z')).toHaveLength(14);
  });
});
