// Writes of a push and of the server's own feeds go out in multi-row statements: every row gets
// its own version in write order, a key written twice keeps the later row, and a write larger
// than one statement's parameters is split (PGlite here; the PostgreSQL path when DATABASE_URL
// is set, as in CI).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../domain/roles';
import { headVersion } from './pull';
import { applyPush } from './push';
import { readRow, writeServerRows } from './row-store';
import { startTestCentral, type TestCentral } from '../tests/helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 4500, kind: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
});
afterAll(async () => central?.stop());

describe('batched writes', () => {
  it('4,500 rows in one write: each its own version, in order, split across statements; the head is the last', async () => {
    const { store } = central;
    const items = await store.queryObjects<{ id: number }>('SELECT id FROM items ORDER BY id');
    expect(items.length).toBe(4500);
    const before = await headVersion(store);
    const { head } = await store.transaction(async (tx) => {
      const writes = [];
      for (const { id } of items) {
        const row = (await readRow(tx.query, 'items', String(id), true))!;
        writes.push({ table: 'items' as const, key: String(id), row: { ...row, name: `Новое имя ${id}` } });
      }
      return writeServerRows(tx.query, writes);
    });
    const rows = await store.queryObjects<{ id: number; name: string; version: string }>(
      'SELECT id, name, version::text FROM items ORDER BY id',
    );
    expect(rows.every((r) => r.name === `Новое имя ${r.id}`)).toBe(true);
    const versions = rows.map((r) => Number(r.version));
    expect(versions).toEqual(versions.map((_, i) => versions[0]! + i));
    expect(versions[0]).toBeGreaterThan(before);
    expect(head).toBe(versions[versions.length - 1]);
  });

  it('a row written twice in one write keeps the later one, at the later version', async () => {
    const { store } = central;
    const [{ id }] = (await store.queryObjects<{ id: number }>('SELECT id FROM clients ORDER BY id LIMIT 1')) as [
      { id: number },
    ];
    const { head } = await store.transaction(async (tx) => {
      const row = (await readRow(tx.query, 'clients', String(id), true))!;
      return writeServerRows(tx.query, [
        { table: 'clients', key: String(id), row: { ...row, notes: 'первая запись' } },
        { table: 'clients', key: String(id), row: { ...row, notes: 'вторая запись' } },
      ]);
    });
    const [after] = await store.queryObjects<{ notes: string; version: string }>(
      'SELECT notes, version::text FROM clients WHERE id = $1',
      [id],
    );
    expect(after).toEqual({ notes: 'вторая запись', version: String(head) });
  });

  it('a 1,000-line order pushed by a manager lands whole, one version per row', async () => {
    const { store } = central;
    const [manager] = await store.queryObjects<SessionUser>(
      `SELECT id, login, name, role FROM users WHERE login = 'manager1'`,
    );
    const [client] = await store.queryObjects<{ id: number }>(
      'SELECT id FROM clients WHERE manager_id = $1 ORDER BY id LIMIT 1',
      [manager!.id],
    );
    const items = await store.queryObjects<{ id: number; pack_size: string }>(
      'SELECT id, pack_size::text FROM items ORDER BY id LIMIT 1000',
    );
    const orderId = randomUUID();
    const lines = items.map((it, i) => ({
      id: randomUUID(),
      lineNo: i + 1,
      itemId: it.id,
      quantity: String(Number(it.pack_size)),
      price: '123.4500',
      priceSource: 'manual',
      discount: '0',
      overrideReason: 'agreed',
    }));
    const outcome = await applyPush(store, manager!, randomUUID(), [
      { seq: 1, name: 'order.create@1', args: { orderId, clientId: client!.id, kind: 'order', warehouseId: 1 } },
      { seq: 2, name: 'order.setLines@1', args: { orderId, lines } },
    ]);
    expect(outcome.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const saved = await store.queryObjects<{ n: number; versions: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT version)::int AS versions FROM order_lines WHERE order_id = $1',
      [orderId],
    );
    expect(saved).toEqual([{ n: 1000, versions: 1000 }]);
    const [order] = await store.queryObjects<{ lines_count: number; total: string }>(
      'SELECT lines_count, total::text FROM orders WHERE id = $1',
      [orderId],
    );
    expect(order!.lines_count).toBe(1000);
    expect(outcome.head).toBe(await headVersion(store));
  });
});
