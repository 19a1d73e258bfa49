// The admin's "what if" on a real replica: a floor change moves overridden lines under or over
// the floor and re-prices nothing; a quantity break re-prices exactly the open drafts' rule-priced
// lines of its group, by an amount checked line by line here; a rule the mutation would refuse
// has no what-if and queues nothing. And the order's VAT is the sum of its lines' VAT.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { lineAmount } from '../../domain/orders/order';
import { lineVat } from '../../domain/pricing/pricing';
import { createDeskPricing } from './pricing';
import { createOrderService } from '../orders/orders';
import { createPricingAdmin } from './pricing-admin';
import { seededReplica } from '../sync/test-replica';

function setup() {
  const t = seededReplica({ orders: 40 });
  const db = t.replica.sqlite;
  t.replica.transaction(() => {
    t.replica.writeRow('price_rules', 'floor-all', {
      id: 'floor-all',
      kind: 'floor',
      body: { group: null, clientGroup: null, minMarginPct: '5', minPricePct: null },
      updated_by: 1,
      updated_at: '2026-11-01T00:00:00Z',
      version: 2,
    });
  });
  const drafts = db
    .prepare(`SELECT id FROM orders WHERE status IN ('draft', 'rejected') AND lines_count > 3`)
    .pluck()
    .all() as string[];
  // One line priced by hand 2 % over its cost: under the 5 % floor.
  const line = db
    .prepare(
      `SELECT id, quantity, cost FROM order_lines WHERE order_id = ? AND CAST(cost AS REAL) > 0 ORDER BY line_no LIMIT 1`,
    )
    .get(drafts[0]) as { id: string; quantity: string; cost: string };
  const price = new Decimal(line.cost).times('1.02').toDecimalPlaces(4).toFixed(4);
  db.prepare(
    `UPDATE order_lines SET price = ?, price_source = 'manual', discount = '0', amount = ?, override_reason = 'competitor' WHERE id = ?`,
  ).run(price, lineAmount(line.quantity, price, '0'), line.id);
  return { ...t, db, drafts, admin: createPricingAdmin(db), orders: createOrderService(db, createDeskPricing(db)) };
}

describe('what if', () => {
  it('a lower floor lifts the override over it and re-prices nothing', () => {
    const s = setup();
    const r = s.admin.whatIf({
      kind: 'rule',
      id: 'floor-all',
      rule: { kind: 'floor', body: { group: null, clientGroup: null, minMarginPct: '1', minPricePct: null } },
    });
    expect(r).toMatchObject({
      valid: true,
      orders: 0,
      lines: 0,
      amountChange: '0.00',
      belowFloorBefore: 1,
      belowFloorAfter: 0,
    });
    expect(r.diff).toEqual([{ field: 'minMarginPct', old: '5', new: '1' }]);
    expect(s.admin.whatIf({ kind: 'rule', id: 'floor-all', rule: null })).toMatchObject({
      belowFloorBefore: 1,
      belowFloorAfter: 0,
    });
  });

  it('a quantity break re-prices exactly the rule-priced draft lines of its group, by the amount summed here', () => {
    const s = setup();
    const group = s.db
      .prepare(
        `SELECT i.group_name FROM order_lines l JOIN items i ON i.id = l.item_id JOIN orders o ON o.id = l.order_id
      WHERE o.status IN ('draft', 'rejected') AND l.price_source <> 'manual' GROUP BY i.group_name ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get() as string;
    const before = s.admin.whatIf({ kind: 'rule', id: 'no-such', rule: null });
    expect(before).toMatchObject({ valid: true, lines: 0 });
    const r = s.admin.whatIf({
      kind: 'rule',
      id: 'b-test',
      rule: { kind: 'break', body: { itemId: null, group, minQty: '1', maxQty: null, discount: '10' } },
    });
    // Independently: every open draft line of that group priced by the rules: today's steps, then 10 % off, rounded as the price type says.
    const pricing = createDeskPricing(s.db);
    const rows = s.db
      .prepare(
        `SELECT l.order_id, l.item_id, l.quantity, l.discount FROM order_lines l JOIN items i ON i.id = l.item_id JOIN orders o ON o.id = l.order_id
      WHERE o.status IN ('draft', 'rejected') AND l.price_source <> 'manual' AND i.group_name = ?`,
      )
      .all(group) as { order_id: string; item_id: number; quantity: string; discount: string }[];
    let expected = new Decimal(0);
    let lines = 0;
    for (const row of rows) {
      const now = pricing.explain(row.order_id, row.item_id, String(row.quantity));
      if (!now) continue;
      // The break applies before rounding: to the price as the steps left it, not to the rounded one.
      const unrounded = now.trace.filter((x) => x.step !== 'rounding').at(-1)!.value;
      const after = new Decimal(unrounded).times('0.9').toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
      if (after.eq(now.unitPrice)) continue;
      lines++;
      expected = expected
        .plus(lineAmount(String(row.quantity), after.toFixed(4), String(row.discount)))
        .minus(lineAmount(String(row.quantity), now.unitPrice, String(row.discount)));
    }
    expect(lines).toBeGreaterThan(0);
    expect(r).toMatchObject({
      valid: true,
      lines,
      amountChange: expected.toFixed(2),
      marginChange: expected.toFixed(2),
    });
    expect(r.diff.map((d) => d.field).sort()).toEqual(['discount', 'group', 'minQty']);
  });

  it('a rule the mutation would refuse has no what-if and queues nothing', () => {
    const s = setup();
    const pending = s.changes.pending().length;
    const r = s.admin.whatIf({
      kind: 'rule',
      id: 'bad',
      rule: { kind: 'break', body: { itemId: null, group: null, minQty: '10', maxQty: '5', discount: '3' } },
    });
    expect(r.valid).toBe(false);
    expect(r.error).toContain('maxQty');
    expect(s.changes.pending().length).toBe(pending);
  });
});

describe('VAT of an order', () => {
  it("is the sum of its lines' VAT, each computed as the ERP does", () => {
    const s = setup();
    for (const id of s.drafts.slice(0, 5)) {
      const o = s.orders.get(id);
      const type = s.db
        .prepare(
          `SELECT pt.with_vat FROM orders o JOIN clients c ON c.id = o.client_id JOIN price_types pt ON pt.id = c.price_type_id WHERE o.id = ?`,
        )
        .pluck()
        .get(id) as number;
      const rows = s.db
        .prepare(`SELECT l.amount, i.vat_rate FROM order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = ?`)
        .all(id) as { amount: string; vat_rate: string }[];
      let vat = new Decimal(0);
      let amount = new Decimal(0);
      for (const r of rows) {
        vat = vat.plus(lineVat(String(r.amount), String(r.vat_rate), type === 1).vat);
        amount = amount.plus(String(r.amount));
      }
      expect(o.withVat).toBe(type === 1);
      expect(o.vat).toBe(vat.toFixed(2));
      expect(o.gross).toBe((type === 1 ? amount : amount.plus(vat)).toFixed(2));
      expect(o.lines.every((l) => l.vat === lineVat(l.amount, l.vatRate, type === 1).vat)).toBe(true);
    }
  });
});
