// Inbound from the ERP and the admin's outbox tools: prices arrive as they change and reach the
// desk with their "as of"; a stock snapshot writes only the rows that changed plus the
// warehouse's "as of"; receivables on demand stay within the manager's clients; duplicate feed
// pages change nothing twice; a parked message is retried or discarded only by an admin, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskCore } from '../../main/desk-core';
import { enqueueForErp } from '../../server/erp/outbox';
import { type ErpSimulator } from '../../server/erp-sim/simulator';
import { login, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';

let central: TestCentral;
let erp: ErpSimulator;
let core: DeskCore;
let demo: ErpDesk['demo'];
let desk: ErpDesk | undefined;

beforeAll(async () => {
  desk = await startErpDesk('admin', {});
  ({ central, erp, core, demo } = desk);
}, 120_000);
afterAll(async () => desk?.stop());

const q = <T>(sql: string, params: unknown[] = []) => central.store.queryObjects<T>(sql, params);

describe('inbound from the ERP', () => {
  it('a price change reaches the desk with its time; repeated feed pages change nothing twice', async () => {
    erp.faults.duplicateRate = 1;
    erp.changePrice(7, 1, '123.4500');
    await until(
      async () =>
        (await core.handlers['catalog.item']({ id: 7 })).prices.find((p) => p.priceType === 'Базовая')?.price ===
        '123.4500',
      10_000,
    );
    const [row] = await q<{ version: string; as_of: string }>(
      `SELECT version, as_of FROM prices WHERE item_id = 7 AND price_type_id = 1`,
    );
    expect(new Date(row!.as_of).getTime()).toBeGreaterThan(Date.now() - 60_000);
    // More polls re-read the same change (duplicate delivery): the row is not written again.
    await new Promise((r) => setTimeout(r, 600));
    const [after] = await q<{ version: string }>(`SELECT version FROM prices WHERE item_id = 7 AND price_type_id = 1`);
    expect(after!.version).toBe(row!.version);
    erp.faults.duplicateRate = 0;
  });

  it('a stock snapshot writes only changed rows and the warehouse "as of"', async () => {
    const link = central.server.erpLink!;
    const before = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM stock WHERE version > (SELECT version FROM sync_head)`,
    );
    expect(before[0]!.n).toBe(0);
    expect(await link.inbound.pollStock(1)).toBe(0);
    // The head is read before the ERP changes: the link's own poll may write the rows at any
    // moment after the change, and those writes must still count as after the head.
    const head = Number((await q<{ version: string }>(`SELECT version FROM sync_head`))[0]!.version);
    const some = demo.stock.filter((s) => s.warehouse_id === 1).slice(0, 3);
    for (const s of some) erp.changeStock(s.item_id, 1, String(Number(s.quantity) + 7));
    // The link's own first snapshot may hold the feed's lock just now: ask until the rows are written.
    await until(async () => {
      await link.inbound.pollStock(1);
      const [n] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM stock WHERE version > $1`, [head]);
      return n!.n === 3;
    }, 10_000);
    const written = await q<{ item_id: number; quantity: string }>(
      `SELECT item_id, quantity::text AS quantity FROM stock WHERE version > $1 ORDER BY item_id`,
      [head],
    );
    expect(written.map((w) => w.item_id)).toEqual(some.map((s) => s.item_id).sort((a, b) => a - b));
    const [wh] = await q<{ stock_as_of: string | null }>(`SELECT stock_as_of FROM warehouses WHERE id = 1`);
    expect(wh!.stock_as_of).not.toBeNull();
    await until(async () => {
      const order = (await core.handlers['catalog.item']({ id: some[0]!.item_id })).stock.find(
        (s) => s.warehouse.id === 1,
      );
      return order?.quantity === Number(some[0]!.quantity) + 7;
    }, 10_000);
  });

  it('receivables on demand: only the asking manager\'s clients, each with its "as of"', async () => {
    const manager = await login(central.server.url, 'manager1');
    const mine = (
      await q<{ id: number }>(`SELECT id FROM clients WHERE manager_id = $1 ORDER BY id LIMIT 2`, [manager.user.id])
    ).map((r) => r.id);
    const foreign = (
      await q<{ id: number }>(`SELECT id FROM clients WHERE manager_id <> $1 ORDER BY id LIMIT 2`, [manager.user.id])
    ).map((r) => r.id);
    const before = new Map(
      (
        await q<{ id: number; receivables_as_of: string | null }>(
          `SELECT id, receivables_as_of FROM clients WHERE id = ANY($1::int[])`,
          [[...mine, ...foreign]],
        )
      ).map((r) => [r.id, r.receivables_as_of]),
    );
    // A limit the ERP's debts will cross: the manager is told, once per client that crosses it.
    await q(`UPDATE clients SET credit_limit = 0.01, overdue = 0 WHERE id = ANY($1::int[])`, [mine]);
    const asked = Date.now();
    const res = await fetch(`${central.server.url}/api/erp/receivables`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ clientIds: [...mine, ...foreign] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ updated: 2 });
    const rows = await q<{ id: number; receivables_as_of: string | null }>(
      `SELECT id, receivables_as_of FROM clients WHERE id = ANY($1::int[]) ORDER BY id`,
      [[...mine, ...foreign]],
    );
    // The demo's clients carry the seed's "as of"; the ERP's answer sets the ERP's time, for mine only.
    const changed = rows.filter(
      (r) => r.receivables_as_of !== null && String(r.receivables_as_of) !== String(before.get(r.id)),
    );
    expect(changed.map((r) => r.id)).toEqual(mine);
    for (const r of changed) expect(Math.abs(new Date(r.receivables_as_of!).getTime() - asked)).toBeLessThan(60_000);
    const over = await q<{ id: number }>(
      `SELECT id FROM clients WHERE id = ANY($1::int[]) AND overdue > credit_limit`,
      [mine],
    );
    const told = await q<{ ref_id: string; user_id: number; kind: string }>(
      `SELECT ref_id, user_id, kind FROM notifications WHERE kind = 'client.overdue' AND ref_id = ANY($1::text[])`,
      [[...mine, ...foreign].map(String)],
    );
    expect(over.length).toBeGreaterThan(0);
    expect(told.map((n) => Number(n.ref_id)).sort()).toEqual(over.map((o) => o.id).sort());
    expect(told.every((n) => n.user_id === manager.user.id)).toBe(true);
    const bad = await fetch(`${central.server.url}/api/erp/receivables`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      body: '{"clientIds": "all"}',
    });
    expect(bad.status).toBe(400);
  });
});

