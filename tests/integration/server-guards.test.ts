// The server under bad input: wrong password, forged and expired tokens, messages that are not
// JSON, not in the protocol, or too large. Each gets a clear error and a closed socket, and the
// server keeps serving everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES } from '../../domain/sync/sync-protocol';
import { createTokenIssuer } from '../../server/tokens';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

const SECRET = 'test-secret-for-guards-only';
let central: TestCentral;
beforeAll(async () => {
  process.env.OPTA_TOKEN_SECRET = SECRET;
  central = await startTestCentral({ items: 300 });
});
afterAll(async () => {
  delete process.env.OPTA_TOKEN_SECRET;
  await central?.stop();
});

const wsUrl = (): string => `${central.server.url.replace('http', 'ws')}/sync`;

function connect(token: string): Promise<{ ws: WebSocket; messages: any[]; status?: number; body?: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl(), { headers: { authorization: `Bearer ${token}` } });
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    ws.on('open', () => resolve({ ws, messages }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ ws, messages, status: res.statusCode, body }));
    });
    ws.on('error', () => undefined);
  });
}

const closed = (ws: WebSocket): Promise<number> =>
  new Promise((resolve) => (ws.readyState === ws.CLOSED ? resolve(-1) : ws.once('close', (code) => resolve(code))));
const until = async (cond: () => boolean): Promise<void> => {
  const end = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('login', () => {
  it('refuses a wrong password and an unknown login alike', async () => {
    for (const body of [
      { login: 'manager1', password: 'wrong' },
      { login: 'nobody', password: 'demo1234' },
    ]) {
      const res = await fetch(`${central.server.url}/api/login`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('wrong_credentials');
    }
  });
  it('refuses malformed bodies', async () => {
    for (const body of ['not json', '{"login":1}', JSON.stringify({ login: 'a', password: 'b', admin: true })]) {
      const res = await fetch(`${central.server.url}/api/login`, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('bad_input');
    }
  });
  it('reports health: only "ok" to a stranger, the figures to a signed-in user', async () => {
    expect(await (await fetch(`${central.server.url}/health`)).json()).toEqual({ status: 'ok' });
    const { token } = await login(central.server.url, 'manager1');
    const res = await fetch(`${central.server.url}/health`, { headers: { authorization: `Bearer ${token}` } });
    expect(await res.json()).toMatchObject({
      status: 'ok',
      storage: 'pglite',
      pushAckMs: { count: expect.any(Number) },
    });
  });
});

describe('sync socket', () => {
  it('requires a valid, unexpired token', async () => {
    expect((await connect('')).status).toBe(401);
    const forged = await createTokenIssuer('another-secret', 3600).issue({ userId: 100, role: 'admin' });
    const f = await connect(forged.token);
    expect(f.status).toBe(401);
    expect(JSON.parse(f.body!).error.code).toBe('token_invalid');
    // Same key as the server (set below), issued 13 hours ago with the 12-hour lifetime.
    const expired = await createTokenIssuer(SECRET, 12 * 3600, () => Date.now() - 13 * 3600_000).issue({
      userId: 100,
      role: 'manager',
    });
    const e = await connect(expired.token);
    expect(e.status).toBe(401);
    expect(JSON.parse(e.body!).error.code).toBe('token_expired');
    const valid = await createTokenIssuer(SECRET, 12 * 3600).issue({ userId: 100, role: 'manager' });
    const v = await connect(valid.token);
    expect(v.status).toBeUndefined();
    v.ws.close();
  });

  it('closes a socket that sends garbage and keeps serving others', async () => {
    const { token } = await login(central.server.url, 'manager1');
    const good = await connect(token);
    await until(() => good.messages.some((m) => m.type === 'welcome'));
    for (const bad of [
      '{not json',
      JSON.stringify({ type: 'pull', cursor: -1 }),
      JSON.stringify({ type: 'drop_tables' }),
    ]) {
      const b = await connect(token);
      b.ws.send(bad);
      expect(await closed(b.ws)).toBeGreaterThanOrEqual(1000);
      expect(b.messages.some((m) => m.type === 'error' && m.code === 'protocol_error')).toBe(true);
    }
    const huge = await connect(token);
    huge.ws.send(JSON.stringify({ type: 'ping', at: 1, pad: 'x'.repeat(MAX_MESSAGE_BYTES + 10) }));
    expect(await closed(huge.ws)).toBe(1009);
    // The well-behaved desk is still served.
    good.ws.send(JSON.stringify({ type: 'pull', cursor: 0, limit: 100 }));
    await until(() => good.messages.some((m) => m.type === 'batch'));
    good.ws.close();
  });
});
