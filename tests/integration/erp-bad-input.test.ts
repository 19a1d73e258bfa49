// What a faulty ERP may send, and what the server does with it: snapshot pages that overlap and
// feed pages that repeat (the load still ends complete, each record once, the overlaps on record),
// a feed whose cursor goes backwards (recorded, not followed), an answer of 50 MB (cut off at the
// limit, a failed call, nothing written).
import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import { createErpCaller } from '../../server/erp/erp-caller';
import { createMasterPoll } from '../../server/erp/master-poll';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator } from '../../server/erp-sim/simulator';
import { FAST_ERP, startTestCentral, type TestCentral } from '../helpers/central';

const demo = generateDemoData({ items: 300, clients: 30, managers: 3, supervisors: 1, orders: 0, bigOrders: [] });
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

/** An "ERP" answering every call with what `answer` makes of the request. */
async function fakeErp(answer: (body: { id: number; method: string; params: unknown }) => string): Promise<string> {
  const http: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer(JSON.parse(body) as never));
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => http.close(() => r())));
  return `http://127.0.0.1:${(http.address() as { port: number }).port}`;
}

describe('a faulty ERP', () => {
  it('overlapping snapshot pages and repeated feed pages: the load ends complete, each record once', async () => {
    const erp = await startErpSimulator({ data: erpMasterFromDemo(demo), faults: { duplicateRate: 0.5 } });
    cleanup.push(() => erp.close());
    const central: TestCentral = await startTestCentral({
      empty: true,
      erpUrl: erp.url,
      erp: { ...FAST_ERP, loadPageSize: 40 },
    });
    cleanup.push(() => central.stop());
    await central.server.erpLink!.loaded;
    const count = async (table: string) =>
      (await central.store.queryObjects<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE NOT deleted`))[0]!
        .n;
    expect(await count('items')).toBe(demo.items.length);
    expect(await count('prices')).toBe(demo.prices.length);
    expect(await count('stock')).toBe(demo.stock.length);
    expect(await count('clients')).toBe(demo.clients.length);
    const overlaps = await central.store.queryObjects<{ message: string }>(
      `SELECT message FROM erp_inbound_errors WHERE message LIKE 'page repeats%'`,
    );
    expect(overlaps.length).toBeGreaterThan(0);
  }, 120_000);

  it('a feed whose cursor goes backwards is recorded and not followed; a 50 MB answer is cut off', async () => {
    const central = await startTestCentral({ items: 100 });
    cleanup.push(() => central.stop());
    await central.store.queryObjects(
      `INSERT INTO server_settings (key, value) VALUES ('erp_cursor:catalog', '500') ON CONFLICT (key) DO UPDATE SET value = '500'`,
    );
    const backwards = await fakeErp((req) =>
      JSON.stringify({ jsonrpc: '2.0', id: req.id, result: { changes: [], cursor: 120 } }),
    );
    const poll = createMasterPoll(central.store, createErpCaller(backwards), () => undefined);
    await poll.poll('items');
    const [cursor] = await central.store.queryObjects<{ value: string }>(
      `SELECT value FROM server_settings WHERE key = 'erp_cursor:catalog'`,
    );
    expect(cursor!.value).toBe('500');
    const [error] = await central.store.queryObjects<{ message: string; position: string }>(
      `SELECT message, position FROM erp_inbound_errors WHERE feed = 'catalog.changes'`,
    );
    expect(error).toMatchObject({ position: '500', message: expect.stringContaining('went backwards') });

    const huge = await fakeErp((req) =>
      JSON.stringify({
        jsonrpc: '2.0',
        id: req.id,
        result: { changes: [], cursor: 501, pad: 'x'.repeat(50 * 1024 * 1024) },
      }),
    );
    const big = createMasterPoll(central.store, createErpCaller(huge), () => undefined);
    await expect(big.poll('items')).rejects.toThrow(/too large/);
    const [still] = await central.store.queryObjects<{ value: string }>(
      `SELECT value FROM server_settings WHERE key = 'erp_cursor:catalog'`,
    );
    expect(still!.value).toBe('500');
  }, 120_000);
});
