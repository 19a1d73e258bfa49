// The article index answers as the replica's own queries do (exact keys, analogs, with stock
// summed over warehouses), finds an article one typo away, and follows items and stock that change.
import { describe, expect, it } from 'vitest';
import { articleKeys } from '../../domain/catalog/article';
import { seededReplica } from '../sync/test-replica';
import { createArticleIndex } from './article-index';
import { createCatalogMemory } from './catalog-memory';

const HIT = `i.id, i.article, i.name, i.manufacturer, i.lifecycle, i.pack_size AS packSize,
  coalesce((SELECT sum(s.quantity) FROM stock s WHERE s.item_id = i.id), 0) AS stockTotal`;

describe('article index', () => {
  const t = seededReplica({ items: 1500 });
  const db = t.replica.sqlite;
  const memory = createCatalogMemory(db);
  const index = createArticleIndex(memory);
  const byKey = db.prepare(`SELECT ${HIT} FROM items i WHERE i.key_lookalike IN (?, ?) OR i.key_translit IN (?, ?)
    ORDER BY i.lifecycle = 'discontinued', i.article LIMIT 20`);
  const analogs = db.prepare(`SELECT ${HIT} FROM items i
    WHERE i.analog_group = (SELECT analog_group FROM items WHERE id = ?) AND i.id <> ? AND i.analog_group IS NOT NULL
    ORDER BY i.lifecycle = 'discontinued', stockTotal = 0, i.article`);
  const items = db.prepare(`SELECT id, article FROM items ORDER BY id`).all() as { id: number; article: string }[];

  it('finds what the replica finds by exact keys, and the same analogs in the same order', () => {
    let withAnalogs = 0;
    for (const { id, article } of items.filter((_, i) => i % 7 === 0)) {
      const [a, b] = articleKeys(article.toLowerCase());
      expect(index.exact(article.toLowerCase())).toEqual(byKey.all(a, b, a, b));
      const expected = analogs.all(id, id);
      if (expected.length) withAnalogs++;
      expect(index.analogs(id)).toEqual(expected);
    }
    expect(withAnalogs).toBeGreaterThan(10);
  });

  it('finds an article with one typo, and follows items and stock that change', () => {
    const { id, article } = items.find((i) => i.article.length >= 6)!;
    const typo = article.slice(0, 2) + article.slice(3);
    expect(index.nearest(typo).map((h) => h.id)).toContain(id);

    const [k1, k2] = articleKeys('ZZ-999');
    db.prepare(`UPDATE items SET article = 'ZZ-999', key_lookalike = ?, key_translit = ? WHERE id = ?`).run(k1, k2, id);
    memory.changed(new Map([['items', new Set([String(id)])]]));
    index.invalidate();
    expect(index.exact('ZZ-999').map((h) => h.id)).toEqual([id]);
    expect(index.exact(article)).not.toContainEqual(expect.objectContaining({ id }));

    const wh = db.prepare(`SELECT warehouse_id FROM stock WHERE item_id = ? LIMIT 1`).pluck().get(id) as number;
    db.prepare(`UPDATE stock SET quantity = quantity + 1000 WHERE item_id = ? AND warehouse_id = ?`).run(id, wh);
    const before = index.exact('ZZ-999')[0]!.stockTotal;
    memory.changed(new Map([['stock', new Set([`${id}:${wh}`])]]));
    expect(index.exact('ZZ-999')[0]!.stockTotal).toBe(before + 1000);
  });
});
