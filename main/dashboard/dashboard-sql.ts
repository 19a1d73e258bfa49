// What the dashboard's figures and their drill-downs share: which statuses count as sales or as
// in flight, Moscow dates, exact kopecks in SQL, a period on timestamp columns, the filter's
// conditions on orders, age buckets, the chart's step, and tickets with their SLA clocks.
import type Database from 'better-sqlite3';
import type { DashboardFilter } from '../../domain/contract';
import { ticketSla, type TicketCategory, type TicketEvent } from '../../domain/aftersales/ticket';

/** Orders that count as sales: the ERP took them (queued or refused ones do not). */
export const SOLD_STATUSES = ['accepted', 'processing', 'assembling', 'shipped', 'closed'] as const;
/** Orders still moving: the "orders by status and age" tile. */
export const OPEN_STATUSES = ['draft', 'submitted', 'accepted', 'processing', 'assembling', 'shipped'] as const;
export const SOLD = SOLD_STATUSES.map((s) => `'${s}'`).join(',');
export const OPEN = OPEN_STATUSES.map((s) => `'${s}'`).join(',');

// Dates on the dashboard are Moscow dates (the company's day; UTC+3 all year).
export const MSK = `'+3 hours'`;
/** Exact integer kopecks of a decimal text column: scaled, then rounded, before any summing. */
export const kop = (col: string) => `CAST(ROUND(${col} * 100) AS INTEGER)`;

/**
 * "column within [from, to)" for a timestamp column. The server sends timestamps with an offset
 * ("…+00:00", or "+03:00" if its database runs in another zone) while desks write "…Z", so text
 * order alone is not time order: a text range a day wider picks rows through the index, then
 * julianday() compares instants exactly.
 */
export function inPeriod(col: string, fromAt: string, toAt: string): { sql: string; params: unknown[] } {
  const day = 86_400_000;
  const wide = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return {
    sql: `${col} >= ? AND ${col} < ? AND julianday(${col}) >= julianday(?) AND julianday(${col}) < julianday(?)`,
    params: [wide(Date.parse(fromAt) - day), wide(Date.parse(toAt) + day), fromAt, toAt],
  };
}

export const money = (k: number): string => {
  const sign = k < 0 ? '-' : '';
  const a = Math.abs(k);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

export const AGE_BUCKETS = [
  { key: 'd0_3', days: 3 },
  { key: 'd3_7', days: 7 },
  { key: 'd7_30', days: 30 },
  { key: 'd30_plus', days: Infinity },
] as const;

export function ageBucket(fromIso: string, nowMs: number): (typeof AGE_BUCKETS)[number]['key'] {
  const days = (nowMs - Date.parse(fromIso)) / 86_400_000;
  return AGE_BUCKETS.find((b) => days < b.days)!.key;
}

/** The instant a Moscow month starts, as ISO. */
export type BucketUnit = 'day' | 'week' | 'month';
/** The chart's step: days up to two months, weeks up to half a year (a quarter in 13 points, not 3), months beyond. */
export function bucketUnit(f: { fromAt: string; toAt: string }): BucketUnit {
  const days = (Date.parse(f.toAt) - Date.parse(f.fromAt)) / 86_400_000;
  return days <= 62 ? 'day' : days <= 200 ? 'week' : 'month';
}

export function monthStartAt(month: string): string {
  return new Date(Date.parse(`${month}T00:00:00.000Z`) - 3 * 3600_000).toISOString();
}
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The filter's conditions on orders `o`; a product group keeps the orders with a line of it. */
export function orderWhere(f: DashboardFilter): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  if (f.managerId !== undefined) {
    sql.push('o.manager_id = ?');
    params.push(f.managerId);
  }
  if (f.clientId !== undefined) {
    sql.push('o.client_id = ?');
    params.push(f.clientId);
  }
  if (f.warehouseId !== undefined) {
    sql.push('o.warehouse_id = ?');
    params.push(f.warehouseId);
  }
  if (f.group !== undefined) {
    sql.push('EXISTS (SELECT 1 FROM order_group_totals g2 WHERE g2.order_id = o.id AND g2.group_name = ?)');
    params.push(f.group);
  }
  return { sql, params };
}

export function ticketRows(sqlite: Database.Database, f: DashboardFilter, extra: string, params: unknown[]) {
  const tw: string[] = [];
  const tp: unknown[] = [];
  if (f.managerId !== undefined) {
    tw.push('t.manager_id = ?');
    tp.push(f.managerId);
  }
  if (f.clientId !== undefined) {
    tw.push('t.client_id = ?');
    tp.push(f.clientId);
  }
  return sqlite
    .prepare(
      `SELECT t.id, t.number, t.client_id, coalesce(c.name, '') AS client_name, t.category, t.subject, t.status, t.created_at, t.first_response_at, t.resolved_at, t.history,
      coalesce(a.name, '') AS assignee_name FROM tickets t LEFT JOIN clients c ON c.id = t.client_id LEFT JOIN users a ON a.id = t.assignee_id
    WHERE ${[extra, ...tw].join(' AND ')}`,
    )
    .all(...params, ...tp) as Record<string, unknown>[];
}
export const slaOf = (t: Record<string, unknown>, at: string) =>
  ticketSla(
    {
      category: t.category as TicketCategory,
      created_at: String(t.created_at),
      first_response_at: (t.first_response_at as string | null) ?? null,
      resolved_at: (t.resolved_at as string | null) ?? null,
      history: JSON.parse(String(t.history)) as TicketEvent[],
    },
    at,
  );
