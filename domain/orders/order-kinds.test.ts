// Reserves and preorders as state machines: any order of 1C's reports (repeated, late, larger
// than asked) and desk actions (edits, extensions, conversions) keeps the invariants: never more
// held than ordered, nothing asked of a reserve that has ended, secured never above the quantity
// nor below what became an order, and each secured unit made an order exactly once.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import type { MutationContext, Row } from '../sync/mutation-def';
import { heldOf, lineAfterReport, orderAfterReport, reserveDaysOf, securedAfter } from './order-kinds';

const ORDER = '00000000-0000-4000-8000-000000000001';
const lineId = (i: number) => `00000000-0000-4000-8000-1000000000${String(i).padStart(2, '0')}`;
let fresh = 0;
const newId = () => `00000000-0000-4000-8000-2${String(++fresh).padStart(11, '0')}`;

function start(kind: 'reserve' | 'preorder', quantities: number[]): Map<string, Row | null> {
  const rows = new Map<string, Row | null>();
  rows.set(`orders|${ORDER}`, {
    id: ORDER,
    kind,
    status: 'accepted',
    client_id: 1,
    manager_id: 100,
    warehouse_id: 1,
    total: '0.00',
    cost_total: '0.00',
    lines_count: quantities.length,
    last_line_no: quantities.length,
    held_until: null,
    hold_state: null,
    hold_request: null,
  });
  quantities.forEach((q, i) =>
    rows.set(`order_lines|${lineId(i)}`, {
      id: lineId(i),
      order_id: ORDER,
      manager_id: 100,
      line_no: i + 1,
      item_id: 10 + i,
      quantity: String(q),
      price: '12.5000',
      price_source: 'client',
      discount: '0',
      amount: '0.00',
      cost: '10.0000',
      held: null,
      secured: null,
      converted: '0',
    }),
  );
  return rows;
}

const ctx = (now: number): MutationContext => ({
  userId: 100,
  role: 'manager',
  now: new Date(now).toISOString(),
  writeVersion: null,
});

function run(rows: Map<string, Row | null>, name: string, args: unknown, now: number): boolean {
  const outcome = runMutation(name, args, rows, ctx(now));
  if (!outcome.ok) return false;
  for (const w of outcome.writes) rows.set(`${w.table}|${w.key}`, w.row);
  return outcome.writes.length > 0;
}

const linesOf = (rows: Map<string, Row | null>, orderId = ORDER) =>
  [...rows.values()].filter((r): r is Row => !!r && r.order_id === orderId);

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-06T09:00:00Z');

const reserveAction = fc.oneof(
  fc.record({
    t: fc.constant('report' as const),
    held: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }),
    days: fc.integer({ min: -2, max: 5 }),
  }),
  fc.record({
    t: fc.constant('edit' as const),
    line: fc.integer({ min: 0, max: 2 }),
    qty: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ t: fc.constant('extend' as const), days: fc.integer({ min: 1, max: 7 }) }),
  fc.record({ t: fc.constant('answer' as const), refuse: fc.boolean() }),
  fc.record({ t: fc.constant('release' as const) }),
  fc.record({ t: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 80 }) }),
);

describe('reserve', () => {
  it('never holds more than ordered, and asks nothing of a reserve that has ended', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 3, maxLength: 3 }),
        fc.array(reserveAction, { maxLength: 40 }),
        (quantities, actions) => {
          const rows = start('reserve', quantities);
          let now = T0;
          let lastReport: { held: number[]; until: string } | null = null;
          const order = () => rows.get(`orders|${ORDER}`)!;
          const report = (held: number[], until: string, released = false) => {
            rows.set(`orders|${ORDER}`, orderAfterReport(order(), { heldUntil: until, released }));
            for (const [i, h] of held.entries()) {
              const l = rows.get(`order_lines|${lineId(i)}`)!;
              rows.set(`order_lines|${lineId(i)}`, lineAfterReport(order(), l, { held: String(h) }, released));
            }
          };
          for (const a of actions) {
            if (a.t === 'report') {
              // 1C's report, then the one before it again (a repeated feed page, arriving late).
              const fresh = { held: a.held, until: new Date(now + a.days * DAY).toISOString() };
              if (order().hold_state !== 'released') report(fresh.held, fresh.until);
              if (lastReport && order().hold_state !== 'released') report(lastReport.held, lastReport.until);
              lastReport = fresh;
            } else if (a.t === 'edit') {
              run(
                rows,
                'order.editLines@1',
                { orderId: ORDER, set: [{ id: lineId(a.line), quantity: String(a.qty) }] },
                now,
              );
            } else if (a.t === 'extend') {
              const before = order();
              const asked = run(rows, 'reserve.extend@1', { orderId: ORDER, days: a.days }, now);
              const ended =
                before.hold_state !== 'held' || !before.held_until || Date.parse(String(before.held_until)) <= now;
              // An extension is asked only of a reserve 1C still holds.
              if (asked) expect(ended).toBe(false);
            } else if (a.t === 'answer') {
              const o = order();
              const request = o.hold_request as { kind: string; days?: number } | null;
              if (!request) continue;
              const alive = o.hold_state === 'held' && Date.parse(String(o.held_until)) > now;
              rows.set(
                `orders|${ORDER}`,
                a.refuse || !alive
                  ? { ...o, hold_request: null, erp_error: 'refused' }
                  : {
                      ...o,
                      hold_request: null,
                      held_until: new Date(Date.parse(String(o.held_until)) + (request.days ?? 1) * DAY).toISOString(),
                    },
              );
            } else if (a.t === 'release') {
              report([0, 0, 0], String(order().held_until ?? new Date(now).toISOString()), true);
            } else now += a.hours * 3600_000;
            for (const l of linesOf(rows))
              if (l.held !== null) expect(new Decimal(String(l.held)).lte(String(l.quantity))).toBe(true);
            if (order().hold_state === 'released') {
              expect(run(rows, 'reserve.extend@1', { orderId: ORDER, days: 1 }, now)).toBe(false);
              for (const l of linesOf(rows)) expect(l.held === null || new Decimal(String(l.held)).isZero()).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes the hold period from the client agreement, else three days; clamps what 1C says it holds', () => {
    const agreements = [{ number: 'Д-1', reserveDays: 7 }, { number: 'Д-2' }];
    expect(reserveDaysOf(agreements, 'Д-1')).toBe(7);
    expect(reserveDaysOf(agreements, 'Д-2')).toBe(3);
    expect(reserveDaysOf([], null)).toBe(3);
    expect(heldOf('12', '10')).toBe('10');
    expect(heldOf('4.5', '10')).toBe('4.5');
  });

  it('refuses an extension asked after the end, with the reason', () => {
    const rows = start('reserve', [5]);
    rows.set(`orders|${ORDER}`, {
      ...rows.get(`orders|${ORDER}`)!,
      hold_state: 'held',
      held_until: new Date(T0).toISOString(),
    });
    const outcome = runMutation('reserve.extend@1', { orderId: ORDER, days: 2 }, rows, ctx(T0 + 1000));
    expect(outcome).toMatchObject({ ok: false, code: 'invalid', message: 'The reserve has expired' });
  });
});

