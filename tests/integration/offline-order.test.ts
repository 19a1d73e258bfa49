// A 20,000-line order edited offline and synced later: every line edited (one paste over the
// whole order), lines added and removed, all while the link is cut and with desk→server frames
// duplicated on the way back; afterwards the server holds exactly the desk's lines, each applied
// once (the mutation log has every sequence number once), and the order total is their exact sum.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { startTestCentral } from '../helpers/central';
import { until } from '../helpers/until';
import { startWsProxy } from '../helpers/ws-proxy';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('a 20,000-line order offline', () => {
  it('edited offline, synced later: no line lost, none applied twice', async () => {
    // As many items as lines: the generator never puts an item twice in one order.
    const central = await startTestCentral({ items: 20_000, orders: 0, bigOrders: [20_000] });
    const proxy = await startWsProxy(central.server.url);
    const core: DeskCore = createDeskCore({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-offline-')), serverUrl: proxy.url, shell: 'web', locale: 'ru', version: 'test' });
    cleanup.push(async () => {
      await core.close();
      await proxy.close();
      await central.stop();
    });
    await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
    await until(() => core.status().lastSyncAt !== null, 90_000);
    const order = (await core.handlers['orders.list']({})).find((o) => o.linesCount === 20_000)!;
    const { lines } = await core.handlers['orders.lines']({ orderId: order.id });

    proxy.cut();
    await until(() => core.status().connection !== 'online');
    // Every line's quantity, as one paste; 500 new lines; 300 lines removed; one undone edit.
    const pasted = await core.handlers['orders.patchLines']({ orderId: order.id, patches: lines.map((l, i) => ({ lineId: l.id, patch: { quantity: String((i % 50) + 1) } })), mode: 'ifClean', label: 'paste' });
    expect(pasted).toMatchObject({ applied: true, changed: 20_000 });
    const catalog = await core.handlers['catalog.page']({});
    await core.handlers['orders.addLines']({ orderId: order.id, lines: catalog.rows.slice(0, 500).map((r) => ({ itemId: r.id, quantity: '3' })), label: 'paste' });
    await core.handlers['orders.bulk']({ orderId: order.id, lineIds: lines.slice(100, 400).map((l) => l.id), action: { kind: 'delete' } });
    await core.handlers['orders.bulk']({ orderId: order.id, lineIds: lines.slice(0, 10).map((l) => l.id), action: { kind: 'setDiscount', value: '7' } });
    await core.handlers['orders.undo']({ orderId: order.id });
    const pendingOffline = core.status().pending;
    expect(pendingOffline).toBeGreaterThan(20);

    // Back online, with a quarter of the frames to the server sent twice.
    proxy.faults.duplicate = 0.25;
    proxy.restore();
    await until(() => core.status().pending === 0 && core.status().connection === 'online', 120_000);

    const desk = new Map((await core.handlers['orders.lines']({ orderId: order.id })).lines.map((l) => [l.id, l]));
    expect(desk.size).toBe(20_000 + 500 - 300);
    const server = await central.store.queryObjects<{ id: string; quantity: string; discount: string; amount: string }>(
      `SELECT id, quantity::text, discount::text, amount::text FROM order_lines WHERE order_id = $1 AND NOT deleted`, [order.id]);
    expect(server.length).toBe(desk.size);
    for (const s of server) {
      const d = desk.get(s.id);
      expect(d, s.id).toBeDefined();
      expect(new Decimal(s.quantity).eq(d!.quantity)).toBe(true);
      expect(new Decimal(s.discount).eq(d!.discount)).toBe(true);
    }
    const [header] = await central.store.queryObjects<{ total: string; lines_count: number }>(`SELECT total::text, lines_count FROM orders WHERE id = $1`, [order.id]);
    expect(header!.lines_count).toBe(desk.size);
    expect(new Decimal(header!.total).toFixed(2)).toBe(server.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toFixed(2));
    // Each of the desk's mutations applied exactly once.
    const log = await central.store.queryObjects<{ n: number; distinct_seqs: number; not_applied: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, count(*) FILTER (WHERE status <> 'applied')::int AS not_applied FROM mutation_log`);
    expect(log[0]!.n).toBe(log[0]!.distinct_seqs);
    expect(log[0]!.not_applied).toBe(0);
    expect(log[0]!.n).toBeGreaterThanOrEqual(pendingOffline);
  }, 300_000);
});
