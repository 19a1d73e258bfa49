// Overrides below floor and their approval, across desks and the server: a manager prices a line
// under the floor and discounts another without a reason; the submit is blocked on the desk and,
// pushed anyway, refused by the server; the manager gives the reason and asks; the supervisor of
// another team never sees the request; the manager's own supervisor approves; the decision reaches
// the manager's desk and the submit goes through. A price changed after approval is blocked again.
// Every override and decision is in the price audit, as the server wrote it.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { blocksOnServer } from '../../server/orders/submit-check';
import { login, startTestCentral, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';

let central: TestCentral;
const cores: DeskCore[] = [];
beforeAll(async () => {
  central = await startTestCentral({ items: 1500, orders: 200, bigOrders: [] });
});
afterAll(async () => {
  for (const c of cores) await c.close();
  await central?.stop();
});

async function desk(loginName: string): Promise<DeskCore> {
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-approvals-')),
    serverUrl: central.server.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  cores.push(core);
  await core.handlers['session.login']({ login: loginName, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null, 60_000);
  return core;
}

/** Pushes one mutation straight to the server, past the desk's own checks. */
async function pushRaw(
  loginName: string,
  name: string,
  args: unknown,
): Promise<{ status: string; code?: string; message?: string }> {
  const { token } = await login(central.server.url, loginName);
  const ws = new WebSocket(`${central.server.url.replace('http', 'ws')}/sync`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const ack = new Promise<{ results: { status: string; code?: string }[] }>((resolve) =>
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.type === 'welcome')
        ws.send(JSON.stringify({ type: 'push', clientId: randomUUID(), mutations: [{ seq: 1, name, args }] }));
      if (m.type === 'ack') resolve(m);
    }),
  );
  const result = (await ack).results[0]!;
  ws.close();
  return result;
}

