// kill -9 of the server during the initial load from the ERP, twice: each restart goes on from
// the page it was on, and the load ends complete, each record once, the counts read equal to
// what the ERP announced (a page cut by the kill was rolled back with its share of the counts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator } from '../../server/erp-sim/simulator';
import { openStore } from '../../server/store';

const demo = generateDemoData({ items: 1500, clients: 120, orders: 0, bigOrders: [] });

describe('server killed during the initial load', () => {
  it('resumes where it was, twice, and ends with every record exactly once', async () => {
    // Slow answers: the load takes long enough to be cut in the middle.
    const erp = await startErpSimulator({ data: erpMasterFromDemo(demo), faults: { latencyMs: 25 } });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-loadkill-'));
    const run = (until: (line: string) => boolean): Promise<ChildProcessWithoutNullStreams> =>
      new Promise((resolve, reject) => {
        const proc = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            path.resolve('server/index.ts'),
            '--data',
            dataDir,
            '--port',
            '0',
            '--erp',
            erp.url,
            '--erp-load-page',
            '150',
          ],
          { env: { ...process.env, LOG_LEVEL: 'info', DATABASE_URL: '' } },
        );
        let buffer = '';
        proc.stdout.on('data', (d: Buffer) => {
          buffer += d.toString();
          const lines = buffer.split('\n');
          buffer = lines.pop()!;
          if (lines.some(until)) resolve(proc);
        });
        proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
    // Cut at the first progress report and a moment later: somewhere in the middle of a kind.
    const loading = (line: string) => line.includes('loading master data from the ERP');
    const kill = async (proc: ChildProcessWithoutNullStreams): Promise<void> => {
      proc.removeAllListeners('exit');
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGKILL');
      await gone;
    };
    for (const pause of [700, 1500]) {
      const proc = await run(loading);
      await new Promise((r) => setTimeout(r, pause));
      await kill(proc);
      // Cut in the middle: part loaded, more to come.
      const store = await openStore({ dataDir });
      const [row] = await store.queryObjects<{ value: string }>(
        `SELECT value FROM server_settings WHERE key = 'erp_load'`,
      );
      await store.close();
      expect(JSON.parse(row!.value)).toMatchObject({ status: 'loading' });
    }
    const last = await run((line) => line.includes('ERP initial load done'));
    last.removeAllListeners('exit');
    const stopped = new Promise((r) => last.once('exit', r));
    last.kill('SIGTERM');
    await stopped;
    await erp.close();

    const store = await openStore({ dataDir });
    try {
      const count = async (table: string) =>
        (await store.queryObjects<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE NOT deleted`))[0]!.n;
      expect(await count('items')).toBe(demo.items.length);
      expect(await count('prices')).toBe(demo.prices.length);
      expect(await count('stock')).toBe(demo.stock.length);
      expect(await count('clients')).toBe(demo.clients.length);
      expect(await count('users')).toBe(demo.users.length - 1);
      // Each row written once: one version each, none shared.
      const [versions] = await store.queryObjects<{ n: number; distinct_n: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT version)::int AS distinct_n FROM (
           SELECT version FROM items UNION ALL SELECT version FROM prices UNION ALL SELECT version FROM stock
           UNION ALL SELECT version FROM clients) v`,
      );
      expect(versions!.distinct_n).toBe(versions!.n);
      const [state] = await store.queryObjects<{ value: string }>(
        `SELECT value FROM server_settings WHERE key = 'erp_load'`,
      );
      const load = JSON.parse(state!.value) as {
        status: string;
        read: Record<string, number>;
        totals: Record<string, number>;
      };
      expect(load.status).toBe('done');
      expect(load.read).toEqual(load.totals);
      const [price] = await store.queryObjects<{ price: string }>(
        `SELECT price::text AS price FROM prices WHERE item_id = $1 AND price_type_id = $2`,
        [demo.prices[777]!.item_id, demo.prices[777]!.price_type_id],
      );
      expect(Number(price!.price)).toBe(Number(demo.prices[777]!.price));
    } finally {
      await store.close();
    }
  }, 240_000);
});
