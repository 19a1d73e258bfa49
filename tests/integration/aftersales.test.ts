// Claims and tickets across desks, the server and the ERP simulator: a manager registers a claim
// with a photo while the ERP is down; the supervisor sees it, takes it into review and approves a
// replacement; the ERP receives the claim and the decision exactly once when it is back, and its
// number reaches the manager's desk; the photo follows by upload and opens on the supervisor's desk.
// A ticket: opened with its category's fields, answered (first response), parked with the client,
// the client's reply brings it back, resolved and closed; a reply to the closed ticket is refused.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator, type ErpSimulator } from '../../server/erp-sim/simulator';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';

const ITEMS = 300;
let central: TestCentral;
let erp: ErpSimulator;
const cores: DeskCore[] = [];
beforeAll(async () => {
  const demo = generateDemoData({ items: ITEMS, clients: 60, orders: 0, bigOrders: [] });
  erp = await startErpSimulator({
    progressMs: 60_000,
    data: erpMasterFromDemo(demo),
  });
  central = await startTestCentral({ items: ITEMS, orders: 200, erpUrl: erp.url });
});
afterAll(async () => {
  for (const c of cores) await c.close();
  await central?.stop();
  await erp?.close();
});

async function desk(login: string): Promise<DeskCore> {
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-aftersales-')),
    serverUrl: central.server.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  cores.push(core);
  await core.handlers['session.login']({ login, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null, 60_000);
  return core;
}

/** Desk handlers may throw before returning a promise: run them inside one. */
const call = <T>(f: () => T | Promise<T>): Promise<T> => Promise.resolve().then(f);

describe('claims and tickets', () => {
  it('a claim with a photo, registered while the ERP is down, approved by the supervisor, reaches the ERP once with its decision', async () => {
    const manager = await desk('manager1');
    const supervisor = await desk('supervisor1');
    const shipped = (await manager.handlers['orders.list']({})).find(
      (o) => o.status === 'shipped' && o.linesCount >= 2,
    )!;
    expect(shipped).toBeDefined();
    const lines = await manager.handlers['claims.claimable']({ orderId: shipped.id });
    const [a, b] = lines;
    erp.faults.down = true;

    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .png()
      .toBuffer();
    const photo = await manager.handlers['files.add']({ name: 'IMG_0042.PNG', base64: png.toString('base64') });
    expect(photo).toMatchObject({ mime: 'image/png', name: 'IMG_0042.png', size: png.length });
    // More than shipped is refused with the line's numbers, and nothing is queued.
    const pendingBefore = manager.status().pending;
    await expect(
      call(() =>
        manager.handlers['claims.create']({
          orderId: shipped.id,
          defectType: 'defect',
          description: 'Брак',
          attachments: [],
          lines: [{ lineId: a!.lineId, itemId: a!.itemId, quantity: `${Number(a!.claimable) + 1}` }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(manager.status().pending).toBe(pendingBefore);
    const { id } = await manager.handlers['claims.create']({
      orderId: shipped.id,
      defectType: 'defect',
      description: 'Не включаются, корпус треснул',
      attachments: [photo],
      lines: [
        { lineId: a!.lineId, itemId: a!.itemId, quantity: '1' },
        { lineId: b!.lineId, itemId: b!.itemId, quantity: b!.claimable },
      ],
    });
    expect(
      (await manager.handlers['claims.claimable']({ orderId: shipped.id })).find((l) => l.lineId === b!.lineId)!
        .claimable,
    ).toBe('0');

    await until(
      async () => (await supervisor.handlers['claims.list']({ queue: 'waiting_for_me' })).some((c) => c.id === id),
      30_000,
    );
    // The supervisor is told once: a notice for the new claim, none after it was seen; the manager,
    // who made it, is not told about their own step.
    const notices = await supervisor.handlers['aftersales.notices']({});
    const notice = notices.find((n) => n.id === id);
    expect(notice).toMatchObject({ kind: 'claim_step', status: 'new' });
    await supervisor.handlers['aftersales.seen']({ keys: notices.map((n) => n.key) });
    expect((await supervisor.handlers['aftersales.notices']({})).some((n) => n.id === id)).toBe(false);
    expect((await manager.handlers['aftersales.notices']({})).some((n) => n.id === id)).toBe(false);
    const seen = await supervisor.handlers['claims.get']({ claimId: id });
    expect(seen.steps).toEqual(['in_review']);
    expect(seen.number).not.toBeNull();
    // The photo arrived on the server and opens on the supervisor's desk (downloaded lazily).
    await until(() => (manager.handlers['files.pending']({}) as { length: number }).length === 0, 30_000);
    expect(await supervisor.handlers['files.thumbnail']({ sha256: photo.sha256 })).toMatch(/^data:image\/jpeg;base64,/);
    // A manager cannot decide; the supervisor can.
    await expect(
      call(() =>
        manager.handlers['claims.move']({ claimId: id, from: 'new', to: 'in_review', comment: '', attachments: [] }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    await supervisor.handlers['claims.move']({
      claimId: id,
      from: 'new',
      to: 'in_review',
      comment: '',
      attachments: [],
    });
    await supervisor.handlers['claims.move']({
      claimId: id,
      from: 'in_review',
      to: 'approved',
      comment: 'Замена',
      resolution: { kind: 'replacement', amount: '0' },
      attachments: [],
    });
    await until(async () => (await manager.handlers['claims.get']({ claimId: id })).status === 'approved', 30_000);
    // Decided: closing it is the manager's step now, so it waits for them.
    expect((await manager.handlers['claims.list']({ queue: 'waiting_for_me' })).map((c) => c.id)).toContain(id);

    erp.faults.down = false;
    await until(
      async () => (await manager.handlers['claims.get']({ claimId: id })).erpStatus === 'decision_received',
      30_000,
    );
    const claim = await manager.handlers['claims.get']({ claimId: id });
    expect(claim.erpNumber).toMatch(/^РК-/);
    expect(claim.history.map((h) => h.status)).toEqual(['new', 'in_review', 'approved']);
    expect(claim.resolutionAmount).toBe(claim.amount);
    const sent = erp.applied.filter((e) => e.aggregate === `claim:${id}`);
    expect(sent.map((e) => e.method)).toEqual(['claim.submit', 'claim.decision']);
    expect(sent.every((e) => erp.ledger.get(e.idempotencyKey)!.received >= 1)).toBe(true);
  }, 120_000);

  it('a ticket: fields checked, answered, waits for the client without the clock running, closed, no reply after', async () => {
    const manager = await desk('manager1');
    const client = (await manager.handlers['clients.list']({}))[0]!;
    await expect(
      call(() =>
        manager.handlers['tickets.create']({
          clientId: client.id,
          category: 'reconciliation_act',
          subject: 'Акт сверки',
          fields: { periodFrom: '2026-10-01', periodTo: '2026-09-01' },
          body: 'Пришлите акт',
          attachments: [],
        }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    const { id } = await manager.handlers['tickets.create']({
      clientId: client.id,
      category: 'reconciliation_act',
      subject: 'Акт сверки за 3 квартал',
      fields: { periodFrom: '2026-07-01', periodTo: '2026-09-30' },
      body: 'Пришлите, пожалуйста, акт сверки',
      attachments: [],
    });
    expect((await manager.handlers['tickets.list']({ queue: 'waiting_for_me' })).map((t) => t.id)).toContain(id);
    await manager.handlers['tickets.reply']({
      ticketId: id,
      author: 'staff',
      body: 'Готовим, пришлём до пятницы',
      attachments: [],
      then: 'waiting_client',
    });
    let t = await manager.handlers['tickets.get']({ ticketId: id });
    expect(t.status).toBe('waiting_client');
    expect(t.sla.firstResponse.state).toBe('met');
    expect(['paused', 'breached']).toContain(t.sla.resolution.state);
    await manager.handlers['tickets.reply']({
      ticketId: id,
      author: 'client',
      body: 'Спасибо, ждём',
      attachments: [],
      then: null,
    });
    await manager.handlers['tickets.setStatus']({ ticketId: id, from: 'in_progress', to: 'resolved' });
    await manager.handlers['tickets.setStatus']({ ticketId: id, from: 'resolved', to: 'closed' });
    await expect(
      call(() =>
        manager.handlers['tickets.reply']({ ticketId: id, author: 'staff', body: 'ещё', attachments: [], then: null }),
      ),
    ).rejects.toMatchObject({ code: 'locked' });
    t = await manager.handlers['tickets.get']({ ticketId: id });
    expect(t.messages.map((m) => m.authorKind)).toEqual(['client', 'staff', 'client']);
    expect(t.history.map((h) => h.status)).toEqual(['new', 'waiting_client', 'in_progress', 'resolved', 'closed']);
    // The server has it all, and the ERP got the task once.
    await until(async () => (await manager.handlers['tickets.get']({ ticketId: id })).erpNumber !== null, 30_000);
    const [row] = await central.store.queryObjects<{ status: string; messages: number }>(
      `SELECT status, (SELECT count(*)::int FROM ticket_messages m WHERE m.ticket_id = t.id) AS messages FROM tickets t WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ status: 'closed', messages: 3 });
    expect(erp.applied.filter((e) => e.aggregate === `ticket:${id}`).map((e) => e.method)).toEqual(['ticket.submit']);
  }, 90_000);

  it('the supervisor hands a ticket to the manager or takes it; a manager may not reassign; nobody outside the client is accepted; the team filter narrows queues to one manager', async () => {
    const manager = await desk('manager1');
    const client = (await manager.handlers['clients.list']({}))[0]!;
    const { id } = await manager.handlers['tickets.create']({
      clientId: client.id,
      category: 'question',
      subject: 'Сроки поставки',
      fields: {},
      body: 'Когда будет поставка?',
      attachments: [],
    });
    const people = await manager.handlers['tickets.assignees']({ ticketId: id });
    expect(people.map((p) => p.role)).toEqual(['manager', 'supervisor', 'admin']);
    const [own, sup] = people;
    // A manager's team is themselves; they may not hand tickets around (their supervisor does).
    expect((await manager.handlers['team.managers']({})).map((m) => m.id)).toEqual([own!.id]);
    await expect(
      call(() => manager.handlers['tickets.assign']({ ticketId: id, assigneeId: sup!.id })),
    ).rejects.toMatchObject({ message: expect.stringContaining('manager may not ticket.assign') });
    const supervisor = await desk('supervisor1');
    await until(
      async () => (await supervisor.handlers['tickets.list']({ queue: 'open' })).some((t) => t.id === id),
      30_000,
    );
    // Someone who does not work with the client is refused, and nothing changes.
    const team = await supervisor.handlers['team.managers']({});
    const colleague = team.find((m) => m.id !== own!.id)!;
    await expect(
      call(() => supervisor.handlers['tickets.assign']({ ticketId: id, assigneeId: colleague.id })),
    ).rejects.toMatchObject({ message: `assignee_out_of_scope:${colleague.id}` });
    expect((await supervisor.handlers['tickets.get']({ ticketId: id })).assigneeId).toBe(own!.id);
    await supervisor.handlers['tickets.assign']({ ticketId: id, assigneeId: sup!.id });
    expect((await supervisor.handlers['tickets.list']({ queue: 'mine' })).map((t) => t.id)).toContain(id);
    await until(async () => (await manager.handlers['tickets.get']({ ticketId: id })).assigneeId === sup!.id, 30_000);
    // The supervisor's team: their managers; a queue narrowed to one manager holds only their clients' tickets.
    expect(team.map((m) => m.id)).toContain(own!.id);
    expect(
      (await supervisor.handlers['tickets.list']({ queue: 'all', managerId: own!.id })).map((t) => t.id),
    ).toContain(id);
    expect(
      (await supervisor.handlers['tickets.list']({ queue: 'all', managerId: colleague.id })).map((t) => t.id),
    ).not.toContain(id);
    const claims = await supervisor.handlers['claims.list']({ queue: 'all', managerId: colleague.id });
    expect(claims.every((c) => c.managerName === colleague.name)).toBe(true);
  }, 90_000);
});
