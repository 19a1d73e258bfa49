// Merging two orders 1C has, end to end (a desk, the server, the ERP simulator): 1C gets one
// order.change of the growing order and, only after taking it, one order.cancel of the other;
// the desk ends with one order holding every line and the other cancelled. A change 1C refuses
// undoes the merge on the desk in one step; a cancel 1C refuses (the order is being assembled)
// undoes it too, and 1C hears the growing order changed back. Nothing is half-applied, nothing lost.
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetails } from '../../domain/contract';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';
import { until } from '../helpers/until';

// One desk, server and 1C for the three walks: each merges orders of its own.
let env!: ErpDesk;
beforeAll(async () => {
  env = await startErpDesk('manager1', { progressMs: 600_000 });
}, 120_000);
afterAll(async () => {
  await env?.stop();
});

type Core = ErpDesk['core'];
const get = async (core: Core, id: string): Promise<OrderDetails> => core.handlers['orders.get']({ id });

async function accepted(e: ErpDesk, clientId: number, itemIds: number[]): Promise<string> {
  const { core } = e;
  const { id } = await core.handlers['orders.create']({ clientId, kind: 'order', warehouseId: 1 });
  await core.handlers['orders.addLines']({
    orderId: id,
    lines: itemIds.map((itemId, i) => ({ itemId, quantity: String(i + 2) })),
    label: 'add',
  });
  const check = await core.handlers['orders.submitCheck']({ id });
  await core.handlers['orders.submit']({ id, checkDigest: check.digest });
  await until(async () => (await get(core, id)).status === 'accepted', 20_000);
  return id;
}

async function twoAccepted(e: ErpDesk) {
  await e.central.store.queryObjects(
    `UPDATE clients SET payment_terms = 'Предоплата 100%', credit_limit = 100000000, version = nextval('row_version')`,
  );
  await until(async () => (await e.core.handlers['clients.list']({}))[0]!.creditLimit === '100000000.00');
  const clients = await e.core.handlers['clients.list']({});
  const items = e.demo.items.filter((i) => i.pack_size === 1 && i.lifecycle === 'active');
  const client = clients[0]!.id;
  const into = await accepted(e, client, [items[0]!.id, items[1]!.id]);
  const from = await accepted(e, client, [items[2]!.id, items[3]!.id, items[4]!.id]);
  return { into, from, before: { into: await get(e.core, into), from: await get(e.core, from) } };
}

const changesIn1C = (e: ErpDesk, orderId: string) =>
  e.erp.applied.filter((x) => x.aggregate === `order:${orderId}`).map((x) => x.method);

