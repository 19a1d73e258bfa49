// A manager's change of a client's contacts or addresses goes to the ERP as client.update, once,
// with the whole lists; 1C takes it into its record and its feed's echo changes nothing on the
// desks; a refusal stays on the client card with the ERP's reason until a change is taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskCore } from '../../main/desk-core';
import { type ErpSimulator } from '../../server/erp-sim/simulator';
import { type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';

let central: TestCentral;
let erp: ErpSimulator;
let core: DeskCore;
let demo: ErpDesk['demo'];
let desk: ErpDesk | undefined;

beforeAll(async () => {
  desk = await startErpDesk('manager1', {});
  ({ central, erp, core, demo } = desk);
}, 120_000);
afterAll(async () => desk?.stop());

const updates = () => erp.applied.filter((e) => e.method === 'client.update');

describe('client card changes reach the ERP', () => {
  it('contacts go to 1C once, whole; notes stay on the desks; the echo changes nothing', async () => {
    const [mine] = await core.handlers['clients.list']({});
    const card = await core.handlers['clients.card']({ id: mine!.id });
    const contacts = [
      ...card.contacts,
      { name: 'Петрова Анна', position: 'Снабженец', phone: '+7 495 123-45-67', email: 'petrova@example.ru' },
    ];
    await core.handlers['clients.updateCard']({ clientId: card.id, baseVersion: card.version, patch: { contacts } });
    await core.handlers['clients.updateCard']({
      clientId: card.id,
      baseVersion: card.version,
      patch: { notes: 'Звонить после обеда' },
    });
    await until(() => updates().length === 1, 15_000);
    const [sent] = updates();
    expect(sent!.aggregate).toBe(`client:${card.id}`);
    expect(erp.master.clients.get(String(card.id))!.contacts).toEqual(contacts);
    // The ERP's echo in clients.changes: read, and nothing to write.
    await until(
      async () => (await central.store.queryObjects(`SELECT 1 FROM erp_outbox WHERE status = 'pending'`)).length === 0,
      10_000,
    );
    const [before] = await central.store.queryObjects<{ version: string }>(
      `SELECT version FROM clients WHERE id = $1`,
      [card.id],
    );
    await new Promise((r) => setTimeout(r, 600));
    const [after] = await central.store.queryObjects<{ version: string }>(`SELECT version FROM clients WHERE id = $1`, [
      card.id,
    ]);
    expect(after!.version).toBe(before!.version);
    expect(updates()).toHaveLength(1);
  });

  it('a refusal is shown on the card with the ERP reason, and cleared by the next change 1C takes', async () => {
    const [, second] = await core.handlers['clients.list']({});
    const card = await core.handlers['clients.card']({ id: second!.id });
    erp.faults.rejectRate = 1;
    await core.handlers['clients.updateCard']({
      clientId: card.id,
      baseVersion: card.version,
      patch: { delivery_addresses: [{ label: 'Склад', address: 'г. Тула, ул. Мира, д. 4' }] },
    });
    await until(async () => (await core.handlers['clients.card']({ id: card.id })).erpError !== null, 15_000);
    expect((await core.handlers['clients.card']({ id: card.id })).erpError).toContain('период закрыт');
    erp.faults.rejectRate = 0;
    // An admin sends it again once 1C is fixed: the card is clear.
    const [parked] = await central.store.queryObjects<{ id: number }>(
      `SELECT id FROM erp_outbox WHERE status = 'parked'`,
    );
    await central.store.queryObjects(
      `UPDATE erp_outbox SET status = 'pending', next_attempt_at = now() WHERE id = $1`,
      [parked!.id],
    );
    await until(async () => (await core.handlers['clients.card']({ id: card.id })).erpError === null, 15_000);
  });

  it('receivables in detail reach the card: open documents, aging as of the report, the schedule', async () => {
    await central.server.erpLink!.inbound.pollReceivables();
    const debtor = demo.clients.find((c) => c.manager_id === 100 && Number(c.overdue) > 0)!;
    await until(async () => (await core.handlers['clients.card']({ id: debtor.id })).receivables !== null, 10_000);
    const card = await core.handlers['clients.card']({ id: debtor.id });
    const r = card.receivables!;
    // The ERP's overdue is its documents' aging; the card's buckets add up to the open total, to the kopeck.
    expect(r.overdue).toBe(Number(card.overdue).toFixed(2));
    const kop = (s: string) => Math.round(Number(s) * 100);
    const buckets = Object.values(r.buckets).reduce((s, v) => s + kop(v), 0);
    expect(buckets).toBe(kop(r.open));
    expect(r.documents.reduce((s, d) => s + kop(d.open), 0)).toBe(kop(r.open));
    expect(r.documents.some((d) => d.daysOverdue > 0)).toBe(true);
    expect(r.maxDaysOverdue).toBe(Math.max(...r.documents.map((d) => d.daysOverdue)));
    expect(r.schedule.length).toBe(2);
  });
});
