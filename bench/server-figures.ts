// The server's figures for `npm run bench`: acknowledgement latency with 200 desks pushing once a
// second (on PostgreSQL when DATABASE_URL is set, the multi-desk deployment; and on embedded
// PGlite), end to end beside the server's own receipt-to-ack time and both processes' CPU; and
// the capacity of one server process (the most desks with an ack p95 under 100 ms).
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '../server/passwords';
import type { Figure } from './figures';
import { log, percentile, ratio } from './figures';
import { capacity, startLoadServer, type LoadStep } from './server-load';

const describe = (s: LoadStep): string =>
  `p50 ${s.p50.toFixed(1)}, p99 ${s.p99.toFixed(1)} ms; server receipt → ack p95 ${s.serverP95 ?? '—'} ms; ${s.acks} acks, ${s.errors} rejected; server CPU ${s.serverCpuCores.toFixed(2)} cores, load generator ${s.generatorCpuCores.toFixed(2)} cores per process (2 processes)`;

export async function serverFigures(quick: boolean): Promise<Figure[]> {
  const figures: Figure[] = [];
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const seconds = quick ? 15 : 30;
  log(`one server process, 200 desks pushing once a second for ${seconds} s…`);
  const server = await startLoadServer(databaseUrl);
  try {
    figures.push(...(await signInFigures(server.url)));
    const at200 = await server.step(200, seconds);
    figures.push(
      {
        id: 'server.ack.p95_ms',
        value: Number(at200.p95.toFixed(1)),
        unit: 'ms',
        budget: 50,
        note: `${server.storage}: ${describe(at200)}`,
      },
      {
        id: 'server.ack.server_p95_ms',
        value: at200.serverP95 ?? NaN,
        unit: 'ms',
        budget: null,
        note: "the server's own time from a push's receipt to its ack, same window",
      },
    );
    log('capacity: more desks each step until the ack p95 reaches 100 ms…');
    const cap = await capacity(server, quick ? 8 : 12);
    figures.push({
      id: 'server.capacity.desks_at_p95_100ms',
      value: cap.desks,
      unit: 'desks',
      budget: null,
      note: `${server.storage}, one push a second each; steps ${cap.steps.map((s) => `${s.desks}: p95 ${Math.round(s.p95)} ms (server ${s.serverP95 ?? '—'}, CPU ${s.serverCpuCores.toFixed(2)})`).join('; ')}`,
    });
  } finally {
    await server.close();
  }
  if (databaseUrl) {
    log('the same 200 desks on embedded PGlite…');
    const embedded = await startLoadServer();
    try {
      const s = await embedded.step(200, 15);
      figures.push({
        id: 'server.ack.pglite.p95_ms',
        value: Number(s.p95.toFixed(1)),
        unit: 'ms',
        budget: null,
        note: `PGlite (one thread): ${describe(s)}`,
      });
    } finally {
      await embedded.close();
    }
  }
  return figures;
}

/**
 * 20 people signing in at once: the slow hash is the point, and the server checks two at a time,
 * so the limit is the bare hash's time in this run times the rounds that takes (20 / 2 = 10).
 */
async function signInFigures(url: string): Promise<Figure[]> {
  const PARALLEL = 20;
  const AT_ONCE = 2;
  const stored = await hashPassword('bench-password-1');
  const bare: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await verifyPassword('bench-password-1', stored);
    bare.push(performance.now() - t);
  }
  const hashMs = percentile(bare, 50);
  log(`${PARALLEL} sign-ins at once (one scrypt check: ${hashMs.toFixed(0)} ms)…`);
  const times = await Promise.all(
    Array.from({ length: PARALLEL }, async (_, i) => {
      const t = performance.now();
      const r = await fetch(`${url}/api/login`, {
        method: 'POST',
        body: JSON.stringify({ login: `manager${150 + i}`, password: 'demo1234' }),
      });
      if (r.status !== 200) throw new Error(`sign-in answered ${r.status}`);
      await r.arrayBuffer();
      return performance.now() - t;
    }),
  );
  const p95 = percentile(times, 95);
  const limit = hashMs * Math.ceil(PARALLEL / AT_ONCE);
  return [
    {
      id: 'auth.login_p95_ms',
      value: Math.round(p95),
      unit: 'ms',
      budget: null,
      note: `${PARALLEL} parallel sign-ins, checked ${AT_ONCE} at a time; the bare scrypt check (N=2^16) here: ${hashMs.toFixed(0)} ms, × ${Math.ceil(PARALLEL / AT_ONCE)} rounds = ${Math.round(limit)} ms`,
    },
    {
      id: 'auth.login_p95_over_hash_rounds',
      value: ratio(p95, limit),
      unit: 'ratio',
      budget: 1.5,
      note: 'sign-in p95 over the bare hash time × rounds, same run: what the server adds to the slow hash itself',
    },
  ];
}
