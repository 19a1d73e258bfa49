// Order rules: statuses only move forward under ERP reports, lines lock from assembling on,
// the order total is always the exact sum of its lines, and the submit check is deterministic.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import { type MutationContext, type Row } from '../sync/mutation-def';
import {
  creditPosition,
  ERP_PROGRESS,
  lineAmount,
  lineCost,
  lineMargin,
  linesLockedReason,
  subtractMoney,
  typedDate,
  ORDER_STATUSES,
  statusAfterErp,
  type OrderStatus,
} from './order';
import { checkOrder, clientPrice, type CheckLine } from './submit-check';

const ctx: MutationContext = { userId: 100, role: 'manager', now: '2026-11-22T10:42:00.000Z', writeVersion: 500 };
const ORDER = '11111111-1111-4111-8111-111111111111';
const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function state(): Map<string, Row | null> {
  return new Map<string, Row | null>([
    [
      'clients|1',
      {
        id: 1,
        manager_id: 100,
        agreements: [{ number: 'Д-2025/0007', date: '2025-03-01', terms: 'Отсрочка 30 дней' }],
        delivery_addresses: [{ label: 'Склад', address: 'г. Тула, ул. Мира, д. 4' }],
      },
    ],
    ['warehouses|1', { id: 1 }],
    ['warehouses|2', { id: 2 }],
    // Items with unit costs of 4 decimals: the order's cost (and margin) must stay exact too.
    ...Array.from(
      { length: 12 },
      (_, i) =>
        [`items|${i + 1}`, { id: i + 1, cost: `${i * 7}.${String(1234 * (i + 1)).slice(-4)}` }] as [string, Row],
    ),
  ]);
}

/** Runs a mutation against an in-memory state the way the server does (reads, then writes). */
function run(rows: Map<string, Row | null>, name: string, args: unknown) {
  const outcome = runMutation(name, args, rows, ctx);
  if (outcome.ok) for (const w of outcome.writes) rows.set(`${w.table}|${w.key}`, w.row);
  return outcome;
}

describe('order status under ERP reports', () => {
  it('only moves forward, and cancelled stays cancelled (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OrderStatus>('submitted', 'accepted', 'processing'),
        fc.array(fc.constantFrom<OrderStatus>(...ORDER_STATUSES), { maxLength: 30 }),
        (start, reports) => {
          let status = start;
          for (const r of reports) {
            const next = statusAfterErp(status, r);
            if (status === 'cancelled') expect(next).toBe('cancelled');
            const was = ERP_PROGRESS.indexOf(status);
            const now = ERP_PROGRESS.indexOf(next);
            if (was >= 0 && now >= 0) expect(now).toBeGreaterThanOrEqual(was);
            status = next;
          }
        },
      ),
    );
  });

  it('locks lines from assembling on, and while waiting for the ERP', () => {
    for (const s of ['assembling', 'shipped', 'closed', 'cancelled', 'submitted'] as const)
      expect(linesLockedReason(s)).not.toBeNull();
    for (const s of ['draft', 'accepted', 'processing', 'rejected'] as const) expect(linesLockedReason(s)).toBeNull();
  });
});

