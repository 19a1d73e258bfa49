// Sales and cost per (Moscow day, week or month; manager; client; product group) of the orders
// that count as sales, from each order's totals per group (order_group_totals, integer kopecks):
// what the dashboard's figures and the plans board's actuals are made of. Periods cut into the
// same unit are read in one query (a dashboard's period and the months its plans cover mostly
// overlap), each order's bucket and periods worked out once, not once per group line.
import type Database from 'better-sqlite3';
import { inPeriod, MSK, SOLD, type BucketUnit } from './dashboard-sql';

export interface SalesCell {
  /** YYYY-MM, the Monday's YYYY-MM-DD, or YYYY-MM-DD (Moscow). */
  bucket: string;
  manager: number;
  client: number;
  grp: string;
  /** Integer kopecks: exact as numbers below 2^53 (ninety trillion rubles). */
  sales: number;
  cost: number;
}

/** A period [fromAt, toAt) cut into days, weeks or months. */
export interface SalesView {
  fromAt: string;
  toAt: string;
  unit: BucketUnit;
}

const BUCKET: Record<BucketUnit, string> = {
  month: `substr(datetime(o.submitted_at, ${MSK}), 1, 7)`,
  week: `date(datetime(o.submitted_at, ${MSK}), '-6 days', 'weekday 1')`,
  day: `substr(datetime(o.submitted_at, ${MSK}), 1, 10)`,
};

/**
 * The cells of each view, of orders under `where`: conditions on `o`, the orders, and at most one
 * product group (`group`).
 */
export function salesCells(
  sqlite: Database.Database,
  where: { sql: string[]; params: unknown[]; group?: string },
  views: SalesView[],
): SalesCell[][] {
  const out: SalesCell[][] = views.map(() => []);
  for (const unit of new Set(views.map((v) => v.unit))) {
    const mine = views.flatMap((v, i) => (v.unit === unit ? [{ ...v, i }] : []));
    // The rows of all of them, by the text range that picks them through the index…
    const from = mine.reduce((a, v) => (Date.parse(v.fromAt) < Date.parse(a) ? v.fromAt : a), mine[0]!.fromAt);
    const to = mine.reduce((a, v) => (Date.parse(v.toAt) > Date.parse(a) ? v.toAt : a), mine[0]!.toAt);
    const all = inPeriod('o.submitted_at', from, to);
    // …then, per order (not per group line: a CTE kept whole, not folded into the join), its
    // bucket and whether it falls in each view, exactly (instants compared, whatever their offsets).
    const inside = mine.map((v) => inPeriod('o.submitted_at', v.fromAt, v.toAt));
    const rows = sqlite
      .prepare(
        `WITH o AS MATERIALIZED (
           SELECT o.id, o.manager_id, o.client_id, ${BUCKET[unit]} AS bucket,
             ${inside.map((w, k) => `(${w.sql}) AS in${k}`).join(', ')}
           FROM orders o
           WHERE o.status IN (${SOLD}) AND ${all.sql} ${where.sql.map((s) => `AND ${s}`).join(' ')})
         SELECT o.bucket, o.manager_id, o.client_id, g.group_name,
           ${inside.map((_, k) => `SUM(g.sales * o.in${k}), SUM(g.cost * o.in${k}), SUM(o.in${k})`).join(', ')}
         FROM o JOIN order_group_totals g ON g.order_id = o.id
         ${where.group === undefined ? '' : 'WHERE g.group_name = ?'}
         GROUP BY 1, 2, 3, 4`,
      )
      .raw(true)
      .all(
        ...inside.flatMap((w) => w.params),
        ...all.params,
        ...where.params,
        ...(where.group === undefined ? [] : [where.group]),
      ) as [string, number, number, string, ...number[]][];
    for (const [bucket, manager, client, grp, ...figures] of rows)
      mine.forEach((v, k) => {
        // No row of the cell inside this view: not its cell.
        if (figures[3 * k + 2]! > 0)
          out[v.i]!.push({ bucket, manager, client, grp, sales: figures[3 * k]!, cost: figures[3 * k + 1]! });
      });
  }
  return out;
}
