// Prices by rules across desk and server: on the demo data the desk's submit check and the
// server's find the same differences (same engine, same rules); an admin changes a client's
// coefficient and a promotion while offline (a bad rule refused, nothing queued for it); back
// online, the manager's desk prices that client's draft lines anew and flags every changed one.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { checkOrderOnServer } from '../../server/orders/submit-check';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';
import { startWsProxy } from '../helpers/ws-proxy';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function desk(url: string, login: string): Promise<DeskCore> {
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-pricing-')),
    serverUrl: url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  cleanup.push(() => core.close());
  await core.handlers['session.login']({ login, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null, 60_000);
  return core;
}

describe('prices by rules', () => {
  let central: TestCentral;

  it('desk and server find the same differences on every open order of the demo data', async () => {
    central = await startTestCentral({ items: 3000, orders: 1500, bigOrders: [] });
    cleanup.push(() => central.stop());
    const manager = await desk(central.server.url, 'manager1');
    const open = (await manager.handlers['orders.list']({})).filter(
      (o) => o.status === 'draft' || o.status === 'rejected',
    );
    expect(open.length).toBeGreaterThan(10);
    const query = <T>(text: string, params?: unknown[]) => central.store.queryObjects<T>(text, params);
    let differing = 0;
    for (const o of open) {
      const onDesk = await manager.handlers['orders.submitCheck']({ id: o.id });
      const onServer = (await checkOrderOnServer(query, o.id))!;
      expect(onDesk.digest, o.number ?? o.id).toBe(onServer.digest);
      if (onDesk.differences.some((d) => d.kind === 'price')) differing++;
    }
    // The demo's rules (breaks, promotions, group coefficients) came after many lines were priced.
    expect(differing).toBeGreaterThan(0);
  }, 300_000);

  it("an admin reprices a client offline; back online, the manager's drafts show every changed price", async () => {
    central = await startTestCentral({ items: 2000, orders: 300, bigOrders: [] });
    cleanup.push(() => central.stop());
    const manager = await desk(central.server.url, 'manager1');
    const proxy = await startWsProxy(central.server.url);
    cleanup.push(() => proxy.close());
    const admin = await desk(proxy.url, 'admin');

    // A draft of manager1's with lines at today's prices.
    const client = (await manager.handlers['clients.list']({}))[0]!;
    const { id } = await manager.handlers['orders.create']({ clientId: client.id, kind: 'order', warehouseId: 1 });
    const items = (await manager.handlers['catalog.page']({})).rows.slice(0, 20);
    await manager.handlers['orders.addLines']({
      orderId: id,
      lines: items.map((i) => ({ itemId: i.id, quantity: String(i.packSize) })),
      label: 'add',
    });
    await until(() => manager.status().pending === 0, 20_000);
    expect(
      (await manager.handlers['orders.lines']({ orderId: id })).lines.every(
        (l) => !l.problems.includes('price_changed'),
      ),
    ).toBe(true);

    // The admin sees the draft before going offline.
    await until(
      async () => (await admin.handlers['orders.list']({})).some((o) => o.id === id && o.linesCount === 20),
      20_000,
    );

    // The admin, offline: the client's coefficient up by a tenth; a rule with a bad body is refused and queues nothing.
    proxy.cut();
    await until(() => admin.status().connection !== 'online');
    const card = await admin.handlers['clients.card']({ id: client.id });
    const coefficient = new Decimal(card.coefficient).plus('0.1').toFixed(4);
    // What if, before publishing, offline: the client's open drafts re-priced, the amount's change exact.
    const whatIf = await admin.handlers['pricing.whatIf']({
      change: { kind: 'client', clientId: client.id, coefficient, rules: [] },
    });
    expect(whatIf).toMatchObject({
      valid: true,
      diff: expect.arrayContaining([
        { field: 'coefficient', old: new Decimal(card.coefficient).toFixed(4), new: coefficient },
      ]),
    });
    expect(whatIf.orders).toBeGreaterThanOrEqual(1);
    expect(whatIf.lines).toBeGreaterThanOrEqual(20);
    expect(new Decimal(whatIf.amountChange).gt(0)).toBe(true);
    expect(whatIf.marginChange).toBe(whatIf.amountChange);
    expect(
      await admin.handlers['pricing.whatIf']({ change: { kind: 'client', clientId: client.id, coefficient: '-1' } }),
    ).toMatchObject({ valid: false });
    expect(admin.status().pending).toBe(0);
    await admin.handlers['pricing.setClient']({ clientId: client.id, coefficient, rules: [] });
    const pending = admin.status().pending;
    await expect(
      Promise.resolve().then(() =>
        admin.handlers['pricing.setRule']({
          id: 'bad',
          kind: 'break',
          body: { itemId: null, group: null, minQty: '10', maxQty: '5', discount: '3' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(admin.status().pending).toBe(pending);
    // Managers do not set prices.
    await expect(
      Promise.resolve().then(() =>
        manager.handlers['pricing.setClient']({ clientId: client.id, coefficient: '9.0000' }),
      ),
    ).rejects.toBeDefined();

    proxy.restore();
    await until(() => admin.status().pending === 0 && admin.status().connection === 'online', 30_000);
    const [server] = await central.store.queryObjects<{ coefficient: string }>(
      `SELECT coefficient::text FROM clients WHERE id = $1`,
      [client.id],
    );
    expect(server!.coefficient).toBe(coefficient);

    // The manager's desk gets the client row and flags the lines whose price the rules now change.
    await until(
      async () =>
        (await manager.handlers['orders.lines']({ orderId: id })).lines.every((l) =>
          l.problems.includes('price_changed'),
        ),
      20_000,
    );
    const { lines } = await manager.handlers['orders.lines']({ orderId: id });
    // The what-if's figures for this draft are what the manager's desk now finds, line by line.
    const drafts = await admin.handlers['pricing.whatIf']({
      change: { kind: 'client', clientId: client.id, coefficient: card.coefficient, rules: [] },
    });
    expect(drafts.lines).toBe(whatIf.lines);
    expect(new Decimal(drafts.amountChange).negated().toFixed(2)).toBe(whatIf.amountChange);
    for (const l of lines) {
      expect(new Decimal(l.currentPrice!).gt(l.price)).toBe(true);
      const why = await manager.handlers['orders.explainPrice']({ orderId: id, lineId: l.id });
      expect(why.now).toBe(l.currentPrice);
      expect(why.stored).toBe(l.price);
      expect(why.trace[0]!.step).toBe('base');
      expect(
        why.trace.some((s) => s.step === 'coefficient' && s.rule.endsWith(`:${new Decimal(coefficient).toFixed()}`)),
      ).toBe(true);
    }
  }, 300_000);
});
