// The sales cells under the dashboard and the plans board: for any orders (stamped "Z", "+00:00"
// or "+03:00", in any status) and any periods cut into days, weeks or months, read together in one
// query under a manager's and a product group's filter, each period's cells equal a plain count in
// JavaScript of the orders inside it, by Moscow day, Monday or month (property test).
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BucketUnit } from './dashboard-sql';
import { salesCells, type SalesCell, type SalesView } from './sales-cells';

const STATUSES = ['draft', 'submitted', 'accepted', 'processing', 'assembling', 'shipped', 'closed', 'cancelled'];
const SOLD = new Set(['accepted', 'processing', 'assembling', 'shipped', 'closed']);
const START = Date.UTC(2025, 11, 20);
const SPAN = 120 * 86_400_000;

/** The stamp as one of the writers would store it: a desk ("Z"), or a server in UTC or Moscow. */
function stamp(ms: number, style: number): string {
  if (style === 0) return new Date(ms).toISOString();
  if (style === 1) return new Date(ms).toISOString().replace('Z', '+00:00');
  return new Date(ms + 3 * 3600_000).toISOString().replace('Z', '+03:00');
}

function bucket(ms: number, unit: BucketUnit): string {
  const d = new Date(ms + 3 * 3600_000);
  if (unit === 'month') return d.toISOString().slice(0, 7);
  if (unit === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

const order = fc.record({
  at: fc.integer({ min: 0, max: SPAN }),
  style: fc.integer({ min: 0, max: 2 }),
  status: fc.constantFrom(...STATUSES),
  manager: fc.integer({ min: 1, max: 2 }),
  client: fc.integer({ min: 1, max: 3 }),
  groups: fc.uniqueArray(fc.constantFrom('Кабель', 'Свет', ''), { minLength: 1, maxLength: 3 }),
  sales: fc.integer({ min: 0, max: 10_000_000 }),
});
const view = fc.record({
  from: fc.integer({ min: 0, max: SPAN }),
  length: fc.integer({ min: 1, max: SPAN }),
  unit: fc.constantFrom<BucketUnit>('day', 'week', 'month'),
});

const sorted = (cells: SalesCell[]) =>
  cells
    .map((c) => `${c.bucket}|${c.manager}|${c.client}|${c.grp}|${c.sales}|${c.cost}`)
    .sort()
    .join('\n');

describe('sales cells', () => {
  it('of several periods read at once equal each period counted alone', () => {
    fc.assert(
      fc.property(
        fc.array(order, { maxLength: 30 }),
        fc.array(view, { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
        fc.option(fc.constantFrom('Кабель', 'Свет', ''), { nil: undefined }),
        (orders, views, manager, group) => {
          const db = new Database(':memory:');
          db.exec(`CREATE TABLE orders (id TEXT PRIMARY KEY, status TEXT, submitted_at TEXT, manager_id INTEGER, client_id INTEGER);
            CREATE INDEX orders_submitted ON orders (submitted_at);
            CREATE TABLE order_group_totals (order_id TEXT, group_name TEXT, sales INTEGER, cost INTEGER, lines INTEGER, PRIMARY KEY (order_id, group_name));`);
          orders.forEach((o, i) => {
            db.prepare(`INSERT INTO orders VALUES (?, ?, ?, ?, ?)`).run(
              `o${i}`,
              o.status,
              stamp(START + o.at, o.style),
              o.manager,
              o.client,
            );
            for (const g of o.groups)
              db.prepare(`INSERT INTO order_group_totals VALUES (?, ?, ?, ?, 1)`).run(
                `o${i}`,
                g,
                o.sales,
                o.sales >> 1,
              );
          });
          const asked: SalesView[] = views.map((v) => ({
            fromAt: new Date(START + v.from).toISOString(),
            toAt: new Date(START + v.from + v.length).toISOString(),
            unit: v.unit,
          }));
          const got = salesCells(
            db,
            manager === undefined
              ? { sql: [], params: [], group }
              : { sql: ['o.manager_id = ?'], params: [manager], group },
            asked,
          );
          asked.forEach((v, k) => {
            const want = new Map<string, SalesCell>();
            for (const o of orders) {
              const ms = START + o.at;
              if (!SOLD.has(o.status) || ms < Date.parse(v.fromAt) || ms >= Date.parse(v.toAt)) continue;
              if (manager !== undefined && o.manager !== manager) continue;
              for (const grp of o.groups.filter((g) => group === undefined || g === group)) {
                const cell = {
                  bucket: bucket(ms, v.unit),
                  manager: o.manager,
                  client: o.client,
                  grp,
                  sales: 0,
                  cost: 0,
                };
                const key = `${cell.bucket}|${cell.manager}|${cell.client}|${grp}`;
                const c = want.get(key) ?? want.set(key, cell).get(key)!;
                c.sales += o.sales;
                c.cost += o.sales >> 1;
              }
            }
            expect(sorted(got[k]!)).toBe(sorted([...want.values()]));
          });
          db.close();
        },
      ),
      { numRuns: 200 },
    );
  });
});
