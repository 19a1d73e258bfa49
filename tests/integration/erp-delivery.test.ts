// Delivery to the ERP through outages and faults: every message reaches the simulator exactly
// once in effect, in order per aggregate; refused ones are parked with the ERP's reason; hostile
// answers are survived; two workers on one outbox never deliver a message twice.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryWorker } from '../../server/erp/delivery-worker';
import { enqueueForErp, outboxStats } from '../../server/erp/outbox';
import { startErpSimulator, type ErpSimulator } from '../../server/erp-sim/simulator';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';

const kinds: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(kind: 'pglite' | 'postgres'): Promise<{ central: TestCentral; erp: ErpSimulator }> {
  const central = await startTestCentral({ items: 20, kind });
  const erp = await startErpSimulator();
  cleanup.push(async () => {
    await erp.close();
    await central.stop();
  });
  return { central, erp };
}

async function enqueue(central: TestCentral, orders: number, perOrder: number): Promise<void> {
  for (let o = 1; o <= orders; o++) {
    for (let k = 1; k <= perOrder; k++) {
      const payload = k === 1 ? { order: { orderId: `o${o}` }, lines: [] } : { order: { orderId: `o${o}` }, step: k };
      await central.store.transaction((tx) =>
        enqueueForErp(tx.query as never, {
          aggregate: `order:${o}`,
          method: k === 1 ? 'order.submit' : 'order.change',
          payload,
        }),
      );
    }
  }
}

const fast = { initialMs: 5, maxMs: 40 };

describe.each(kinds)('ERP delivery on %s', (kind) => {
  it('survives an outage, lost answers and errors: each message once, in order per order', async () => {
    const { central, erp } = await setup(kind);
    await enqueue(central, 30, 10);
    erp.faults.down = true;
    const worker = createDeliveryWorker({ store: central.store, erpUrl: erp.url, backoff: fast, timeoutMs: 500 });
    for (let i = 0; i < 3; i++) await worker.deliverOnce();
    expect(erp.applied).toHaveLength(0);
    expect((await outboxStats(central.store.queryObjects as never)).pending).toBe(300);
    // Back, and the first answer is lost after the ERP committed: a sure resend, not a lucky one.
    // The retries are due 20-40 ms after the last failed round (backoff), so try until one is.
    Object.assign(erp.faults, { down: false, timeoutAfterCommitRate: 1 });
    await until(
      async () => {
        await worker.deliverOnce();
        return erp.applied.length > 0;
      },
      5_000,
      5,
    );
    expect((await outboxStats(central.store.queryObjects as never)).pending).toBe(300);
    Object.assign(erp.faults, { errorRate: 0.2, timeoutAfterCommitRate: 0.2 });
    await until(
      async () => {
        await worker.deliverOnce();
        return (await outboxStats(central.store.queryObjects as never)).pending === 0;
      },
      60_000,
      5,
    );
    expect(erp.applied).toHaveLength(300);
    expect(new Set(erp.applied.map((e) => e.idempotencyKey)).size).toBe(300);
    // Lost answers were resent and answered "already_done": received more than once, applied once.
    expect([...erp.ledger.values()].some((e) => e.received > 1)).toBe(true);
    for (let o = 1; o <= 30; o++) {
      const seqs = erp.applied.filter((e) => e.aggregate === `order:${o}`).map((e) => e.seq);
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
  });

  it('parks what the ERP refuses, with its reason, and holds back the rest of that order', async () => {
    const { central, erp } = await setup(kind);
    await central.store.transaction((tx) =>
      enqueueForErp(tx.query as never, { aggregate: 'order:77', method: 'order.submit', payload: { reject: true } }),
    );
    await central.store.transaction((tx) =>
      enqueueForErp(tx.query as never, { aggregate: 'order:77', method: 'order.change', payload: {} }),
    );
    await central.store.transaction((tx) =>
      enqueueForErp(tx.query as never, {
        aggregate: 'order:78',
        method: 'order.submit',
        payload: { order: { orderId: 'o78' }, lines: [] },
      }),
    );
    const worker = createDeliveryWorker({ store: central.store, erpUrl: erp.url, backoff: fast });
    for (let i = 0; i < 3; i++) await worker.deliverOnce();
    const rows = await central.store.queryObjects<{
      aggregate: string;
      seq: number;
      status: string;
      last_error: string | null;
    }>('SELECT aggregate, seq, status, last_error FROM erp_outbox ORDER BY id');
    expect(rows.map((r) => [r.aggregate, r.seq, r.status])).toEqual([
      ['order:77', 1, 'parked'],
      ['order:77', 2, 'pending'],
      ['order:78', 1, 'delivered'],
    ]);
    expect(rows[0]!.last_error).toContain('контрагент не найден');
  });

  it('keeps going after hostile answers: not JSON-RPC, wrong ids, huge bodies, a slow drip', async () => {
    const { central } = await setup(kind);
    await enqueue(central, 3, 1);
    let mode = 0;
    const hostile = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const m = mode++ % 4;
        if (m === 0) res.end('<html>1C: service unavailable</html>');
        else if (m === 1) res.end(JSON.stringify([{ jsonrpc: '2.0', id: 999, result: { status: 'done' } }]));
        else if (m === 2) res.end('x'.repeat(6 * 1024 * 1024));
        else {
          res.write('[');
          const drip = setInterval(() => res.write(' '), 50);
          setTimeout(() => (clearInterval(drip), res.end(']')), 3000);
        }
      });
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    cleanup.push(async () => {
      hostile.closeAllConnections();
      await new Promise((r) => hostile.close(r));
    });
    const worker = createDeliveryWorker({
      store: central.store,
      erpUrl: `http://127.0.0.1:${(hostile.address() as { port: number }).port}`,
      backoff: { initialMs: 1, maxMs: 1 },
      timeoutMs: 400,
    });
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const round = await worker.deliverOnce();
      expect(round.delivered).toBe(0);
    }
    const rows = await central.store.queryObjects<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM erp_outbox',
    );
    expect(rows.every((r) => r.status === 'pending' && r.attempts >= 1)).toBe(true);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two workers on one PostgreSQL outbox', () => {
  it('never deliver a message twice', async () => {
    const { central, erp } = await setup('postgres');
    await enqueue(central, 50, 4);
    erp.faults.latencyMs = 20;
    const a = createDeliveryWorker({ store: central.store, erpUrl: erp.url, batchSize: 10, backoff: fast, idleMs: 5 });
    const b = createDeliveryWorker({ store: central.store, erpUrl: erp.url, batchSize: 10, backoff: fast, idleMs: 5 });
    a.start();
    b.start();
    await until(async () => (await outboxStats(central.store.queryObjects as never)).pending === 0, 60_000);
    await a.stop();
    await b.stop();
    expect(erp.applied).toHaveLength(200);
    expect([...erp.ledger.values()].every((e) => e.received === 1)).toBe(true);
  });
});
