// A password guesser against the running server, as the security review tried it: wrong
// passwords for one login get 429 with Retry-After after a few, before any more hashes are
// computed, and the right password does not get through while the pause lasts; other logins and
// the guessed one from elsewhere are not locked out by one address's pause; a hash made with
// the older, cheaper cost is made again at the next sign-in; the desk says it in Russian.
import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../main/session/server-api';
import { createLoginGuard } from '../../server/auth/login-guard';
import { startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 10 });
});
afterAll(async () => central?.stop());

const attempt = (login: string, password: string) =>
  fetch(`${central.server.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });

describe('password guessing', () => {
  it('gets 429 with Retry-After after five wrong passwords, the right one included, until the pause ends', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('manager2', `guess-${i}`)).status).toBe(401);
    const refused = await attempt('manager2', 'guess-5');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(25);
    expect(wait).toBeLessThanOrEqual(30);
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_attempts' } });
    // The right password waits too: the guesser cannot tell a hit from a miss.
    expect((await attempt('manager2', 'demo1234')).status).toBe(429);
    // Another login from the same address signs in.
    expect((await attempt('manager3', 'demo1234')).status).toBe(200);
    // The desk tells its user how long to wait, in their words.
    await expect(signIn(central.server.url, 'manager2', 'demo1234')).rejects.toMatchObject({
      code: 'too_many_attempts',
      message: expect.stringMatching(/^\d+$/),
    });
  });

  it('doubles the pause for each run of failures, and a success starts the count again', async () => {
    const guard = createLoginGuard({ consecutive: 2 });
    const fail = async () => guard.failed('x', '10.0.0.1');
    await fail();
    await fail();
    const first = await guard.admit('x', '10.0.0.1');
    expect(first).toMatchObject({ ok: false, reason: 'guessing' });
    expect(first.ok ? 0 : first.retryAfterSeconds).toBe(30);
    // Elsewhere the same login is not paused by this address's failures.
    expect(await guard.admit('x', '10.0.0.2')).toEqual({ ok: true });
    await guard.succeeded('x', '10.0.0.1');
    expect(await guard.admit('x', '10.0.0.1')).toEqual({ ok: true });
  });

  it('caps the checks running at once; past the line, come back later', async () => {
    const guard = createLoginGuard({ concurrentChecks: 1, queue: 2 });
    let running = 0;
    let most = 0;
    const slow = () =>
      guard.check(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return true;
      });
    const results = await Promise.all(Array.from({ length: 8 }, slow));
    expect(most).toBe(1);
    // One running and two waiting at the most: the rest are told to come back in a second.
    expect(results.filter((r) => r.ok).length).toBeLessThanOrEqual(4);
    expect(results.filter((r) => !r.ok).length).toBeGreaterThanOrEqual(4);
    for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("makes a user's hash again with today's cost at their next sign-in", async () => {
    // A hash as the server made them before the cost was raised (N = 2^15).
    const salt = randomBytes(16);
    const key = scryptSync('demo1234', salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    await central.store.queryObjects(`UPDATE users SET password_hash = $1 WHERE login = 'manager4'`, [old]);
    expect((await attempt('manager4', 'demo1234')).status).toBe(200);
    const [after] = await central.store.queryObjects<{ password_hash: string }>(
      `SELECT password_hash FROM users WHERE login = 'manager4'`,
    );
    expect(after!.password_hash.startsWith('scrypt$65536$8$1$')).toBe(true);
    expect((await attempt('manager4', 'demo1234')).status).toBe(200);
  });
});
