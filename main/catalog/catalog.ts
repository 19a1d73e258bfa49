// Catalog reads over the replica and the catalog in memory: the full grid page, quick search by
// article spelling or name, one item's card, and bulk search of pasted lists.
import type Database from 'better-sqlite3';
import { articleKeys } from '../../domain/catalog/article';
import { classifyPastedLines, parsePastedList, type PastedLine } from '../../domain/catalog/bulk-search';
import type { BulkRow, CatalogPage, CatalogRow, ItemDetails, Warehouse } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { createArticleIndex, type HitRow } from './article-index';
import { createCatalogMemory, type CatalogMemory } from './catalog-memory';

const HIT_COLUMNS = `i.id, i.article, i.name, i.manufacturer, i.lifecycle, i.pack_size AS packSize,
  coalesce((SELECT sum(s.quantity) FROM stock s WHERE s.item_id = i.id), 0) AS stockTotal`;

/** Tables whose changes make the catalog's cached indexes stale. */
export const CATALOG_TABLES: ReadonlySet<string> = new Set(['items', 'stock', 'prices', 'warehouses', 'price_types']);

export interface CatalogService {
  page(): CatalogPage;
  warehouses(): Warehouse[];
  search(query: string, limit: number): HitRow[];
  item(id: number): ItemDetails;
  bulkSearch(text: string): BulkRow[];
  /** Each item of a product group with its attributes (item id, attributes). */
  groupAttributes(group: string): { items: [number, Record<string, string>][] };
  /** Classifies lines already split into article and quantity (a grid paste, a file). */
  classify(lines: PastedLine[]): BulkRow[];
  /** Reads the catalog into memory and builds the article index now (while the desk is idle). */
  warm(): void;
  /** Forget the article index after items changed. */
  invalidate(): void;
}

