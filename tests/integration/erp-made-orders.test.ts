// Orders made in 1C (phone, field rep) reach the desks of the people who see the client, marked
// "from 1C", read-only, moving through their statuses; a page of the feed read twice writes
// nothing twice; an order naming an unknown client is recorded and skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskCore } from '../../main/desk-core';
import type { ErpOrder } from '../../domain/erp/erp-orders';
import { type ErpSimulator } from '../../server/erp-sim/simulator';
import { erpOrderId } from '../../server/erp/erp-orders';
import { type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';

let central: TestCentral;
let erp: ErpSimulator;
let core: DeskCore;
let demo: ErpDesk['demo'];
let desk: ErpDesk | undefined;

beforeAll(async () => {
  desk = await startErpDesk('manager1', { progressMs: 3_600_000, historyOrders: 300 });
  ({ central, erp, core, demo } = desk);
}, 120_000);
afterAll(async () => desk?.stop());

const phoneOrder = (erpId: string, clientId: number): ErpOrder => ({
  erpId,
  clientId,
  kind: 'order',
  status: 'accepted',
  source: 'phone',
  createdAt: new Date().toISOString(),
  warehouseId: 1,
  deliveryDate: null,
  comment: 'Принят по телефону',
  lines: [
    { lineNo: 1, itemId: 3, quantity: '10', price: '12.3400', discount: '0', amount: '123.40' },
    { lineNo: 2, itemId: 5, quantity: '2', price: '100.0000', discount: '5', amount: '190.00' },
  ],
});

describe('orders made in 1C', () => {
  it("1C's order history reaches the server after the initial load, and each manager's desk has their clients' share", async () => {
    const history = [...erp.erpOrders.orders.values()].filter((o) => o.erpId.startsWith('ЗТ-0'));
    expect(history.length).toBeGreaterThan(250);
    await until(
      async () =>
        (
          await central.store.queryObjects<{ n: number }>(
            `SELECT count(*)::int AS n FROM orders WHERE origin = 'erp' AND number LIKE 'ЗТ-0%'`,
          )
        )[0]!.n === history.length,
      30_000,
    );
    const mineIds = new Set(demo.clients.filter((c) => c.manager_id === 100).map((c) => c.id));
    const mine = history.filter((o) => mineIds.has(o.clientId));
    await until(
      async () =>
        (await core.handlers['orders.list']({})).filter((o) => o.origin === 'erp' && o.number?.startsWith('ЗТ-0'))
          .length === mine.length,
      30_000,
    );
    const one = mine.find((o) => o.status === 'closed')!;
    const listed = (await core.handlers['orders.list']({})).find((o) => o.number === one.erpId)!;
    expect(listed).toMatchObject({ status: 'closed', origin: 'erp', linesCount: one.lines.length });
    expect(listed.createdAt.slice(0, 10)).toBe(one.createdAt.slice(0, 10));
  });

  it("reach the client manager's desk marked from 1C, read-only, and move with their statuses", async () => {
    const mine = demo.clients.find((c) => c.manager_id === 100)!;
    erp.erpOrders.place(phoneOrder('ЗТ-500001', mine.id));
    await until(async () => (await core.handlers['orders.list']({})).some((o) => o.number === 'ЗТ-500001'), 15_000);
    const listed = (await core.handlers['orders.list']({})).find((o) => o.number === 'ЗТ-500001')!;
    expect(listed).toMatchObject({
      origin: 'erp',
      status: 'accepted',
      erpNumber: 'ЗТ-500001',
      total: '313.40',
      linesCount: 2,
    });
    const details = await core.handlers['orders.get']({ id: listed.id });
    expect(details.lockedReason).toBe('made_in_erp');
    // The desk refuses a change (it is 1C's order); nothing is queued for the server.
    await expect(
      Promise.resolve().then(() => core.handlers['orders.setHeader']({ orderId: listed.id, comment: 'правка' })),
    ).rejects.toMatchObject({ code: 'locked' });
    // 1C moves it on: the desk follows.
    erp.erpOrders.progress(Date.now() + 10_000_000, 0);
    await until(
      async () => (await core.handlers['orders.list']({})).find((o) => o.id === listed.id)?.status === 'processing',
      15_000,
    );
    // Another manager's client's 1C order is not on this desk.
    const theirs = demo.clients.find((c) => c.manager_id !== 100)!;
    erp.erpOrders.place(phoneOrder('ЗТ-500002', theirs.id));
    await until(
      async () => (await central.store.queryObjects(`SELECT 1 FROM orders WHERE number = 'ЗТ-500002'`)).length === 1,
      15_000,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect((await core.handlers['orders.list']({})).some((o) => o.number === 'ЗТ-500002')).toBe(false);
  });

  it('the same change read again writes nothing; an unknown client is recorded and skipped', async () => {
    const id = erpOrderId('ЗТ-500001');
    const [before] = await central.store.queryObjects<{ version: string }>(`SELECT version FROM orders WHERE id = $1`, [
      id,
    ]);
    erp.faults.duplicateRate = 1;
    await central.server.erpLink!.inbound.pollOrdersMadeInErp();
    await central.server.erpLink!.inbound.pollOrdersMadeInErp();
    erp.faults.duplicateRate = 0;
    const [after] = await central.store.queryObjects<{ version: string }>(`SELECT version FROM orders WHERE id = $1`, [
      id,
    ]);
    expect(after!.version).toBe(before!.version);
    erp.erpOrders.place(phoneOrder('ЗТ-500003', 99_999));
    await until(
      async () =>
        (await central.store.queryObjects(`SELECT 1 FROM erp_inbound_errors WHERE record_key = 'ЗТ-500003'`)).length ===
        1,
      15_000,
    );
    expect((await central.store.queryObjects(`SELECT 1 FROM orders WHERE number = 'ЗТ-500003'`)).length).toBe(0);
  });

  it('a claim is raised against a shipped line of a 1C order and reaches the server', async () => {
    const mine = demo.clients.find((c) => c.manager_id === 100)!;
    erp.erpOrders.place(phoneOrder('ЗТ-500004', mine.id));
    const id = erpOrderId('ЗТ-500004');
    await until(async () => (await core.handlers['orders.list']({})).some((o) => o.id === id), 15_000);
    // Not shipped yet: a claim is refused.
    const early = await core.handlers['claims.claimable']({ orderId: id });
    await expect(
      Promise.resolve().then(() =>
        core.handlers['claims.create']({
          orderId: id,
          defectType: 'shortage',
          description: 'рано',
          attachments: [],
          lines: [{ lineId: early[0]!.lineId, itemId: early[0]!.itemId, quantity: '1' }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    for (let step = 0; step < 3; step++) erp.erpOrders.progress(Date.now() + 10_000_000 * (step + 1), 0);
    await until(
      async () => (await core.handlers['orders.list']({})).find((o) => o.id === id)?.status === 'shipped',
      15_000,
    );
    const lines = await core.handlers['claims.claimable']({ orderId: id });
    expect(lines.map((l) => [l.lineNo, Number(l.shipped), l.claimable])).toEqual([
      [1, 10, '10'],
      [2, 2, '2'],
    ]);
    const { id: claimId } = await core.handlers['claims.create']({
      orderId: id,
      defectType: 'shortage',
      description: 'Недовложение: пришло 8 вместо 10',
      attachments: [],
      lines: [{ lineId: lines[0]!.lineId, itemId: lines[0]!.itemId, quantity: '2' }],
    });
    await until(
      async () => (await central.store.queryObjects(`SELECT 1 FROM claims WHERE id = $1`, [claimId])).length === 1,
      15_000,
    );
    expect((await core.handlers['claims.claimable']({ orderId: id }))[0]!.claimable).toBe('8');
  });
});
