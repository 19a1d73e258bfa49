// Dashboards against an independent computation: a supervisor's desk syncs the demo data from the
// real server, computes its dashboard on the replica, and every money figure is recomputed here
// row by row from the server's own tables in exact decimals (domain/orders/order.ts's lineCost), limited to
// the supervisor's team: totals, per manager, per product group, plans and bonuses, receivables,
// claims by reason, open orders by status. Also with a manager and a product group filter, and
// with the server gone (the dashboard is the replica's).
import Decimal from 'decimal.js';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineCost } from '../../domain/orders/order';
import type { DashboardFilter } from '../../domain/contract';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { monthsOf } from '../../domain/dashboard/dashboard-period';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';

let central: TestCentral;
let desk: DeskCore;
let team: number[];
const SOLD = new Set(['accepted', 'processing', 'assembling', 'shipped', 'closed']);

interface Line {
  order_id: string;
  amount: string;
  quantity: string;
  cost: string;
  group_name: string;
}
interface Order {
  id: string;
  manager_id: number;
  client_id: number;
  status: string;
  submitted_ms: number | null;
  total: string;
  warehouse_id: number;
}
let orders: Order[];
let lines: Line[];

beforeAll(async () => {
  central = await startTestCentral({ items: 2000, orders: 3000, claims: 150, tickets: 300 });
  desk = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-dash-')),
    serverUrl: central.server.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  const user = await desk.handlers['session.login']({ login: 'supervisor1', password: 'demo1234' });
  await until(() => desk.status().lastSyncAt !== null, 120_000);
  team = (
    await central.store.queryObjects<{ id: number }>(`SELECT id FROM users WHERE supervisor_id = $1`, [user.id])
  ).map((u) => u.id);
  orders = (
    await central.store.queryObjects<Order & { submitted_ms: string | null }>(
      `SELECT id, manager_id, client_id, status, (extract(epoch from submitted_at) * 1000)::bigint::text AS submitted_ms, total::text, warehouse_id
    FROM orders WHERE manager_id = ANY($1)`,
      [team],
    )
  ).map((o) => ({ ...o, submitted_ms: o.submitted_ms === null ? null : Number(o.submitted_ms) }));
  lines = await central.store.queryObjects<Line>(
    `SELECT l.order_id, l.amount::text, l.quantity::text, l.cost::text, i.group_name FROM order_lines l JOIN items i ON i.id = l.item_id WHERE l.manager_id = ANY($1)`,
    [team],
  );
}, 240_000);
afterAll(async () => {
  await desk?.close();
  await central?.stop();
});

/** Sales and margin of the team over [from, to), optionally one manager or group: by iterating rows. */
function expected(f: DashboardFilter) {
  const from = Date.parse(f.fromAt);
  const to = Date.parse(f.toAt);
  const inScope = new Map(
    orders
      .filter(
        (o) =>
          SOLD.has(o.status) &&
          o.submitted_ms !== null &&
          o.submitted_ms >= from &&
          o.submitted_ms < to &&
          (f.managerId === undefined || o.manager_id === f.managerId),
      )
      .map((o) => [o.id, o]),
  );
  let sales = new Decimal(0);
  let cost = new Decimal(0);
  const byManager = new Map<number, Decimal>();
  const byGroup = new Map<string, { sales: Decimal; margin: Decimal }>();
  for (const l of lines) {
    const o = inScope.get(l.order_id);
    if (!o || (f.group !== undefined && l.group_name !== f.group)) continue;
    const c = new Decimal(lineCost(l.quantity, l.cost));
    sales = sales.plus(l.amount);
    cost = cost.plus(c);
    byManager.set(o.manager_id, (byManager.get(o.manager_id) ?? new Decimal(0)).plus(l.amount));
    const g = byGroup.get(l.group_name) ?? { sales: new Decimal(0), margin: new Decimal(0) };
    g.sales = g.sales.plus(l.amount);
    g.margin = g.margin.plus(new Decimal(l.amount).minus(c));
    byGroup.set(l.group_name, g);
  }
  const orderCount = [...inScope.values()].filter(
    (o) => f.group === undefined || lines.some((l) => l.order_id === o.id && l.group_name === f.group),
  ).length;
  return { sales: sales.toFixed(2), margin: sales.minus(cost).toFixed(2), byManager, byGroup, orders: orderCount };
}

