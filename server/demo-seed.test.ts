// The demo data set as a first start seeds it: anchored to the day it is generated (a start weeks
// after a release still shows this month's orders), and the orders it shows as sent to the ERP
// and waiting for it are in the ERP outbox, as a submit would have queued them.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoAsOf } from '../db/demo/generate';
import { seedDemoData } from './demo-seed';
import { openStore } from './store';

describe('demo seeding', () => {
  it('anchors the data to the day of generation, 10:00 Moscow time, never ahead of now', () => {
    expect(demoAsOf(new Date('2026-12-04T15:59:00Z'))).toBe('2026-12-04T07:00:00.000Z');
    expect(demoAsOf(new Date('2026-12-04T07:00:00Z'))).toBe('2026-12-04T07:00:00.000Z');
    expect(demoAsOf(new Date('2026-12-04T06:59:59Z'))).toBe('2026-12-03T07:00:00.000Z');
    expect(demoAsOf(new Date('2027-01-01T01:00:00Z'))).toBe('2026-12-31T07:00:00.000Z');
  });

  it('seeds recent orders up to today and queues the ones waiting for the ERP', async () => {
    const store = await openStore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-seed-')) });
    try {
      const asOf = demoAsOf(new Date());
      expect(await seedDemoData(store, { items: 500, orders: 1500, bigOrders: [], asOf })).toBe(true);
      const [span] = await store.queryObjects<{ newest: Date }>(`SELECT max(created_at) AS newest FROM orders`);
      const newest = new Date(span!.newest).getTime();
      expect(newest).toBeLessThanOrEqual(Date.parse(asOf));
      expect(newest).toBeGreaterThan(Date.parse(asOf) - 3 * 86_400_000);
      const waiting = await store.queryObjects<{ id: string }>(
        `SELECT id FROM orders WHERE status = 'submitted' ORDER BY id`,
      );
      expect(waiting.length).toBeGreaterThan(0);
      const queued = await store.queryObjects<{ aggregate: string; method: string; status: string; order_id: string }>(
        `SELECT aggregate, method, status, params->'order'->>'orderId' AS order_id FROM erp_outbox ORDER BY order_id`,
      );
      expect(queued.map((q) => q.order_id)).toEqual(waiting.map((o) => o.id));
      expect(new Set(queued.map((q) => `${q.method} ${q.status}`))).toEqual(new Set(['order.submit pending']));
      // Seeded once: a second start changes nothing.
      expect(await seedDemoData(store, { items: 500, orders: 1500, bigOrders: [], asOf })).toBe(false);
    } finally {
      await store.close();
    }
  }, 60_000);
});
