// Server load for `npm run bench`: a central server in its own process (on PostgreSQL when
// DATABASE_URL is set, else embedded PGlite) and simulated desks spread over child processes
// (bench/load-desks.ts), each pushing one mutation a second. Reported per step: the desks' ack
// p50/p95/p99 end to end, the server's own p95 from receipt to ack (its /health over the step's
// window), the server's CPU and the generator's CPU per process (it must stay far from a core).
// Capacity steps the desks up until the p95 reaches 100 ms; every step is bounded in time.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LoadPlan, LoadReport } from './load-desks';
import { startCentralProcess } from './central-process';
import { percentile } from './figures';

export interface LoadStep {
  desks: number;
  p50: number;
  p95: number;
  p99: number;
  acks: number;
  errors: number;
  serverP95: number | null;
  serverCpuCores: number;
  /** The busiest generator process's CPU, in cores. */
  generatorCpuCores: number;
}

export interface LoadServer {
  url: string;
  storage: 'PostgreSQL' | 'PGlite';
  step(desks: number, seconds: number): Promise<LoadStep>;
  close(): Promise<void>;
}

const GENERATORS = 2;
const LOGINS = 200;

async function ownDatabase(databaseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `opta_bench_load_${process.pid}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Starts a server process with 200 managers (one person per desk, as in an office) sharing 300 clients. */
export async function startLoadServer(databaseUrl?: string): Promise<LoadServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-load-'));
  const db = databaseUrl ? await ownDatabase(databaseUrl) : null;
  const central = await startCentralProcess(
    [
      ...['--data', dataDir, '--demo', '--demo-items', '1000', '--demo-orders', '200', '--demo-big-orders', ''],
      ...['--demo-managers', String(LOGINS), '--demo-supervisors', '10'],
      // Up to 3,000 desks for 200 people: more computers per person than an office has.
      ...['--max-sockets-per-user', '20'],
    ],
    db?.url,
  );
  const url = central.url;
  // Signed in a few at a time, as an office arriving in the morning: the server checks two
  // passwords at once and tells a long line to come back (429, Retry-After), which is obeyed here.
  const signIn = async (m: number): Promise<{ token: string; clientIds: number[] }> => {
    for (;;) {
      const r = await fetch(`${url}/api/login`, {
        method: 'POST',
        body: JSON.stringify({ login: `manager${m + 1}`, password: 'demo1234' }),
      });
      if (r.status === 429) {
        await new Promise((done) => setTimeout(done, Number(r.headers.get('retry-after') ?? 1) * 1000));
        continue;
      }
      return { token: ((await r.json()) as { token: string }).token, clientIds: [] };
    }
  };
  const logins: { token: string; clientIds: number[] }[] = [];
  for (let m = 0; m < LOGINS; m += 8)
    logins.push(...(await Promise.all(Array.from({ length: Math.min(8, LOGINS - m) }, (_, i) => signIn(m + i)))));
  // Clients in each manager's scope (the demo data assigns them round-robin).
  for (let c = 1; c <= 300; c++) logins[(c - 1) % LOGINS]!.clientIds.push(c);

  const step = async (desks: number, seconds: number): Promise<LoadStep> => {
    // More desks than people: the same people on more computers (each desk its own identity).
    const all = Array.from({ length: desks }, (_, i) => logins[i % LOGINS]!);
    const children: ChildProcess[] = [];
    const reports: Promise<Extract<LoadReport, { type: 'done' }>>[] = [];
    const ready: Promise<void>[] = [];
    for (let g = 0; g < GENERATORS; g++) {
      const child = fork(path.resolve('bench/load-desks.ts'), [], { execArgv: ['--import', 'tsx'] });
      children.push(child);
      const plan: LoadPlan = { url, desks: all.filter((_, i) => i % GENERATORS === g) };
      let readyNow!: () => void;
      let doneNow!: (r: Extract<LoadReport, { type: 'done' }>) => void;
      ready.push(new Promise<void>((r) => (readyNow = r)));
      reports.push(new Promise((r) => (doneNow = r)));
      child.on('message', (m) => {
        const report = m as LoadReport;
        if (report.type === 'ready') readyNow();
        else doneNow(report);
      });
      child.send(plan);
    }
    await Promise.all(ready);
    const at = Date.now() + 500;
    const cpu0 = central.cpuSeconds();
    for (const c of children) c.send({ type: 'go', at, seconds });
    const done = await Promise.all(reports);
    const wall = (Date.now() - at) / 1000;
    const serverCpuCores = (central.cpuSeconds() - cpu0) / wall;
    const health = (await (
      await fetch(`${url}/health?since=${at}`, { headers: { authorization: `Bearer ${logins[0]!.token}` } })
    ).json()) as { pushAckMs: { p95: number | null } };
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    const latencies = done.flatMap((d) => d.latencies);
    return {
      desks,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      acks: latencies.length,
      errors: done.reduce((s, d) => s + d.errors, 0),
      serverP95: health.pushAckMs.p95,
      serverCpuCores,
      generatorCpuCores: Math.max(...done.map((d) => d.cpuSeconds / d.wallSeconds)),
    };
  };

  return {
    url,
    storage: db ? 'PostgreSQL' : 'PGlite',
    step,
    async close() {
      await central.close();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The most desks with an ack p95 under 100 ms: steps of 1.6 times more desks, each `seconds`
 * long, up to `max`, until a step reaches the line; then two halvings of the gap between the
 * last step under it and the first over it. Returns the answer and every step measured.
 */
export async function capacity(
  server: LoadServer,
  seconds: number,
  max = 3000,
): Promise<{ desks: number; steps: LoadStep[] }> {
  const steps: LoadStep[] = [];
  const fine = (s: LoadStep) => s.p95 < 100 && s.errors === 0;
  let good = 0;
  let bad = 0;
  for (let desks = 100; desks <= max; desks = Math.round(desks * 1.6)) {
    const s = await server.step(desks, seconds);
    steps.push(s);
    if (!fine(s)) {
      bad = desks;
      break;
    }
    good = desks;
  }
  for (let i = 0; bad && i < 2; i++) {
    const desks = Math.round((good + bad) / 2);
    const s = await server.step(desks, seconds);
    steps.push(s);
    if (fine(s)) good = desks;
    else bad = desks;
  }
  return { desks: good, steps };
}
