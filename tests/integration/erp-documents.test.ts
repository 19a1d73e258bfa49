// The client's documents from 1C: listed on the desks of those who see the client (per client and
// per order), fetched as PDF once and then served from the server's file store (also while 1C is
// down), opened offline once fetched; a print form that is not a PDF, a record naming an unknown
// client and a withdrawn document are handled without harm.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';
import { until } from '../helpers/until';

let desk: ErpDesk;
let admin: DeskCore | null = null;

beforeAll(async () => {
  desk = await startErpDesk('manager1', { progressMs: 3_600_000 });
}, 120_000);
afterAll(async () => {
  await admin?.close();
  await desk?.stop();
});

/** A handler's refusal as a rejected promise (handlers may throw synchronously). */
const call = <T>(f: () => T | Promise<T>): Promise<T> => Promise.resolve().then(f);
const pdfOf = (base64: string) => Buffer.from(base64, 'base64');

describe('documents from 1C', () => {
  it('listed per client on its manager’s desk; fetched once, then served from the store and kept on the desk', async () => {
    const { core, erp, central, demo } = desk;
    const mine = demo.clients.find((c) => c.manager_id === 100)!;
    const theirs = demo.clients.find((c) => c.manager_id !== 100)!;
    await until(async () => (await core.handlers['documents.list']({ clientId: mine.id })).length > 0, 20_000);
    const list = await core.handlers['documents.list']({ clientId: mine.id });
    const act = list.find((d) => d.kind === 'reconciliation')!;
    expect(act).toMatchObject({ clientId: mine.id, clientName: mine.name, kept: false, orderId: null });
    expect(act.title).toMatch(/^Акт сверки взаимных расчётов № АС-\d+ от \d\d\.\d\d\.\d{4}$/);
    // Another manager's client's documents are not on this desk.
    expect(await core.handlers['documents.list']({ clientId: theirs.id })).toEqual([]);
    const [onServer] = await central.store.queryObjects<{ n: number }>(
      `SELECT count(*)::int AS n FROM erp_documents WHERE client_id = $1`,
      [theirs.id],
    );
    expect(onServer!.n).toBeGreaterThan(0);

    const first = await core.handlers['documents.open']({ id: act.id });
    expect(first.name).toBe(`${act.title}.pdf`);
    expect(pdfOf(first.base64).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The server keeps it hash-addressed and says so on the row; the desk keeps it too.
    const [row] = await central.store.queryObjects<{ sha256: string | null; size: number }>(
      `SELECT sha256, size FROM erp_documents WHERE id = $1`,
      [act.id],
    );
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.size).toBe(pdfOf(first.base64).length);
    expect((await core.handlers['documents.list']({ clientId: mine.id })).find((d) => d.id === act.id)!.kept).toBe(
      true,
    );

    // 1C is down: another desk (the admin's) still gets it, from the server's store, the same bytes.
    erp.faults.down = true;
    try {
      admin = createDeskCore({
        dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-doc-admin-')),
        serverUrl: central.server.url,
        shell: 'web',
        locale: 'ru',
        version: 'test',
      });
      await admin.handlers['session.login']({ login: 'admin', password: 'demo1234' });
      await until(async () => (await admin!.handlers['documents.list']({ clientId: mine.id })).length > 0, 30_000);
      const again = await admin.handlers['documents.open']({ id: act.id });
      expect(again.base64).toBe(first.base64);
      // One not fetched before cannot be had while 1C is down: a clear error, nothing kept.
      const other = list.find((d) => d.id !== act.id)!;
      await expect(call(() => admin!.handlers['documents.open']({ id: other.id }))).rejects.toMatchObject({
        code: 'erp_unavailable',
      });
    } finally {
      erp.faults.down = false;
    }
  });

  it('an order’s invoice is listed with the order; a print form that is not a PDF is refused and recorded', async () => {
    const { core, erp, central, demo } = desk;
    const mine = demo.clients.find((c) => c.manager_id === 100)!;
    erp.erpOrders.place({
      erpId: 'ЗТ-700001',
      clientId: mine.id,
      kind: 'order',
      status: 'accepted',
      source: 'phone',
      createdAt: new Date().toISOString(),
      warehouseId: 1,
      deliveryDate: null,
      comment: '',
      lines: [{ lineNo: 1, itemId: 3, quantity: '10', price: '12.3400', discount: '0', amount: '123.40' }],
    });
    await until(async () => (await core.handlers['orders.list']({})).some((o) => o.number === 'ЗТ-700001'), 15_000);
    const order = (await core.handlers['orders.list']({})).find((o) => o.number === 'ЗТ-700001')!;
    await until(async () => (await core.handlers['documents.list']({ orderId: order.id })).length === 1, 15_000);
    const [invoice] = await core.handlers['documents.list']({ orderId: order.id });
    expect(invoice).toMatchObject({ kind: 'invoice', amount: '123.40', orderNumber: 'ЗТ-700001', kept: false });

    erp.faults.brokenPdf = true;
    try {
      await expect(call(() => core.handlers['documents.open']({ id: invoice!.id }))).rejects.toMatchObject({
        code: 'bad_file',
      });
    } finally {
      erp.faults.brokenPdf = false;
    }
    const [row] = await central.store.queryObjects<{ sha256: string | null }>(
      `SELECT sha256 FROM erp_documents WHERE id = $1`,
      [invoice!.id],
    );
    expect(row!.sha256).toBeNull();
    const errors = await central.store.queryObjects<{ record_key: string; message: string }>(
      `SELECT record_key, message FROM erp_inbound_errors WHERE feed = 'document.pdf'`,
    );
    expect(errors).toEqual([{ record_key: invoice!.id, message: 'not a PDF: text/plain' }]);
    // Fixed in 1C: the next open gets the real one.
    const opened = await core.handlers['documents.open']({ id: invoice!.id });
    expect(pdfOf(opened.base64).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('a record naming an unknown client or a broken date is recorded and skipped; a withdrawn document leaves the desks', async () => {
    const { core, erp, central, demo } = desk;
    const mine = demo.clients.find((c) => c.manager_id === 100)!;
    const put = (data: Record<string, unknown>) =>
      erp.documents.log.add({ op: 'put', data: { kind: 'certificate', number: 'С-1', date: '2026-11-30', ...data } });
    put({ id: 'doc-unknown-client', clientId: 999_999 });
    put({ id: 'doc-bad-date', clientId: mine.id, date: '30.11.2026' });
    const kept = erp.documents.issue({ kind: 'certificate', date: '2026-11-30', clientId: mine.id, amount: null });
    await until(
      async () => (await core.handlers['documents.list']({ clientId: mine.id })).some((d) => d.id === kept),
      15_000,
    );
    const errors = await central.store.queryObjects<{ record_key: string | null; message: string }>(
      `SELECT record_key, message FROM erp_inbound_errors WHERE feed = 'documents.changes' ORDER BY position`,
    );
    expect(errors).toEqual([
      { record_key: 'doc-unknown-client', message: 'unknown client 999999' },
      { record_key: 'doc-bad-date', message: expect.stringMatching(/^date: /) },
    ]);
    expect((await central.store.queryObjects(`SELECT 1 FROM erp_documents WHERE id LIKE 'doc-%'`)).length).toBe(0);
    erp.documents.withdraw(kept);
    await until(
      async () => !(await core.handlers['documents.list']({ clientId: mine.id })).some((d) => d.id === kept),
      15_000,
    );
  });

  it('a fetched document opens with the server gone', async () => {
    const { core, central, demo } = desk;
    const mine = demo.clients.find((c) => c.manager_id === 100)!;
    const kept = (await core.handlers['documents.list']({ clientId: mine.id })).find((d) => d.kept)!;
    const online = await core.handlers['documents.open']({ id: kept.id });
    // The server goes away (its store stays for afterAll's stop).
    await central.server.close();
    const offline = await core.handlers['documents.open']({ id: kept.id });
    expect(offline.base64).toBe(online.base64);
    const notKept = (await core.handlers['documents.list']({ clientId: mine.id })).find((d) => !d.kept)!;
    await expect(call(() => core.handlers['documents.open']({ id: notKept.id }))).rejects.toMatchObject({
      code: 'offline',
    });
  });
});
