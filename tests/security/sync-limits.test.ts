// Limits per user on the sync socket: a fifth socket of one user closes that user's oldest (a
// desk's dead link, mostly), and a connection flooded with requests is closed rather than queued
// without end; the server goes on serving everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 50 });
});
afterAll(async () => central?.stop());

function open(token: string) {
  const ws = new WebSocket(`${central.server.url.replace('http', 'ws')}/sync`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: any[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  return { ws, messages, closed, opened };
}

describe('sync socket limits', () => {
  it("a user's fifth socket closes their oldest", async () => {
    const { token } = await login(central.server.url, 'manager1');
    const sockets = [];
    for (let i = 0; i < 5; i++) {
      const s = open(token);
      await s.opened;
      await expect.poll(() => s.messages.some((m) => m.type === 'welcome')).toBe(true);
      sockets.push(s);
    }
    expect(await sockets[0]!.closed).toBe(4008);
    expect(sockets[0]!.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'protocol_error' });
    for (const s of sockets.slice(1)) expect(s.ws.readyState).toBe(WebSocket.OPEN);
    for (const s of sockets) s.ws.close();
  });

  it('a connection flooded with requests is closed; another user is served meanwhile', async () => {
    const flood = open((await login(central.server.url, 'manager2')).token);
    await flood.opened;
    for (let i = 0; i < 200; i++) flood.ws.send(JSON.stringify({ type: 'pull', cursor: 0, limit: 5000 }));
    expect(await flood.closed).toBe(1008);
    const calm = open((await login(central.server.url, 'manager3')).token);
    await calm.opened;
    calm.ws.send(JSON.stringify({ type: 'pull', cursor: 0, limit: 100 }));
    await expect.poll(() => calm.messages.some((m) => m.type === 'batch')).toBe(true);
    calm.ws.close();
  });
});
