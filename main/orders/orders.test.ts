// Order reads on a real replica: the header's totals summed in SQL equal the lines' own figures
// summed one by one (VAT per line as the ERP computes it, to the kopeck), and line rows are read
// whole, by page and by id alike.
import { describe, expect, it } from 'vitest';
import { createDeskPricing } from '../pricing/pricing';
import { seededReplica } from '../sync/test-replica';
import { createOrderService } from './orders';

describe('order reads', () => {
  it('the header totals (one SQL sum) equal the sum of every line, VAT to the kopeck', () => {
    const t = seededReplica({ orders: 300, bigOrders: [3000] });
    const orders = createOrderService(t.replica.sqlite, createDeskPricing(t.replica.sqlite));
    const ids = t.replica.sqlite.prepare(`SELECT id FROM orders`).pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) {
      const one = [...orders.lineFigures(id).values()];
      const byLine = one.reduce(
        (s, f) => ({ amount: s.amount + f.amount, vat: s.vat + f.vat, kg: s.kg + f.kg, m3: s.m3 + f.m3 }),
        { amount: 0, vat: 0, kg: 0, m3: 0 },
      );
      const summed = orders.lineTotals(id);
      expect({ id, amount: summed.amount, vat: summed.vat }).toEqual({ id, amount: byLine.amount, vat: byLine.vat });
      expect(summed.kg).toBeCloseTo(byLine.kg, 6);
      // The line rows the grid shows carry the same VAT.
      const vatOfRows = orders.lines(id).lines.reduce((s, l) => s + Math.round(Number(l.vat) * 100), 0);
      expect(vatOfRows).toBe(byLine.vat);
    }
  });

  it('reads lines whole, by pages that join up, and by ids', () => {
    const t = seededReplica({ items: 4000, orders: 20, bigOrders: [2500] });
    const rows = createOrderService(t.replica.sqlite, createDeskPricing(t.replica.sqlite));
    const big = t.replica.sqlite
      .prepare(`SELECT id FROM orders ORDER BY lines_count DESC LIMIT 1`)
      .pluck()
      .get() as string;
    const all = rows.lines(big).lines;
    expect(all.length).toBeGreaterThan(2000);
    const last = Math.max(...all.map((l) => l.lineNo));
    const paged = [0, 1000, 2000, 3000]
      .filter((from) => from <= last)
      .flatMap((from) => rows.numbered(big, from, from + 1000));
    expect(paged.map((l) => l.id)).toEqual(all.map((l) => l.id));
    const some = [all[7]!.id, all[1999]!.id, 'not-a-line'];
    expect(rows.lines(big, some)).toEqual({ lines: [all[7], all[1999]], missing: ['not-a-line'] });
  });
});
