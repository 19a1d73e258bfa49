// How the master data travels from the ERP: for each kind of record, a paged snapshot (the
// initial load) and a change feed (everything after it), with the envelopes both answer in.
// The records themselves are parsed one by one (master-data.ts), so one bad record costs only
// itself; an envelope that does not parse costs the page, which is then read again later.
import { z } from 'zod';
import {
  ErpClient,
  ErpCode,
  ErpItem,
  ErpPlan,
  ErpPrice,
  ErpPriceType,
  ErpStaff,
  ErpStock,
  ErpWarehouse,
} from './master-data';

/** Kinds of master data, in the order the initial load reads them (later ones refer to earlier ones). */
export const MASTER_ENTITIES = [
  'warehouses',
  'priceTypes',
  'staff',
  'items',
  'prices',
  'stock',
  'clients',
  'plans',
] as const;
export type MasterEntity = (typeof MASTER_ENTITIES)[number];

export const MASTER_RECORD = {
  warehouses: ErpWarehouse,
  priceTypes: ErpPriceType,
  staff: ErpStaff,
  items: ErpItem,
  prices: ErpPrice,
  stock: ErpStock,
  clients: ErpClient,
  plans: ErpPlan,
} as const satisfies Record<MasterEntity, z.ZodType>;

/** The record's key fields: one code, or a pair (item and price type, item and warehouse). */
export const MASTER_KEY: Record<MasterEntity, readonly string[]> = {
  warehouses: ['id'],
  priceTypes: ['id'],
  staff: ['id'],
  items: ['id'],
  prices: ['itemId', 'priceTypeId'],
  stock: ['itemId', 'warehouseId'],
  clients: ['id'],
  plans: ['id'],
};

/** Kinds an ERP may not keep at all (plans live in 1C at some companies only): "method not found" reads as none. */
export const OPTIONAL_MASTER: ReadonlySet<MasterEntity> = new Set(['plans']);

/** The JSON-RPC methods of each kind: its snapshot and its change feed. */
export const MASTER_METHODS: Record<MasterEntity, { snapshot: string; changes: string }> = {
  warehouses: { snapshot: 'warehouses.snapshot', changes: 'warehouses.changes' },
  priceTypes: { snapshot: 'priceTypes.snapshot', changes: 'priceTypes.changes' },
  staff: { snapshot: 'staff.snapshot', changes: 'staff.changes' },
  items: { snapshot: 'catalog.snapshot', changes: 'catalog.changes' },
  prices: { snapshot: 'prices.snapshot', changes: 'prices.changes' },
  stock: { snapshot: 'stock.pages', changes: 'stock.changes' },
  clients: { snapshot: 'clients.snapshot', changes: 'clients.changes' },
  plans: { snapshot: 'plans.snapshot', changes: 'plans.changes' },
};

/** A key as a snapshot cursor: the last record's code, or its pair. */
export const SnapshotKey = z.union([ErpCode, z.tuple([ErpCode, ErpCode])]);
export type SnapshotKey = z.infer<typeof SnapshotKey>;

/** Snapshot request: records with keys after `after` (null: from the first), in key order. */
export const SnapshotParams = z.object({
  after: SnapshotKey.nullable(),
  limit: z.number().int().min(1).max(10_000),
});

export const SnapshotPage = z.object({
  rows: z.array(z.unknown()).max(10_000),
  /** The last key of this page, to ask `after` next; null when this page is the last. */
  next: SnapshotKey.nullable(),
  /** The position of this kind's change feed when the page was read: the feed continues from the first page's. */
  position: z.number().int().min(0),
  /** How many records the whole snapshot has (for progress), when the ERP knows. */
  total: z.number().int().min(0).optional(),
  /** The ERP's time of the data (the "as of" of prices and stock). */
  asOf: z.string().datetime({ offset: true }),
});
export type SnapshotPage = z.infer<typeof SnapshotPage>;

/** One change of a feed: a record created or changed (`put`, the whole record), or removed (`retire`, its key). */
export const MasterChange = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), at: z.string().datetime({ offset: true }), data: z.unknown() }),
  z.object({
    op: z.literal('retire'),
    at: z.string().datetime({ offset: true }),
    key: z.record(z.string(), ErpCode),
  }),
]);
export type MasterChange = z.infer<typeof MasterChange>;

export const FeedParams = z.object({
  since: z.number().int().min(0),
  limit: z.number().int().min(1).max(10_000),
});

export const FeedPage = z.object({
  changes: z.array(z.unknown()).max(10_000),
  /** The position after the last change returned (ask `since` it next). */
  cursor: z.number().int().min(0),
});
export type FeedPage = z.infer<typeof FeedPage>;

/** The key of a record of a kind, as the server writes it ("812", "812:1"). */
export function masterKeyOf(entity: MasterEntity, record: Record<string, unknown>): string {
  return MASTER_KEY[entity].map((f) => String(record[f])).join(':');
}

/** Orders two snapshot keys (codes, or pairs compared field by field). */
export function compareSnapshotKeys(a: SnapshotKey, b: SnapshotKey): number {
  const x = Array.isArray(a) ? a : [a];
  const y = Array.isArray(b) ? b : [b];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function snapshotKeyOf(entity: MasterEntity, record: Record<string, unknown>): SnapshotKey {
  const fields = MASTER_KEY[entity];
  return fields.length === 1 ? Number(record[fields[0]!]) : [Number(record[fields[0]!]), Number(record[fields[1]!])];
}
