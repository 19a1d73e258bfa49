import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmount } from './order';
import { planMerge, planSplit, repeatLines, SPLIT_KINDS, type PlanLine, type PlanOrder } from './order-operations';

let counter = 0;
const newId = (): string => `new-${++counter}`;

const line = fc.record({
  itemId: fc.integer({ min: 1, max: 30 }),
  quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => new Decimal(q).dividedBy(1000).toString()),
  price: fc.integer({ min: 0, max: 10_000_000 }).map((p) => new Decimal(p).dividedBy(10_000).toString()),
  discount: fc.integer({ min: 0, max: 10_000 }).map((d) => new Decimal(d).dividedBy(100).toString()),
  warehouseId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  priceSource: fc.constantFrom('client' as const, 'manual' as const),
});
const order = (id: string, clientId = 1): fc.Arbitrary<PlanOrder> =>
  fc.array(line, { maxLength: 40 }).map((ls) => ({
    id,
    clientId,
    status: 'draft' as const,
    warehouseId: 1,
    lines: ls.map((l, i): PlanLine => ({ ...l, id: `${id}-${i}`, lineNo: i + 1, comment: '' })),
  }));

/** What must survive: each line's item, quantity, price, discount, and the total amount. */
const essence = (lines: PlanLine[]): string[] =>
  lines.map((l) => `${l.itemId}|${l.quantity}|${l.price}|${l.discount}|${l.priceSource}`).sort();
const total = (lines: PlanLine[]): string =>
  lines.reduce((s, l) => s.plus(lineAmount(l.quantity, l.price, l.discount)), new Decimal(0)).toFixed(2);
const qty = (lines: PlanLine[]): string => lines.reduce((s, l) => s.plus(l.quantity), new Decimal(0)).toString();

describe('order operations', () => {
  it('split by any kind conserves lines, quantities and amounts exactly', () => {
    fc.assert(
      fc.property(
        order('o'),
        fc.constantFrom(...SPLIT_KINDS),
        fc.integer({ min: 0, max: 50 }),
        (o, kind, stockSeed) => {
          const facts = {
            stock: (item: number, wh: number) =>
              (item * 7 + wh + stockSeed) % 5 === 0 ? null : String((item * 13 + wh * stockSeed) % 90),
            category: (item: number) => `g${item % 3}`,
          };
          const plan = planSplit(o, kind, facts, newId);
          if (!plan.ok) {
            expect(['nothing_to_split', 'empty']).toContain(plan.reason);
            return;
          }
          const kept = o.lines.filter((l) => !plan.remove.includes(l.id));
          const after = [...kept, ...plan.parts.flatMap((p) => p.lines)];
          expect(essence(after)).toEqual(essence(o.lines));
          expect(total(after)).toBe(total(o.lines));
          expect(qty(after)).toBe(qty(o.lines));
          expect(plan.parts.every((p) => p.lines.every((l, i) => l.lineNo === i + 1))).toBe(true);
          // Each new order holds one group only.
          expect(new Set(plan.parts.map((p) => p.key)).size).toBe(plan.parts.length);
        },
      ),
    );
  });

  it('merge conserves lines, quantities and amounts exactly and empties the others', () => {
    fc.assert(
      fc.property(
        order('t'),
        fc
          .array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 })
          .chain((ids) => fc.tuple(...ids.map((n, i) => order(`s${i}-${n}`)))),
        (target, others) => {
          const plan = planMerge(target, others, newId);
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          const all = [...target.lines, ...others.flatMap((o) => o.lines)];
          const after = [...target.lines, ...plan.add];
          expect(essence(after)).toEqual(essence(all));
          expect(total(after)).toBe(total(all));
          expect(plan.remove.flatMap((r) => r.lineIds).sort()).toEqual(
            others.flatMap((o) => o.lines.map((l) => l.id)).sort(),
          );
          expect(plan.cancel).toEqual(others.map((o) => o.id));
          const numbers = after.map((l) => l.lineNo);
          expect(new Set(numbers).size).toBe(numbers.length);
        },
      ),
    );
  });

  it('merge refuses other clients, other statuses and locked orders', () => {
    const base: PlanOrder = { id: 'a', clientId: 1, status: 'draft', warehouseId: 1, lines: [] };
    expect(planMerge(base, [{ ...base, id: 'b', clientId: 2 }], newId)).toMatchObject({
      ok: false,
      reason: 'other_client',
    });
    expect(planMerge(base, [{ ...base, id: 'b', status: 'rejected' }], newId)).toMatchObject({
      ok: false,
      reason: 'other_status',
    });
    expect(
      planMerge({ ...base, status: 'assembling' }, [{ ...base, id: 'b', status: 'assembling' }], newId),
    ).toMatchObject({ ok: false, reason: 'not_editable' });
    expect(planMerge(base, [], newId)).toMatchObject({ ok: false, reason: 'one_order' });
  });

  it('split refuses an order whose lines are locked', () => {
    const o: PlanOrder = {
      id: 'a',
      clientId: 1,
      status: 'shipped',
      warehouseId: 1,
      lines: [
        {
          id: 'l',
          lineNo: 1,
          itemId: 1,
          quantity: '1',
          price: '1',
          priceSource: 'client',
          discount: '0',
          warehouseId: 2,
          comment: '',
        },
      ],
    };
    expect(planSplit(o, 'warehouse', { stock: () => null, category: () => 'x' }, newId)).toMatchObject({
      ok: false,
      reason: 'not_editable',
    });
  });

  it("repeat takes today's client prices but keeps manual ones", () => {
    const lines: PlanLine[] = [
      {
        id: 'x',
        lineNo: 2,
        itemId: 5,
        quantity: '3',
        price: '10.0000',
        priceSource: 'client',
        discount: '0',
        warehouseId: null,
        comment: '',
      },
      {
        id: 'y',
        lineNo: 1,
        itemId: 6,
        quantity: '1',
        price: '7.0000',
        priceSource: 'manual',
        discount: '5',
        warehouseId: null,
        comment: 'm',
      },
    ];
    const out = repeatLines(lines, newId, (item, quantity) =>
      item === 5 && quantity === '3' ? { price: '12.5000', source: 'promo' } : { price: '8.0000', source: 'client' },
    );
    expect(out.map((l) => [l.itemId, l.lineNo, l.price, l.priceSource])).toEqual([
      [6, 1, '7.0000', 'manual'],
      [5, 2, '12.5000', 'promo'],
    ]);
    expect(out.every((l) => l.id.startsWith('new-'))).toBe(true);
  });
});
