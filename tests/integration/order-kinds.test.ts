// Reserves and preorders end to end: a desk (the `main/` core), the server and the ERP simulator.
// A reserve is held by 1C per line (no more than the warehouse has free), extended on request,
// made an order, released at its end (the manager told), and told a day before; an extension
// that reaches 1C after the end is refused and shows why. A preorder's lines are secured by 1C
// (a repeated feed changes nothing), the secured part becomes an order once, and a preorder
// wholly made orders is closed by 1C.
import Decimal from 'decimal.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderDetails } from '../../domain/contract';
import { createReserveWatch } from '../../server/orders/reserve-watch';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';
import { until } from '../helpers/until';

let env: ErpDesk | null = null;
afterEach(async () => {
  await env?.stop();
  env = null;
});

type Core = ErpDesk['core'];

async function order(core: Core, id: string): Promise<OrderDetails> {
  return core.handlers['orders.get']({ id });
}

async function eventually(
  core: Core,
  id: string,
  ok: (o: OrderDetails) => boolean,
  ms = 20_000,
): Promise<OrderDetails> {
  let last: OrderDetails | null = null;
  await until(async () => ok((last = await order(core, id))), ms);
  return last!;
}

/** An order of `kind` for a prepaid client of the desk's manager, with these lines, submitted. */
async function submitted(e: ErpDesk, kind: 'reserve' | 'preorder', lines: { itemId: number; quantity: string }[]) {
  const { core, central } = e;
  await central.store.queryObjects(
    `UPDATE clients SET payment_terms = 'Предоплата 100%', version = nextval('row_version')`,
  );
  const clients = await core.handlers['clients.list']({});
  const { id } = await core.handlers['orders.create']({ clientId: clients[0]!.id, kind, warehouseId: 1 });
  await core.handlers['orders.addLines']({ orderId: id, lines, label: 'add' });
  const check = await core.handlers['orders.submitCheck']({ id });
  await core.handlers['orders.submit']({ id, checkDigest: check.digest });
  return id;
}

const kindsOf = async (core: Core) => (await core.handlers['notifications.list']({})).items.map((n) => n.kind);

describe('reserve', () => {
  it('is held per line as far as the warehouse has free, extended, made an order; told a day before its end', async () => {
    env = await startErpDesk('manager1', { progressMs: 60_000 });
    const { core, erp, demo } = env;
    const [a, b] = demo.items.filter((i) => i.pack_size === 1).slice(0, 2);
    erp.changeStock(a!.id, 1, '50');
    erp.changeStock(b!.id, 1, '3');
    const id = await submitted(env, 'reserve', [
      { itemId: a!.id, quantity: '10' },
      { itemId: b!.id, quantity: '8' },
    ]);
    // The first round trip through the server and 1C: on a machine loaded by the whole suite it has taken over 20 s.
    const held = await eventually(
      core,
      id,
      (o) => o.kindState.hold?.state === 'held' && o.lines.every((l) => l.held),
      60_000,
    );
    expect(held.lines.map((l) => [l.itemId, Number(l.quantity), l.held])).toEqual([
      [a!.id, 10, '10'],
      [b!.id, 8, '3'],
    ]);
    expect(held.kindState.hold).toMatchObject({ lines: 2, heldWhole: 1, heldPart: 1, request: null });
    // The free stock in 1C went down by what is held.
    expect(erp.master.stock.get(`${a!.id}:1`)?.quantity).toBe('40');
    expect(erp.master.stock.get(`${b!.id}:1`)?.quantity).toBe('0');
    const until0 = Date.parse(held.kindState.hold!.until!);
    // As long as the client's agreement says (its reserveDays), or three days.
    expect(until0 - Date.now()).toBeGreaterThan((held.kindState.hold!.days - 0.1) * 86_400_000);
    expect(until0 - Date.now()).toBeLessThan(held.kindState.hold!.days * 86_400_000);

    // A day before the end the manager is told, once.
    const watch = createReserveWatch({
      store: env.central.store,
      committed: () => undefined,
      now: () => new Date(until0 - 12 * 3600_000),
    });
    expect(await watch.checkOnce()).toBe(1);
    expect(await watch.checkOnce()).toBe(0);
    await until(async () => (await kindsOf(core)).includes('reserve.expiring'), 10_000);

    await core.handlers['orders.extendReserve']({ id, days: 2 });
    expect((await order(core, id)).kindState.hold?.request).toMatchObject({ kind: 'extend', days: 2 });
    const extended = await eventually(
      core,
      id,
      (o) => o.kindState.hold?.request === null && Date.parse(o.kindState.hold!.until!) > until0,
    );
    expect(Date.parse(extended.kindState.hold!.until!) - until0).toBe(2 * 86_400_000);
    // A new end is told again before it comes.
    const [row] = await env.central.store.queryObjects<{ warned: unknown }>(
      `SELECT hold_warned_at AS warned FROM orders WHERE id = $1`,
      [id],
    );
    expect(row!.warned).toBeNull();

    await core.handlers['orders.convertReserve']({ id });
    const converted = await eventually(core, id, (o) => o.kind === 'order');
    expect(converted.kindState.hold?.state).toBe('converted');
    // Held goods stay the order's: the free stock does not come back.
    expect(erp.master.stock.get(`${a!.id}:1`)?.quantity).toBe('40');
  }, 120_000);

  it('released at its end: the desk says so and refuses to extend; an extension 1C gets after the end is refused with its reason', async () => {
    env = await startErpDesk('manager1', { progressMs: 60_000 });
    const { core, erp, demo } = env;
    const item = demo.items.find((i) => i.pack_size === 1)!;
    erp.changeStock(item.id, 1, '20');
    const first = await submitted(env, 'reserve', [{ itemId: item.id, quantity: '5' }]);
    const second = await submitted(env, 'reserve', [{ itemId: item.id, quantity: '5' }]);
    for (const id of [first, second]) await eventually(core, id, (o) => o.kindState.hold?.state === 'held');
    expect(erp.master.stock.get(`${item.id}:1`)?.quantity).toBe('10');

    expect(erp.reservations.expire(first)).toBe(true);
    const released = await eventually(core, first, (o) => o.kindState.hold?.state === 'released');
    expect(released.status).toBe('closed');
    expect(released.lines[0]!.held).toBe('0');
    expect(erp.master.stock.get(`${item.id}:1`)?.quantity).toBe('15');
    await until(async () => (await kindsOf(core)).includes('reserve.released'), 10_000);
    await expect(
      Promise.resolve().then(() => core.handlers['orders.extendReserve']({ id: first, days: 1 })),
    ).rejects.toMatchObject({
      code: 'order_kind',
      message: 'not_held',
    });

    // The desk asks while 1C is unreachable; 1C's routine releases the reserve meanwhile. The
    // request must be the server's (queued for 1C) before 1C lets go: a server that had heard of
    // the release first would refuse the request itself, and 1C's refusal would never come.
    erp.faults.down = true;
    await core.handlers['orders.extendReserve']({ id: second, days: 3 });
    await until(
      async () =>
        (
          await env!.central.store.queryObjects(
            `SELECT 1 FROM erp_outbox WHERE method = 'reserve.extend' AND aggregate = $1 AND status = 'pending'`,
            [`order:${second}`],
          )
        ).length === 1,
      30_000,
    );
    erp.reservations.expire(second);
    erp.faults.down = false;
    const refused = await eventually(
      core,
      second,
      (o) => o.kindState.hold?.state === 'released' && o.kindState.hold.request === null && !!o.erpError,
      // 1C comes back after an outage: the delivery's backoff and a loaded machine (the whole suite) both take time.
      60_000,
    );
    expect(refused.erpError).toMatch(/снят/);
    await until(async () => (await kindsOf(core)).includes('reserve.refused'), 10_000);
  }, 120_000);
});

