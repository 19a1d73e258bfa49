// Sales plans, end to end: a supervisor sets and changes a plan offline; once back it is on the
// server, in the audit with both changes, and the board shows it beside what was sold; 1C marks the
// manager as gone while another plan waits offline: the server refuses it and the desk drops it,
// nothing half-applied; 1C's own plans arrive by its feed and are read-only on the desk, and one
// for a manager who left is refused with the reason.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { planKey, type PlanTarget } from '../../domain/plans/sales-plan';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator } from '../../server/erp-sim/simulator';
import { startTestCentral } from '../helpers/central';
import { until } from '../helpers/until';
import { startWsProxy } from '../helpers/ws-proxy';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const quarterNow = () => {
  const iso = new Date(Date.now() + 3 * 3600_000).toISOString();
  return `${iso.slice(0, 4)}-${String(Math.floor((Number(iso.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
};

describe('sales plans', () => {
  it('set offline by a supervisor, synced, audited; refused once 1C says the manager left; 1C plans by feed', async () => {
    const demo = generateDemoData({ items: 200, clients: 60, orders: 0, bigOrders: [] });
    const erp = await startErpSimulator({ data: erpMasterFromDemo(demo) });
    cleanup.push(() => erp.close());
    const central = await startTestCentral({ items: 200, orders: 40, erpUrl: erp.url });
    cleanup.push(() => central.stop());
    const proxy = await startWsProxy(central.server.url);
    cleanup.push(() => proxy.close());
    const core: DeskCore = createDeskCore({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-plans-')),
      serverUrl: proxy.url,
      shell: 'web',
      locale: 'ru',
      version: 'test',
    });
    cleanup.push(() => core.close());
    await core.handlers['session.login']({ login: 'supervisor1', password: 'demo1234' });
    await until(() => core.status().lastSyncAt !== null, 60_000);
    const h = core.handlers;
    const { managers } = await h['plans.options']({});
    expect(managers.length).toBeGreaterThan(1);
    const [first, second] = managers;
    const year = Number(quarterNow().slice(0, 4));
    // One group of the whole book (the demo's supervisors have set whole-book quarters already).
    const target: PlanTarget = {
      managerId: first!.id,
      clientId: 0,
      group: demo.items[0]!.group_name,
      period: 'quarter',
      start: quarterNow(),
    };
    const id = planKey(target);

    // Offline: set, then change; the board has it at once, with what the manager sold this quarter.
    proxy.cut();
    await until(() => core.status().connection !== 'online');
    await h['plans.set']({ target, amount: '1500000.5', note: 'план квартала' });
    await h['plans.set']({ target, amount: '1600000', note: 'после встречи' });
    const offline = (await h['plans.list']({ year, managerId: first!.id })).rows.find((r) => r.id === id)!;
    expect(offline).toMatchObject({ amount: '1600000.00', source: 'desk', clientName: null, state: 'current' });
    // A client of another manager, a group the catalog does not have, a bad amount: refused, nothing queued.
    const pending = core.status().pending;
    const othersClient = (await h['clients.list']({})).find((c) => c.managerId === second!.id)!;
    await expect(
      Promise.resolve().then(() =>
        h['plans.set']({ target: { ...target, clientId: othersClient.id }, amount: '1', note: '' }),
      ),
    ).rejects.toMatchObject({ code: 'plan', message: 'not_their_client' });
    await expect(
      Promise.resolve().then(() =>
        h['plans.set']({ target: { ...target, group: 'Нет такой' }, amount: '1', note: '' }),
      ),
    ).rejects.toMatchObject({ code: 'plan', message: 'unknown_group' });
    await expect(
      Promise.resolve().then(() => h['plans.set']({ target, amount: '-5', note: '' })),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(core.status().pending).toBe(pending);

    // The second manager's plan waits offline while 1C marks them as gone.
    const target2: PlanTarget = { ...target, managerId: second!.id };
    await h['plans.set']({ target: target2, amount: '900000', note: '' });
    const staff = erp.master.staff.get(String(second!.id))!;
    erp.master.staff.put({ ...staff, active: false });
    await until(
      async () =>
        (await central.store.queryObjects(`SELECT 1 FROM users WHERE id = $1 AND NOT active`, [second!.id])).length > 0,
      20_000,
    );
    proxy.restore();
    await until(() => core.status().pending === 0 && core.status().connection === 'online', 60_000);

    const plans = await central.store.queryObjects<{ id: string; amount: string; source: string; set_by: number }>(
      `SELECT id, amount::text, source, set_by FROM sales_plans WHERE id = ANY($1::text[])`,
      [[id, planKey(target2)]],
    );
    expect(plans).toEqual([{ id, amount: '1600000.00', source: 'desk', set_by: core.status().user!.id }]);
    const audit = await central.store.queryObjects<{ old: unknown; new: unknown; reason: string }>(
      `SELECT old, new, reason FROM price_audit WHERE entity = 'plan' AND entity_key = $1 ORDER BY id`,
      [id],
    );
    expect(audit).toEqual([
      { old: null, new: { amount: '1500000.50', note: 'план квартала' }, reason: 'план квартала' },
      {
        old: { amount: '1500000.50', note: 'план квартала' },
        new: { amount: '1600000.00', note: 'после встречи' },
        reason: 'после встречи',
      },
    ]);
    await until(async () => (await h['plans.history']({ id })).changes.length === 2, 20_000);
    // The refused plan is gone from the desk too, and a new one for the manager who left is refused at once.
    await until(async () => !(await h['plans.list']({ year })).rows.some((r) => r.id === planKey(target2)), 20_000);
    await expect(
      Promise.resolve().then(() => h['plans.set']({ target: target2, amount: '1', note: '' })),
    ).rejects.toMatchObject({ code: 'plan', message: 'manager_left' });

    // 1C's own plan arrives by its feed: on the board, read-only; one for the manager who left is refused.
    erp.master.plans.put({
      id: 9001,
      managerId: first!.id,
      clientId: null,
      group: demo.items[0]!.group_name,
      period: 'month',
      start: `${quarterNow().slice(0, 7)}-01`,
      amount: '250000.00',
      bonusPercent: '0',
    });
    erp.master.plans.put({
      id: 9002,
      managerId: second!.id,
      clientId: null,
      group: null,
      period: 'quarter',
      start: quarterNow(),
      amount: '100.00',
      bonusPercent: '0',
    });
    await until(async () => (await h['plans.list']({ year })).rows.some((r) => r.id === '9001'), 20_000);
    const fromErp = (await h['plans.list']({ year })).rows.find((r) => r.id === '9001')!;
    expect(fromErp).toMatchObject({ source: 'erp', amount: '250000.00', group: demo.items[0]!.group_name });
    await until(
      async () =>
        (
          await central.store.queryObjects(
            `SELECT 1 FROM erp_inbound_errors WHERE record_key = '9002' AND message LIKE '%has left%'`,
          )
        ).length > 0,
      20_000,
    );
    expect(await central.store.queryObjects(`SELECT 1 FROM sales_plans WHERE id = '9002'`)).toEqual([]);
    // The same target as 1C's plan cannot be set on the desk: 1C keeps it.
    await expect(
      Promise.resolve().then(() =>
        h['plans.set']({
          target: { managerId: first!.id, clientId: 0, group: fromErp.group, period: 'month', start: fromErp.start },
          amount: '1',
          note: '',
        }),
      ),
    ).rejects.toMatchObject({ code: 'plan', message: 'from_erp' });
  }, 180_000);

  it('a 1C that keeps no plans: the load finishes and the feeds go on, nothing recorded as broken', async () => {
    const demo = generateDemoData({ items: 100, clients: 20, orders: 0, bigOrders: [] });
    const erp = await startErpSimulator({ data: erpMasterFromDemo(demo), withoutPlans: true });
    cleanup.push(() => erp.close());
    const central = await startTestCentral({ empty: true, erpUrl: erp.url });
    cleanup.push(() => central.stop());
    await central.server.erpLink!.loaded;
    // A client changed in 1C after the load still arrives: the feeds after plans' are read on.
    const record = erp.master.clients.get(String(demo.clients[0]!.id))!;
    erp.master.clients.put({ ...record, name: 'ООО «После загрузки»' });
    await until(
      async () =>
        (await central.store.queryObjects(`SELECT 1 FROM clients WHERE name = 'ООО «После загрузки»'`)).length > 0,
      20_000,
    );
    expect(await central.store.queryObjects(`SELECT feed, message FROM erp_inbound_errors`)).toEqual([]);
    expect(await central.store.queryObjects(`SELECT 1 FROM sales_plans`)).toEqual([]);
  }, 120_000);
});