export function createCatalogService(
  sqlite: Database.Database,
  memory: CatalogMemory = createCatalogMemory(sqlite),
): CatalogService {
  const warehouses = (): Warehouse[] =>
    sqlite.prepare('SELECT id, code, name, city FROM warehouses ORDER BY id').all() as Warehouse[];
  const byPrefix = sqlite.prepare(`SELECT ${HIT_COLUMNS} FROM items i
    WHERE (i.key_lookalike >= ? AND i.key_lookalike < ?) OR (i.key_translit >= ? AND i.key_translit < ?)
    ORDER BY length(i.article), i.article LIMIT ?`);
  const byText = sqlite.prepare(
    `SELECT ${HIT_COLUMNS} FROM items i WHERE i.search_text LIKE ? ESCAPE '\\' ORDER BY length(i.name), i.article LIMIT ?`,
  );
  const lookup = createArticleIndex(memory);
  const exact = (article: string): HitRow[] => lookup.exact(article);

  const ofGroup = sqlite.prepare(`SELECT id, attributes FROM items WHERE group_name = ?`).raw();
  return {
    warehouses,
    groupAttributes(group) {
      const items = (ofGroup.all(group) as [number, string | null][]).map(
        ([id, a]) => [id, a ? (JSON.parse(a) as Record<string, string>) : {}] as [number, Record<string, string>],
      );
      return { items };
    },
    page() {
      const whs = warehouses();
      const baseType = sqlite
        .prepare('SELECT id, name FROM price_types WHERE is_base = 1 ORDER BY id LIMIT 1')
        .get() as { id: number; name: string } | undefined;
      // Built from the catalog in memory: no join over 50,000 items, their stock and prices.
      const empty = whs.map(() => 0);
      const out: CatalogRow[] = memory.items().map((it) => {
        let stock = empty;
        let lead: number | null = null;
        let anyStock = false;
        for (let i = 0; i < whs.length; i++) {
          const s = memory.stock(it.id, whs[i]!.id);
          if (!s) continue;
          if (stock === empty) stock = whs.map(() => 0);
          stock[i] = s.quantity;
          if (s.quantity > 0) anyStock = true;
        }
        // Lead time shown is the soonest: from a warehouse that has stock, or the supply lead
        // time when none has.
        for (const w of whs) {
          const s = memory.stock(it.id, w.id);
          if (s?.leadDays == null || (anyStock && s.quantity <= 0)) continue;
          lead = lead === null ? s.leadDays : Math.min(lead, s.leadDays);
        }
        return {
          id: it.id,
          article: it.article,
          name: it.name,
          manufacturer: it.manufacturer,
          group: it.group,
          unit: it.unit,
          packSize: it.packSize,
          lifecycle: it.lifecycle,
          stock,
          leadDays: lead,
          basePrice: baseType ? (memory.price(it.id, baseType.id)?.price ?? null) : null,
        };
      });
      return { warehouses: whs, rows: out, priceTypeName: baseType?.name ?? null };
    },

    search(query, limit) {
      const q = query.trim();
      if (!q) return [];
      const seen = new Set<number>();
      const out: HitRow[] = [];
      const take = (rows: HitRow[]): void => {
        for (const r of rows) {
          if (seen.has(r.id) || out.length >= limit) continue;
          seen.add(r.id);
          out.push(r);
        }
      };
      take(exact(q));
      const [a, b] = articleKeys(q);
      if (a && out.length < limit) take(byPrefix.all(a, `${a}\uffff`, b, `${b}\uffff`, limit) as HitRow[]);
      if (out.length < limit && q.length >= 2) {
        const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        take(byText.all(like, limit) as HitRow[]);
      }
      return out;
    },

    item(id) {
      const row = sqlite
        .prepare(
          'SELECT id, article, name, manufacturer, group_name, unit, pack_size, lifecycle, attributes, vat_rate, description FROM items WHERE id = ?',
        )
        .get(id) as
        | {
            id: number;
            article: string;
            name: string;
            manufacturer: string;
            group_name: string;
            unit: string;
            pack_size: number;
            lifecycle: 'active' | 'discontinued';
            attributes: string;
            vat_rate: string;
            description: string;
          }
        | undefined;
      if (!row) throw new CodedError('not_found', `No item ${id}`);
      const whs = warehouses();
      const stock = sqlite.prepare('SELECT warehouse_id, quantity, lead_days FROM stock WHERE item_id = ?').all(id) as {
        warehouse_id: number;
        quantity: number;
        lead_days: number | null;
      }[];
      const prices = sqlite
        .prepare(
          `SELECT pt.name AS priceType, p.price, pt.with_vat AS withVat, p.as_of AS asOf FROM prices p JOIN price_types pt ON pt.id = p.price_type_id WHERE p.item_id = ? ORDER BY pt.id`,
        )
        .all(id) as { priceType: string; price: string; withVat: number; asOf: string }[];
      // A value's "as of" is its own time or its warehouse's last snapshot, whichever is later.
      const asOf = sqlite
        .prepare(
          `SELECT max(coalesce(w.stock_as_of, ''), s.as_of) AS t FROM stock s LEFT JOIN warehouses w ON w.id = s.warehouse_id WHERE s.item_id = ?
        UNION ALL SELECT max(stock_as_of) FROM warehouses`,
        )
        .pluck()
        .all(id) as (string | null)[];
      const latest = (xs: (string | null | undefined)[]): string | null =>
        xs
          .filter((x): x is string => !!x)
          .sort((a, b) => Date.parse(a) - Date.parse(b))
          .pop() ?? null;
      return {
        id: row.id,
        article: row.article,
        name: row.name,
        description: row.description,
        manufacturer: row.manufacturer,
        group: row.group_name,
        unit: row.unit,
        packSize: row.pack_size,
        lifecycle: row.lifecycle,
        attributes: JSON.parse(row.attributes) as Record<string, string>,
        vatRate: row.vat_rate,
        stock: whs.map((w) => {
          const s = stock.find((x) => x.warehouse_id === w.id);
          return { warehouse: w, quantity: s?.quantity ?? 0, leadDays: s?.lead_days ?? null };
        }),
        prices: prices.map((p) => ({ priceType: p.priceType, price: p.price, withVat: Boolean(p.withVat) })),
        stockAsOf: latest(asOf),
        pricesAsOf: latest(prices.map((p) => p.asOf)),
        analogs: lookup.analogs(id),
      };
    },

    bulkSearch(text) {
      return classifyPastedLines(parsePastedList(text), lookup);
    },
    classify(lines) {
      return classifyPastedLines(lines, lookup);
    },

    warm() {
      memory.ready();
      lookup.ready();
    },
    invalidate() {
      lookup.invalidate();
    },
  };
}