describe('order mutations', () => {
  it('keep the total equal to the exact sum of the lines over any edits (property)', () => {
    const line = fc.record({
      n: fc.integer({ min: 1, max: 12 }),
      qty: fc.integer({ min: 1, max: 100_000 }),
      price: fc.integer({ min: 0, max: 10_000_000 }),
      discount: fc.integer({ min: 0, max: 10_000 }),
    });
    const op = fc.oneof(
      fc.record({ set: fc.array(line, { minLength: 1, maxLength: 5 }) }),
      fc.record({ remove: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const rows = state();
        expect(run(rows, 'order.create@1', { orderId: ORDER, clientId: 1, kind: 'order', warehouseId: 1 }).ok).toBe(
          true,
        );
        for (const o of ops) {
          if ('set' in o) {
            const unique = [...new Map(o.set.map((l) => [l.n, l])).values()];
            const outcome = run(rows, 'order.setLines@1', {
              orderId: ORDER,
              lines: unique.map((l) => ({
                id: uuid(l.n),
                lineNo: l.n,
                itemId: l.n,
                quantity: (l.qty / 1000).toString(),
                price: (l.price / 10_000).toString(),
                priceSource: 'manual',
                discount: (l.discount / 100).toString(),
              })),
            });
            expect(outcome.ok).toBe(true);
          } else run(rows, 'order.removeLines@1', { orderId: ORDER, lineIds: o.remove.map(uuid) });
        }
        const lines = [...rows].filter(([k, v]) => k.startsWith('order_lines|') && v).map(([, v]) => v!);
        const order = rows.get(`orders|${ORDER}`)!;
        expect(order.lines_count).toBe(lines.length);
        expect(order.total).toBe(lines.reduce((sum, l) => sum.plus(String(l.amount)), new Decimal(0)).toFixed(2));
        for (const l of lines)
          expect(l.amount).toBe(lineAmount(String(l.quantity), String(l.price), String(l.discount)));
        // The cost (margin = total − cost) is the exact sum of quantity × the line's unit cost.
        expect(order.cost_total).toBe(
          lines.reduce((sum, l) => sum.plus(lineCost(String(l.quantity), String(l.cost))), new Decimal(0)).toFixed(2),
        );
        for (const l of lines) expect(l.cost).toBe(rows.get(`items|${String(l.item_id)}`)!.cost);
      }),
      { numRuns: 150 },
    );
  });

  it("an edited line keeps the cost it was priced with; a new line takes the item's cost of today", () => {
    const rows = state();
    run(rows, 'order.create@1', { orderId: ORDER, clientId: 1, kind: 'order', warehouseId: 1 });
    run(rows, 'order.setLines@1', {
      orderId: ORDER,
      lines: [{ id: uuid(1), lineNo: 1, itemId: 2, quantity: '10', price: '20', priceSource: 'list' }],
    });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({ total: '200.00', cost_total: '72.47' });
    rows.set('items|2', { id: 2, cost: '9.0000' });
    run(rows, 'order.setLines@1', {
      orderId: ORDER,
      lines: [
        { id: uuid(1), lineNo: 1, itemId: 2, quantity: '20', price: '20', priceSource: 'list' },
        { id: uuid(2), lineNo: 2, itemId: 2, quantity: '1', price: '20', priceSource: 'list' },
      ],
    });
    expect(rows.get(`order_lines|${uuid(1)}`)).toMatchObject({ cost: '7.2468' });
    expect(rows.get(`order_lines|${uuid(2)}`)).toMatchObject({ cost: '9.0000' });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({ total: '420.00', cost_total: '153.94' });
    run(rows, 'order.removeLines@1', { orderId: ORDER, lineIds: [uuid(1)] });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({ total: '20.00', cost_total: '9.00' });
    expect(
      run(rows, 'order.setLines@1', {
        orderId: ORDER,
        lines: [{ id: uuid(3), lineNo: 3, itemId: 99, quantity: '1', price: '1', priceSource: 'list' }],
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('header: contract and address default from the client; edits until assembling; bad input changes nothing', () => {
    const rows = state();
    run(rows, 'order.create@1', { orderId: ORDER, clientId: 1, kind: 'order', warehouseId: 1 });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({
      agreement: 'Д-2025/0007',
      delivery_method: 'delivery',
      delivery_address: 'г. Тула, ул. Мира, д. 4',
    });
    const set = (args: Record<string, unknown>) => run(rows, 'order.setHeader@1', { orderId: ORDER, ...args });
    expect(
      set({ deliveryMethod: 'pickup', deliveryDate: '2026-12-01', comment: 'до обеда', warehouseId: 2 }),
    ).toMatchObject({ ok: true });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({
      delivery_method: 'pickup',
      delivery_address: '',
      delivery_date: '2026-12-01',
      comment: 'до обеда',
      warehouse_id: 2,
    });
    // Same values again: nothing written (set semantics).
    expect(set({ comment: 'до обеда' })).toMatchObject({ ok: true, writes: [] });
    const before = JSON.stringify(rows.get(`orders|${ORDER}`));
    expect(set({ deliveryMethod: 'delivery' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(set({ warehouseId: 7 })).toMatchObject({ ok: false, code: 'not_found' });
    for (const bad of [
      { deliveryDate: '2026-13-45' },
      { deliveryDate: '1.12.2026' },
      { deliveryMethod: 'drone' },
      { comment: 'x'.repeat(2001) },
      {},
      { agreement: '' },
    ]) {
      expect(set(bad)).toMatchObject({ ok: false, code: 'bad_args' });
    }
    expect(JSON.stringify(rows.get(`orders|${ORDER}`))).toBe(before);
    expect(
      set({ deliveryMethod: 'delivery', deliveryAddress: 'г. Орёл, ул. Ленина, д. 1', agreement: null }),
    ).toMatchObject({ ok: true });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({
      delivery_method: 'delivery',
      delivery_address: 'г. Орёл, ул. Ленина, д. 1',
      agreement: null,
    });
    rows.set(`orders|${ORDER}`, { ...rows.get(`orders|${ORDER}`)!, status: 'processing' });
    expect(set({ comment: 'позвонить' })).toMatchObject({ ok: true, erp: [{ method: 'order.change', lineIds: [] }] });
    rows.set(`orders|${ORDER}`, { ...rows.get(`orders|${ORDER}`)!, status: 'assembling' });
    expect(set({ comment: 'поздно' })).toMatchObject({ ok: false, code: 'locked' });
  });

  it('refuses line edits from assembling on and bad quantities, changing nothing', () => {
    const rows = state();
    run(rows, 'order.create@1', { orderId: ORDER, clientId: 1, kind: 'order', warehouseId: 1 });
    rows.set(`orders|${ORDER}`, { ...rows.get(`orders|${ORDER}`)!, status: 'assembling' });
    const locked = run(rows, 'order.setLines@1', {
      orderId: ORDER,
      lines: [{ id: uuid(1), lineNo: 1, itemId: 1, quantity: '1', price: '1', priceSource: 'list' }],
    });
    expect(locked).toMatchObject({ ok: false, code: 'locked' });
    rows.set(`orders|${ORDER}`, { ...rows.get(`orders|${ORDER}`)!, status: 'draft' });
    for (const quantity of ['0', '-1', 'abc', '1e5', '1.2345', '']) {
      expect(
        run(rows, 'order.setLines@1', {
          orderId: ORDER,
          lines: [{ id: uuid(1), lineNo: 1, itemId: 1, quantity, price: '1', priceSource: 'list' }],
        }),
      ).toMatchObject({ ok: false, code: 'bad_args' });
    }
    expect(rows.get(`order_lines|${uuid(1)}`)).toBeUndefined();
  });

  it('no line edit succeeds once the ERP has reached assembling, whatever the sequence (property)', () => {
    const step = fc.oneof(
      fc.record({ erp: fc.constantFrom<OrderStatus>(...ORDER_STATUSES) }),
      fc.record({ set: fc.integer({ min: 1, max: 4 }), qty: fc.integer({ min: 1, max: 50 }) }),
      fc.record({ remove: fc.integer({ min: 1, max: 4 }) }),
      fc.constant({ submit: true as const }),
      fc.constant({ cancel: true as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const rows = state();
        run(rows, 'order.create@1', { orderId: ORDER, clientId: 1, kind: 'order', warehouseId: 1 });
        run(rows, 'order.setLines@1', {
          orderId: ORDER,
          lines: [{ id: uuid(1), lineNo: 1, itemId: 1, quantity: '1', price: '1', priceSource: 'list' }],
        });
        let reachedLock = false;
        for (const s of steps) {
          const order = rows.get(`orders|${ORDER}`)!;
          const status = order.status as OrderStatus;
          if ('erp' in s) {
            rows.set(`orders|${ORDER}`, { ...order, status: statusAfterErp(status, s.erp) });
          } else if ('submit' in s) run(rows, 'order.submit@1', { orderId: ORDER, checkDigest: 'x' });
          else if ('cancel' in s) run(rows, 'order.cancel@1', { orderId: ORDER, reason: 'r' });
          else {
            const before = JSON.stringify([...rows].filter(([k]) => k.startsWith('order_lines|')));
            const outcome =
              'set' in s
                ? run(rows, 'order.setLines@1', {
                    orderId: ORDER,
                    lines: [
                      {
                        id: uuid(s.set),
                        lineNo: s.set,
                        itemId: s.set,
                        quantity: String(s.qty),
                        price: '1',
                        priceSource: 'list',
                      },
                    ],
                  })
                : run(rows, 'order.removeLines@1', { orderId: ORDER, lineIds: [uuid(s.remove)] });
            if (reachedLock) {
              expect(outcome.ok).toBe(false);
              expect(JSON.stringify([...rows].filter(([k]) => k.startsWith('order_lines|')))).toBe(before);
            }
          }
          const now = rows.get(`orders|${ORDER}`)!.status as OrderStatus;
          if (['assembling', 'shipped', 'closed', 'cancelled'].includes(now)) reachedLock = true;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('submit: draft with lines → submitted with an ERP message; again → nothing more; empty → refused', () => {
    const rows = state();
    run(rows, 'order.create@1', { orderId: ORDER, clientId: 1, kind: 'order', warehouseId: 1 });
    expect(run(rows, 'order.submit@1', { orderId: ORDER, checkDigest: 'x' })).toMatchObject({
      ok: false,
      code: 'invalid',
    });
    run(rows, 'order.setLines@1', {
      orderId: ORDER,
      lines: [{ id: uuid(1), lineNo: 1, itemId: 1, quantity: '2', price: '3.5', priceSource: 'list' }],
    });
    const first = run(rows, 'order.submit@1', { orderId: ORDER, checkDigest: 'x' });
    expect(first).toMatchObject({ ok: true, erp: [{ method: 'order.submit', aggregate: `order:${ORDER}` }] });
    expect(rows.get(`orders|${ORDER}`)).toMatchObject({
      status: 'submitted',
      submitted_at: ctx.now,
      total: '7.00',
      number: '500',
    });
    expect(run(rows, 'order.submit@1', { orderId: ORDER, checkDigest: 'x' })).toMatchObject({ ok: true, writes: [] });
  });
});

describe('line figures', () => {
  it('the margin of a line is amount − quantity × unit cost to kopecks, exactly, for any numbers (property)', () => {
    const dec = (max: number, places: number) =>
      fc.integer({ min: 0, max }).map((n) => (n / 10 ** places).toFixed(places).replace(/\.?0+$/, '') || '0');
    fc.assert(
      fc.property(dec(1e12, 2), dec(1e12, 3), dec(1e13, 4), (amount, quantity, cost) => {
        expect(lineMargin(amount, quantity, cost)).toBe(subtractMoney(amount, lineCost(quantity, cost)));
      }),
      { numRuns: 2000 },
    );
    expect(lineMargin('10.00', '3', '3.3350')).toBe('-0.01');
    expect(lineMargin('0.00', '1', '0.0049')).toBe('0.00');
  });

  it('credit: this order + open orders + overdue against the limit; prepayment has none to exceed', () => {
    expect(
      creditPosition({
        limit: '100000.00',
        overdue: '5000.50',
        openOrders: '60000',
        thisOrder: '34999.50',
        paymentTerms: 'Отсрочка 30 дней',
      }),
    ).toEqual({ exposure: '100000.00', limit: '100000.00', over: null, prepayment: false });
    expect(
      creditPosition({
        limit: '100000',
        overdue: '5000.50',
        openOrders: '60000',
        thisOrder: '34999.51',
        paymentTerms: 'Отсрочка 30 дней',
      }).over,
    ).toBe('0.01');
    expect(
      creditPosition({ limit: '0', overdue: '0', openOrders: '0', thisOrder: '1', paymentTerms: 'Отсрочка 14 дней' })
        .over,
    ).toBe('1.00');
    expect(
      creditPosition({ limit: '0', overdue: '0', openOrders: '0', thisOrder: '1000', paymentTerms: 'Предоплата 100%' }),
    ).toMatchObject({ over: null, prepayment: true });
  });

  it('reads dates as people type them, and refuses dates that do not exist', () => {
    expect(typedDate('1.12.2026')).toBe('2026-12-01');
    expect(typedDate('01/12/26')).toBe('2026-12-01');
    expect(typedDate(' 2026-12-01 ')).toBe('2026-12-01');
    for (const bad of ['31.02.2026', '2026-13-01', '12.2026', 'завтра', '']) expect(typedDate(bad)).toBeNull();
  });
});

describe('the submit check', () => {
  const lines: CheckLine[] = [
    {
      id: 'b',
      item_id: 2,
      article: 'КТ315Б',
      quantity: '10',
      price: '12.0000',
      price_source: 'client',
      warehouse_id: null,
    },
    {
      id: 'a',
      item_id: 1,
      article: 'К561ЛА7',
      quantity: '5',
      price: '99.0000',
      price_source: 'manual',
      warehouse_id: null,
    },
    {
      id: 'c',
      item_id: 3,
      article: 'BC547',
      quantity: '1000',
      price: '1.1000',
      price_source: 'client',
      warehouse_id: 2,
    },
  ];
  const base = new Map([
    [1, '100'],
    [2, '10'],
    [3, '1'],
  ]);
  const stock = new Map([
    ['1:1', '50'],
    ['2:1', '50'],
    ['3:2', '10'],
  ]);
  const priced = (coefficient: string) => (l: CheckLine) =>
    base.has(l.item_id) ? clientPrice(base.get(l.item_id)!, coefficient) : null;
  const context = {
    kind: 'order' as const,
    warehouseId: 1,
    price: priced('1.1000'),
    stock: (id: number, wh: number) => stock.get(`${id}:${wh}`) ?? null,
  };

  it('finds price and stock differences, leaves manual prices alone, and is independent of line order', () => {
    const check = checkOrder(lines, context);
    expect(check.differences).toEqual([
      { lineId: 'b', article: 'КТ315Б', kind: 'price', old: '12.0000', new: '11.0000', effect: '-10.00' },
      { lineId: 'c', article: 'BC547', kind: 'stock', quantity: '1000', available: '10' },
    ]);
    expect(check.totalEffect).toBe('-10.00');
    expect(checkOrder([...lines].reverse(), context).digest).toBe(check.digest);
    expect(checkOrder(lines, { ...context, price: priced('1.2000') }).digest).not.toBe(check.digest);
    // A preorder does not care about stock.
    expect(checkOrder(lines, { ...context, kind: 'preorder' }).differences.map((d) => d.kind)).toEqual(['price']);
    expect(clientPrice('10.005', '1')).toBe('10.0050');
    expect(clientPrice('0.33335', '1')).toBe('0.3334');
  });
});