const preorderAction = fc.oneof(
  fc.record({
    t: fc.constant('secure' as const),
    line: fc.integer({ min: 0, max: 2 }),
    total: fc.integer({ min: 0, max: 40 }),
    repeat: fc.boolean(),
  }),
  fc.record({ t: fc.constant('convert' as const), twice: fc.boolean() }),
  fc.record({
    t: fc.constant('edit' as const),
    line: fc.integer({ min: 0, max: 2 }),
    qty: fc.integer({ min: 1, max: 30 }),
  }),
);

describe('preorder', () => {
  it('keeps converted ≤ secured ≤ quantity and makes every secured unit an order once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 3, maxLength: 3 }),
        fc.array(preorderAction, { maxLength: 40 }),
        (quantities, actions) => {
          const rows = start('preorder', quantities);
          const made: string[] = [];
          for (const a of actions) {
            const order = rows.get(`orders|${ORDER}`)!;
            if (a.t === 'secure') {
              const key = `order_lines|${lineId(a.line)}`;
              const times = a.repeat ? 2 : 1;
              for (let k = 0; k < times; k++)
                rows.set(key, lineAfterReport(order, rows.get(key)!, { secured: String(a.total) }));
            } else if (a.t === 'convert') {
              const times = a.twice ? 2 : 1;
              for (let k = 0; k < times; k++) {
                const orderId = newId();
                const ok = run(
                  rows,
                  'preorder.convertSecured@1',
                  {
                    preorderId: ORDER,
                    orderId,
                    lines: quantities.map((_, i) => ({ fromLineId: lineId(i), lineId: newId() })),
                  },
                  T0,
                );
                if (ok) made.push(orderId);
              }
            } else {
              run(
                rows,
                'order.editLines@1',
                { orderId: ORDER, set: [{ id: lineId(a.line), quantity: String(a.qty) }] },
                T0,
              );
            }
            for (const l of linesOf(rows)) {
              const converted = new Decimal(String(l.converted));
              const secured = new Decimal(String(l.secured ?? 0));
              expect(converted.lte(secured) || (l.secured === null && converted.isZero())).toBe(true);
              expect(secured.lte(String(l.quantity))).toBe(true);
              // What became orders from this line is exactly what it counts as converted.
              const inOrders = made.flatMap((id) => linesOf(rows, id)).filter((x) => x.from_line_id === l.id);
              expect(inOrders.reduce((s, x) => s.plus(String(x.quantity)), new Decimal(0)).eq(converted)).toBe(true);
            }
          }
          for (const id of made)
            expect(rows.get(`orders|${id}`)).toMatchObject({
              kind: 'order',
              status: 'submitted',
              from_order_id: ORDER,
            });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a repeated or stale report of secured goods changes nothing', () => {
    expect(securedAfter('5', '5', '10', '0')).toBe('5');
    expect(securedAfter('5', '3', '10', '0')).toBe('5');
    expect(securedAfter('5', '25', '10', '0')).toBe('10');
    expect(securedAfter(null, '2', '10', '4')).toBe('4');
  });

  it('refuses converting when nothing secured is left, and a cut below what became an order', () => {
    const rows = start('preorder', [10]);
    const convert = () =>
      runMutation(
        'preorder.convertSecured@1',
        { preorderId: ORDER, orderId: newId(), lines: [{ fromLineId: lineId(0), lineId: newId() }] },
        rows,
        ctx(T0),
      );
    expect(convert()).toMatchObject({ ok: false, message: 'Nothing secured is left to make an order of' });
    const key = `order_lines|${lineId(0)}`;
    rows.set(key, lineAfterReport(rows.get(`orders|${ORDER}`)!, rows.get(key)!, { secured: '6' }));
    expect(
      run(
        rows,
        'preorder.convertSecured@1',
        { preorderId: ORDER, orderId: newId(), lines: [{ fromLineId: lineId(0), lineId: newId() }] },
        T0,
      ),
    ).toBe(true);
    expect(rows.get(key)).toMatchObject({ secured: '6', converted: '6' });
    expect(
      runMutation('order.editLines@1', { orderId: ORDER, set: [{ id: lineId(0), quantity: '5' }] }, rows, ctx(T0)),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(run(rows, 'order.editLines@1', { orderId: ORDER, set: [{ id: lineId(0), quantity: '8' }] }, T0)).toBe(true);
  });
});
