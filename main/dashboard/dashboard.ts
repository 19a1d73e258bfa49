// Dashboards on the desk: the team's (or one's own, or the company's) sales, margin, plans,
// orders in flight, receivables, overrides, claims, tickets and the ERP queue, computed from the
// local replica, so they work offline and cover exactly the rows the user's scope holds.
// Money is summed in integer kopecks inside SQLite (each decimal text scaled and rounded to an
// integer before summing; lines pre-summed per order and product group by the replica), so
// totals are exact; a test recomputes them row by row in decimals from the server's tables.
import { teamAging } from './team-aging';
import type Database from 'better-sqlite3';
import type { DashboardData, DashboardFilter, DashboardRows, DashboardDrill } from '../../domain/contract';
import type { SessionUser } from '../../domain/roles';
import { teamManagers } from '../clients/team';
import { monthsOf } from '../../domain/dashboard/dashboard-period';

import { dashboardDrill } from './dashboard-drill';
import { salesCells } from './sales-cells';
import {
  AGE_BUCKETS,
  ageBucket,
  bucketUnit,
  inPeriod,
  kop,
  monthStartAt,
  money,
  nextMonth,
  OPEN,
  OPEN_STATUSES,
  orderWhere,
  slaOf,
  SOLD,
  ticketRows,
} from './dashboard-sql';

export { money, bucketUnit, SOLD_STATUSES, OPEN_STATUSES } from './dashboard-sql';

export interface Dashboard {
  compute(filter: DashboardFilter): DashboardData;
  drill(drill: DashboardDrill): DashboardRows;
  /** Product groups and warehouses for the filters. */
  options(): { groups: string[]; warehouses: { id: number; name: string }[] };
}

