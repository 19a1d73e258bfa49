// Merging orders 1C has: the growing order takes every line of the other whole (money and cost
// conserved to the kopeck, for any lines), 1C is asked one change and nothing else yet, both
// orders carry the merge and lock their lines; refused with the reason when the orders cannot
// merge, and undone exactly (intoWithoutMoved gives the order as it was).
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import type { Row } from '../sync/mutation-def';
import { lineAmount } from './order';
import { erpMergeRefusal, intoWithoutMoved, mergeOf } from './order-merge';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ctx = { userId: 100, role: 'manager' as const, now: '2026-12-06T05:00:00.000Z', writeVersion: null };
const order = (id: string, patch: Row = {}): Row => ({
  id,
  client_id: 7,
  manager_id: 100,
  kind: 'order',
  status: 'accepted',
  origin: 'desk',
  warehouse_id: 1,
  total: '0.00',
  cost_total: '0.00',
  lines_count: 0,
  last_line_no: 0,
  merge: null,
  ...patch,
});

describe('order.mergeAccepted@1', () => {
  it('moves every line whole; totals add up exactly; 1C is asked one change', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 99_999 }).map((q) => (q / 1000).toFixed(3)),
      price: fc.integer({ min: 1, max: 10_000_000 }).map((p) => (p / 100).toFixed(2)),
      cost: fc.integer({ min: 0, max: 10_000_000 }).map((p) => (p / 10_000).toFixed(4)),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 50 }),
        (lines, intoLast) => {
          const intoId = uuid(1);
          const fromId = uuid(2);
          const rows = new Map<string, Row | null>();
          const fromLines = lines.map((l, i) => ({
            id: uuid(100 + i),
            order_id: fromId,
            line_no: i + 1,
            item_id: i + 1,
            quantity: l.quantity,
            price: l.price,
            price_source: 'client',
            discount: '0',
            amount: lineAmount(l.quantity, l.price, '0'),
            cost: l.cost,
            warehouse_id: null,
            comment: '',
          }));
          const fromTotal = fromLines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2);
          const into = order(intoId, { total: '1000.00', cost_total: '10.00', lines_count: 2, last_line_no: intoLast });
          rows.set(`orders|${intoId}`, into);
          rows.set(`orders|${fromId}`, order(fromId, { total: fromTotal, lines_count: lines.length, warehouse_id: 2 }));
          for (const l of fromLines) rows.set(`order_lines|${l.id}`, l);
          const moves = fromLines.map((l, i) => ({ fromLineId: l.id, lineId: uuid(500 + i) }));
          const out = runMutation('order.mergeAccepted@1', { intoId, fromId, lines: moves }, rows, ctx);
          expect(out.ok).toBe(true);
          if (!out.ok) return;
          const grown = out.writes.find((w) => w.table === 'orders' && w.key === intoId)!.row!;
          const added = out.writes.filter((w) => w.table === 'order_lines').map((w) => w.row!);
          expect(grown.total).toBe(new Decimal('1000.00').plus(fromTotal).toFixed(2));
          expect(grown.lines_count).toBe(2 + lines.length);
          expect(added.map((l) => l.line_no)).toEqual(lines.map((_, i) => intoLast + i + 1));
          // Lines of the other warehouse keep it.
          expect(added.every((l) => l.warehouse_id === 2 && l.order_id === intoId)).toBe(true);
          expect(mergeOf(grown)).toEqual({
            role: 'into',
            partner: fromId,
            lines: moves.map((m) => m.lineId),
            step: 'change',
          });
          expect(out.erp).toEqual([
            {
              method: 'order.change',
              aggregate: `order:${intoId}`,
              orderId: intoId,
              lineIds: moves.map((m) => m.lineId),
            },
          ]);
          // Undone, the order is as it was, to the kopeck.
          const undone = intoWithoutMoved(grown, added);
          expect([undone.total, undone.cost_total, undone.lines_count, undone.merge]).toEqual([
            '1000.00',
            '10.00',
            2,
            null,
          ]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses with the reason, and locks the lines of orders being merged', () => {
    const a = order(uuid(1));
    expect(erpMergeRefusal(a, order(uuid(2), { client_id: 8 }))).toBe('other_client');
    expect(erpMergeRefusal(a, order(uuid(2), { kind: 'reserve' }))).toBe('not_order');
    expect(erpMergeRefusal(a, order(uuid(2), { status: 'assembling' }))).toBe('not_changeable');
    expect(erpMergeRefusal(a, order(uuid(2), { status: 'draft' }))).toBe('not_changeable');
    expect(erpMergeRefusal(a, order(uuid(2), { origin: 'erp' }))).toBe('made_in_erp');
    expect(erpMergeRefusal(a, a)).toBe('same_order');
    expect(erpMergeRefusal(a, order(uuid(2), { merge: { role: 'from', partner: uuid(3), step: 'change' } }))).toBe(
      'merging',
    );
    expect(erpMergeRefusal(a, order(uuid(2), { status: 'processing' }))).toBeNull();
    // A line left behind would be cancelled with its order: all or nothing.
    const rows = new Map<string, Row | null>([
      [`orders|${uuid(1)}`, a],
      [`orders|${uuid(2)}`, order(uuid(2), { lines_count: 2 })],
      [`order_lines|${uuid(9)}`, { id: uuid(9), order_id: uuid(2), amount: '1.00', quantity: '1', cost: '0' }],
    ]);
    expect(
      runMutation(
        'order.mergeAccepted@1',
        { intoId: uuid(1), fromId: uuid(2), lines: [{ fromLineId: uuid(9), lineId: uuid(10) }] },
        rows,
        ctx,
      ),
    ).toMatchObject({ ok: false, message: 'incomplete' });
    // An order being merged: no line edit, no cancel.
    const merging = order(uuid(1), { merge: { role: 'into', partner: uuid(2), lines: [], step: 'change' } });
    const locked = new Map<string, Row | null>([[`orders|${uuid(1)}`, merging]]);
    expect(runMutation('order.cancel@1', { orderId: uuid(1), reason: 'x' }, locked, ctx)).toMatchObject({
      ok: false,
      code: 'locked',
    });
    expect(
      runMutation(
        'order.editLines@1',
        { orderId: uuid(1), remove: [uuid(11)] },
        new Map([...locked, [`order_lines|${uuid(11)}`, null]]),
        ctx,
      ),
    ).toMatchObject({ ok: false, code: 'locked' });
  });
});
