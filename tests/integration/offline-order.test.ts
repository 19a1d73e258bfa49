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
    const core: DeskCore = createDeskCore({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-offline-')),
      serverUrl: proxy.url,
      shell: 'web',
      locale: 'ru',
      version: 'test',
    });
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
    const pasted = await core.handlers['orders.patchLines']({
      orderId: order.id,
      patches: lines.map((l, i) => ({ lineId: l.id, patch: { quantity: String((i % 50) + 1) } })),
      mode: 'ifClean',
      label: 'paste',
    });
    // Lines that already had the pasted quantity do not change (5 and 5.000 are one quantity).
    const differing = lines.filter((l, i) => Number(l.quantity) !== (i % 50) + 1).length;
    expect(differing).toBeGreaterThan(19_000);
    expect(pasted).toMatchObject({ applied: true, changed: differing });
    const catalog = await core.handlers['catalog.page']({});
    await core.handlers['orders.addLines']({
      orderId: order.id,
      lines: catalog.rows.slice(0, 500).map((r) => ({ itemId: r.id, quantity: '3' })),
      label: 'paste',
    });
    await core.handlers['orders.bulk']({
      orderId: order.id,
      lineIds: lines.slice(100, 400).map((l) => l.id),
      action: { kind: 'delete' },
    });
    await core.handlers['orders.bulk']({
      orderId: order.id,
      lineIds: lines.slice(0, 10).map((l) => l.id),
      action: { kind: 'setDiscount', value: '7' },
    });
    await core.handlers['orders.undo']({ orderId: order.id });
    // The header too: pickup, a ship date typed the Russian way, a comment.
    await core.handlers['orders.setHeader']({
      orderId: order.id,
      deliveryMethod: 'pickup',
      deliveryDate: '5.12.2026',
      comment: 'самовывоз до 12:00',
    });
    await expect(
      Promise.resolve().then(() =>
        core.handlers['orders.setHeader']({ orderId: order.id, deliveryDate: '31.02.2026' }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    const pendingOffline = core.status().pending;
    expect(pendingOffline).toBeGreaterThan(20);

    // Back online, with a quarter of the frames to the server sent twice.
    proxy.faults.duplicate = 0.25;
    proxy.restore();
    await until(() => core.status().pending === 0 && core.status().connection === 'online', 120_000);

    const desk = new Map((await core.handlers['orders.lines']({ orderId: order.id })).lines.map((l) => [l.id, l]));
    expect(desk.size).toBe(20_000 + 500 - 300);
    const server = await central.store.queryObjects<{ id: string; quantity: string; discount: string; amount: string }>(
      `SELECT id, quantity::text, discount::text, amount::text FROM order_lines WHERE order_id = $1 AND NOT deleted`,
      [order.id],
    );
    expect(server.length).toBe(desk.size);
    for (const s of server) {
      const d = desk.get(s.id);
      expect(d, s.id).toBeDefined();
      expect(new Decimal(s.quantity).eq(d!.quantity)).toBe(true);
      expect(new Decimal(s.discount).eq(d!.discount)).toBe(true);
    }
    const [header] = await central.store.queryObjects<{
      total: string;
      cost_total: string;
      lines_count: number;
      delivery_method: string;
      delivery_address: string;
      delivery_date: string;
      comment: string;
    }>(
      `SELECT total::text, cost_total::text, lines_count, delivery_method, delivery_address, delivery_date, comment FROM orders WHERE id = $1`,
      [order.id],
    );
    expect(header!.lines_count).toBe(desk.size);
    expect(new Decimal(header!.total).toFixed(2)).toBe(
      server.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toFixed(2),
    );
    expect(header).toMatchObject({
      delivery_method: 'pickup',
      delivery_address: '',
      delivery_date: '2026-12-05',
      comment: 'самовывоз до 12:00',
    });
    // The order's cost is the exact sum of its lines' costs, on the server and in the desk's margin.
    const [cost] = await central.store.queryObjects<{ sum: string }>(
      `SELECT coalesce(sum(round(quantity * cost, 2)), 0)::text AS sum FROM order_lines WHERE order_id = $1 AND NOT deleted`,
      [order.id],
    );
    expect(new Decimal(header!.cost_total).eq(cost!.sum)).toBe(true);
    // The desk's copy of the order row comes with the last pull, a moment after the last acknowledgement.
    const deskOrder = () => core.handlers['orders.get']({ id: order.id, linesLimit: 10 });
    await until(async () => (await deskOrder()).total === new Decimal(header!.total).toFixed(2), 30_000, 100);
    const opened = await deskOrder();
    expect(opened.margin).toBe(new Decimal(header!.total).minus(header!.cost_total).toFixed(2));
    expect(Number(opened.weightKg)).toBeGreaterThan(0);
    // Each of the desk's mutations applied exactly once.
    const log = await central.store.queryObjects<{ n: number; distinct_seqs: number; not_applied: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct_seqs, count(*) FILTER (WHERE status <> 'applied')::int AS not_applied FROM mutation_log`,
    );
    expect(log[0]!.n).toBe(log[0]!.distinct_seqs);
    expect(log[0]!.not_applied).toBe(0);
    expect(log[0]!.n).toBeGreaterThanOrEqual(pendingOffline);
  }, 300_000);
});
