// Push under bad input: unknown mutations, wrong argument types, sequence gaps, rows outside the
// user's scope, another user's desk id, malformed and oversized frames. Each gets a clear code,
// nothing is applied, and a re-sent mutation gets the same answer without a second effect.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES } from '../../domain/sync/sync-protocol';
import { readRow } from '../../server/row-store';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 100 });
});
afterAll(async () => central?.stop());

interface Conn {
  ws: WebSocket;
  messages: any[];
  next(type: string): Promise<any>;
  closed: Promise<number>;
}

async function open(loginName: string): Promise<Conn> {
  const { token } = await login(central.server.url, loginName);
  const ws = new WebSocket(`${central.server.url.replace('http', 'ws')}/sync`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: any[] = [];
  const waiters: { type: string; resolve: (m: any) => void }[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    const w = waiters.findIndex((x) => x.type === m.type);
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(m);
    else messages.push(m);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const next = (type: string): Promise<any> => {
    const i = messages.findIndex((m) => m.type === type);
    if (i >= 0) return Promise.resolve(messages.splice(i, 1)[0]);
    return new Promise((resolve) => waiters.push({ type, resolve }));
  };
  await next('welcome');
  return { ws, messages, next, closed };
}

const clientOf = async (managerId: number): Promise<{ id: number; version: number }> =>
  (
    await central.store.queryObjects<{ id: number; version: string }>(
      `SELECT id, version FROM clients WHERE manager_id = $1 ORDER BY id LIMIT 1`,
      [managerId],
    )
  ).map((r) => ({ id: r.id, version: Number(r.version) }))[0]!;

const edit = (seq: number, clientId: number, notes: string, baseVersion = 0) => ({
  seq,
  name: 'client.updateCard@1',
  args: { clientId, baseVersion, patch: { notes } },
});

describe('push guards', () => {
  it('answers each bad mutation with a code and applies nothing', async () => {
    const c = await open('manager1');
    const own = await clientOf(100);
    const foreign = await clientOf(101);
    const desk = randomUUID();
    c.ws.send(
      JSON.stringify({
        type: 'push',
        clientId: desk,
        mutations: [
          { seq: 1, name: 'client.dropAll@1', args: {} },
          { seq: 2, name: 'client.updateCard@1', args: { clientId: 'x', baseVersion: 0, patch: { notes: 1 } } },
          edit(3, foreign.id, 'чужой клиент'),
          { seq: 4, name: 'client.reassign@1', args: { clientId: own.id, managerId: 101 } },
        ],
      }),
    );
    const ack = await c.next('ack');
    expect(ack.results.map((r: any) => [r.seq, r.status, r.code])).toEqual([
      [1, 'rejected', 'unknown_mutation'],
      [2, 'rejected', 'bad_args'],
      [3, 'rejected', 'out_of_scope'],
      [4, 'rejected', 'forbidden'],
    ]);
    expect((await clientOf(101)).version).toBe(foreign.version);
    expect((await readRow(central.store.queryObjects as never, 'clients', String(own.id), false))!.manager_id).toBe(
      100,
    );
    // A gap stops the batch: nothing after it is applied.
    c.ws.send(JSON.stringify({ type: 'push', clientId: desk, mutations: [edit(7, own.id, 'после пропуска')] }));
    expect((await c.next('ack')).results).toEqual([
      { seq: 7, status: 'rejected', code: 'sequence_gap', message: expect.stringContaining('Expected mutation 5') },
    ]);
    expect((await readRow(central.store.queryObjects as never, 'clients', String(own.id), false))!.notes).not.toBe(
      'после пропуска',
    );
    c.ws.close();
  });

  it('applies a re-sent mutation once and answers it the same way', async () => {
    const c = await open('manager1');
    const own = await clientOf(100);
    const desk = randomUUID();
    const msg = JSON.stringify({ type: 'push', clientId: desk, mutations: [edit(1, own.id, 'один раз', own.version)] });
    c.ws.send(msg);
    expect((await c.next('ack')).results[0]).toMatchObject({ seq: 1, status: 'applied' });
    const after = await readRow(central.store.queryObjects as never, 'clients', String(own.id), false);
    c.ws.send(msg);
    expect((await c.next('ack')).results[0]).toMatchObject({ seq: 1, status: 'applied' });
    const again = await readRow(central.store.queryObjects as never, 'clients', String(own.id), false);
    expect(again!.version).toBe(after!.version);
    c.ws.close();
  });

  it('a mutation the store failed on gets no answer, and the socket closes so the desk sends it again', async () => {
    const c = await open('manager1');
    const own = await clientOf(100);
    const desk = randomUUID();
    // The next transaction fails as a connection the database just cut would.
    const store = central.store as { transaction: typeof central.store.transaction };
    const real = store.transaction;
    store.transaction = async () => {
      store.transaction = real;
      throw new Error('Connection terminated unexpectedly');
    };
    c.ws.send(
      JSON.stringify({
        type: 'push',
        clientId: desk,
        mutations: [edit(1, own.id, 'после обрыва', own.version), edit(2, own.id, 'и ещё', own.version)],
      }),
    );
    expect((await c.next('ack')).results).toEqual([]);
    expect(await c.next('error')).toMatchObject({ code: 'internal' });
    expect(await c.closed).toBe(1011);
    // Connected again, the desk sends both again and both apply.
    const again = await open('manager1');
    again.ws.send(
      JSON.stringify({
        type: 'push',
        clientId: desk,
        mutations: [edit(1, own.id, 'после обрыва', own.version), edit(2, own.id, 'и ещё', own.version)],
      }),
    );
    expect((await again.next('ack')).results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    again.ws.close();
  });

  it('refuses a desk id that belongs to another user', async () => {
    const desk = randomUUID();
    const m1 = await open('manager1');
    m1.ws.send(JSON.stringify({ type: 'push', clientId: desk, mutations: [edit(1, (await clientOf(100)).id, 'моя')] }));
    await m1.next('ack');
    const m2 = await open('manager2');
    m2.ws.send(
      JSON.stringify({ type: 'push', clientId: desk, mutations: [edit(2, (await clientOf(101)).id, 'чужой стол')] }),
    );
    expect((await m2.next('ack')).results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
    m1.ws.close();
    m2.ws.close();
  });

  it('closes on malformed or oversized push frames and keeps serving others', async () => {
    const good = await open('manager1');
    const bad = await open('manager1');
    bad.ws.send(JSON.stringify({ type: 'push', clientId: 'not-a-uuid', mutations: [edit(1, 1, 'x')] }));
    expect(await bad.closed).toBe(1008);
    const tooMany = await open('manager1');
    tooMany.ws.send(
      JSON.stringify({
        type: 'push',
        clientId: randomUUID(),
        mutations: Array.from({ length: 501 }, (_, i) => edit(i + 1, 1, 'x')),
      }),
    );
    expect(await tooMany.closed).toBe(1008);
    const huge = await open('manager1');
    huge.ws.send(
      JSON.stringify({ type: 'push', clientId: randomUUID(), mutations: [edit(1, 1, 'x'.repeat(MAX_MESSAGE_BYTES))] }),
    );
    expect(await huge.closed).toBe(1009);
    good.ws.send(JSON.stringify({ type: 'ping', at: 1 }));
    expect(await good.next('pong')).toEqual({ type: 'pong', at: 1 });
    good.ws.close();
  });
});
