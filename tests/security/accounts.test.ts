// Accounts and sessions against the running server, as an attacker and as an admin would try
// them: staff without a password cannot sign in; an invitation's one-time password signs in only
// far enough to choose a password of one's own (the rules apply); a deactivated user's open
// socket closes at once and nothing of theirs works any more; a copied refresh token used after
// its owner renewed ends the whole session; sign-out ends it on the server; a team change makes
// the supervisors' desks sync their new scope afresh; every admin action is in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createDeskCore } from '../../main/desk-core';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
let admin: string;
beforeAll(async () => {
  central = await startTestCentral({ items: 10 });
  admin = (await login(central.server.url, 'admin')).token;
});
afterAll(async () => central?.stop());

const post = (route: string, body: unknown, token?: string) =>
  fetch(`${central.server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
const get = (route: string, token: string) =>
  fetch(`${central.server.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
const userId = async (loginName: string): Promise<number> =>
  (await central.store.queryObjects<{ id: number }>(`SELECT id FROM users WHERE login = $1`, [loginName]))[0]!.id;

/** A sync socket of the user; resolves with the first error message and the close code. */
function socket(token: string) {
  const ws = new WebSocket(`${central.server.url.replace('http', 'ws')}/sync`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const messages: { type: string; code?: string; reason?: string }[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('unexpected-response', (_q, res) => reject(new Error(`upgrade ${res.statusCode}`)));
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return { ws, messages, opened, closed };
}

describe('accounts', () => {
  it('staff from the ERP without a password cannot sign in; an invitation lets them choose their own', async () => {
    await central.store.queryObjects(`UPDATE users SET password_hash = '' WHERE login = 'manager5'`);
    expect((await post('/api/login', { login: 'manager5', password: 'demo1234' })).status).toBe(401);
    const id = await userId('manager5');
    const invited = await post('/api/admin/accounts/one-time-password', { userId: id }, admin);
    expect(invited.status).toBe(200);
    const { password } = (await invited.json()) as { password: string };
    expect(password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

    // The one-time password signs in only to change it: no refresh token, no socket, no API.
    const first = (await (await post('/api/login', { login: 'manager5', password })).json()) as {
      passwordChange?: { token: string };
      refreshToken?: string;
    };
    expect(first.refreshToken).toBeUndefined();
    const limited = first.passwordChange!.token;
    const s = socket(limited);
    await expect(s.opened).rejects.toThrow('upgrade 401');
    expect((await get('/api/erp/inbound', limited)).status).toBe(401);

    // The rules: a common password, the login inside, the one-time password again.
    const change = (next: string, current = password) => post('/api/password', { current, next }, limited);
    const weak = async (next: string) => ((await (await change(next)).json()) as { error: { message: string } }).error;
    expect(await weak('Password123')).toEqual({ code: 'weak_password', message: 'common' });
    expect(await weak('my-manager5-pass')).toEqual({ code: 'weak_password', message: 'contains_login' });
    expect(await weak('short')).toEqual({ code: 'weak_password', message: 'too_short' });
    expect((await change('зелёный-трактор-42', 'not-the-password')).status).toBe(401);
    const done = await change('зелёный-трактор-42');
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ refreshToken: expect.any(String), user: { login: 'manager5' } });

    // The one-time password is spent; the chosen one signs in to a full session.
    expect((await post('/api/login', { login: 'manager5', password })).status).toBe(401);
    expect((await login(central.server.url, 'manager5', 'зелёный-трактор-42')).token).toBeTruthy();
    const audit = (await (await get('/api/admin/audit', admin)).json()) as {
      entries: { action: string; target: string; actorName: string | null; before: unknown; after: unknown }[];
    };
    const mine = audit.entries.filter((e) => e.target === `user:${id}`).map((e) => e.action);
    expect(mine).toEqual(['password.change', 'account.invite']);
    expect(audit.entries.find((e) => e.action === 'account.invite')).toMatchObject({
      actorName: 'Администратор Системы',
      before: { account: 'none' },
      after: { account: 'invited' },
    });
  });

  it('only admins see or change accounts, and an admin cannot lock themselves out', async () => {
    const manager = (await login(central.server.url, 'manager1')).token;
    expect((await get('/api/admin/accounts', manager)).status).toBe(403);
    expect((await post('/api/admin/accounts/one-time-password', { userId: 1 }, manager)).status).toBe(403);
    const self = await post('/api/admin/accounts/settings', { userId: await userId('admin'), active: false }, admin);
    expect(self.status).toBe(403);
    const list = (await (await get('/api/admin/accounts', admin)).json()) as {
      accounts: { login: string; account: string; role: string }[];
    };
    expect(list.accounts[0]).toMatchObject({ login: 'admin', role: 'admin', account: 'ready' });
  });

  it("closes a deactivated user's open socket at once; their refresh token and password stop working", async () => {
    const session = (await (await post('/api/login', { login: 'manager6', password: 'demo1234' })).json()) as {
      token: string;
      refreshToken: string;
    };
    const s = socket(session.token);
    await s.opened;
    const id = await userId('manager6');
    expect((await post('/api/admin/accounts/settings', { userId: id, active: false }, admin)).status).toBe(200);
    expect(await s.closed).toBe(4001);
    expect(s.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'token_invalid' });
    expect((await post('/api/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
    expect((await post('/api/login', { login: 'manager6', password: 'demo1234' })).status).toBe(401);
    await expect(socket(session.token).opened).rejects.toThrow('upgrade 401');
    // Active again: signs in with the same password (sessions stay ended).
    expect((await post('/api/admin/accounts/settings', { userId: id, active: true }, admin)).status).toBe(200);
    expect((await post('/api/login', { login: 'manager6', password: 'demo1234' })).status).toBe(200);
    expect((await post('/api/refresh', { refreshToken: session.refreshToken })).status).toBe(401);
  });

  it("signs a deactivated user's desk out at once, saying why", async () => {
    const core = createDeskCore({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-revoked-')),
      serverUrl: central.server.url,
      shell: 'web',
      locale: 'ru',
      version: 'test',
    });
    const user = await core.handlers['session.login']({ login: 'manager7', password: 'demo1234' });
    await expect
      .poll(async () => (await core.handlers['sync.status']({})).connection, { timeout: 20_000 })
      .toBe('online');
    expect((await post('/api/admin/accounts/settings', { userId: user.id, active: false }, admin)).status).toBe(200);
    await expect
      .poll(async () => {
        const s = await core.handlers['sync.status']({});
        return { user: s.user, error: s.lastError?.code };
      })
      .toEqual({ user: null, error: 'token_invalid' });
    await core.close();
  });

  it('a team change makes both supervisors’ desks start a replacement sync', async () => {
    const [m] = await central.store.queryObjects<{ id: number; supervisor_id: number }>(
      `SELECT id, supervisor_id FROM users WHERE login = 'manager2'`,
    );
    const [other] = await central.store.queryObjects<{ id: number; login: string }>(
      `SELECT id, login FROM users WHERE role = 'supervisor' AND id <> $1 ORDER BY id LIMIT 1`,
      [m!.supervisor_id],
    );
    const sup = (await login(central.server.url, other!.login)).token;
    const s = socket(sup);
    await s.opened;
    const changed = await post('/api/admin/accounts/settings', { userId: m!.id, supervisorId: other!.id }, admin);
    expect(changed.status).toBe(200);
    await s.closed;
    const again = socket(sup);
    await again.opened;
    again.ws.send(JSON.stringify({ type: 'pull', cursor: 1 }));
    await expect.poll(() => again.messages.find((x) => x.type === 'reset')).toMatchObject({ reason: 'scope_changed' });
    again.ws.close();
    const [after] = await central.store.queryObjects<{ supervisor_id: number; admin_set: unknown }>(
      `SELECT supervisor_id, admin_set FROM users WHERE id = $1`,
      [m!.id],
    );
    expect(after).toEqual({ supervisor_id: other!.id, admin_set: { role: 'manager', supervisor_id: other!.id } });
  });
});

describe('client reassignment', () => {
  it("is in the admins' audit log with the client's name and the managers before and after", async () => {
    const [client] = await central.store.queryObjects<{ id: number; name: string; manager_id: number }>(
      `SELECT id, name, manager_id FROM clients ORDER BY id LIMIT 1`,
    );
    const [target] = await central.store.queryObjects<{ id: number }>(
      `SELECT id FROM users WHERE role = 'manager' AND active AND id <> $1 ORDER BY id LIMIT 1`,
      [client!.manager_id],
    );
    const s = socket(admin);
    await s.opened;
    s.ws.send(
      JSON.stringify({
        type: 'push',
        clientId: '7d1c2b1e-1111-4a4a-8b8b-000000000001',
        mutations: [{ seq: 1, name: 'client.reassign@1', args: { clientId: client!.id, managerId: target!.id } }],
      }),
    );
    await expect.poll(() => s.messages.find((m) => m.type === 'ack')).toBeTruthy();
    s.ws.close();
    const audit = (await (await get('/api/admin/audit', admin)).json()) as {
      entries: { action: string; target: string; targetName: string; before: unknown; after: unknown }[];
    };
    expect(audit.entries.find((e) => e.target === `client:${client!.id}`)).toMatchObject({
      action: 'client.reassign',
      targetName: client!.name,
      before: { managerId: client!.manager_id },
      after: { managerId: target!.id },
    });
  });
});

describe('sessions', () => {
  it('a refresh token used again after its rotation ends the whole session (a copy was used)', async () => {
    const first = (await (await post('/api/login', { login: 'manager3', password: 'demo1234' })).json()) as {
      refreshToken: string;
    };
    const renew = async (refreshToken: string) => {
      const r = await post('/api/refresh', { refreshToken });
      return { status: r.status, token: ((await r.json()) as { refreshToken?: string }).refreshToken };
    };
    const second = await renew(first.refreshToken);
    expect(second.token).not.toBe(first.refreshToken);
    // The owner's desk renews on; then a copy of the first token turns up.
    const third = await renew(second.token!);
    expect(third.status).toBe(200);
    expect((await renew(first.refreshToken)).status).toBe(401);
    // The whole session is over: the owner's newest token too.
    expect((await renew(third.token!)).status).toBe(401);
  });

  it('a renewal whose answer was lost may be asked again once; its unused successor is revoked', async () => {
    const first = (await (await post('/api/login', { login: 'manager10', password: 'demo1234' })).json()) as {
      refreshToken: string;
    };
    const lost = (await (await post('/api/refresh', { refreshToken: first.refreshToken })).json()) as {
      refreshToken: string;
    };
    const again = await post('/api/refresh', { refreshToken: first.refreshToken });
    expect(again.status).toBe(200);
    const kept = ((await again.json()) as { refreshToken: string }).refreshToken;
    // The answer that was lost is worthless now; presenting it ends the session as stolen.
    expect((await post('/api/refresh', { refreshToken: lost.refreshToken })).status).toBe(401);
    expect((await post('/api/refresh', { refreshToken: kept })).status).toBe(401);
  });

  it('sign-out ends the session on the server', async () => {
    const s = (await (await post('/api/login', { login: 'manager4', password: 'demo1234' })).json()) as {
      refreshToken: string;
    };
    expect((await post('/api/logout', { refreshToken: s.refreshToken })).status).toBe(200);
    expect((await post('/api/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
  });
});
