// The notification centre over a real server, the ERP simulator and two desks of one manager:
// 1C accepting and refusing an order and shipping it become notifications for the order's
// manager, on both desks; only one desk pops each up (the server picks the first to ask); read on
// one desk is read on the other; a muted kind stays in the history but does not pop up; nobody
// else is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import type { DeskCore } from '../../main/desk-core';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator, type ErpSimulator } from '../../server/erp-sim/simulator';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { signedInDesk } from '../helpers/desk';
import { until } from '../helpers/until';
import { startSmtpCatcher, type SmtpCatcher } from '../../server/mail-sim/smtp-catcher';
import { mailConfigFrom } from '../../server/mail/mail-config';
import ExcelJS from 'exceljs';
import { createSlaWatch } from '../../server/notifications/sla-watch';

let erp: ErpSimulator;
let central: TestCentral;
let smtp: SmtpCatcher;
const cores: DeskCore[] = [];

beforeAll(async () => {
  const demo = generateDemoData({ items: 200, clients: 60, orders: 0, bigOrders: [] });
  for (const c of demo.clients) c.payment_terms = 'Предоплата 100%';
  erp = await startErpSimulator({ progressMs: 300, data: erpMasterFromDemo(demo) });
  smtp = await startSmtpCatcher();
  central = await startTestCentral({
    items: 200,
    orders: 0,
    erpUrl: erp.url,
    mail: mailConfigFrom({ OPTA_SMTP_URL: smtp.url, OPTA_MAIL_FROM: 'desk@opta.localhost' }),
    mailOptions: { sender: { idleMs: 50 } },
  });
  await central.store.queryObjects(`UPDATE clients SET payment_terms = 'Предоплата 100%'`);
}, 120_000);

afterAll(async () => {
  for (const c of cores) await c.close();
  await central?.stop();
  await erp?.close();
  await smtp?.stop();
});

async function desk(login: string): Promise<DeskCore> {
  const core = await signedInDesk(central.server.url, login);
  cores.push(core);
  return core;
}

async function submitOrder(core: DeskCore): Promise<string> {
  const [client] = await core.handlers['clients.list']({});
  const catalog = await core.handlers['catalog.page']({});
  const { id } = await core.handlers['orders.create']({ clientId: client!.id, kind: 'order', warehouseId: 1 });
  const item = catalog.rows[0]!;
  await core.handlers['orders.addLines']({
    orderId: id,
    lines: [{ itemId: item.id, quantity: String(item.packSize), price: '99999.0000', overrideReason: 'agreed' }],
    label: 'add',
  });
  const check = await core.handlers['orders.submitCheck']({ id });
  await core.handlers['orders.submit']({ id, checkDigest: check.digest });
  return id;
}

const kindsOf = async (core: DeskCore, orderId: string) =>
  (await core.handlers['notifications.list']({})).items.filter((n) => n.refId === orderId).map((n) => n.kind);

