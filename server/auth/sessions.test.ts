// Session lifetimes on a real store with a clock of the test's own: a token unused for the idle
// lifetime expires; a family renewed every day still ends at its absolute lifetime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type CentralStore } from '../store';
import { createSessions, endSessionsOf } from './sessions';

let store: CentralStore;
beforeAll(async () => {
  store = await openStore({});
});
afterAll(async () => store?.close());

const DAY = 86_400_000;

describe('refresh token families', () => {
  it('expire when unused for the idle lifetime', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const sessions = createSessions(store, { idleSeconds: 2 * 86400, absoluteSeconds: 30 * 86400 }, () => now);
    const token = await sessions.start(7);
    now += 3 * DAY;
    expect(await sessions.renew(token)).toEqual({ ok: false, why: 'expired' });
  });

  it('end at the absolute lifetime however often they are renewed', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const sessions = createSessions(store, { idleSeconds: 2 * 86400, absoluteSeconds: 5 * 86400 }, () => now);
    let token = await sessions.start(8);
    for (let day = 1; day <= 4; day++) {
      now += DAY;
      const r = await sessions.renew(token);
      expect(r.ok).toBe(true);
      token = (r as { refreshToken: string }).refreshToken;
    }
    now += DAY + 1000;
    expect(await sessions.renew(token)).toEqual({ ok: false, why: 'expired' });
  });

  it("end with their user's other sessions when an admin resets or deactivates", async () => {
    const sessions = createSessions(store, { idleSeconds: 86400, absoluteSeconds: 86400 }, Date.now);
    const a = await sessions.start(9);
    const b = await sessions.start(9);
    expect(await endSessionsOf(store.queryObjects.bind(store), 9)).toBe(2);
    expect(await sessions.renew(a)).toEqual({ ok: false, why: 'revoked' });
    expect(await sessions.renew(b)).toEqual({ ok: false, why: 'revoked' });
    expect(await sessions.renew('never-issued')).toEqual({ ok: false, why: 'unknown' });
  });

  it('take a token again within a minute of its renewal while the successor is unused, and not after', async () => {
    let now = Date.parse('2026-12-01T09:00:00Z');
    const sessions = createSessions(store, { idleSeconds: 86400, absoluteSeconds: 5 * 86400 }, () => now);
    const first = await sessions.start(10);
    const lost = await sessions.renew(first);
    expect(lost.ok).toBe(true);
    now += 30_000;
    const again = await sessions.renew(first);
    expect(again.ok).toBe(true);
    // A minute and more later, the same move is a stolen copy: the family ends.
    const later = (again as { refreshToken: string }).refreshToken;
    const next = await sessions.renew(later);
    expect(next.ok).toBe(true);
    now += 61_000;
    expect(await sessions.renew(later)).toEqual({ ok: false, why: 'reused' });
    expect((await sessions.renew((next as { refreshToken: string }).refreshToken)).ok).toBe(false);
  });
});
