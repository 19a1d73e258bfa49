// Seasonal programmes end to end (a desk, the server, the ERP simulator): a supervisor defines a
// programme and a client's commitment; a seasonal order placed under it goes to 1C with the
// programme named, and once 1C has it, its in-programme lines count against the commitment;
// a seasonal order without a programme, a commitment after the window, an order placed outside
// the window: refused with the reason, nothing queued.
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';
import { until } from '../helpers/until';

let env: ErpDesk | null = null;
afterEach(async () => {
  await env?.stop();
  env = null;
});

const day = (offsetDays: number) =>
  new Date(Date.now() + 3 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('seasonal programmes', () => {
  it('a commitment filled by seasonal orders 1C took; refusals change nothing', async () => {
    env = await startErpDesk('supervisor1', { progressMs: 600_000 });
    const { core, central, demo, erp } = env;
    const h = core.handlers;
    await central.store.queryObjects(
      `UPDATE clients SET payment_terms = 'Предоплата 100%', credit_limit = 100000000, version = nextval('row_version')`,
    );
    await until(async () => (await h['clients.list']({})).every((c) => c.creditLimit === '100000000.00'), 20_000);
    const client = (await h['clients.list']({}))[0]!;
    const items = demo.items.filter((i) => i.pack_size === 1 && i.lifecycle === 'active');
    const group = items[0]!.group_name;
    const inside = items.filter((i) => i.group_name === group).slice(0, 2);
    const outside = items.find((i) => i.group_name !== group)!;

    const { id: programmeId } = await h['season.save']({
      fields: {
        name: 'Весна',
        season: 'Весна 2027',
        orderFrom: day(-1),
        orderTo: day(30),
        groups: [group],
        itemIds: [],
        bonusSteps: [
          { from: '1', percent: '2' },
          { from: '100', percent: '5' },
        ],
      },
    });
    await h['season.setCommitment']({ programmeId, clientId: client.id, unit: 'money', amount: '1 000 000', note: '' });
    const [past] = [
      await h['season.save']({
        fields: {
          name: 'Прошлая',
          season: '',
          orderFrom: day(-60),
          orderTo: day(-30),
          groups: [group],
          itemIds: [],
          bonusSteps: [],
        },
      }),
    ];

    // A seasonal order without a programme is not sent.
    const { id: orderId } = await h['orders.create']({ clientId: client.id, kind: 'seasonal', warehouseId: 1 });
    await h['orders.addLines']({
      orderId,
      lines: [...inside, outside].map((i) => ({ itemId: i.id, quantity: '3' })),
      label: 'add',
    });
    const check = await h['orders.submitCheck']({ id: orderId });
    const pending = core.status().pending;
    await expect(
      Promise.resolve().then(() => h['orders.submit']({ id: orderId, checkDigest: check.digest })),
    ).rejects.toMatchObject({ code: 'season', message: 'no_programme_chosen' });
    // Outside its window, or without a commitment: refused too.
    await expect(
      Promise.resolve().then(() => h['orders.setProgramme']({ id: orderId, programmeId: past!.id })),
    ).rejects.toMatchObject({ code: 'season', message: 'window_closed' });
    await expect(
      Promise.resolve().then(() =>
        h['season.setCommitment']({ programmeId: past!.id, clientId: client.id, unit: 'money', amount: '5', note: '' }),
      ),
    ).rejects.toMatchObject({ code: 'season', message: 'window_over' });
    expect(core.status().pending).toBe(pending);

    await h['orders.setProgramme']({ id: orderId, programmeId });
    const again = await h['orders.submitCheck']({ id: orderId });
    await h['orders.submit']({ id: orderId, checkDigest: again.digest });
    await until(async () => (await h['orders.get']({ id: orderId })).status === 'accepted', 30_000);
    // 1C was told which programme the order fills.
    const submitted = [...erp.ledger.values()].find(
      (x) => x.aggregate === `order:${orderId}` && x.method === 'order.submit',
    );
    expect(submitted?.order).toMatchObject({ programme: { id: programmeId, name: 'Весна' } });

    const lines = (await h['orders.get']({ id: orderId })).lines;
    const expected = lines
      .filter((l) => inside.some((i) => i.id === l.itemId))
      .reduce((s, l) => s.plus(l.amount), new Decimal(0));
    const { rows, managers } = await h['season.commitments']({ programmeId });
    const row = rows.find((r) => r.clientId === client.id)!;
    expect(row.orderedAmount).toBe(expected.toFixed(2));
    expect(row.orders).toBe(1);
    expect(row.percent).toBe(expected.div(10_000).toDecimalPlaces(1, Decimal.ROUND_DOWN).toFixed(1));
    expect(managers.map((m) => m.ordered)).toContain(expected.toFixed(2));
    // The server holds the programme and the commitment as the desk made them.
    const [c] = await central.store.queryObjects<{ amount: string; unit: string }>(
      `SELECT amount::text, unit FROM seasonal_commitments WHERE id = $1`,
      [`${programmeId}:${client.id}`],
    );
    expect(c).toEqual({ amount: '1000000.000', unit: 'money' });
    const [o] = await central.store.queryObjects<{ programme_id: string }>(
      `SELECT programme_id FROM orders WHERE id = $1`,
      [orderId],
    );
    expect(o!.programme_id).toBe(programmeId);
  }, 120_000);
});