const period = (days: number): DashboardFilter => {
  const to = Date.parse('2026-11-23T00:00:00.000Z');
  return { fromAt: new Date(to - days * 86_400_000).toISOString(), toAt: new Date(to).toISOString() };
};

describe('dashboard on the replica', () => {
  it('sales, margin, managers and product groups agree to the kopeck with the rows recomputed one by one', async () => {
    for (const f of [period(30), period(91), period(365)]) {
      const d = await desk.handlers['dashboard.get'](f);
      const e = expected(f);
      expect(Number(e.sales)).toBeGreaterThan(0);
      expect(d.totals.sales).toBe(e.sales);
      expect(d.totals.margin).toBe(e.margin);
      expect(d.totals.orders).toBe(e.orders);
      for (const m of d.managers) expect(m.sales).toBe((e.byManager.get(m.id) ?? new Decimal(0)).toFixed(2));
      expect(d.managers.map((m) => m.id).sort()).toEqual([...team].sort());
      for (const g of d.groups) {
        expect(g.sales).toBe((e.byGroup.get(g.group)?.sales ?? new Decimal(0)).toFixed(2));
        expect(g.margin).toBe((e.byGroup.get(g.group)?.margin ?? new Decimal(0)).toFixed(2));
      }
      // The series sums to the total.
      expect(d.series.reduce((s, b) => s.plus(b.sales), new Decimal(0)).toFixed(2)).toBe(e.sales);
    }
  });

  it('a quarter is drawn by weeks (Mondays), and each week opens exactly its orders, clipped to the period', async () => {
    const f = period(91);
    const d = await desk.handlers['dashboard.get'](f);
    expect(d.period.bucket).toBe('week');
    expect(d.series.length).toBeGreaterThanOrEqual(13);
    expect(d.series.every((b) => new Date(`${b.bucket}T00:00:00.000Z`).getUTCDay() === 1)).toBe(true);
    let orders = 0;
    for (const b of d.series) {
      const rows = await desk.handlers['dashboard.rows']({ tile: 'series', key: b.bucket, filter: f });
      orders += rows.rows.length;
      expect(rows.rows.reduce((s, r) => s.plus(String(r.total)), new Decimal(0)).toFixed(2)).toBe(b.sales);
    }
    expect(orders).toBe(d.totals.orders);
    expect((await desk.handlers['dashboard.get'](period(30))).period.bucket).toBe('day');
    expect((await desk.handlers['dashboard.get'](period(365))).period.bucket).toBe('month');
  });

  it('a manager and a product group filter narrow every figure the same way', async () => {
    const base = period(90);
    const all = await desk.handlers['dashboard.get'](base);
    const group = all.groups[0]!.group;
    for (const f of [
      { ...base, managerId: team[0]! },
      { ...base, group },
      { ...base, managerId: team[1]!, group },
    ]) {
      const d = await desk.handlers['dashboard.get'](f);
      const e = expected(f);
      expect(d.totals.sales).toBe(e.sales);
      expect(d.totals.margin).toBe(e.margin);
      expect(d.totals.orders).toBe(e.orders);
    }
    // The rows behind a number: the orders of one manager add up to the orders counted for them.
    const m = all.managers[0]!;
    const rows = await desk.handlers['dashboard.rows']({ tile: 'manager', key: String(m.id), filter: base });
    expect(rows.kind).toBe('orders');
    expect(rows.rows).toHaveLength(m.orders);
    expect(rows.rows.reduce((s, r) => s.plus(String(r.total)), new Decimal(0)).toFixed(2)).toBe(m.sales);
  });

  it('plans and retro bonuses per group, receivables, claims by reason and open orders agree with the server rows', async () => {
    const f = period(60);
    const d = await desk.handlers['dashboard.get'](f);
    // Plans: months the period touches; a bonus where the client's month in the group met its plan.
    const months = monthsOf(f.fromAt, f.toAt);
    const plans = await central.store.queryObjects<{
      client_id: number;
      group_name: string;
      month: string;
      amount: string;
      bonus_percent: string;
    }>(
      `SELECT client_id, group_name, month, amount::text, bonus_percent::text FROM sales_plans WHERE manager_id = ANY($1) AND month = ANY($2) AND period = 'month' AND client_id > 0 AND group_name <> ''`,
      [team, months],
    );
    expect(plans.length).toBeGreaterThan(0);
    const clientOf = new Map(orders.map((o) => [o.id, o]));
    const actual = new Map<string, Decimal>();
    for (const l of lines) {
      const o = clientOf.get(l.order_id)!;
      if (!SOLD.has(o.status) || o.submitted_ms === null) continue;
      // The Moscow calendar month of the submit time.
      const msk = new Date(o.submitted_ms + 3 * 3600_000);
      const month = `${msk.getUTCFullYear()}-${String(msk.getUTCMonth() + 1).padStart(2, '0')}-01`;
      if (!months.includes(month)) continue;
      const k = `${o.client_id}|${l.group_name}|${month}`;
      actual.set(k, (actual.get(k) ?? new Decimal(0)).plus(l.amount));
    }
    const planBy = new Map<string, { plan: Decimal; bonus: Decimal }>();
    for (const p of plans) {
      const a = actual.get(`${p.client_id}|${p.group_name}|${p.month}`) ?? new Decimal(0);
      const v = planBy.get(p.group_name) ?? { plan: new Decimal(0), bonus: new Decimal(0) };
      v.plan = v.plan.plus(p.amount);
      if (a.gte(p.amount))
        v.bonus = v.bonus.plus(a.times(p.bonus_percent).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
      planBy.set(p.group_name, v);
    }
    for (const [group, v] of planBy) {
      const g = d.groups.find((x) => x.group === group)!;
      expect(g.plan).toBe(v.plan.toFixed(2));
      expect(g.bonus).toBe(v.bonus.toFixed(2));
    }
    // Overdue receivables of the team's clients.
    const overdue = await central.store.queryObjects<{ overdue: string }>(
      `SELECT overdue::text FROM clients WHERE manager_id = ANY($1) AND overdue > 0`,
      [team],
    );
    expect(d.overdue.total).toBe(overdue.reduce((s, r) => s.plus(r.overdue), new Decimal(0)).toFixed(2));
    expect(d.overdue.clients).toBe(overdue.length);
    // Claims by reason registered in the period.
    const claims = await central.store.queryObjects<{ defect_type: string; amount: string; created_at: string }>(
      `SELECT defect_type, amount::text, created_at FROM claims WHERE manager_id = ANY($1)`,
      [team],
    );
    const inPeriod = claims.filter(
      (c) => Date.parse(c.created_at) >= Date.parse(f.fromAt) && Date.parse(c.created_at) < Date.parse(f.toAt),
    );
    expect(d.claims.byReason.reduce((s, r) => s + r.count, 0)).toBe(inPeriod.length);
    for (const r of d.claims.byReason)
      expect(r.amount).toBe(
        inPeriod
          .filter((c) => c.defect_type === r.reason)
          .reduce((s, c) => s.plus(c.amount), new Decimal(0))
          .toFixed(2),
      );
    // Open orders by status, now.
    for (const s of d.ordersByStatus) {
      const mine = orders.filter((o) => o.status === s.status);
      expect(s.count).toBe(mine.length);
      expect(s.amount).toBe(mine.reduce((sum, o) => sum.plus(o.total), new Decimal(0)).toFixed(2));
    }
  });

  it('works with the server gone: the same figures, from the replica', async () => {
    const f = period(30);
    const before = await desk.handlers['dashboard.get'](f);
    await central.server.close();
    const after = await desk.handlers['dashboard.get'](f);
    expect(after.totals).toEqual(before.totals);
    expect(after.asOf.replica).not.toBeNull();
    const drill = await desk.handlers['dashboard.rows']({ tile: 'overdue', filter: f });
    expect(drill.rows).toHaveLength(after.overdue.clients);
  });
});
