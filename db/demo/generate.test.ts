import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from './generate';

const digest = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe('demo data', () => {
  it('is the same for the same seed and different for another', () => {
    const a = generateDemoData({ items: 3000 });
    const b = generateDemoData({ items: 3000 });
    const c = generateDemoData({ items: 3000, seed: 7 });
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
    expect(d.items.filter((i) => i.analog_group !== null).length).toBeGreaterThan(20_000);
    // Prices are exact decimals with kopecks, INNs carry a valid check digit.
    expect(d.prices.every((p) => /^\d+\.\d{2}$/.test(p.price))).toBe(true);
    const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    expect(d.clients.every((c) => Number(c.inn[9]) === (c.inn.slice(0, 9).split('').reduce((s, x, i) => s + Number(x) * w[i]!, 0) % 11) % 10)).toBe(true);
  });
});
