// The dashboards' per-order, per-group totals are kept by the replica with its writes: after any
// sequence of line inserts and edits (from the server or made on this desk: amount, quantity,
// cost, item, order), tombstones, items moving to another group, a line arriving before its item,
// and a reset that deletes and re-syncs the catalog, the totals equal a recount of the lines
// (property test over random sequences).
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineCost } from '../../domain/orders/order';
import { createLocalChanges } from '../sync/local-changes';
import { openReplica } from '../sync/replica';
import { syncTables } from '../../domain/sync/sync-tables';

type Op =
  | { kind: 'line'; line: number; order: number; item: number; qty: number; price: number; local: boolean }
  | { kind: 'drop'; line: number }
  | { kind: 'group'; item: number; group: number }
  | { kind: 'reset' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('line' as const),
      line: fc.integer({ min: 1, max: 12 }),
      order: fc.integer({ min: 1, max: 3 }),
      item: fc.integer({ min: 1, max: 5 }),
      qty: fc.integer({ min: 1, max: 99_999 }),
      price: fc.integer({ min: 1, max: 9_999_999 }),
      local: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), line: fc.integer({ min: 1, max: 12 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('group' as const),
      item: fc.integer({ min: 1, max: 6 }),
      group: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('order totals per product group (kept by the replica)', () => {
  it('always equal a recount of the lines', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const r = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-ogt-')), 'replica.sqlite'));
        const changes = createLocalChanges({ replica: r, user: () => ({ id: 100, role: 'manager' }) });
        let version = 1;
        const groupOf = new Map<number, number>();
        const item = (id: number, group: number) => [
          id,
          `A${id}`,
          'n',
          'm',
          `Группа ${group}`,
          'шт',
          1,
          {},
          null,
          'active',
          '22.00',
          '1.2345',
          '0.010000',
          '0.000001000',
          '',
          version++,
          false,
        ];
        // Items 1-5 exist; item 6 only ever arrives after lines could name it (never, here: lines use 1-5) or by a group op.
        for (let i = 1; i <= 5; i++) {
          groupOf.set(i, (i % 3) + 1);
          changes.applyServerBatch([{ table: 'items', rows: [item(i, (i % 3) + 1)] }], version);
        }
        for (const o of ops) {
          if (o.kind === 'line') {
            const quantity = (o.qty / 1000).toFixed(3);
            const price = (o.price / 10000).toFixed(4);
            const amount = (Math.round((o.qty / 1000) * (o.price / 10000) * 100) / 100).toFixed(2);
            const row = [
              uuid(o.line),
              uuid(1000 + o.order),
              100,
              o.line,
              o.item,
              quantity,
              price,
              'client',
              '0',
              amount,
              null,
              '',
              `${(o.price % 5000) / 10000}`,
              '',
              '',
              null,
              null,
              '0',
              null,
              version++,
              false,
            ];
            // An edit made on this desk (a mutation's write) or a row from the server.
            if (o.local)
              r.transaction(() =>
                r.writeRow(
                  'order_lines',
                  uuid(o.line),
                  Object.fromEntries(syncTables.order_lines.columns.map((c, i) => [c, row[i]])),
                ),
              );
            else changes.applyServerBatch([{ table: 'order_lines', rows: [row] }], version);
          } else if (o.kind === 'drop') {
            const existing = r.sqlite.prepare('SELECT * FROM order_lines WHERE id = ?').get(uuid(o.line)) as
              Record<string, unknown> | undefined;
            if (!existing) continue;
            const row = [
              uuid(o.line),
              existing.order_id,
              100,
              existing.line_no,
              existing.item_id,
              existing.quantity,
              existing.price,
              'client',
              '0',
              existing.amount,
              null,
              '',
              existing.cost,
              '',
              '',
              null,
              null,
              '0',
              null,
              version++,
              true,
            ];
            changes.applyServerBatch([{ table: 'order_lines', rows: [row] }], version);
          } else if (o.kind === 'group') {
            groupOf.set(o.item, o.group);
            changes.applyServerBatch([{ table: 'items', rows: [item(o.item, o.group)] }], version);
          } else {
            // Reset: the catalog goes and comes back (the same groups), the lines stay.
            changes.reset();
            for (const [id, g] of groupOf) changes.applyServerBatch([{ table: 'items', rows: [item(id, g)] }], version);
          }
        }
        // Readers recount what this desk's own edits left stale.
        r.recountTotals();
        const lines = r.sqlite
          .prepare(
            `SELECT l.order_id, i.group_name, l.amount, l.quantity, l.cost FROM order_lines l JOIN items i ON i.id = l.item_id`,
          )
          .all() as { order_id: string; group_name: string; amount: string; quantity: string; cost: string }[];
        const recount = new Map<string, { sales: number; cost: number; lines: number }>();
        for (const l of lines) {
          const k = `${l.order_id}|${l.group_name}`;
          const v = recount.get(k) ?? { sales: 0, cost: 0, lines: 0 };
          v.sales += Math.round(Number(l.amount) * 100);
          v.cost += Math.round(Number(lineCost(l.quantity, l.cost)) * 100);
          v.lines += 1;
          recount.set(k, v);
        }
        const totals = r.sqlite
          .prepare('SELECT order_id, group_name, sales, cost, lines FROM order_group_totals')
          .all() as { order_id: string; group_name: string; sales: number; cost: number; lines: number }[];
        const got = new Map(
          totals.map((t) => [`${t.order_id}|${t.group_name}`, { sales: t.sales, cost: t.cost, lines: t.lines }]),
        );
        r.close();
        expect(got).toEqual(recount);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
