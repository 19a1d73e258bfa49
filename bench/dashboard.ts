// The dashboard figure: a supervisor's desk syncs the demo data (about 20,000 orders over a year,
// its team's half of the 1,000,000+ lines) into a real replica over a real WebSocket, then the
// whole dashboard is recomputed for each period switch (today, week, month, quarter, a year).
// The ratio is against the floor: one bare SUM over every line of the replica in the same run.
// Plans and bonuses: a year of them for the supervisor's team (the year's plan against actual per
// product group, and every client's retro bonus standing at each month of the year), against the
// bare sums of the team's order totals per client and month the standings are made of.
// Run alone: `npx tsx bench/dashboard.ts` (seeds its own server), or from bench/run.ts.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { SessionUser } from '../domain/roles';
import { createDashboard } from '../main/dashboard/dashboard';
import { createRetroBonusBoard } from '../main/plans/retro-bonus-board';
import { createPlansBoard } from '../main/plans/sales-plans';
import { openReplica } from '../main/sync/replica';
import { syncUntilCaughtUp } from './initial-sync';

export interface DashboardFigures {
  /** The slowest of the screen's presets (today, week, month, quarter). */
  worstMs: number;
  /** A custom period of twelve months. */
  yearMs: number;
  byPeriod: Record<string, number>;
  lines: number;
  orders: number;
  floorMs: number;
  /** A year of plans and bonuses: the year's dashboard (plans per group) and twelve monthly bonus boards. */
  plansMs: number;
  bonusMs: number;
  /** The plans board for the year: every plan of the team beside what was sold against it. */
  boardMs: number;
  boardRows: number;
  bonusRows: number;
  plansFloorMs: number;
}

export async function dashboardFigures(serverUrl: string, dir: string): Promise<DashboardFigures> {
  const login = () =>
    fetch(`${serverUrl}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'supervisor1', password: 'demo1234' }),
    });
  // fetch reuses an idle keep-alive socket from the steps before, which the server may be closing
  // just then (ECONNRESET); a fresh socket on the second try.
  const res = await login().catch(() => login());
  const { token, user } = (await res.json()) as { token: string; user: SessionUser };
  const replica = openReplica(path.join(dir, 'supervisor.sqlite'));
  await syncUntilCaughtUp(serverUrl, token, user, replica);
  const sqlite = replica.sqlite;
  const lines = Number(sqlite.prepare(`SELECT count(*) FROM order_lines`).pluck().get());
  const orders = Number(sqlite.prepare(`SELECT count(*) FROM orders`).pluck().get());
  // The demo's "now" (its data ends there), so the periods hold what a supervisor would see.
  const now = new Date('2026-11-22T12:00:00.000Z');
  const dashboard = createDashboard(
    sqlite,
    () => user,
    () => now,
    () => replica.recountTotals(),
  );
  const day = 86_400_000;
  const msk = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m, d) - 3 * 3600_000).toISOString();
  const periods: Record<string, { fromAt: string; toAt: string }> = {
    today: { fromAt: msk(2026, 10, 22), toAt: msk(2026, 10, 23) },
    week: { fromAt: msk(2026, 10, 16), toAt: msk(2026, 10, 23) },
    month: { fromAt: msk(2026, 10), toAt: msk(2026, 11) },
    quarter: { fromAt: msk(2026, 9), toAt: msk(2027, 0) },
    year: { fromAt: new Date(now.getTime() - 365 * day).toISOString(), toAt: msk(2026, 10, 23) },
  };
  // One warm-up (first reads of the file), then each switch three times; the median counts.
  dashboard.compute(periods.month!);
  const byPeriod: Record<string, number> = {};
  for (const [name, p] of Object.entries(periods)) {
    const runs = [0, 1, 2]
      .map(() => {
        const t0 = performance.now();
        dashboard.compute(p);
        return performance.now() - t0;
      })
      .sort((a, b) => a - b);
    byPeriod[name] = runs[1]!;
  }
  const t0 = performance.now();
  sqlite.prepare(`SELECT SUM(CAST(ROUND(amount * 100) AS INTEGER)) FROM order_lines`).get();
  const floorMs = performance.now() - t0;
  // A year of retro bonuses: each client's standing on its scales at the middle of each month.
  const board = createRetroBonusBoard(sqlite, () => user);
  const months = Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2025, 11 + k, 15, 9)).toISOString());
  board.rows({ at: months[0]! });
  const bonusRuns = [0, 1, 2]
    .map(() => {
      const t1 = performance.now();
      for (const at of months) board.rows({ at });
      return performance.now() - t1;
    })
    .sort((a, b) => a - b);
  const bonusMs = bonusRuns[1]!;
  const bonusRows = months.reduce((n, at) => n + board.rows({ at }).rows.length, 0);
  // The plans screen for the year: 1C's plans per client, group and month, and the supervisors' per quarter.
  const plansBoard = createPlansBoard(sqlite, () => user);
  const planYear = Number(new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 4));
  plansBoard.rows({ year: planYear });
  const boardRuns = [0, 1, 2]
    .map(() => {
      const t1 = performance.now();
      plansBoard.rows({ year: planYear });
      return performance.now() - t1;
    })
    .sort((a, b) => a - b);
  const boardMs = boardRuns[1]!;
  const boardRows = plansBoard.rows({ year: planYear }).rows.length;
  const t2 = performance.now();
  sqlite
    .prepare(
      `SELECT client_id, substr(submitted_at, 1, 7), SUM(CAST(ROUND(CAST(total AS REAL) * 100) AS INTEGER)) FROM orders GROUP BY 1, 2`,
    )
    .all();
  const plansFloorMs = performance.now() - t2;
  replica.close();
  // For profiling the dashboard's queries again without another seed and sync.
  if (process.env.OPTA_BENCH_KEEP_REPLICA)
    copyFileSync(path.join(dir, 'supervisor.sqlite'), process.env.OPTA_BENCH_KEEP_REPLICA);
  const { year, ...presets } = byPeriod;
  return {
    worstMs: Math.max(...Object.values(presets)),
    yearMs: year!,
    byPeriod,
    lines,
    orders,
    floorMs,
    plansMs: year! + bonusMs + boardMs,
    bonusMs,
    boardMs,
    boardRows,
    bonusRows,
    plansFloorMs,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { openStore } = await import('../server/store');
  const { seedDemoData } = await import('../server/demo-seed');
  const { startCentralServer } = await import('../server/central-server');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-dash-'));
  const store = await openStore({ dataDir: path.join(dir, 'server') });
  console.log('· seeding the demo data (20,000 items, 20,000 orders)…');
  await seedDemoData(store, { items: 20_000, bigOrders: [] });
  const server = await startCentralServer({ store, logger: pino({ level: 'silent' }) });
  console.log('· supervisor1 syncs, then the dashboard is recomputed per period…');
  const f = await dashboardFigures(server.url, dir);
  console.log(JSON.stringify(f, null, 2));
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