describe('the notification centre', () => {
  it("1C's answers reach the order's manager on both desks, popped up once, read everywhere", async () => {
    const [a, b] = [await desk('manager1'), await desk('manager1')];
    const other = await desk('manager2');
    expect((await a.handlers['notifications.list']({})).items).toEqual([]);
    const orderId = await submitOrder(a);
    await until(async () => (await kindsOf(a, orderId)).includes('order.accepted'), 20_000);
    await until(async () => (await kindsOf(b, orderId)).includes('order.accepted'), 20_000);
    const accepted = (await a.handlers['notifications.list']({})).items.find((n) => n.kind === 'order.accepted')!;
    expect(accepted.params).toMatchObject({
      erpNumber: expect.stringMatching(/\S/),
      client: expect.stringMatching(/\S/),
    });
    expect(accepted.readAt).toBeNull();

    // Both desks ask at once: the server lets one of them pop it up.
    const [toldA, toldB] = await Promise.all([
      a.handlers['notifications.tell']({}),
      b.handlers['notifications.tell']({}),
    ]);
    const told = [...toldA, ...toldB].filter((n) => n.id === accepted.id);
    expect(told).toHaveLength(1);
    // Asked again later, neither pops it up again.
    await until(async () => (await b.handlers['notifications.tell']({})).length === 0, 5_000);
    expect(await a.handlers['notifications.tell']({})).toEqual([]);

    await a.handlers['notifications.read']({ ids: [accepted.id] });
    await until(
      async () =>
        (await b.handlers['notifications.list']({})).unread === 0 ||
        (await b.handlers['notifications.list']({})).items.find((n) => n.id === accepted.id)?.readAt !== null,
      10_000,
    );
    expect((await b.handlers['notifications.list']({})).items.find((n) => n.id === accepted.id)!.readAt).not.toBeNull();

    // Shipped later, as 1C reports it; nobody else hears of this manager's order.
    await until(async () => (await kindsOf(a, orderId)).includes('order.shipped'), 30_000);
    expect((await other.handlers['notifications.list']({})).items).toEqual([]);
    const [row] = await central.store.queryObjects<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE ref_id = $1 AND kind = 'order.accepted'`,
      [orderId],
    );
    expect(row!.n).toBe(1);
  });

  it('a refusal by 1C says why; a muted kind stays in the history without popping up', async () => {
    const a = await desk('manager3');
    await a.handlers['notifications.setMuted']({ muted: ['order.accepted'] });
    await until(async () => (await a.handlers['notifications.list']({})).muted.includes('order.accepted'), 10_000);
    const accepted = await submitOrder(a);
    await until(async () => (await kindsOf(a, accepted)).includes('order.accepted'), 20_000);
    expect((await a.handlers['notifications.tell']({})).map((n) => n.kind)).not.toContain('order.accepted');

    erp.faults.rejectRate = 1;
    const refused = await submitOrder(a);
    await until(async () => (await kindsOf(a, refused)).includes('order.refused'), 20_000);
    erp.faults.rejectRate = 0;
    const n = (await a.handlers['notifications.list']({})).items.find((x) => x.refId === refused)!;
    expect(String(n.params.reason)).toContain('период закрыт');
    await until(async () => (await a.handlers['notifications.list']({})).items.some((x) => x.id === n.id), 1_000);
    const popped = await a.handlers['notifications.tell']({});
    expect(popped.map((x) => x.id)).toContain(n.id);
  });

  it("the client gets letters: the order's confirmation with its lines as .xlsx, the claim registered and decided", async () => {
    const manager = await desk('manager4');
    // An admin decides here: which supervisor leads manager4's team does not matter to letters.
    const supervisor = await desk('admin');
    // The client's contact asked for a letter when an order ships (set on the card, before it does).
    const [first] = await manager.handlers['clients.list']({});
    const [contact] = await central.store.queryObjects<{ email: string }>(
      `SELECT lower(contacts->0->>'email') AS email FROM clients WHERE id = $1`,
      [first!.id],
    );
    await manager.handlers['mail.setShipmentTo']({ clientId: first!.id, shippedTo: [contact!.email] });
    await until(
      async () =>
        (await central.store.queryObjects(`SELECT 1 FROM client_mail_prefs WHERE client_id = $1`, [first!.id]))
          .length === 1,
      10_000,
    );
    const orderId = await submitOrder(manager);
    await until(
      async () => (await central.store.queryObjects(`SELECT 1 FROM orders WHERE id = $1`, [orderId])).length === 1,
      10_000,
    );
    const [order] = await central.store.queryObjects<{ client_id: number }>(
      `SELECT client_id FROM orders WHERE id = $1`,
      [orderId],
    );
    const [client] = await central.store.queryObjects<{ email: string }>(
      `SELECT lower(contacts->0->>'email') AS email FROM clients WHERE id = $1`,
      [order!.client_id],
    );
    await until(
      () => smtp.caught.some((m) => m.envelopeTo.includes(client!.email) && /принят/.test(m.mail.subject ?? '')),
      20_000,
    );
    const confirmation = smtp.caught.find((m) => m.envelopeTo.includes(client!.email))!;
    const [row] = await central.store.queryObjects<{ erp_number: string; number: string }>(
      `SELECT erp_number, number FROM orders WHERE id = $1`,
      [orderId],
    );
    expect(confirmation.mail.subject).toContain(row!.erp_number);
    const sheet = confirmation.mail.attachments.find((a) => a.filename?.endsWith('.xlsx'))!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.content as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes('Итого'))).toBe(true);
    // Exactly one confirmation, however many times the status feed repeats itself.
    await until(async () => (await kindsOf(manager, orderId)).includes('order.shipped'), 30_000);
    expect(
      smtp.caught.filter((m) => m.envelopeTo.includes(client!.email) && /принят/.test(m.mail.subject ?? '')),
    ).toHaveLength(1);
    await until(
      () => smtp.caught.some((m) => m.envelopeTo.includes(client!.email) && /отгружен/.test(m.mail.subject ?? '')),
      10_000,
    );

    const [line] = await manager.handlers['claims.claimable']({ orderId });
    const { id: claimId } = await manager.handlers['claims.create']({
      orderId,
      defectType: 'defect',
      description: 'Корпус треснул',
      attachments: [],
      lines: [{ lineId: line!.lineId, itemId: line!.itemId, quantity: '1' }],
    });
    await until(
      () => smtp.caught.some((m) => m.envelopeTo.includes(client!.email) && /Рекламация/.test(m.mail.subject ?? '')),
      20_000,
    );
    expect(smtp.caught.find((m) => /Рекламация/.test(m.mail.subject ?? ''))!.mail.text).toContain('зарегистрирована');
    await until(
      async () => (await supervisor.handlers['claims.list']({ queue: 'all' })).some((c) => c.id === claimId),
      20_000,
    );
    await supervisor.handlers['claims.move']({ claimId, from: 'new', to: 'in_review', comment: '', attachments: [] });
    await supervisor.handlers['claims.move']({
      claimId,
      from: 'in_review',
      to: 'rejected',
      comment: 'Повреждение при разгрузке у клиента',
      attachments: [],
    });
    await until(() => smtp.caught.some((m) => /отказать/.test(m.mail.text ?? '')), 20_000);
    expect(smtp.caught.find((m) => /отказать/.test(m.mail.text ?? ''))!.mail.text).toContain(
      'Повреждение при разгрузке',
    );
  });

  it("a ticket's SLA clock about to run out is told to its assignee once", async () => {
    const manager = await desk('manager5');
    const [client] = await manager.handlers['clients.list']({});
    const { id: ticketId } = await manager.handlers['tickets.create']({
      clientId: client!.id,
      category: 'question',
      subject: 'Срочный вопрос',
      fields: {},
      body: 'Когда поставка?',
      attachments: [],
    });
    await until(
      async () => (await central.store.queryObjects(`SELECT 1 FROM tickets WHERE id = $1`, [ticketId])).length === 1,
      10_000,
    );
    // "About to run out" as ten hours: the question's two-hour first answer is that close now.
    const watch = createSlaWatch({ store: central.store, committed: () => undefined, nearMs: 10 * 3600_000 });
    await watch.checkOnce();
    await watch.checkOnce();
    const told = await central.store.queryObjects<{ user_id: number; params: { clock: string } }>(
      `SELECT user_id, params FROM notifications WHERE kind = 'ticket.sla' AND ref_id = $1`,
      [ticketId],
    );
    const [me] = await central.store.queryObjects<{ id: number }>(`SELECT id FROM users WHERE login = 'manager5'`);
    expect(told.filter((n) => n.params.clock === 'firstResponse')).toHaveLength(1);
    expect(told.every((n) => n.user_id === me!.id)).toBe(true);
    await until(async () => (await kindsOf(manager, ticketId)).includes('ticket.sla'), 10_000);
  });
});
