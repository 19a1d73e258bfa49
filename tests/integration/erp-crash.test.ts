// The server SIGKILLed while its outbox worker is mid-batch (the ERP has done the work, its
// answer is still on the way): after restart the batch is sent again, the ERP answers
// "already done", and every order is in the ERP once and accepted on the desk. Nothing lost,
// no duplicate effect.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/desk-core';
import { startErpSimulator } from '../../server/erp-sim/simulator';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { demoAsOf, generateDemoData } from '../../db/demo/generate';
import { openStore } from '../../server/store';
import { until } from '../helpers/until';

describe('server killed mid-batch', () => {
  it('redelivers the batch after restart with no loss and no duplicate effect', async () => {
    // The ERP holds the master data the server loads on its first start; then it goes down.
    const demo = generateDemoData({ items: 100, orders: 0, bigOrders: [], asOf: demoAsOf(new Date()) });
    const erp = await startErpSimulator({ data: erpMasterFromDemo(demo), progressMs: 3_600_000 });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-erpkill-'));
    const port = String(21_000 + (process.pid % 20_000));
    const startServer = (): Promise<ChildProcessWithoutNullStreams> =>
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
            port,
            '--demo',
            '--demo-items',
            '100',
            // No demo history: the outbox holds only this test's orders.
            '--demo-orders',
            '0',
            '--erp',
            erp.url,
          ],
          { env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' } },
        );
        proc.stdout.on('data', (d: Buffer) => d.toString().includes('OPTA_SERVER_READY') && resolve(proc));
        proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
    let server = await startServer();
    Object.assign(erp.faults, { down: true, answerDelayMs: 4000 });
    const core = createDeskCore({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-desk-')),
      serverUrl: `http://127.0.0.1:${port}`,
      shell: 'web',
      locale: 'ru',
      version: 'test',
    });
    try {
      await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
      await until(() => core.status().lastSyncAt !== null, 60_000);
      // Prepaid clients: no credit limit between these orders and the ERP.
      const client = (core.handlers['clients.list']({}) as { id: number; paymentTerms: string }[]).filter((c) =>
        /Предоплат/.test(c.paymentTerms),
      );
      const items = (core.handlers['catalog.page']({}) as { rows: { id: number; packSize: number }[] }).rows;
      const ids: string[] = [];
      for (let n = 0; n < 60; n++) {
        const { id } = core.handlers['orders.create']({
          clientId: client[n % client.length]!.id,
          kind: 'order',
          warehouseId: 1,
        }) as { id: string };
        const item = items[n % items.length]!;
        core.handlers['orders.addLines']({
          orderId: id,
          lines: [{ itemId: item.id, quantity: String(item.packSize), price: '99999.0000', overrideReason: 'agreed' }],
          label: 'add',
        });
        core.handlers['orders.submit']({
          id,
          checkDigest: (core.handlers['orders.submitCheck']({ id }) as { digest: string }).digest,
        });
        ids.push(id);
      }
      await until(() => core.status().pending === 0, 60_000);

      // The ERP comes back; the first batch is done there, its answer delayed: kill the server now.
      erp.faults.down = false;
      await until(() => erp.ledger.size > 0, 60_000, 10);
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      const doneBeforeKill = erp.ledger.size;
      expect(doneBeforeKill).toBeGreaterThan(0);
      erp.faults.answerDelayMs = 0;
      server = await startServer();

      await until(
        () => {
          const mine = (
            core.handlers['orders.list']({}) as { id: string; erpNumber: string | null; status: string }[]
          ).filter((o) => ids.includes(o.id));
          return mine.length === 60 && mine.every((o) => o.erpNumber !== null && o.status === 'accepted');
        },
        120_000,
        100,
      );
      // The demo's own orders waiting for the ERP are delivered too: each submit once, ours all there.
      const allSubmits = erp.applied.filter((e) => e.method === 'order.submit');
      expect(new Set(allSubmits.map((e) => e.aggregate)).size).toBe(allSubmits.length);
      const submits = allSubmits.filter((e) => ids.includes(e.aggregate.slice('order:'.length)));
      expect(submits).toHaveLength(60);
      expect(new Set(submits.map((e) => e.aggregate))).toEqual(new Set(ids.map((id) => `order:${id}`)));
      // The batch in flight at the kill was sent again and answered "already done".
      expect([...erp.ledger.values()].filter((e) => e.received > 1).length).toBeGreaterThanOrEqual(1);
    } finally {
      await core.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await erp.close();
    }
    const store = await openStore({ dataDir });
    const rows = await store.queryObjects<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM erp_outbox GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'delivered', n: 60 }]);
    await store.close();
  }, 240_000);
});