describe('merging orders 1C has', () => {
  it('one change, then one cancel; the desk ends with one order of every line', async () => {
    const { core } = env;
    const { into, from, before } = await twoAccepted(env);
    const r = await core.handlers['orders.merge']({ targetId: into, otherIds: [from] });
    expect(r.moved).toBe(3);
    // At once on the desk: the lines are in the growing order, both locked, both saying so.
    const now = await get(core, into);
    expect(now.lines).toHaveLength(5);
    expect(now.lockedReason).toBe('merging');
    expect(now.kindState.merge).toMatchObject({ role: 'into', partnerId: from, lines: 3 });
    expect((await get(core, from)).kindState.merge).toMatchObject({ role: 'from', partnerId: into });
    await expect(
      Promise.resolve().then(() => core.handlers['orders.merge']({ targetId: from, otherIds: [into] })),
    ).rejects.toMatchObject({ code: 'merge', message: 'merging' });

    const done = await (async () => {
      await until(
        async () => (await get(core, from)).status === 'cancelled' && !(await get(core, into)).kindState.merge,
        30_000,
      );
      return { into: await get(core, into), from: await get(core, from) };
    })();
    expect(done.into.lines.map((l) => [l.itemId, l.quantity])).toEqual([
      ...before.into.lines.map((l) => [l.itemId, l.quantity]),
      ...before.from.lines.map((l) => [l.itemId, l.quantity]),
    ]);
    expect(done.into.total).toBe(new Decimal(before.into.total).plus(before.from.total).toFixed(2));
    expect(done.into.lockedReason).toBeNull();
    // 1C: the change first, the cancel after it; once each.
    expect(changesIn1C(env, into)).toEqual(['order.submit', 'order.change']);
    expect(changesIn1C(env, from)).toEqual(['order.submit', 'order.cancel']);
    const changeAt = env.erp.applied.findIndex((x) => x.aggregate === `order:${into}` && x.method === 'order.change');
    const cancelAt = env.erp.applied.findIndex((x) => x.aggregate === `order:${from}` && x.method === 'order.cancel');
    expect(changeAt).toBeLessThan(cancelAt);
    await until(async () =>
      (await core.handlers['notifications.list']({})).items.some((n) => n.kind === 'order.merged'),
    );
  }, 120_000);

  it('a change 1C refuses undoes the merge in one step', async () => {
    const { core, erp } = env;
    const { into, from, before } = await twoAccepted(env);
    // The warehouse starts picking the growing order before 1C hears of the merge.
    erp.orders.get(into)!.status = 'assembling';
    await core.handlers['orders.merge']({ targetId: into, otherIds: [from] });
    await until(
      async () => !(await get(core, into)).kindState.merge && !(await get(core, from)).kindState.merge,
      30_000,
    );
    const after = { into: await get(core, into), from: await get(core, from) };
    expect(after.into.lines.map((l) => l.id)).toEqual(before.into.lines.map((l) => l.id));
    expect(after.into.total).toBe(before.into.total);
    expect(after.into.erpError).toMatch(/собирается|статусе/);
    expect(after.from.status).toBe('accepted');
    expect(after.from.lines.map((l) => l.id)).toEqual(before.from.lines.map((l) => l.id));
    expect(changesIn1C(env, from)).toEqual(['order.submit']);
    await until(async () =>
      (await core.handlers['notifications.list']({})).items.some((n) => n.kind === 'order.mergeRefused'),
    );
    // The server agrees, to the kopeck.
    const [row] = await env.central.store.queryObjects<{ total: string; lines_count: number; merge: unknown }>(
      `SELECT total::text, lines_count, merge FROM orders WHERE id = $1`,
      [into],
    );
    expect(row).toEqual({ total: before.into.total, lines_count: 2, merge: null });
  }, 120_000);

  it('a cancel 1C refuses undoes the merge, and 1C hears the grown order changed back', async () => {
    const { core, erp } = env;
    const { into, from, before } = await twoAccepted(env);
    // The other order is being picked: 1C will take the change but refuse the cancel.
    erp.orders.get(from)!.status = 'assembling';
    await core.handlers['orders.merge']({ targetId: into, otherIds: [from] });
    await until(async () => changesIn1C(env, into).filter((m) => m === 'order.change').length === 2, 30_000);
    await until(async () => !(await get(core, into)).kindState.merge, 30_000);
    const after = { into: await get(core, into), from: await get(core, from) };
    expect(after.into.lines.map((l) => l.id)).toEqual(before.into.lines.map((l) => l.id));
    expect(after.into.total).toBe(before.into.total);
    expect(after.from.erpError).toMatch(/собирается/);
    expect(after.from.kindState.merge).toBeNull();
    // The second change named the moved lines as removed: 1C holds them once, in the other order.
    const changes = await env.central.store.queryObjects<{
      params: { removedLineIds: string[] };
      status: string;
    }>(`SELECT params, status FROM erp_outbox WHERE aggregate = $1 AND method = 'order.change' ORDER BY seq`, [
      `order:${into}`,
    ]);
    expect(changes.map((c) => c.status)).toEqual(['delivered', 'delivered']);
    expect(changes[0]!.params.removedLineIds).toEqual([]);
    expect(changes[1]!.params.removedLineIds).toHaveLength(3);
    expect(after.into.lines.map((l) => l.id)).not.toEqual(expect.arrayContaining(changes[1]!.params.removedLineIds));
    expect(changesIn1C(env, from)).toEqual(['order.submit']);
  }, 120_000);
});
