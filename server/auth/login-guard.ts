// What stands between a password guesser and the slow hash: failed sign-ins are counted per
// login and address (a few in a row, then a pause that doubles), per login from anywhere (a
// guesser spreading over many addresses), and per address over many logins (one guesser trying
// everyone); a refused attempt is answered 429 with Retry-After before any hash is computed. The
// checks themselves run a few at a time: a flood of sign-ins queues instead of taking every core
// and all memory (each scrypt takes 64 MiB), and past the queue's length it is told to come back.
// Counters live in this process (rate-limiter-flexible's memory store): each instance behind a
// load balancer counts its own share.
import pLimit from 'p-limit';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginGuardOptions {
  /** Failures in a row for one login from one address before a pause (it doubles each time, up to an hour). */
  consecutive?: number;
  /** Failures for one login from any address per hour. */
  perLoginHourly?: number;
  /** Failures from one address over any logins per hour. */
  perAddressHourly?: number;
  /** Password checks at once; more wait in line. */
  concurrentChecks?: number;
  /** Sign-ins waiting for a check before the next is told to come back later. */
  queue?: number;
}

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; reason: 'guessing' | 'busy' };

export interface LoginGuard {
  /** Before the password is checked: may this attempt go on? */
  admit(login: string, address: string): Promise<Verdict>;
  /** Runs a password check within the cap, or says the line is too long. */
  check<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; retryAfterSeconds: number }>;
  failed(login: string, address: string): Promise<void>;
  succeeded(login: string, address: string): Promise<void>;
}

const HOUR = 3600;
const MAX_PAUSE = HOUR;

export function createLoginGuard(o: LoginGuardOptions = {}): LoginGuard {
  const consecutive = new RateLimiterMemory({ keyPrefix: 'login_ip', points: o.consecutive ?? 5, duration: HOUR });
  const perLogin = new RateLimiterMemory({ keyPrefix: 'login', points: o.perLoginHourly ?? 30, duration: HOUR });
  const perAddress = new RateLimiterMemory({ keyPrefix: 'ip', points: o.perAddressHourly ?? 100, duration: HOUR });
  // How many pauses each login+address pair has earned: each one twice as long as the last.
  const pauses = new RateLimiterMemory({ keyPrefix: 'pauses', points: 1000, duration: 24 * HOUR });
  const limit = pLimit(o.concurrentChecks ?? 2);
  const queue = o.queue ?? 64;
  const pair = (login: string, address: string) => `${login.toLowerCase()}|${address}`;
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    async admit(login, address) {
      const [byPair, byLogin, byAddress] = await Promise.all([
        consecutive.get(pair(login, address)),
        perLogin.get(login.toLowerCase()),
        perAddress.get(address),
      ]);
      const blocked = [byPair, byLogin, byAddress].filter(
        (r): r is RateLimiterRes => r !== null && r.remainingPoints <= 0 && r.msBeforeNext > 0,
      );
      if (blocked.length === 0) return { ok: true };
      return {
        ok: false,
        reason: 'guessing',
        retryAfterSeconds: seconds(Math.max(...blocked.map((r) => r.msBeforeNext))),
      };
    },
    async check(fn) {
      if (limit.pendingCount >= queue) return { ok: false, retryAfterSeconds: 1 };
      return { ok: true, value: await limit(fn) };
    },
    async failed(login, address) {
      const key = pair(login, address);
      const overLimit = async (limiter: RateLimiterMemory, k: string, block: number): Promise<void> => {
        if ((await limiter.penalty(k, 1)).remainingPoints <= 0) await limiter.block(k, block);
      };
      await Promise.all([overLimit(perLogin, login.toLowerCase(), 15 * 60), overLimit(perAddress, address, HOUR)]);
      const r = await consecutive.penalty(key, 1);
      if (r.remainingPoints > 0) return;
      // A pause: 30 s, then 60 s, 120 s… up to an hour; the count of failures in a row starts again after it.
      const earned = (await pauses.penalty(key, 1)).consumedPoints;
      await consecutive.block(key, Math.min(MAX_PAUSE, 30 * 2 ** (earned - 1)));
    },
    async succeeded(login, address) {
      await Promise.all([consecutive.delete(pair(login, address)), pauses.delete(pair(login, address))]);
    },
  };
}
