// Sales plans: a period's months, a quarter's start, one key per target, and who may set what
// (a manager who left, another team's, another manager's client, 1C's plan): refused with the
// reason and nothing written; a plan set twice is one row, the later amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import type { Row } from '../sync/mutation-def';
import { periodMonths, PlanTarget, planKey, quarterOf } from './sales-plan';

const manager: Row = { id: 7, role: 'manager', active: true, supervisor_id: 2 };
const client: Row = { id: 40, manager_id: 7 };
const target = { managerId: 7, clientId: 40, group: 'Резисторы', period: 'quarter' as const, start: '2026-10-01' };
const ctx = (userId: number, role: 'supervisor' | 'admin' | 'manager' = 'supervisor') => ({
  userId,
  role,
  now: '2026-12-06T04:00:00.000Z',
  writeVersion: null,
});
const rowsWith = (extra: Record<string, Row | null> = {}) =>
  new Map<string, Row | null>([
    ['users|7', manager],
    ['clients|40', client],
    [`sales_plans|${planKey(target)}`, null],
    ...Object.entries(extra),
  ]);

describe('sales plan periods', () => {
  it('a quarter is its three months, across a year end too; a month is itself', () => {
    expect(periodMonths('quarter', '2026-10-01')).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    expect(periodMonths('month', '2026-12-01')).toEqual(['2026-12-01']);
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const month = `${y}-${String(m).padStart(2, '0')}-01`;
        const q = quarterOf(month);
        expect(periodMonths('quarter', q)).toContain(month);
        expect(PlanTarget.safeParse({ ...target, start: q }).success).toBe(true);
        expect(PlanTarget.safeParse({ ...target, start: month }).success).toBe(month === q);
      }),
    );
  });
});

describe('plan.set@1', () => {
  it('writes the plan under its target key, the later amount winning', () => {
    const first = runMutation('plan.set@1', { target, amount: '150000.5', note: 'Q4' }, rowsWith(), ctx(2));
    expect(first).toMatchObject({
      ok: true,
      writes: [
        {
          table: 'sales_plans',
          key: 'p:7:40:quarter:2026-10-01:Резисторы',
          row: { amount: '150000.50', source: 'desk', set_by: 2, period: 'quarter', month: '2026-10-01' },
        },
      ],
    });
    const existing = first.ok ? first.writes[0]!.row : null;
    const again = runMutation(
      'plan.set@1',
      { target, amount: '200000', note: '' },
      rowsWith({ [`sales_plans|${planKey(target)}`]: existing }),
      ctx(1, 'admin'),
    );
    expect(again.ok && again.writes[0]!.row).toMatchObject({ amount: '200000.00', set_by: 1 });
    const removed = runMutation(
      'plan.set@1',
      { target, amount: null },
      rowsWith({ [`sales_plans|${planKey(target)}`]: existing }),
      ctx(2),
    );
    expect(removed).toMatchObject({ ok: true, writes: [{ row: null }] });
  });

  it('refuses with the reason: who left, another team, another manager’s client, 1C’s plan, a manager', () => {
    const refused = (rows: Map<string, Row | null>, c = ctx(2), args: object = { target, amount: '1' }) =>
      runMutation('plan.set@1', args, rows, c);
    expect(refused(rowsWith({ 'users|7': { ...manager, active: false } }))).toMatchObject({
      ok: false,
      message: 'manager_left',
    });
    expect(refused(rowsWith(), ctx(3))).toMatchObject({ ok: false, code: 'out_of_scope', message: 'not_your_team' });
    expect(refused(rowsWith({ 'clients|40': { id: 40, manager_id: 8 } }))).toMatchObject({
      message: 'not_their_client',
    });
    expect(refused(rowsWith({ [`sales_plans|${planKey(target)}`]: { source: 'erp', amount: '5' } }))).toMatchObject({
      message: 'from_erp',
    });
    expect(refused(rowsWith({ 'users|7': { ...manager, role: 'supervisor' } }))).toMatchObject({
      message: 'not_a_manager',
    });
    expect(refused(rowsWith(), ctx(7, 'manager'))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(refused(rowsWith(), ctx(2), { target, amount: null })).toMatchObject({ ok: false, message: 'no_plan' });
    for (const amount of ['-1', '1.005', '1e5', '1234567890123', ''])
      expect(refused(rowsWith(), ctx(2), { target, amount })).toMatchObject({ ok: false, code: 'bad_args' });
    expect(refused(rowsWith(), ctx(2), { target: { ...target, start: '2026-11-01' }, amount: '1' })).toMatchObject({
      ok: false,
      code: 'bad_args',
    });
  });
});
