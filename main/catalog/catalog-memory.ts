// The catalog held in memory on the desk: every item's facts, its stock per warehouse and its
// prices per price type, read from the replica once (after sign-in, while the desk is idle) and
// then kept in step row by row as changes arrive. An order of 20,000 lines is shown, priced and
// checked against it without joining three tables for every line; the catalog grid is built
// from it. About 50 MB for 50,000 items with their stock and prices.
import type Database from 'better-sqlite3';
import type { SyncTableName } from '../../domain/sync/sync-tables';

export interface ItemFacts {
  id: number;
  article: string;
  name: string;
  manufacturer: string;
  group: string;
  unit: string;
  packSize: number;
  lifecycle: 'active' | 'discontinued';
  vatRate: string;
  cost: string;
  weightKg: string;
  volumeM3: string;
  analogGroup: number | null;
  /** The article's search keys (look-alike letters folded; transliterated), as the replica holds them. */
  keyLookalike: string;
  keyTranslit: string;
}

export interface StockFacts {
  quantity: number;
  leadDays: number | null;
  asOf: string;
}

export interface PriceFacts {
  price: string;
  asOf: string;
}

export interface CatalogMemory {
  item(id: number): ItemFacts | undefined;
  stock(itemId: number, warehouseId: number): StockFacts | undefined;
  /** The item's stock summed over every warehouse. */
  stockTotal(itemId: number): number;
  price(itemId: number, priceTypeId: number): PriceFacts | undefined;
  /** Every item, in id order. */
  items(): ItemFacts[];
  /** Reads the catalog now if it is not held yet (a caller needs it at once). */
  ready(): CatalogMemory;
  /** Rows of the replica changed: the held entries follow (nothing is read until the catalog is held). */
  changed(changed: ReadonlyMap<SyncTableName, ReadonlySet<string>>): void;
  /** Forget everything (a replacement sync). */
  reset(): void;
}

// Composite keys as numbers: warehouse and price type ids are small, item ids below 2^40.
const stockKey = (itemId: number, warehouseId: number): number => itemId * 4096 + warehouseId;
const priceKey = (itemId: number, priceTypeId: number): number => itemId * 4096 + priceTypeId;

type ItemRow = [
  number,
  string,
  string,
  string,
  string,
  string,
  number,
  string,
  string,
  string,
  string,
  string,
  number | null,
  string,
  string,
];

const ITEM_COLUMNS = `id, article, name, manufacturer, group_name, unit, pack_size, lifecycle, vat_rate, cost, weight_kg,
  volume_m3, analog_group, key_lookalike, key_translit`;

function itemOf(r: ItemRow): ItemFacts {
  const [id, article, name, manufacturer, group, unit, packSize, lifecycle, vatRate, cost, weightKg, volumeM3] = r;
  return {
    id,
    article,
    name,
    manufacturer,
    group,
    unit,
    packSize,
    lifecycle: lifecycle as ItemFacts['lifecycle'],
    vatRate: String(vatRate),
    cost: String(cost),
    weightKg: String(weightKg),
    volumeM3: String(volumeM3),
    analogGroup: r[12],
    keyLookalike: r[13],
    keyTranslit: r[14],
  };
}

export function createCatalogMemory(sqlite: Database.Database): CatalogMemory {
  let items: Map<number, ItemFacts> | null = null;
  let stock: Map<number, StockFacts> | null = null;
  let prices: Map<number, PriceFacts> | null = null;
  let sorted: ItemFacts[] | null = null;
  // Stock summed per item, and every warehouse stock was seen at (to sum one item again).
  let totals = new Map<number, number>();
  const warehouseIds = new Set<number>();
  const allItems = sqlite.prepare(`SELECT ${ITEM_COLUMNS} FROM items ORDER BY id`).raw();
  const oneItem = sqlite.prepare(`SELECT ${ITEM_COLUMNS} FROM items WHERE id = ?`).raw();
  const allStock = sqlite.prepare(`SELECT item_id, warehouse_id, quantity, lead_days, as_of FROM stock`).raw();
  const oneStock = sqlite
    .prepare(`SELECT quantity, lead_days, as_of FROM stock WHERE item_id = ? AND warehouse_id = ?`)
    .raw();
  const allPrices = sqlite.prepare(`SELECT item_id, price_type_id, price, as_of FROM prices`).raw();
  const onePrice = sqlite.prepare(`SELECT price, as_of FROM prices WHERE item_id = ? AND price_type_id = ?`).raw();

  function load(): void {
    items = new Map((allItems.all() as ItemRow[]).map((r) => [r[0], itemOf(r)]));
    stock = new Map();
    for (const [item, wh, quantity, leadDays, asOf] of allStock.all() as [
      number,
      number,
      number,
      number | null,
      string,
    ][])
      stock.set(stockKey(item, wh), { quantity, leadDays, asOf });
    totals = new Map();
    warehouseIds.clear();
    for (const key of stock.keys()) {
      const item = Math.floor(key / 4096);
      warehouseIds.add(key % 4096);
      totals.set(item, (totals.get(item) ?? 0) + stock.get(key)!.quantity);
    }
    prices = new Map();
    for (const [item, type, price, asOf] of allPrices.all() as [number, number, string, string][])
      prices.set(priceKey(item, type), { price: String(price), asOf });
    sorted = null;
  }

  const memory: CatalogMemory = {
    item(id) {
      if (!items) load();
      return items!.get(id);
    },
    stock(itemId, warehouseId) {
      if (!stock) load();
      return stock!.get(stockKey(itemId, warehouseId));
    },
    stockTotal(itemId) {
      if (!stock) load();
      return totals.get(itemId) ?? 0;
    },
    price(itemId, priceTypeId) {
      if (!prices) load();
      return prices!.get(priceKey(itemId, priceTypeId));
    },
    items() {
      memory.ready();
      return (sorted ??= [...items!.values()]);
    },
    ready() {
      if (!items) load();
      return memory;
    },
    changed(changed) {
      if (!items || !stock || !prices) return;
      // A whole catalog arriving (a new price list, a replacement sync): read again when next asked.
      const count = ['items', 'stock', 'prices'].reduce((n, t) => n + (changed.get(t as SyncTableName)?.size ?? 0), 0);
      if (count > 50_000) return memory.reset();
      for (const key of changed.get('items') ?? []) {
        const [row] = oneItem.all(Number(key)) as ItemRow[];
        if (row) items.set(row[0], itemOf(row));
        else items.delete(Number(key));
        sorted = null;
      }
      for (const key of changed.get('stock') ?? []) {
        const [item, wh] = key.split(':').map(Number) as [number, number];
        const [row] = oneStock.all(item, wh) as [number, number | null, string][];
        if (row) stock.set(stockKey(item, wh), { quantity: row[0], leadDays: row[1], asOf: row[2] });
        else stock.delete(stockKey(item, wh));
        warehouseIds.add(wh);
        let sum = 0;
        for (const w of warehouseIds) sum += stock.get(stockKey(item, w))?.quantity ?? 0;
        totals.set(item, sum);
      }
      for (const key of changed.get('prices') ?? []) {
        const [item, type] = key.split(':').map(Number) as [number, number];
        const [row] = onePrice.all(item, type) as [string, string][];
        if (row) prices.set(priceKey(item, type), { price: String(row[0]), asOf: row[1] });
        else prices.delete(priceKey(item, type));
      }
    },
    reset() {
      items = stock = prices = null;
      sorted = null;
    },
  };
  return memory;
}
