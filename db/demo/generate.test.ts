import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import Decimal from 'decimal.js';
import { lineAmount, lineCost } from '../../domain/orders/order';
import { clientPrice } from '../../domain/orders/submit-check';
import { generateDemoData } from './generate';

const digest = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe('demo data', () => {
  it('is the same for the same seed and different for another', () => {
    const small = { items: 3000, orders: 300, bigOrders: [500] };
    const a = generateDemoData(small);
    const b = generateDemoData(small);
    const c = generateDemoData({ ...small, seed: 7 });
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });

  it('has the shape the issue asks for', () => {
    const d = generateDemoData();
    expect(d.items).toHaveLength(50_000);
    expect(new Set(d.items.map((i) => i.article)).size).toBe(50_000);
    expect(d.warehouses).toHaveLength(5);
    expect(d.clients).toHaveLength(300);
    expect(d.users.filter((u) => u.role === 'manager')).toHaveLength(12);
    expect(d.users.filter((u) => u.role === 'supervisor')).toHaveLength(2);
    expect(d.users.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(d.items.some((i) => i.article === 'К561ЛА7')).toBe(true);
    // Order history: about 20,000 orders of every kind and status, and the big ones.
    expect(d.orders.length).toBeGreaterThanOrEqual(20_000);
    for (const kind of ['order', 'reserve', 'preorder', 'seasonal'])
      expect(d.orders.some((o) => o.kind === kind)).toBe(true);
    for (const status of [
      'draft',
      'submitted',
      'accepted',
      'processing',
      'assembling',
      'shipped',
      'closed',
      'cancelled',
      'rejected',
    ])
      expect(d.orders.some((o) => o.status === status)).toBe(true);
    const sizes = d.orders.map((o) => o.lines_count);
    for (const big of [5_000, 20_000, 50_000]) expect(sizes).toContain(big);
    expect(sizes.filter((n) => n >= 5 && n <= 200).length).toBeGreaterThan(0.99 * 20_000);
    expect(d.order_lines.length).toBe(sizes.reduce((a, b) => a + b, 0));
    // The generator's fast integer arithmetic gives exactly the domain's prices and amounts.
    const clientById = new Map(d.clients.map((c) => [c.id, c]));
    const orderById = new Map(d.orders.map((o) => [o.id, o]));
    const base = new Map(d.prices.map((p) => [`${p.item_id}:${p.price_type_id}`, p.price]));
    for (const line of d.order_lines.filter((_, i) => i % 997 === 0)) {
      const client = clientById.get(orderById.get(line.order_id)!.client_id)!;
      expect(line.price).toBe(clientPrice(base.get(`${line.item_id}:${client.price_type_id}`)!, client.coefficient));
      expect(line.amount).toBe(lineAmount(line.quantity, line.price, line.discount));
    }
    const sums = new Map<string, Decimal>();
    const costs = new Map<string, Decimal>();
    const itemById = new Map(d.items.map((i) => [i.id, i]));
    for (const l of d.order_lines) {
      sums.set(l.order_id, (sums.get(l.order_id) ?? new Decimal(0)).plus(l.amount));
      expect(l.cost).toBe(itemById.get(l.item_id)!.cost);
      costs.set(l.order_id, (costs.get(l.order_id) ?? new Decimal(0)).plus(lineCost(l.quantity, l.cost)));
    }
    for (const order of d.orders) {
      expect(order.total).toBe((sums.get(order.id) ?? new Decimal(0)).toFixed(2));
      // The order's cost (for its margin) is the exact sum of its lines' costs, as the mutations keep it.
      expect(order.cost_total).toBe((costs.get(order.id) ?? new Decimal(0)).toFixed(2));
    }
    // Every item has a cost below its base price, a weight and a volume; every client a contract.
    for (const item of d.items.filter((_, i) => i % 101 === 0)) {
      expect(Number(item.cost)).toBeGreaterThan(0);
      expect(Number(item.cost)).toBeLessThan(Number(base.get(`${item.id}:1`)));
      expect(Number(item.weight_kg)).toBeGreaterThan(0);
      expect(Number(item.volume_m3)).toBeGreaterThan(0);
    }
    expect(d.clients.every((c) => c.agreements.length >= 1)).toBe(true);
    expect(d.items.filter((i) => i.analog_group !== null).length).toBeGreaterThan(20_000);
    // Prices are exact decimals with kopecks, INNs carry a valid check digit.
    expect(d.prices.every((p) => /^\d+\.\d{2}$/.test(p.price))).toBe(true);
    const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    expect(
      d.clients.every(
        (c) =>
          Number(c.inn[9]) ===
          (c.inn
            .slice(0, 9)
            .split('')
            .reduce((s, x, i) => s + Number(x) * w[i]!, 0) %
            11) %
            10,
      ),
    ).toBe(true);
  });

  it('has claims and tickets the workflow could have made, and sales plans per client and group', () => {
    const d = generateDemoData({ items: 3000, orders: 3000, bigOrders: [], claims: 300, tickets: 600 });
    expect(d.claims.length).toBeGreaterThan(250);
    expect(new Set(d.claims.map((c) => c.status)).size).toBe(6);
    expect(new Set(d.tickets.map((t) => t.status)).size).toBe(5);
    // Never more claimed than shipped: the ledger per order agrees with the claims that hold goods.
    const lines = new Map(d.order_lines.map((l) => [l.id, l]));
    for (const row of d.order_claims) {
      for (const [lineId, qty] of Object.entries(row.claimed as Record<string, string>))
        expect(Number(qty)).toBeLessThanOrEqual(Number(lines.get(lineId)!.quantity));
    }
    const orders = new Map(d.orders.map((o) => [o.id, o]));
    for (const c of d.claims) {
      expect(['shipped', 'closed']).toContain(orders.get(String(c.order_id))!.status);
      expect(c.manager_id).toBe(orders.get(String(c.order_id))!.manager_id);
    }
    // Each ticket's messages are all there and in its scope.
    const messages = new Map<string, number>();
    for (const m of d.ticket_messages) messages.set(String(m.ticket_id), (messages.get(String(m.ticket_id)) ?? 0) + 1);
    for (const t of d.tickets) expect(messages.get(String(t.id))).toBe(t.messages_count);
    // Plans: three groups per buying client, 14 months each, whole thousands of rubles.
    // 1C's per client, group and month (14 months each); the supervisors' per manager and quarter.
    const fromErp = d.sales_plans.filter((p) => p.source === 'erp');
    const team = d.sales_plans.filter((p) => p.source === 'desk');
    expect(fromErp.length).toBeGreaterThan(0);
    expect(fromErp.length % 14).toBe(0);
    expect(d.sales_plans.every((p) => /^\d+000\.00$/.test(String(p.amount)))).toBe(true);
    const clientManager = new Map(d.clients.map((c) => [c.id, c.manager_id]));
    expect(fromErp.every((p) => p.manager_id === clientManager.get(Number(p.client_id)))).toBe(true);
    const managers = d.users.filter((u) => u.role === 'manager');
    expect(team.length % managers.length).toBe(0);
    expect(team.every((p) => p.client_id === 0 && p.period === 'quarter' && p.set_by !== null)).toBe(true);
  });
});