describe('the admin outbox', () => {
  it('shows a parked message with the ERP reason; only an admin retries or discards it, with an audit record', async () => {
    await central.store.transaction((tx) =>
      enqueueForErp(tx.query as never, {
        aggregate: 'order:parked-1',
        method: 'order.submit',
        payload: { reject: true },
      }),
    );
    await until(async () => (await core.handlers['erp.outbox']({ status: 'parked' })).length === 1, 10_000);
    const [parked] = await core.handlers['erp.outbox']({ status: 'parked' });
    expect(parked!.lastError).toContain('контрагент не найден');
    await until(() => core.status().erp?.parked === 1, 10_000);

    const manager = await login(central.server.url, 'manager1');
    const forbidden = await fetch(`${central.server.url}/api/erp/outbox?status=parked`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(forbidden.status).toBe(403);
    const sneaky = await fetch(`${central.server.url}/api/erp/outbox/decide`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: parked!.id, action: 'discard', reason: 'не нужен' }),
    });
    expect(sneaky.status).toBe(403);
    const anonymous = await fetch(`${central.server.url}/api/erp/outbox?status=parked`);
    expect(anonymous.status).toBe(401);

    await expect(
      core.handlers['erp.decide']({ id: parked!.id, action: 'discard', reason: 'Дубль заказа, клиент подтвердил' }),
    ).resolves.toBeNull();
    const [discarded] = await core.handlers['erp.outbox']({ status: 'discarded' });
    expect(discarded!.audit).toEqual([
      expect.objectContaining({
        action: 'discard',
        reason: 'Дубль заказа, клиент подтвердил',
        userName: 'Администратор Системы',
      }),
    ]);
    await expect(
      core.handlers['erp.decide']({ id: parked!.id, action: 'retry', reason: 'ещё раз' }),
    ).rejects.toMatchObject({ code: 'bad_input' });
    await until(() => core.status().erp?.parked === 0, 10_000);
  });
});