export function createDashboard(
  sqlite: Database.Database,
  user: () => SessionUser,
  now: () => Date = () => new Date(),
  recountTotals: () => void = () => {},
): Dashboard {
  const name = (table: 'users' | 'clients', id: number) =>
    (sqlite.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? `#${id}`;

  /** 1C's plans of one client, group and month for these months, under the filter, in kopecks. */
  function monthPlans(f: DashboardFilter, months: string[]) {
    const planFilter: string[] = [];
    const planParams: unknown[] = [];
    if (f.managerId !== undefined) {
      planFilter.push('p.manager_id = ?');
      planParams.push(f.managerId);
    }
    if (f.clientId !== undefined) {
      planFilter.push('p.client_id = ?');
      planParams.push(f.clientId);
    }
    if (f.group !== undefined) {
      planFilter.push('p.group_name = ?');
      planParams.push(f.group);
    }
    return sqlite
      .prepare(
        `SELECT p.client_id AS client, p.group_name AS grp, p.month, ${kop('p.amount')} AS plan, p.bonus_percent AS bonus FROM sales_plans p
    WHERE p.month IN (SELECT value FROM json_each(?)) AND p.period = 'month' AND p.client_id > 0 AND p.group_name <> '' ${planFilter.map((s) => `AND ${s}`).join(' ')}`,
      )
      .all(JSON.stringify(months), ...planParams) as {
      client: number;
      grp: string;
      month: string;
      plan: number;
      bonus: string;
    }[];
  }

  function compute(f: DashboardFilter): DashboardData {
    // Orders edited on this desk since: their totals per group are recounted now, once.
    recountTotals();
    const nowMs = now().getTime();
    const unit = bucketUnit(f);
    // Plan vs actual per product group over the calendar months the period touches; the retro
    // bonus is earned per client, group and month once that month's plan is met. Only plans of
    // one client, group and month add up here without counting a sale twice; the plans board
    // (main/plans/sales-plans.ts) shows the rest (quarters, whole books, all groups).
    const months = monthsOf(f.fromAt, f.toAt);
    const plans = monthPlans(f, months);
    // One read of the sales for the period and for the months its plans cover.
    const [cells, monthCells] = salesCells(
      sqlite,
      // The group filters the cells themselves, not the orders with a line of it.
      { ...orderWhere({ ...f, group: undefined }), group: f.group },
      [
        { fromAt: f.fromAt, toAt: f.toAt, unit },
        ...(plans.length
          ? [
              {
                fromAt: monthStartAt(months[0]!),
                toAt: monthStartAt(nextMonth(months[months.length - 1]!)),
                unit: 'month' as const,
              },
            ]
          : []),
      ],
    );
    const add = <K>(m: Map<K, { sales: number; cost: number }>, k: K, s: number, c: number) => {
      const v = m.get(k) ?? { sales: 0, cost: 0 };
      v.sales += s;
      v.cost += c;
      m.set(k, v);
    };
    const byBucket = new Map<string, { sales: number; cost: number }>();
    const byManager = new Map<number, { sales: number; cost: number }>();
    const byClient = new Map<number, { sales: number; cost: number }>();
    const byGroup = new Map<string, { sales: number; cost: number }>();
    let sales = 0;
    let cost = 0;
    for (const c of cells!) {
      sales += c.sales;
      cost += c.cost;
      add(byBucket, c.bucket, c.sales, c.cost);
      add(byManager, c.manager, c.sales, c.cost);
      add(byClient, c.client, c.sales, c.cost);
      add(byGroup, c.grp, c.sales, c.cost);
    }
    // Order counts by manager and client (orders, not lines: a group filter keeps orders with a line of it).
    const ow = orderWhere(f);
    const op = inPeriod('o.submitted_at', f.fromAt, f.toAt);
    const orderCounts = sqlite
      .prepare(
        `SELECT o.manager_id AS manager, o.client_id AS client, COUNT(*) AS n FROM orders o
      WHERE o.status IN (${SOLD}) AND ${op.sql} ${ow.sql.map((s) => `AND ${s}`).join(' ')} GROUP BY 1, 2`,
      )
      .all(...op.params, ...ow.params) as { manager: number; client: number; n: number }[];
    const ordersByManager = new Map<number, number>();
    const ordersByClient = new Map<number, number>();
    let orders = 0;
    for (const r of orderCounts) {
      orders += r.n;
      ordersByManager.set(r.manager, (ordersByManager.get(r.manager) ?? 0) + r.n);
      ordersByClient.set(r.client, (ordersByClient.get(r.client) ?? 0) + r.n);
    }
    // Managers of the team with no sales still show (a zero is news to a supervisor).
    const team =
      f.managerId !== undefined
        ? [{ id: f.managerId, name: name('users', f.managerId) }]
        : teamManagers(sqlite, user()).filter((m) => m.active || byManager.has(m.id));
    const managers = team
      .map((m) => {
        const v = byManager.get(m.id) ?? { sales: 0, cost: 0 };
        return {
          id: m.id,
          name: m.name,
          sales: money(v.sales),
          margin: money(v.sales - v.cost),
          orders: ordersByManager.get(m.id) ?? 0,
        };
      })
      .sort((a, b) => Number(b.sales) - Number(a.sales));
    const clients = [...byClient]
      .sort((a, b) => b[1].sales - a[1].sales)
      .slice(0, 15)
      .map(([id, v]) => ({
        id,
        name: name('clients', id),
        sales: money(v.sales),
        margin: money(v.sales - v.cost),
        orders: ordersByClient.get(id) ?? 0,
      }));

    const actualOf = new Map<string, number>();
    const actualByGroup = new Map<string, number>();
    for (const c of monthCells ?? []) {
      const k = `${c.client}|${c.grp}|${c.bucket}-01`;
      actualOf.set(k, (actualOf.get(k) ?? 0) + c.sales);
      actualByGroup.set(c.grp, (actualByGroup.get(c.grp) ?? 0) + c.sales);
    }
    const planByGroup = new Map<
      string,
      { plan: number; bonus: number; met: number; plans: number; actualPlanned: number }
    >();
    for (const p of plans) {
      const actual = actualOf.get(`${p.client}|${p.grp}|${p.month}`) ?? 0;
      const v = planByGroup.get(p.grp) ?? { plan: 0, bonus: 0, met: 0, plans: 0, actualPlanned: 0 };
      v.plan += p.plan;
      v.plans += 1;
      v.actualPlanned += actual;
      if (actual >= p.plan) {
        v.met += 1;
        // actual × percent / 100, half up to kopecks, in integers (percent has 2 places).
        v.bonus += Math.floor((actual * Math.round(Number(p.bonus) * 100) + 5000) / 10_000);
      }
      planByGroup.set(p.grp, v);
    }
    const groupNames = new Set([...byGroup.keys(), ...planByGroup.keys()]);
    const groups = [...groupNames]
      .map((g) => {
        const v = byGroup.get(g) ?? { sales: 0, cost: 0 };
        const p = planByGroup.get(g);
        return {
          group: g,
          sales: money(v.sales),
          margin: money(v.sales - v.cost),
          plan: p ? money(p.plan) : null,
          planActual: p ? money(p.actualPlanned) : null,
          plansMet: p?.met ?? 0,
          plans: p?.plans ?? 0,
          bonus: p ? money(p.bonus) : null,
        };
      })
      .sort((a, b) => Number(b.sales) - Number(a.sales));

    // Orders in flight now, by status and age (the period does not apply: this is the state of things).
    const openRows = sqlite
      .prepare(
        `SELECT o.status, coalesce(o.submitted_at, o.created_at) AS since, ${kop('o.total')} AS total FROM orders o
      WHERE o.status IN (${OPEN}) ${ow.sql.map((s) => `AND ${s}`).join(' ')}`,
      )
      .all(...ow.params) as { status: string; since: string; total: number }[];
    const statusMap = new Map<
      string,
      { count: number; amount: number; oldest: string | null; ages: Record<string, number> }
    >();
    for (const r of openRows) {
      const v = statusMap.get(r.status) ?? {
        count: 0,
        amount: 0,
        oldest: null,
        ages: Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, 0])),
      };
      v.count += 1;
      v.amount += r.total;
      if (v.oldest === null || r.since < v.oldest) v.oldest = r.since;
      v.ages[ageBucket(r.since, nowMs)]! += 1;
      statusMap.set(r.status, v);
    }
    const ordersByStatus = OPEN_STATUSES.map((s) => {
      const v = statusMap.get(s);
      return {
        status: s,
        count: v?.count ?? 0,
        amount: money(v?.amount ?? 0),
        oldestAt: v?.oldest ?? null,
        ages: v?.ages ?? Object.fromEntries(AGE_BUCKETS.map((b) => [b.key, 0])),
      };
    });

    // Overdue receivables by client (as the ERP last reported them).
    const cw: string[] = [];
    const cp: unknown[] = [];
    if (f.managerId !== undefined) {
      cw.push('c.manager_id = ?');
      cp.push(f.managerId);
    }
    if (f.clientId !== undefined) {
      cw.push('c.id = ?');
      cp.push(f.clientId);
    }
    const overdueRows = sqlite
      .prepare(
        `SELECT c.id, c.name, ${kop('c.overdue')} AS overdue, ${kop('c.credit_limit')} AS creditLimit FROM clients c
      WHERE ${kop('c.overdue')} > 0 ${cw.map((s) => `AND ${s}`).join(' ')} ORDER BY 3 DESC`,
      )
      .all(...cp) as { id: number; name: string; overdue: number; creditLimit: number }[];
    const receivables = sqlite
      .prepare(
        `SELECT c.receivables AS json, c.receivables_as_of AS asOf FROM clients c
      WHERE c.receivables IS NOT NULL ${cw.map((s) => `AND ${s}`).join(' ')}`,
      )
      .all(...cp) as { json: string; asOf: string | null }[];
    const overdue = {
      total: money(overdueRows.reduce((s, r) => s + r.overdue, 0)),
      clients: overdueRows.length,
      aging: teamAging(receivables),
      top: overdueRows
        .slice(0, 15)
        .map((r) => ({ id: r.id, name: r.name, overdue: money(r.overdue), creditLimit: money(r.creditLimit) })),
    };

    // Prices below floor asked for in the period: how many lines, the margin given away, by manager.
    const aw: string[] = [];
    const ap: unknown[] = [];
    if (f.managerId !== undefined) {
      aw.push('a.manager_id = ?');
      ap.push(f.managerId);
    }
    if (f.clientId !== undefined) {
      aw.push('o.client_id = ?');
      ap.push(f.clientId);
    }
    const approvals = sqlite
      .prepare(
        `SELECT a.manager_id AS manager, a.status, json_array_length(a.lines) AS lines, ${kop('a.given_away')} AS givenAway FROM price_approvals a
      LEFT JOIN orders o ON o.id = a.order_id WHERE julianday(a.requested_at) >= julianday(?) AND julianday(a.requested_at) < julianday(?) ${aw.map((s) => `AND ${s}`).join(' ')}`,
      )
      .all(f.fromAt, f.toAt, ...ap) as { manager: number; status: string; lines: number; givenAway: number }[];
    const overrideBy = new Map<number, { lines: number; givenAway: number; orders: number }>();
    for (const a of approvals) {
      const v = overrideBy.get(a.manager) ?? { lines: 0, givenAway: 0, orders: 0 };
      v.lines += a.lines;
      v.orders += 1;
      // What was given away counts once approved (a refused request gave nothing).
      if (a.status === 'approved') v.givenAway += a.givenAway;
      overrideBy.set(a.manager, v);
    }
    const overrides = {
      lines: approvals.reduce((s, a) => s + a.lines, 0),
      orders: approvals.length,
      pending: approvals.filter((a) => a.status === 'pending').length,
      givenAway: money([...overrideBy.values()].reduce((s, v) => s + v.givenAway, 0)),
      byManager: [...overrideBy]
        .map(([id, v]) => ({
          id,
          name: name('users', id),
          lines: v.lines,
          orders: v.orders,
          givenAway: money(v.givenAway),
        }))
        .sort((a, b) => Number(b.givenAway) - Number(a.givenAway)),
    };

    // Claims: by reason (registered in the period) and open ones by age.
    const clw: string[] = [];
    const clp: unknown[] = [];
    if (f.managerId !== undefined) {
      clw.push('c.manager_id = ?');
      clp.push(f.managerId);
    }
    if (f.clientId !== undefined) {
      clw.push('c.client_id = ?');
      clp.push(f.clientId);
    }
    const claimReasons = sqlite
      .prepare(
        `SELECT c.defect_type AS reason, COUNT(*) AS count, SUM(${kop('c.amount')}) AS amount FROM claims c
      WHERE julianday(c.created_at) >= julianday(?) AND julianday(c.created_at) < julianday(?) ${clw.map((s) => `AND ${s}`).join(' ')} GROUP BY 1 ORDER BY 2 DESC`,
      )
      .all(f.fromAt, f.toAt, ...clp) as { reason: string; count: number; amount: number }[];
    const openClaims = sqlite
      .prepare(
        `SELECT c.created_at AS at, c.deadline_at AS deadline FROM claims c WHERE c.status <> 'closed' ${clw.map((s) => `AND ${s}`).join(' ')}`,
      )
      .all(...clp) as { at: string; deadline: string | null }[];
    const nowIso = new Date(nowMs).toISOString();
    const claims = {
      byReason: claimReasons.map((r) => ({ reason: r.reason, count: r.count, amount: money(r.amount) })),
      open: openClaims.length,
      overdue: openClaims.filter((c) => c.deadline !== null && c.deadline < nowIso).length,
      byAge: AGE_BUCKETS.map((b) => ({
        bucket: b.key,
        count: openClaims.filter((c) => ageBucket(c.at, nowMs) === b.key).length,
      })),
    };

    // Tickets: SLA breaches of the open ones now, and of those opened in the period.
    const tickets = ticketBreaches(f, nowIso);

    const erp = sqlite
      .prepare(
        `SELECT state, since, pending, parked, oldest_pending_at AS oldestPendingAt, checked_at AS checkedAt FROM erp_link LIMIT 1`,
      )
      .get() as DashboardData['erp'] | undefined;
    const waitingErp = statusMap.get('submitted');
    return {
      period: { fromAt: f.fromAt, toAt: f.toAt, bucket: unit, months },
      totals: {
        sales: money(sales),
        cost: money(cost),
        margin: money(sales - cost),
        orders,
        averageOrder: orders ? money(Math.round(sales / orders)) : '0.00',
      },
      series: [...byBucket]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([bucket, v]) => ({ bucket, sales: money(v.sales), margin: money(v.sales - v.cost) })),
      managers,
      clients,
      groups,
      ordersByStatus,
      waitingErp: { count: waitingErp?.count ?? 0, oldestAt: waitingErp?.oldest ?? null },
      overdue,
      overrides,
      claims,
      tickets,
      erp: erp ?? null,
      asOf: {
        replica:
          (sqlite.prepare(`SELECT value FROM desk_state WHERE key = 'last_sync_at'`).pluck().get() as
            string | undefined) ?? null,
        orderStatuses: (sqlite.prepare(`SELECT max(erp_status_at) FROM orders`).pluck().get() as string | null) ?? null,
        receivables:
          (sqlite.prepare(`SELECT max(receivables_as_of) FROM clients`).pluck().get() as string | null) ?? null,
        erp: erp?.checkedAt ?? null,
      },
    };
  }

  function ticketBreaches(f: DashboardFilter, nowIso: string): DashboardData['tickets'] {
    const open = ticketRows(sqlite, f, `t.status <> 'closed'`, []);
    const period = ticketRows(
      sqlite,
      f,
      `julianday(t.created_at) >= julianday(?) AND julianday(t.created_at) < julianday(?)`,
      [f.fromAt, f.toAt],
    );
    const byCategory = new Map<
      string,
      { open: number; breachedOpen: number; opened: number; breachedOpened: number }
    >();
    const bump = (cat: string, k: 'open' | 'breachedOpen' | 'opened' | 'breachedOpened') => {
      const v = byCategory.get(cat) ?? { open: 0, breachedOpen: 0, opened: 0, breachedOpened: 0 };
      v[k] += 1;
      byCategory.set(cat, v);
    };
    let breachedOpen = 0;
    for (const t of open) {
      bump(String(t.category), 'open');
      if (slaOf(t, nowIso).breached) {
        breachedOpen++;
        bump(String(t.category), 'breachedOpen');
      }
    }
    let breachedOpened = 0;
    for (const t of period) {
      bump(String(t.category), 'opened');
      if (slaOf(t, nowIso).breached) {
        breachedOpened++;
        bump(String(t.category), 'breachedOpened');
      }
    }
    return {
      open: open.length,
      breachedOpen,
      opened: period.length,
      breachedOpened,
      byCategory: [...byCategory]
        .map(([category, v]) => ({ category, ...v }))
        .sort((a, b) => b.breachedOpen - a.breachedOpen),
    };
  }

  return {
    compute,
    drill: (d) => {
      recountTotals();
      return dashboardDrill(sqlite, d, now());
    },
    options: () => ({
      groups: sqlite.prepare(`SELECT DISTINCT group_name FROM items ORDER BY 1`).pluck().all() as string[],
      warehouses: sqlite.prepare(`SELECT id, name FROM warehouses ORDER BY id`).all() as { id: number; name: string }[],
    }),
  };
}
