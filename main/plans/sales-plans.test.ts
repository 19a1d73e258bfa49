// The plans board against an independent recomputation in Decimal, to the kopeck: for plans of
// every shape (whole book or one client, all groups or one, month or quarter), what was sold
// against each is the sum of the lines of the manager's orders 1C took in the period's Moscow
// months; drafts and cancelled orders do not count; 1C's and the supervisors' plans both show.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { periodMonths, planKey, type PlanTarget } from '../../domain/plans/sales-plan';
import { seededReplica } from '../sync/test-replica';
import { createPlansBoard } from './sales-plans';

const SOLD = new Set(['accepted', 'processing', 'assembling', 'shipped', 'closed']);
const mskMonth = (iso: string) => new Date(Date.parse(iso) + 3 * 3600_000).toISOString().slice(0, 7);

describe('plans board', () => {
  it('sets each plan beside what was sold against it, exactly', () => {
    const t = seededReplica({ items: 300, orders: 300 });
    const db = t.replica.sqlite;
    db.prepare(`DELETE FROM sales_plans`).run();
    const orders = t.data.orders.filter((o) => o.manager_id === t.managerId && o.submitted_at);
    const year = Number(mskMonth(orders.find((o) => SOLD.has(o.status))!.submitted_at!).slice(0, 4));
    const groupOf = new Map(t.data.items.map((i) => [i.id, i.group_name]));
    const clientIds = [...new Set(orders.map((o) => o.client_id))];
    const groups = [...new Set(t.data.items.map((i) => i.group_name))].slice(0, 3);
    const targets: PlanTarget[] = [];
    for (const start of periodMonths('quarter', `${year}-01-01`).concat([
      `${year}-04-01`,
      `${year}-07-01`,
      `${year}-10-01`,
    ]))
      for (const clientId of [0, clientIds[0]!, clientIds[1] ?? clientIds[0]!])
        for (const group of ['', ...groups])
          for (const period of ['month', 'quarter'] as const)
            if (period === 'month' || (Number(start.slice(5, 7)) - 1) % 3 === 0)
              targets.push({ managerId: t.managerId, clientId, group, period, start });
    const unique = [...new Map(targets.map((x) => [planKey(x), x])).values()];
    unique.forEach((x, i) =>
      t.replica.writeRow('sales_plans', planKey(x), {
        id: planKey(x),
        manager_id: x.managerId,
        client_id: x.clientId,
        group_name: x.group,
        month: x.start,
        period: x.period,
        amount: `${1000 + i * 37}.${String(i % 100).padStart(2, '0')}`,
        bonus_percent: '0',
        source: i % 2 ? 'erp' : 'desk',
        note: '',
        set_by: i % 2 ? null : 1,
        set_at: null,
        version: 1,
      }),
    );
    t.replica.recountTotals();
    const board = createPlansBoard(db, () => ({ id: t.managerId, role: 'manager', name: 'm', login: 'm' }) as never);
    const got = board.rows({ year });
    expect(got.rows).toHaveLength(unique.length);

    // Independently: every line of the manager's orders 1C took, by Moscow month, in Decimal.
    const expected = (x: PlanTarget): string => {
      const months = new Set(periodMonths(x.period, x.start).map((m) => m.slice(0, 7)));
      let sum = new Decimal(0);
      const take = new Map(
        orders
          .filter((o) => SOLD.has(o.status) && months.has(mskMonth(o.submitted_at!)))
          .filter((o) => x.clientId === 0 || o.client_id === x.clientId)
          .map((o) => [o.id, o]),
      );
      for (const l of t.data.order_lines)
        if (take.has(l.order_id) && (x.group === '' || groupOf.get(l.item_id) === x.group)) sum = sum.plus(l.amount);
      return sum.toFixed(2);
    };
    let nonZero = 0;
    for (const x of unique) {
      const row = got.rows.find((r) => r.id === planKey(x))!;
      expect(row.fact, planKey(x)).toBe(expected(x));
      if (row.fact !== '0.00') nonZero++;
      const amount = new Decimal(row.amount);
      expect(row.percent).toBe(new Decimal(row.fact).times(1000).div(amount).floor().div(10).toNumber());
    }
    // The demo's orders fall in many of these periods: the comparison is not of zeros.
    expect(nonZero).toBeGreaterThan(unique.length / 4);
    const total = got.rows.reduce((s, r) => s.plus(r.fact), new Decimal(0));
    expect(got.fact).toBe(total.toFixed(2));
    expect(new Set(got.rows.map((r) => r.source))).toEqual(new Set(['erp', 'desk']));
  });
});
