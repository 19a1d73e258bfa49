// The lookups bulk search and file import classify lines with, over the catalog in memory: an
// article's exact keys, its neighbours one typo away, and an item's analogs. A 10,000-line file
// asks each of them 10,000 times; answered from maps here, not by a query (with a stock sum)
// per line. Built on first use, dropped when items change (stock is read live from memory).
import { articleKeys, editDistanceAtMost, singleDeletions } from '../../domain/catalog/article';
import type { BulkLookup, CatalogHit } from '../../domain/catalog/bulk-search';
import type { CatalogMemory, ItemFacts } from './catalog-memory';

export interface HitRow extends CatalogHit {
  packSize: number;
}

export interface ArticleIndex extends BulkLookup {
  exact(article: string): HitRow[];
  nearest(article: string): HitRow[];
  analogs(itemId: number): HitRow[];
  /** Builds the index now (it is otherwise built on first use). */
  ready(): void;
  /** Items changed: the keys are read again on next use. */
  invalidate(): void;
}

/** Binary order, as SQLite's ORDER BY on text compares. */
const byArticle = (a: HitRow, b: HitRow): number => (a.article < b.article ? -1 : a.article > b.article ? 1 : 0);
const discontinuedLast = (a: HitRow, b: HitRow): number =>
  Number(a.lifecycle === 'discontinued') - Number(b.lifecycle === 'discontinued');

export function createArticleIndex(memory: CatalogMemory): ArticleIndex {
  let built: {
    /** Exact key (look-alike or translit) → item ids. */
    keys: Map<string, number[]>;
    /** Every key and its one-character deletions → item ids. */
    typos: Map<string, number[]>;
    analogs: Map<number, number[]>;
  } | null = null;

  const index = () => {
    if (built) return built;
    const keys = new Map<string, number[]>();
    const typos = new Map<string, number[]>();
    const analogs = new Map<number, number[]>();
    const add = (map: Map<string, number[]>, k: string, id: number): void => {
      const list = map.get(k);
      if (!list) map.set(k, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    };
    for (const item of memory.items()) {
      for (const key of item.keyLookalike === item.keyTranslit
        ? [item.keyLookalike]
        : [item.keyLookalike, item.keyTranslit]) {
        add(keys, key, item.id);
        add(typos, key, item.id);
        for (const d of singleDeletions(key)) add(typos, d, item.id);
      }
      if (item.analogGroup !== null) {
        const list = analogs.get(item.analogGroup);
        if (list) list.push(item.id);
        else analogs.set(item.analogGroup, [item.id]);
      }
    }
    return (built = { keys, typos, analogs });
  };

  const hit = (item: ItemFacts): HitRow => ({
    id: item.id,
    article: item.article,
    name: item.name,
    manufacturer: item.manufacturer,
    lifecycle: item.lifecycle,
    packSize: item.packSize,
    stockTotal: memory.stockTotal(item.id),
  });
  const hits = (ids: Iterable<number>): HitRow[] => {
    const out: HitRow[] = [];
    for (const id of ids) {
      const item = memory.item(id);
      if (item) out.push(hit(item));
    }
    return out;
  };

  return {
    exact(article) {
      const [a, b] = articleKeys(article);
      if (!a) return [];
      const { keys } = index();
      // Mostly one key, one item: no set, no sort (a 10,000-line file asks 10,000 times).
      const byLookalike = keys.get(a);
      const byTranslit = a === b ? undefined : keys.get(b);
      const ids =
        byLookalike && byTranslit ? new Set([...byLookalike, ...byTranslit]) : (byLookalike ?? byTranslit ?? []);
      const out = hits(ids);
      if (out.length > 1) out.sort((x, y) => discontinuedLast(x, y) || byArticle(x, y));
      return out.length > 20 ? out.slice(0, 20) : out;
    },
    nearest(article) {
      const wanted = [...new Set(articleKeys(article))].filter((k) => k.length >= 3);
      if (wanted.length === 0) return [];
      const { typos } = index();
      const candidates = new Set<number>();
      for (const key of wanted)
        for (const probe of [key, ...singleDeletions(key)]) for (const id of typos.get(probe) ?? []) candidates.add(id);
      const close = [...candidates].filter((id) => {
        const item = memory.item(id);
        return (
          !!item &&
          wanted.some((k) => [item.keyLookalike, item.keyTranslit].some((ik) => editDistanceAtMost(k, ik, 1) <= 1))
        );
      });
      return hits(close.slice(0, 20)).sort(
        (x, y) => Number(y.stockTotal > 0) - Number(x.stockTotal > 0) || x.article.localeCompare(y.article),
      );
    },
    analogs(itemId) {
      const group = memory.item(itemId)?.analogGroup;
      if (group === null || group === undefined) return [];
      return hits((index().analogs.get(group) ?? []).filter((id) => id !== itemId)).sort(
        (x, y) => discontinuedLast(x, y) || Number(x.stockTotal === 0) - Number(y.stockTotal === 0) || byArticle(x, y),
      );
    },
    ready() {
      index();
    },
    invalidate() {
      built = null;
    },
  };
}
