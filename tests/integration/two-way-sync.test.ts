// Two-way sync with real desks (the `main/` core), a real server and real sockets on loopback:
// live propagation, offline edits on two desks converging, conflicts told to both people,
// scope changes, duplicate and delayed delivery, and a property test over random interleavings.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { readRow } from '../../server/row-store';
import { until } from '../helpers/until';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { startWsProxy, type WsProxy } from '../helpers/ws-proxy';

let central: TestCentral;
const opened: { core: DeskCore; proxy: WsProxy }[] = [];
beforeAll(async () => {
  central = await startTestCentral({ items: 200 });
});
afterAll(async () => {
  for (const o of opened) {
    await o.core.close();
    await o.proxy.close();
  }
  await central?.stop();
});

async function desk(login: string): Promise<{ core: DeskCore; proxy: WsProxy }> {
  const proxy = await startWsProxy(central.server.url);
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-2w-')),
    serverUrl: proxy.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  await core.handlers['session.login']({ login, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null);
  const d = { core, proxy };
  opened.push(d);
  return d;
}

const card = (core: DeskCore, id: number) =>
  core.handlers['clients.card']({ id }) as ReturnType<DeskCore['handlers']['clients.card']> & { notes: string };
describe('two desks and one server', () => {
  it('a change on one desk reaches the other live, and the server holds it', async () => {
    const a = await desk('manager1');
    const b = await desk('supervisor1');
    const clientId = (await a.core.handlers['clients.list']({}))[0]!.id;
    const before = await card(a.core, clientId);
    const { seq } = await a.core.handlers['clients.updateCard']({
      clientId,
      baseVersion: before.version,
      patch: { notes: 'Звонить после 14:00' },
    });
    expect(seq).toBeGreaterThan(0);
    // Optimistic: visible on desk A at once.
    expect((await card(a.core, clientId)).notes).toBe('Звонить после 14:00');
    await until(async () => (await card(b.core, clientId)).notes === 'Звонить после 14:00');
    const server = await readRow(central.store.queryObjects as never, 'clients', String(clientId), false);
    expect(server!.notes).toBe('Звонить после 14:00');
    expect(a.core.status().pending).toBe(0);
  });

  it('offline edits on both desks converge; the same field: the later wins and both are told', async () => {
    const a = await desk('manager1');
    const b = await desk('supervisor1');
    const clientId = (await a.core.handlers['clients.list']({}))[1]!.id;
    const base = (await card(a.core, clientId)).version;
    a.proxy.cut();
    b.proxy.cut();
    await until(() => a.core.status().connection !== 'online' && b.core.status().connection !== 'online');
    await a.core.handlers['clients.updateCard']({ clientId, baseVersion: base, patch: { notes: 'от A' } });
    await b.core.handlers['clients.updateCard']({
      clientId,
      baseVersion: base,
      patch: { notes: 'от B', delivery_addresses: [{ label: 'Склад 2', address: 'г. Казань, ул. Ленина, д. 1' }] },
    });
    expect(a.core.status().pending).toBe(1);
    expect(b.core.status().pending).toBe(1);
    a.proxy.restore();
    await until(() => a.core.status().pending === 0);
    b.proxy.restore();
    await until(() => b.core.status().pending === 0);
    await until(
      async () => (await card(a.core, clientId)).notes === 'от B' && (await card(b.core, clientId)).notes === 'от B',
    );
    const onA = await card(a.core, clientId);
    const onB = await card(b.core, clientId);
    expect(onA).toEqual({ ...onB, pendingChanges: 0 });
    expect(onA.deliveryAddresses).toEqual([{ label: 'Склад 2', address: 'г. Казань, ул. Ленина, д. 1' }]);
    // Both people hear about the overwrite.
    await until(async () =>
      (await a.core.handlers['sync.problems']({})).conflicts.some((c) => c.kind === 'overwritten'),
    );
    await until(async () => (await b.core.handlers['sync.problems']({})).conflicts.some((c) => c.kind === 'overwrote'));
  });

  it('a desk rejects a bad edit itself and changes nothing', async () => {
    const a = await desk('manager1');
    const clientId = (await a.core.handlers['clients.list']({}))[2]!.id;
    const before = await card(a.core, clientId);
    await expect(
      Promise.resolve().then(() =>
        a.core.handlers['clients.updateCard']({
          clientId,
          baseVersion: before.version,
          patch: { contacts: [{ name: '', position: '', phone: 'abc', email: 'nope' }] },
        }),
      ),
    ).rejects.toMatchObject({ code: 'bad_input' });
    expect(await card(a.core, clientId)).toEqual(before);
    expect(a.core.status().pending).toBe(0);
  });

  it('a client reassigned by an admin leaves the old manager\u2019s replica and reaches the new one', async () => {
    const m1 = await desk('manager1');
    const m2 = await desk('manager2');
    const admin = await desk('admin');
    const clientId = (await m1.core.handlers['clients.list']({}))[3]!.id;
    expect((await m2.core.handlers['clients.list']({})).some((c) => c.id === clientId)).toBe(false);
    // Reassignment is admin-only: a manager's desk refuses it before it is queued.
    await expect(
      Promise.resolve().then(() => m1.core.handlers['clients.reassign']({ clientId, managerId: 101 })),
    ).rejects.toMatchObject({ code: 'bad_input' });
    const { seq } = await admin.core.handlers['clients.reassign']({ clientId, managerId: 101 });
    expect(seq).toBeGreaterThan(0);
    await until(async () => !(await m1.core.handlers['clients.list']({})).some((c) => c.id === clientId));
    await until(async () => (await m2.core.handlers['clients.list']({})).some((c) => c.id === clientId));
  });

  it('duplicated and delayed frames give the same result as a clean run', async () => {
    const a = await desk('manager3');
    a.proxy.faults.duplicate = 0.5;
    a.proxy.faults.maxDelayMs = 30;
    const clients = (await a.core.handlers['clients.list']({})).slice(0, 3);
    for (let i = 0; i < 12; i++) {
      const c = clients[i % clients.length]!;
      await a.core.handlers['clients.updateCard']({
        clientId: c.id,
        baseVersion: (await card(a.core, c.id)).version,
        patch: { notes: `правка ${i}` },
      });
    }
    await until(() => a.core.status().pending === 0);
    const clientKey = (
      await central.store.queryObjects<{ client_id: string; last_seq: number }>(
        `SELECT client_id, last_seq FROM desk_clients ORDER BY last_seen_at DESC LIMIT 1`,
      )
    )[0]!;
    const log = await central.store.queryObjects<{ seq: number; status: string }>(
      `SELECT seq, status FROM mutation_log WHERE client_id = $1 ORDER BY seq`,
      [clientKey.client_id],
    );
    expect(log.map((l) => l.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(log.every((l) => l.status === 'applied')).toBe(true);
    for (const [i, c] of clients.entries()) {
      const last = [...Array(12).keys()].filter((k) => k % clients.length === i).pop()!;
      await until(async () => (await card(a.core, c.id)).notes === `правка ${last}`);
      expect((await readRow(central.store.queryObjects as never, 'clients', String(c.id), false))!.notes).toBe(
        `правка ${last}`,
      );
    }
  });
  it('one manager on two computers adds lines to one order offline: after sync every number is unique, in a stable order', async () => {
    const a = await desk('manager2');
    const b = await desk('manager2');
    const clientId = (await a.core.handlers['clients.list']({}))[0]!.id;
    const { id: orderId } = await a.core.handlers['orders.create']({ clientId, kind: 'order', warehouseId: 1 });
    await until(() => a.core.status().pending === 0 && a.core.status().caughtUp);
    await until(async () => (await b.core.handlers['orders.list']({})).some((o) => o.id === orderId));
    const items = (await a.core.handlers['catalog.page']({})).rows;
    a.proxy.cut();
    b.proxy.cut();
    await until(() => a.core.status().connection !== 'online' && b.core.status().connection !== 'online');
    // Nothing unsent is not caught up: offline, the desk cannot know what the server has.
    expect(a.core.status()).toMatchObject({ pending: 0, caughtUp: false });
    const add = (d: typeof a, from: number, count: number) =>
      d.core.handlers['orders.addLines']({
        orderId,
        lines: items.slice(from, from + count).map((r) => ({ itemId: r.id, quantity: '1' })),
        label: 'add',
      });
    const onA = await add(a, 0, 3);
    const onB = await add(b, 3, 2);
    // The new lines' ids, in the order given; each desk numbers them from the order as it knows it.
    expect(onA).toMatchObject({ added: 3 });
    expect(onB).toMatchObject({ added: 2 });
    const linesOnA = (await a.core.handlers['orders.lines']({ orderId })).lines;
    expect(linesOnA.map((l) => l.id)).toEqual(onA.ids);
    expect(linesOnA.map((l) => l.lineNo)).toEqual([1, 2, 3]);
    expect((await b.core.handlers['orders.lines']({ orderId })).lines.map((l) => l.id)).toEqual(onB.ids);
    expect(a.core.status()).toMatchObject({ caughtUp: false });
    expect(a.core.status().pending).toBeGreaterThan(0);

    a.proxy.restore();
    await until(() => a.core.status().pending === 0);
    b.proxy.restore();
    await until(() => b.core.status().pending === 0);
    const onServer = await central.store.queryObjects<{ id: string; line_no: number }>(
      `SELECT id, line_no FROM order_lines WHERE order_id = $1 AND NOT deleted ORDER BY line_no, id`,
      [orderId],
    );
    expect(onServer.map((l) => l.id).sort()).toEqual([...onA.ids, ...onB.ids].sort());
    expect(new Set(onServer.map((l) => l.line_no)).size).toBe(5);
    // The first desk's lines keep their numbers; the second's come after them.
    expect(onServer.slice(0, 3).map((l) => l.id)).toEqual(onA.ids);
    for (const d of [a, b]) {
      await until(async () => {
        const lines = (await d.core.handlers['orders.lines']({ orderId })).lines;
        return (
          JSON.stringify(lines.map((l) => [l.id, l.lineNo])) === JSON.stringify(onServer.map((l) => [l.id, l.line_no]))
        );
      });
      await until(() => d.core.status().caughtUp);
      expect(d.core.status()).toMatchObject({ pending: 0, caughtUp: true });
    }
  });
});

describe('random interleavings (property)', () => {
  it('desks converge to the server state and every mutation is applied exactly once', async () => {
    const a = await desk('manager5');
    const b = await desk('supervisor1');
    const clientIds = (await a.core.handlers['clients.list']({})).slice(0, 2).map((c) => c.id);
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('edit' as const),
        desk: fc.constantFrom(0, 1),
        client: fc.constantFrom(0, 1),
        field: fc.constantFrom('notes', 'delivery_addresses' as const),
        value: fc.string({ maxLength: 12 }),
      }),
      fc.record({ kind: fc.constantFrom('cut' as const, 'restore' as const), desk: fc.constantFrom(0, 1) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 60 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const desks = [a, b];
        for (const o of ops) {
          if (o.kind === 'edit') {
            const d = desks[o.desk]!;
            const id = clientIds[o.client]!;
            const version = (await card(d.core, id)).version;
            const patch =
              o.field === 'notes'
                ? { notes: o.value }
                : { delivery_addresses: [{ label: 'Адрес', address: `ул. ${o.value || 'Мира'} д. 1` }] };
            await d.core.handlers['clients.updateCard']({ clientId: id, baseVersion: version, patch });
          } else if (o.kind === 'cut') desks[o.desk]!.proxy.cut();
          else if (o.kind === 'restore') desks[o.desk]!.proxy.restore();
          else if ('ms' in o) await new Promise((r) => setTimeout(r, o.ms));
        }
        for (const d of desks) d.proxy.restore();
        await until(
          () => desks.every((d) => d.core.status().pending === 0 && d.core.status().connection === 'online'),
          30_000,
        );
        for (const id of clientIds) {
          const server = (await readRow(central.store.queryObjects as never, 'clients', String(id), false))!;
          for (const d of desks) {
            await until(async () => {
              const c = await card(d.core, id);
              return (
                c.version === server.version &&
                c.notes === server.notes &&
                JSON.stringify(c.deliveryAddresses) === JSON.stringify(server.delivery_addresses)
              );
            }, 10_000);
          }
        }
        const logs = await central.store.queryObjects<{ client_id: string; n: string; max: number; last_seq: number }>(
          `SELECT l.client_id, count(*) AS n, max(l.seq) AS max, d.last_seq FROM mutation_log l JOIN desk_clients d USING (client_id) GROUP BY l.client_id, d.last_seq`,
        );
        for (const l of logs) {
          expect(Number(l.n)).toBe(l.max);
          expect(l.last_seq).toBe(l.max);
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});