describe('preorder', () => {
  it('secured lines become an order once; a repeated feed changes nothing; wholly made orders, it is closed', async () => {
    env = await startErpDesk('manager1', { progressMs: 60_000 });
    const { core, erp, demo } = env;
    const [a, b] = demo.items.filter((i) => i.pack_size === 1).slice(0, 2);
    const id = await submitted(env, 'preorder', [
      { itemId: a!.id, quantity: '10' },
      { itemId: b!.id, quantity: '6' },
    ]);
    const accepted = await eventually(core, id, (o) => o.status === 'accepted');
    expect(accepted.kindState.preorder).toMatchObject({ lines: 2, secured: 0, waiting: 2, convertible: 0, made: [] });
    await expect(Promise.resolve().then(() => core.handlers['orders.convertSecured']({ id }))).rejects.toMatchObject({
      message: 'nothing_secured',
    });

    // 4 of line one arrive; the feed repeats its recent pages from now on.
    erp.faults.duplicateRate = 1;
    const [lineA, lineB] = accepted.lines;
    expect(erp.reservations.secure(id, lineA!.id, '4')).toBe(1);
    const secured = await eventually(core, id, (o) => o.lines[0]!.secured === '4');
    expect(secured.kindState.preorder).toMatchObject({ secured: 1, waiting: 2, convertible: 1 });
    await until(async () => (await kindsOf(core)).includes('preorder.secured'), 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect((await order(core, id)).lines[0]!.secured).toBe('4');
    erp.faults.duplicateRate = 0;

    const made = await core.handlers['orders.convertSecured']({ id });
    expect(made.lines).toBe(1);
    const part = await eventually(core, made.id, (o) => o.status === 'accepted');
    expect(part.kind).toBe('order');
    expect(part.kindState.fromOrder).toEqual({ id, number: accepted.number });
    expect(part.lines.map((l) => [l.itemId, Number(l.quantity), l.price])).toEqual([[a!.id, 4, lineA!.price]]);
    expect(part.total).toBe(new Decimal(lineA!.price).times(4).toFixed(2));
    const after = await order(core, id);
    expect(after.lines[0]).toMatchObject({ secured: '4', converted: '4' });
    expect(after.kindState.preorder).toMatchObject({ convertible: 0, made: [{ id: made.id }] });
    await expect(Promise.resolve().then(() => core.handlers['orders.convertSecured']({ id }))).rejects.toMatchObject({
      message: 'nothing_secured',
    });

    // The rest arrives; the second order takes it all and 1C closes the preorder.
    erp.reservations.secure(id);
    await eventually(core, id, (o) => o.lines[0]!.secured === '10' && o.lines[1]!.secured === '6');
    const rest = await core.handlers['orders.convertSecured']({ id });
    const restOrder = await eventually(core, rest.id, (o) => o.status === 'accepted');
    expect(restOrder.lines.map((l) => [l.itemId, Number(l.quantity)])).toEqual([
      [a!.id, 6],
      [b!.id, 6],
    ]);
    expect(lineB!.id).not.toBe(restOrder.lines[1]!.id);
    await eventually(core, id, (o) => o.status === 'closed');
    // Exactly what was preordered went to 1C as orders, once.
    const taken = [...erp.ledger.values()].filter((l) => l.method === 'order.submit').length;
    expect(taken).toBe(3);
  }, 120_000);
});
