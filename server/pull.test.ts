// A pull read while others commit: the batch that says `done` must leave the desk holding every
// row as of its cursor, even when rows were written again, or a quiet table got rows, between
// the statements of the pull (a desk settles its own changes on that promise).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../domain/roles';
import { headVersion as head, readBatch } from './pull';
import { updateServerRows } from './row-store';
import type { CentralStore } from './store';
import { startTestCentral, type TestCentral } from '../tests/helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 50 });
});
afterAll(async () => central?.stop());

async function rewrite(
  store: CentralStore,
  table: 'clients' | 'items',
  id: number,
  patch: Record<string, unknown>,
): Promise<number> {
  return store.transaction(
    async (tx) =>
      (await updateServerRows(tx.query, table, new Map([[String(id), (before) => ({ ...before, ...patch })]]))).head,
  );
}

describe('pull under concurrent commits', () => {
  it('a done batch holds a row written inside its window and again after the head was first read, and a quiet table’s new row', async () => {
    const { store } = central;
    const [admin] = await store.queryObjects<SessionUser>(
      `SELECT id, login, name, role FROM users WHERE role = 'admin' LIMIT 1`,
    );
    const [client] = await store.queryObjects<{ id: number }>('SELECT id FROM clients ORDER BY id LIMIT 1');
    const [item] = await store.queryObjects<{ id: number }>('SELECT id FROM items ORDER BY id LIMIT 1');
    const cursor = await head(store);
    // The desk's cursor is here; then the client's card is written (inside the coming window).
    const firstWrite = await rewrite(store, 'clients', client!.id, { notes: 'pull-test first' });
    const itemsMax = Number((await store.queryArrays('SELECT max(version) FROM items'))[0]![0]);
    expect(itemsMax).toBeLessThanOrEqual(cursor); // the catalog is quiet: a pull skips it

    // Between the pull's first statement (head and table maxima) and the next, two commits land:
    // the card again (its version moves past the head read first) and an item (a skipped table).
    let injected = false;
    const racing: CentralStore = {
      ...store,
      async queryArrays(text, params) {
        const out = await store.queryArrays(text, params);
        if (!injected && text.includes('max(version)')) {
          injected = true;
          await rewrite(store, 'clients', client!.id, { notes: 'pull-test second' });
          await rewrite(store, 'items', item!.id, { name: 'pull-test item' });
        }
        return out;
      },
    };
    let at = cursor;
    const seen = new Map<string, string>();
    for (let round = 0; round < 10; round++) {
      const batch = await readBatch(racing, admin!, at, 1000);
      for (const t of batch.tables) seen.set(t.table, (seen.get(t.table) ?? '') + t.json);
      at = batch.cursor;
      // Whatever a batch says, as of its cursor the desk holds the card's first write at least.
      if (at >= firstWrite) expect(seen.get('clients') ?? '', `cursor ${at}`).toMatch(/pull-test (first|second)/);
      if (batch.done) break;
    }
    expect(injected).toBe(true);
    expect(at).toBe(await head(store));
    expect(seen.get('clients')).toContain('pull-test second');
    expect(seen.get('items')).toContain('pull-test item');
  });
});
