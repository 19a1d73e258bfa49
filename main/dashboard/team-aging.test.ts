import { describe, expect, it } from 'vitest';
import { teamAging } from './team-aging';

const report = (documents: { number: string; date: string; amount: string; dueDate: string; paid: string }[]) =>
  JSON.stringify({ documents, schedule: [] });

describe("the team's receivables by age", () => {
  it('ages each client as of its own report and sums the buckets to the kopeck', () => {
    const rows = [
      {
        // Reported on 1 Dec (Moscow): 45 days late, 0.10 paid of 1000.10 → 1000.00 in 31–60.
        json: report([
          { number: 'УПД-1', date: '2026-10-01', amount: '1000.10', dueDate: '2026-10-17', paid: '0.10' },
          { number: 'УПД-2', date: '2026-11-25', amount: '0.07', dueDate: '2026-12-10', paid: '0' },
        ]),
        asOf: '2026-12-01T06:00:00.000Z',
      },
      {
        // Reported on 3 Dec: 100 days late (over 90), and 1 day late.
        json: report([
          { number: 'УПД-3', date: '2026-08-01', amount: '333.33', dueDate: '2026-08-25', paid: '0' },
          { number: 'УПД-4', date: '2026-11-20', amount: '0.01', dueDate: '2026-12-02', paid: '0' },
        ]),
        asOf: '2026-12-03T09:00:00.000Z',
      },
      { json: report([]), asOf: '2026-12-03T09:00:00.000Z' },
    ];
    expect(teamAging(rows)).toEqual({
      buckets: { notDue: '0.07', d1_30: '0.01', d31_60: '1000.00', d61_90: '0.00', d90plus: '333.33' },
      open: '1333.41',
      overdue: '1333.34',
      maxDaysOverdue: 100,
      asOf: '2026-12-01T06:00:00.000Z',
    });
  });

  it('is absent until the ERP reported some client', () => {
    expect(teamAging([])).toBeNull();
  });
});
