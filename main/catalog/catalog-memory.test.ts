// The catalog held in memory agrees with the replica: the catalog page built from it shows what a
// join over items, stock and prices shows, and rows changed, added or removed in the replica are
// followed once the change is told, with nothing read before the catalog is held.
import { describe, expect, it } from 'vitest';
import type { SyncTableName } from '../../domain/sync/sync-tables';
import { seededReplica } from '../sync/test-replica';
import { createCatalogService } from './catalog';
import { createCatalogMemory } from './catalog-memory';

const told = (entries: [SyncTableName, string[]][]) => new Map(entries.map(([t, keys]) => [t, new Set(keys)]));

describe('catalog in memory', () => {
  it('builds the catalog page with the same stock and base prices as the replica holds', () => {
    const t = seededReplica({ items: 800 });
    const db = t.replica.sqlite;
    const page = createCatalogService(db).page();
    const base = db.prepare(`SELECT id FROM price_types WHERE is_base = 1 ORDER BY id LIMIT 1`).pluck().get() as number;
    const price = db.prepare(`SELECT price FROM prices WHERE item_id = ? AND price_type_id = ?`).pluck();
    const stock = db.prepare(`SELECT quantity FROM stock WHERE item_id = ? AND warehouse_id = ?`).pluck();
    expect(page.rows.length).toBe(db.prepare(`SELECT count(*) FROM items`).pluck().get());
    let withStock = 0;
    for (const row of page.rows) {
      expect(row.basePrice).toBe((price.get(row.id, base) as string | undefined) ?? null);
      page.warehouses.forEach((w, i) => {
        expect(row.stock[i]).toBe((stock.get(row.id, w.id) as number | undefined) ?? 0);
      });
      if (row.stock.some((q) => q > 0)) withStock++;
    }
    expect(withStock).toBeGreaterThan(100);
  });

  it('follows rows changed, added and removed once told, and reads again after a reset', () => {
    const t = seededReplica({ items: 300 });
    const db = t.replica.sqlite;
    const memory = createCatalogMemory(db);
    const [itemId, whId] = db.prepare(`SELECT item_id, warehouse_id FROM stock LIMIT 1`).raw().get() as [
      number,
      number,
    ];
    const typeId = db.prepare(`SELECT price_type_id FROM prices WHERE item_id = ?`).pluck().get(itemId) as number;
    // Not held yet: a change told now reads nothing and nothing breaks.
    memory.changed(told([['stock', [`${itemId}:${whId}`]]]));
    memory.ready();
    expect(memory.item(itemId)?.name).toBeTruthy();

    db.prepare(`UPDATE stock SET quantity = 12345 WHERE item_id = ? AND warehouse_id = ?`).run(itemId, whId);
    db.prepare(`UPDATE prices SET price = '777.70' WHERE item_id = ? AND price_type_id = ?`).run(itemId, typeId);
    db.prepare(`UPDATE items SET name = 'Переименован' WHERE id = ?`).run(itemId);
    // Untold changes are not seen: the memory reads only what it is told about.
    expect(memory.stock(itemId, whId)?.quantity).not.toBe(12345);
    memory.changed(
      told([
        ['stock', [`${itemId}:${whId}`]],
        ['prices', [`${itemId}:${typeId}`]],
        ['items', [String(itemId)]],
      ]),
    );
    expect(memory.stock(itemId, whId)?.quantity).toBe(12345);
    expect(memory.price(itemId, typeId)?.price).toBe('777.70');
    expect(memory.item(itemId)?.name).toBe('Переименован');
    expect(memory.items().find((i) => i.id === itemId)?.name).toBe('Переименован');

    db.prepare(`DELETE FROM stock WHERE item_id = ? AND warehouse_id = ?`).run(itemId, whId);
    memory.changed(told([['stock', [`${itemId}:${whId}`]]]));
    expect(memory.stock(itemId, whId)).toBeUndefined();

    db.prepare(`UPDATE items SET name = 'После сброса' WHERE id = ?`).run(itemId);
    memory.reset();
    expect(memory.item(itemId)?.name).toBe('После сброса');
  });
});
