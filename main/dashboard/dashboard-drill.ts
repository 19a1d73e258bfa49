// The rows behind any figure of the dashboard, with the same filters: orders (sold in the period,
// by manager, client, group or chart bucket; in flight by status), clients with overdue debt,
// claims by reason or age, tickets past their SLA, requests for prices below the floor.
import type Database from 'better-sqlite3';
import type { DashboardDrill, DashboardRows } from '../../domain/contract';
import {
  ageBucket,
  bucketUnit,
  inPeriod,
  kop,
  monthStartAt,
  money,
  nextMonth,
  OPEN,
  orderWhere,
  slaOf,
  SOLD,
  ticketRows,
} from './dashboard-sql';

/** The rows behind a number, with the same filters. */
export function dashboardDrill(sqlite: Database.Database, d: DashboardDrill, now: Date): DashboardRows {
  const f = d.filter;
  const nowIso = now.toISOString();
  if (d.tile === 'overdue') {
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
    if (d.key) {
      cw.push('c.id = ?');
      cp.push(Number(d.key));
    }
    const rows = sqlite
      .prepare(
        `SELECT c.id, c.name, c.inn, coalesce(u.name, '') AS manager, c.overdue, c.credit_limit AS creditLimit, c.payment_terms AS terms, c.receivables_as_of AS asOf
      FROM clients c LEFT JOIN users u ON u.id = c.manager_id WHERE ${kop('c.overdue')} > 0 ${cw.map((s) => `AND ${s}`).join(' ')} ORDER BY ${kop('c.overdue')} DESC`,
      )
      .all(...cp) as Record<string, unknown>[];
    return {
      kind: 'clients',
      rows: rows.map((r) => ({
        id: String(r.id),
        name: String(r.name),
        inn: String(r.inn),
        manager: String(r.manager),
        overdue: money(Math.round(Number(r.overdue) * 100)),
        creditLimit: money(Math.round(Number(r.creditLimit) * 100)),
        terms: String(r.terms),
        asOf: (r.asOf as string | null) ?? null,
      })),
    };
  }
  if (d.tile === 'claims_reason' || d.tile === 'claims_age' || d.tile === 'claims_open') {
    const cw: string[] = [];
    const cp: unknown[] = [];
    if (f.managerId !== undefined) {
      cw.push('c.manager_id = ?');
      cp.push(f.managerId);
    }
    if (f.clientId !== undefined) {
      cw.push('c.client_id = ?');
      cp.push(f.clientId);
    }
    if (d.tile === 'claims_reason') {
      cw.push('julianday(c.created_at) >= julianday(?) AND julianday(c.created_at) < julianday(?)');
      cp.push(f.fromAt, f.toAt);
      if (d.key) {
        cw.push('c.defect_type = ?');
        cp.push(d.key);
      }
    } else cw.push(`c.status <> 'closed'`);
    let rows = sqlite
      .prepare(
        `SELECT c.id, c.number, coalesce(cl.name, '') AS client, coalesce(u.name, '') AS manager, c.order_number AS orderNumber, c.status, c.defect_type AS reason, c.amount, c.created_at AS createdAt, c.deadline_at AS deadlineAt
      FROM claims c LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN users u ON u.id = c.manager_id WHERE ${cw.length ? cw.join(' AND ') : '1'} ORDER BY c.created_at DESC`,
      )
      .all(...cp) as Record<string, unknown>[];
    if (d.tile === 'claims_age' && d.key)
      rows = rows.filter((r) => ageBucket(String(r.createdAt), Date.parse(nowIso)) === d.key);
    return {
      kind: 'claims',
      rows: rows.map((r) => ({
        id: String(r.id),
        number: (r.number as string | null) ?? null,
        client: String(r.client),
        manager: String(r.manager),
        orderNumber: (r.orderNumber as string | null) ?? null,
        status: String(r.status),
        reason: String(r.reason),
        amount: money(Math.round(Number(r.amount) * 100)),
        createdAt: String(r.createdAt),
        deadlineAt: (r.deadlineAt as string | null) ?? null,
      })),
    };
  }
  if (d.tile === 'tickets_breached' || d.tile === 'tickets_breached_period') {
    const list =
      d.tile === 'tickets_breached'
        ? ticketRows(sqlite, f, `t.status <> 'closed'`, [])
        : ticketRows(sqlite, f, `julianday(t.created_at) >= julianday(?) AND julianday(t.created_at) < julianday(?)`, [
            f.fromAt,
            f.toAt,
          ]);
    const rows = list.filter((t) => slaOf(t, nowIso).breached && (!d.key || t.category === d.key));
    return {
      kind: 'tickets',
      rows: rows.map((t) => ({
        id: String(t.id),
        number: (t.number as string | null) ?? null,
        client: String(t.client_name),
        category: String(t.category),
        subject: String(t.subject),
        status: String(t.status),
        assignee: String(t.assignee_name),
        createdAt: String(t.created_at),
      })),
    };
  }
  if (d.tile === 'overrides') {
    const aw: string[] = ['julianday(a.requested_at) >= julianday(?)', 'julianday(a.requested_at) < julianday(?)'];
    const ap: unknown[] = [f.fromAt, f.toAt];
    if (f.managerId !== undefined) {
      aw.push('a.manager_id = ?');
      ap.push(f.managerId);
    }
    if (f.clientId !== undefined) {
      aw.push('o.client_id = ?');
      ap.push(f.clientId);
    }
    if (d.key) {
      aw.push('a.manager_id = ?');
      ap.push(Number(d.key));
    }
    const rows = sqlite
      .prepare(
        `SELECT a.order_id AS orderId, o.number, coalesce(cl.name, '') AS client, coalesce(u.name, '') AS manager, a.status, json_array_length(a.lines) AS lines, a.given_away AS givenAway, a.requested_at AS requestedAt
      FROM price_approvals a LEFT JOIN orders o ON o.id = a.order_id LEFT JOIN clients cl ON cl.id = o.client_id LEFT JOIN users u ON u.id = a.manager_id
      WHERE ${aw.join(' AND ')} ORDER BY a.requested_at DESC`,
      )
      .all(...ap) as Record<string, unknown>[];
    return {
      kind: 'approvals',
      rows: rows.map((r) => ({
        id: String(r.orderId),
        number: (r.number as string | null) ?? null,
        client: String(r.client),
        manager: String(r.manager),
        status: String(r.status),
        lines: Number(r.lines),
        givenAway: money(Math.round(Number(r.givenAway) * 100)),
        requestedAt: String(r.requestedAt),
      })),
    };
  }
  // Orders: sales (all, or one manager, client, group, day) and the open ones by status.
  const sold = d.tile !== 'status' && d.tile !== 'waiting_erp';
  const extra = { ...f };
  if (d.tile === 'manager' && d.key) extra.managerId = Number(d.key);
  if (d.tile === 'client' && d.key) extra.clientId = Number(d.key);
  if (d.tile === 'group' && d.key) extra.group = d.key;
  const w = orderWhere(extra);
  const where = [...w.sql];
  const params = [...w.params];
  if (sold) {
    where.push(`o.status IN (${SOLD})`);
    let from = f.fromAt;
    let to = f.toAt;
    if (d.tile === 'series' && d.key) {
      // A day, a week (its Monday) or a month (YYYY-MM) of the chart, in Moscow time, within the period.
      const unit = bucketUnit(f);
      const start =
        unit === 'month'
          ? monthStartAt(`${d.key}-01`)
          : new Date(Date.parse(`${d.key}T00:00:00.000Z`) - 3 * 3600_000).toISOString();
      const end =
        unit === 'month'
          ? monthStartAt(nextMonth(`${d.key}-01`))
          : new Date(Date.parse(start) + (unit === 'week' ? 7 : 1) * 86_400_000).toISOString();
      from = Date.parse(start) > Date.parse(from) ? start : from;
      to = Date.parse(end) < Date.parse(to) ? end : to;
    }
    const p = inPeriod('o.submitted_at', from, to);
    where.push(p.sql);
    params.push(...p.params);
  } else {
    where.push(d.tile === 'waiting_erp' ? `o.status = 'submitted'` : d.key ? 'o.status = ?' : `o.status IN (${OPEN})`);
    if (d.tile === 'status' && d.key) params.push(d.key);
  }
  const rows = sqlite
    .prepare(
      `SELECT o.id, o.number, coalesce(c.name, '') AS client, coalesce(u.name, '') AS manager, o.status, o.kind, o.lines_count AS lines, o.total, o.cost_total AS costTotal,
      o.created_at AS createdAt, o.submitted_at AS submittedAt, o.erp_number AS erpNumber
    FROM orders o LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN users u ON u.id = o.manager_id
    WHERE ${where.join(' AND ')} ORDER BY coalesce(o.submitted_at, o.created_at) DESC LIMIT 50000`,
    )
    .all(...params) as Record<string, unknown>[];
  return {
    kind: 'orders',
    rows: rows.map((r) => {
      const total = Math.round(Number(r.total) * 100);
      return {
        id: String(r.id),
        number: (r.number as string | null) ?? null,
        client: String(r.client),
        manager: String(r.manager),
        status: String(r.status),
        kind: String(r.kind),
        lines: Number(r.lines),
        total: money(total),
        margin: money(total - Math.round(Number(r.costTotal) * 100)),
        createdAt: String(r.createdAt),
        submittedAt: (r.submittedAt as string | null) ?? null,
        erpNumber: (r.erpNumber as string | null) ?? null,
      };
    }),
  };
}
