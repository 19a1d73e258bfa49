// Working time: deadlines and SLA clocks count Moscow office hours only (weekdays 09–18, public
// holidays off), pauses stand the clock still, and adding then measuring working time agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingMs,
  HOUR,
  MOSCOW_OFFICE,
  slaTarget,
  workingDeadline,
  workingMsBetween,
  workingMsBetweenByDays,
  type WorkCalendar,
} from './working-time';

const at = (local: string) => Date.parse(`${local}+03:00`);

describe('working time', () => {
  it('counts only weekday office hours in Moscow time', () => {
    // Friday 17:00 → Monday 10:00: one hour on Friday, one on Monday.
    expect(workingMsBetween(at('2026-11-20T17:00:00'), at('2026-11-23T10:00:00'))).toBe(2 * HOUR);
    // A night and a lunch do not matter: Tuesday 08:00 → 19:00 is the 9-hour day.
    expect(workingMsBetween(at('2026-11-24T08:00:00'), at('2026-11-24T19:00:00'))).toBe(9 * HOUR);
    expect(workingMsBetween(at('2026-11-24T12:00:00'), at('2026-11-24T11:00:00'))).toBe(0);
  });

  it('skips public holidays (4 November, the New Year week)', () => {
    expect(workingMsBetween(at('2026-11-04T09:00:00'), at('2026-11-04T18:00:00'))).toBe(0);
    expect(workingMsBetween(at('2026-12-30T09:00:00'), at('2027-01-11T18:00:00'))).toBe(2 * 9 * HOUR);
  });

  it('a deadline lands inside working hours, after weekends and holidays', () => {
    // 4 working hours from Friday 16:00: two on Friday, two on Monday → Monday 11:00.
    expect(workingDeadline(new Date(at('2026-11-20T16:00:00')).toISOString(), 4)).toBe(
      new Date(at('2026-11-23T11:00:00')).toISOString(),
    );
    // Opened on Saturday night: the clock starts Monday 09:00.
    expect(workingDeadline(new Date(at('2026-11-21T23:00:00')).toISOString(), 1)).toBe(
      new Date(at('2026-11-23T10:00:00')).toISOString(),
    );
    // From 3 November 17:00, one hour → 4 November is a holiday → 5 November 10:00.
    expect(workingDeadline(new Date(at('2026-11-03T17:00:00')).toISOString(), 2)).toBe(
      new Date(at('2026-11-05T10:00:00')).toISOString(),
    );
  });

  it('adding working time and measuring it back agree, from any instant', () => {
    const from = fc.integer({ min: at('2026-01-01T00:00:00'), max: at('2027-06-01T00:00:00') });
    fc.assert(
      fc.property(from, fc.integer({ min: 0, max: 400 * HOUR }), (start, ms) => {
        const end = addWorkingMs(start, ms);
        expect(end).toBeGreaterThanOrEqual(start);
        expect(workingMsBetween(start, end)).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SLA clock', () => {
  const iso = (local: string) => new Date(at(local)).toISOString();

  it('runs in working hours and says when it is due', () => {
    const t = slaTarget({
      startedAt: iso('2026-11-20T16:00:00'),
      stoppedAt: null,
      budgetHours: 4,
      pauses: [],
      now: iso('2026-11-20T17:00:00'),
    });
    expect(t.state).toBe('running');
    expect(t.usedMs).toBe(HOUR);
    expect(t.remainingMs).toBe(3 * HOUR);
    expect(t.dueAt).toBe(iso('2026-11-23T11:00:00'));
  });

  it('stands still while paused, and goes on from where it stopped', () => {
    const pauses = [{ from: iso('2026-11-23T10:00:00'), to: iso('2026-11-24T10:00:00') }];
    const t = slaTarget({
      startedAt: iso('2026-11-23T09:00:00'),
      stoppedAt: null,
      budgetHours: 4,
      pauses,
      now: iso('2026-11-24T11:00:00'),
    });
    // 09–10 Monday and 10–11 Tuesday count; the nine working hours waiting for the client do not.
    expect(t.usedMs).toBe(2 * HOUR);
    expect(t.state).toBe('running');
    const waiting = slaTarget({
      startedAt: iso('2026-11-23T09:00:00'),
      stoppedAt: null,
      budgetHours: 4,
      pauses: [{ from: iso('2026-11-23T10:00:00'), to: null }],
      now: iso('2026-11-27T17:00:00'),
    });
    expect(waiting.state).toBe('paused');
    expect(waiting.usedMs).toBe(HOUR);
    expect(waiting.dueAt).toBeNull();
  });

  it('breached when the budget is spent; met or met late when stopped', () => {
    expect(
      slaTarget({
        startedAt: iso('2026-11-23T09:00:00'),
        stoppedAt: null,
        budgetHours: 2,
        pauses: [],
        now: iso('2026-11-23T12:00:00'),
      }).state,
    ).toBe('breached');
    expect(
      slaTarget({
        startedAt: iso('2026-11-23T09:00:00'),
        stoppedAt: iso('2026-11-23T10:30:00'),
        budgetHours: 2,
        pauses: [],
        now: iso('2026-11-30T12:00:00'),
      }).state,
    ).toBe('met');
    const late = slaTarget({
      startedAt: iso('2026-11-23T09:00:00'),
      stoppedAt: iso('2026-11-23T12:00:00'),
      budgetHours: 2,
      pauses: [],
      now: iso('2026-11-30T12:00:00'),
    });
    expect(late.state).toBe('met_late');
    expect(late.remainingMs).toBe(-HOUR);
  });

  it('pause time never counts and never makes the used time negative', () => {
    const base = at('2026-11-02T09:00:00');
    const instant = fc.integer({ min: base, max: base + 30 * 24 * HOUR });
    fc.assert(
      fc.property(instant, instant, instant, (a, b, now) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        const start = new Date(base).toISOString();
        const t = slaTarget({
          startedAt: start,
          stoppedAt: null,
          budgetHours: 8,
          pauses: [{ from: new Date(from).toISOString(), to: new Date(to).toISOString() }],
          now: new Date(now).toISOString(),
        });
        const bare = workingMsBetween(base, now);
        expect(t.usedMs).toBe(Math.max(0, bare - workingMsBetween(Math.max(base, from), Math.min(now, to))));
        expect(t.usedMs).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('working time over long spans', () => {
  // A calendar with a weekend day made working and a holiday on a weekend, to exercise both exceptions.
  const moved: WorkCalendar = {
    ...MOSCOW_OFFICE,
    workingWeekends: new Set(['2026-11-28', '2027-02-20']),
    holidays: new Set([...MOSCOW_OFFICE.holidays, '2026-11-29']),
  };
  const span = fc.tuple(
    fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
    fc.integer({ min: 0, max: 500 * 86_400_000 }),
  );
  it('the constant-time sum equals walking every day, on any span and calendar', () => {
    fc.assert(
      fc.property(span, fc.boolean(), ([from, length], other) => {
        const cal = other ? moved : MOSCOW_OFFICE;
        expect(workingMsBetween(from, from + length, cal)).toBe(workingMsBetweenByDays(from, from + length, cal));
      }),
      { numRuns: 2000 },
    );
  });
});
