// Quotes on the desk: a client's catalog prices are exactly what a new order line for one pack
// gets (one engine), a price trace explains each, a quoted list is priced and summed exactly, and
// a client whose price type the desk does not know is refused, named.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createCatalogMemory } from './catalog-memory';
import { createQuotes } from './quotes';
import { createDeskPricing } from '../pricing/pricing';
import { createOrderService } from '../orders/orders';
import { seededReplica } from '../sync/test-replica';

describe('quotes', () => {
  it('prices the catalog for a client as its orders price a pack, explains it, sums a list exactly', () => {
    const t = seededReplica({ items: 300, orders: 5 });
    const db = t.replica.sqlite;
    const memory = createCatalogMemory(db);
    const pricing = createDeskPricing(db, memory);
    const quotes = createQuotes(db, memory, pricing);
    const orders = createOrderService(db, pricing, memory);
    const order = db.prepare(`SELECT id, client_id FROM orders WHERE status = 'draft' LIMIT 1`).get() as {
      id: string;
      client_id: number;
    };
    const prices = quotes.clientPrices(order.client_id);
    expect(prices.prices).toHaveLength(memory.items().length);
    const priced = prices.prices.filter((p) => p[1] !== null).slice(0, 40);
    expect(priced.length).toBeGreaterThan(20);
    const lines = orders.newLines(
      order.id,
      priced.map(([itemId]) => ({ itemId, quantity: String(memory.item(itemId)!.packSize || 1) })),
    );
    expect(lines.map((l) => [l.itemId, l.price])).toEqual(priced.map(([id, price]) => [id, price]));

    const [itemId, price] = priced[0]!;
    const why = quotes.explain(order.client_id, itemId);
    expect(why.now).toBe(price);
    expect(why.trace[0]!.step).toBe('base');

    const list = priced.slice(0, 5).map(([id]) => ({ itemId: id, quantity: '7' }));
    const q = quotes.price(order.client_id, list);
    const sum = q.lines.reduce((s, l) => s.plus(l.amount!), new Decimal(0));
    expect(q.total).toBe(sum.toFixed(2));
    for (const l of q.lines)
      expect(l.amount).toBe(new Decimal(l.price!).times(7).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
    t.replica.close();
  });

  it('refuses a client whose price type the desk does not know, and an unknown client', () => {
    const t = seededReplica({ items: 50, orders: 0 });
    const db = t.replica.sqlite;
    const memory = createCatalogMemory(db);
    const quotes = createQuotes(db, memory, createDeskPricing(db, memory));
    const id = t.data.clients[0]!.id;
    db.prepare(`UPDATE clients SET price_type_id = 999 WHERE id = ?`).run(id);
    expect(() => quotes.clientPrices(id)).toThrow(
      expect.objectContaining({ code: 'bad_input', message: 'no_price_type' }),
    );
    expect(() => quotes.clientPrices(987654)).toThrow(expect.objectContaining({ code: 'not_found' }));
    t.replica.close();
  });
});
