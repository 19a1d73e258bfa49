// The desk contract, catalog: the full grid page, the warehouses, quick search, an item's card and bulk search
// of pasted lists.
import { z } from 'zod';
import { BulkLineKind } from '../catalog/bulk-search';
import { NoInput, SearchText } from './shared';

export const Warehouse = z.object({ id: z.number().int(), code: z.string(), name: z.string(), city: z.string() });

export type Warehouse = z.infer<typeof Warehouse>;

export const CatalogRow = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  group: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  lifecycle: z.enum(['active', 'discontinued']),
  /** Stock per warehouse, in the order of `CatalogPage.warehouses`. */
  stock: z.array(z.number()),
  leadDays: z.number().int().nullable(),
  /** Base price of the base price type, exact decimal as a string. */
  basePrice: z.string().nullable(),
});

export type CatalogRow = z.infer<typeof CatalogRow>;

export const CatalogPage = z.object({
  warehouses: z.array(Warehouse),
  rows: z.array(CatalogRow),
  priceTypeName: z.string().nullable(),
});

export type CatalogPage = z.infer<typeof CatalogPage>;

export const CatalogHitRow = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  lifecycle: z.enum(['active', 'discontinued']),
  packSize: z.number().int().optional(),
  stockTotal: z.number(),
});

export const ItemDetails = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  /** The ERP's description ('' when it has none). */
  description: z.string(),
  manufacturer: z.string(),
  group: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  lifecycle: z.enum(['active', 'discontinued']),
  attributes: z.record(z.string(), z.string()),
  stock: z.array(z.object({ warehouse: Warehouse, quantity: z.number(), leadDays: z.number().int().nullable() })),
  prices: z.array(z.object({ priceType: z.string(), price: z.string(), withVat: z.boolean() })),
  /** When the ERP reported the stock shown (latest warehouse snapshot) and the prices. */
  stockAsOf: z.string().nullable(),
  pricesAsOf: z.string().nullable(),
  vatRate: z.string(),
  analogs: z.array(CatalogHitRow),
});

export type ItemDetails = z.infer<typeof ItemDetails>;

export const BulkRow = z.object({
  lineNo: z.number().int(),
  article: z.string(),
  quantity: z.string().nullable(),
  kind: BulkLineKind,
  item: CatalogHitRow.nullable(),
  analog: CatalogHitRow.nullable(),
  alternatives: z.array(CatalogHitRow),
});

export type BulkRow = z.infer<typeof BulkRow>;

export const catalogMethods = {
  'catalog.page': { input: NoInput, output: CatalogPage },
  /** Warehouses alone, for pickers: the full page is 50,000 rows. */
  'catalog.warehouses': { input: NoInput, output: z.array(Warehouse) },
  'catalog.search': {
    input: z.object({ query: SearchText, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(CatalogHitRow),
  },
  'catalog.item': { input: z.object({ id: z.number().int().positive() }).strict(), output: ItemDetails },
  'catalog.bulkSearch': { input: z.object({ text: z.string().max(2_000_000) }).strict(), output: z.array(BulkRow) },
  /** The attributes of a product group's items (package, voltage, tolerance...), to filter by with counts. */
  'catalog.groupAttributes': {
    input: z.object({ group: z.string().min(1).max(200) }).strict(),
    output: z.object({ items: z.array(z.tuple([z.number().int(), z.record(z.string(), z.string())])) }),
  },
} as const;