describe('overrides below floor and approvals', () => {
  it("blocked until the manager's own supervisor approves exactly these prices; the decision reaches the manager", async () => {
    const manager = await desk('manager1');
    const own = await desk('supervisor1');
    const other = await desk('supervisor2');
    const query = <T>(text: string, params?: unknown[]) => central.store.queryObjects<T>(text, params);

    // A prepaid client of manager1's, so credit stays out of this test.
    const clients = await manager.handlers['clients.list']({});
    const client = clients.find((c) => /Предоплат/.test(c.paymentTerms)) ?? clients[0]!;
    const { id } = await manager.handlers['orders.create']({ clientId: client.id, kind: 'order', warehouseId: 1 });
    const items = (await manager.handlers['catalog.page']({})).rows.slice(0, 3);
    await manager.handlers['orders.addLines']({
      orderId: id,
      lines: items.map((i) => ({ itemId: i.id, quantity: String(i.packSize * 10) })),
      label: 'add',
    });
    const [first, second] = (await manager.handlers['orders.lines']({ orderId: id })).lines;
    const cost = new Decimal(
      (await query<{ cost: string }>(`SELECT cost::text AS cost FROM items WHERE id = $1`, [first!.itemId]))[0]!.cost,
    );

    // Line 1 at half its cost with a reason; line 2 discounted without one.
    const low = cost.dividedBy(2).toDecimalPlaces(2).toFixed(2);
    expect(
      (
        await manager.handlers['orders.bulk']({
          orderId: id,
          lineIds: [first!.id],
          action: { kind: 'override', price: low, reason: 'competitor', note: 'у конкурента дешевле' },
        })
      ).changed,
    ).toBe(1);
    await manager.handlers['orders.bulk']({
      orderId: id,
      lineIds: [second!.id],
      action: { kind: 'setDiscount', value: '3' },
    });
    let lines = (await manager.handlers['orders.lines']({ orderId: id })).lines;
    expect(lines.find((l) => l.id === first!.id)).toMatchObject({
      priceSource: 'manual',
      overrideReason: 'competitor',
      approval: null,
      problems: expect.arrayContaining(['below_floor']),
    });
    expect(lines.find((l) => l.id === second!.id)!.problems).toContain('no_reason');

    // Blocked on the desk (nothing queued), and refused by the server when pushed past the desk.
    const check = await manager.handlers['orders.submitCheck']({ id });
    expect(check.blocks.map((b) => b.kind).sort()).toEqual(['below_floor', 'no_reason']);
    await expect(
      Promise.resolve().then(() => manager.handlers['orders.submit']({ id, checkDigest: check.digest })),
    ).rejects.toMatchObject({ code: 'needs_approval' });
    // Asking before every override has its reason is refused too: the supervisor decides on reasons.
    await expect(
      Promise.resolve().then(() => manager.handlers['approvals.request']({ orderId: id, note: '' })),
    ).rejects.toMatchObject({ code: 'bad_input' });
    await until(() => manager.status().pending === 0, 20_000);
    expect(await pushRaw('manager1', 'order.submit@1', { orderId: id, checkDigest: check.digest })).toMatchObject({
      status: 'rejected',
      code: 'needs_approval',
    });

    await manager.handlers['orders.bulk']({
      orderId: id,
      lineIds: [second!.id],
      action: { kind: 'override', reason: 'volume', note: '' },
    });
    expect((await manager.handlers['orders.lines']({ orderId: id, ids: [second!.id] })).lines[0]).toMatchObject({
      overrideReason: 'volume',
      problems: [],
    });
    const asked = await manager.handlers['approvals.request']({ orderId: id, note: 'клиент уходит к конкуренту' });
    expect(asked).toMatchObject({ lines: 1, credit: false });
    expect((await manager.handlers['orders.lines']({ orderId: id, ids: [first!.id] })).lines[0]!.approval).toBe(
      'pending',
    );
    await until(() => manager.status().pending === 0, 20_000);

    // The other team's supervisor never sees it; the manager's own does, with the margin given away.
    await until(
      async () => (await own.handlers['approvals.list']({ status: 'pending' })).some((r) => r.orderId === id),
      20_000,
    );
    expect((await other.handlers['approvals.list']({ status: 'all' })).some((r) => r.orderId === id)).toBe(false);
    const details = await own.handlers['approvals.get']({ orderId: id });
    expect(details).toMatchObject({
      status: 'pending',
      note: 'клиент уходит к конкуренту',
      reasons: ['competitor'],
      linesCount: 1,
    });
    expect(details.lines[0]).toMatchObject({
      lineId: first!.id,
      price: new Decimal(low).toFixed(4),
      reason: 'competitor',
      note: 'у конкурента дешевле',
    });
    expect(new Decimal(details.givenAway).gt(0)).toBe(true);
    expect(
      await pushRaw('supervisor2', 'priceApproval.decide@1', {
        orderId: id,
        requestedAt: details.requestedAt,
        decision: 'approve',
      }),
    ).toMatchObject({ status: 'rejected', code: 'out_of_scope' });
    await own.handlers['approvals.decide']({
      orderId: id,
      requestedAt: details.requestedAt,
      decision: 'approve',
      comment: 'разово',
    });

    // The decision reaches the manager's open order: flags gone, submit goes through on both sides.
    await until(async () => (await manager.handlers['orders.get']({ id })).approval?.status === 'approved', 20_000);
    lines = (await manager.handlers['orders.lines']({ orderId: id })).lines;
    expect(lines.find((l) => l.id === first!.id)).toMatchObject({
      approval: 'approved',
      problems: expect.not.arrayContaining(['below_floor']),
    });
    expect(await blocksOnServer(query, id)).toEqual([]);
    const ok = await manager.handlers['orders.submitCheck']({ id });
    expect(ok.blocks).toEqual([]);

    // A price changed after approval is a new price: blocked again until approved.
    await manager.handlers['orders.bulk']({
      orderId: id,
      lineIds: [first!.id],
      action: {
        kind: 'override',
        price: new Decimal(low).minus('0.01').toFixed(2),
        reason: 'competitor',
        note: 'ещё ниже',
      },
    });
    expect((await manager.handlers['orders.submitCheck']({ id })).blocks).toMatchObject([
      { kind: 'below_floor', approval: 'none' },
    ]);
    await manager.handlers['orders.undo']({ orderId: id });
    const final = await manager.handlers['orders.submitCheck']({ id });
    expect(final.blocks).toEqual([]);
    await manager.handlers['orders.submit']({ id, checkDigest: final.digest });
    await until(() => manager.status().pending === 0, 20_000);
    expect((await query<{ status: string }>(`SELECT status FROM orders WHERE id = $1`, [id]))[0]!.status).toBe(
      'submitted',
    );

    // The audit, as the server wrote it: each override with old, new and why; the request and the decision.
    const audit = await query<{
      entity: string;
      entity_key: string;
      user_id: number;
      reason: string;
      new: Record<string, unknown>;
    }>(`SELECT entity, entity_key, user_id, reason, new FROM price_audit WHERE order_id = $1 ORDER BY id`, [id]);
    expect(audit.filter((a) => a.entity === 'line' && a.entity_key === first!.id).map((a) => a.reason)).toEqual([
      'competitor: у конкурента дешевле',
      'competitor: ещё ниже',
      'competitor: у конкурента дешевле',
    ]);
    expect(audit.filter((a) => a.entity === 'approval').map((a) => [a.new.status, a.user_id])).toEqual([
      ['pending', 100],
      ['approved', 10],
    ]);
    // …and it reaches the supervisor's desk, not the other team's.
    await until(
      async () => (await own.handlers['pricing.audit']({ orderId: id, limit: 100 })).length === audit.length,
      20_000,
    );
    expect(await other.handlers['pricing.audit']({ orderId: id, limit: 100 })).toEqual([]);
  }, 240_000);
});
