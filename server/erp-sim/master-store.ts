// The simulated ERP's master data: for each kind (warehouses, price types, staff, items, prices,
// stock, clients, sales plans) the records by key, served as a paged snapshot in key order, and an
// append-only change log served as the kind's feed. Every put or retire goes through here, so
// the snapshot and the feed always agree: a record changed during a load is in the feed after the
// position the load's first page named.
import {
  MASTER_ENTITIES,
  MASTER_KEY,
  compareSnapshotKeys,
  masterKeyOf,
  snapshotKeyOf,
  type MasterEntity,
  type SnapshotKey,
} from '../../domain/erp/master-feeds';
import type { Receivables } from '../../domain/clients/receivables';
import { clientReceivables } from './receivables';
import type {
  ErpClient,
  ErpItem,
  ErpPlan,
  ErpPrice,
  ErpPriceType,
  ErpStaff,
  ErpStock,
  ErpWarehouse,
} from '../../domain/erp/master-data';

/** The ERP's master data set (the demo's, or a small one in tests). */
export interface ErpMasterData {
  warehouses: ErpWarehouse[];
  priceTypes: ErpPriceType[];
  staff: ErpStaff[];
  items: ErpItem[];
  prices: ErpPrice[];
  stock: ErpStock[];
  clients: ErpClient[];
  /** Sales plans 1C keeps (none in the demo: its plans come with the desks' demo orders). */
  plans?: ErpPlan[];
  /** Overdue debt per client code (receivables.get). */
  overdue?: Record<number, string>;
}

export interface FeedEntry {
  at: string;
  [k: string]: unknown;
}

/**
 * An append-only change log read by position: `since` is the position after the last entry read.
 * Positions start from the clock at the simulator's start, so a restarted simulator (its log in
 * memory, lost) never answers with a position behind one it gave before, as 1C never would.
 */
export class ChangeLog {
  readonly entries: FeedEntry[] = [];
  // Microseconds of the clock: a log would have to grow faster than a thousand changes a
  // millisecond to overtake a later start's base.
  constructor(readonly base = Date.now() * 1000) {}
  add(entry: Omit<FeedEntry, 'at'>): void {
    this.entries.push({ ...entry, at: new Date().toISOString() });
  }
  /** The position after the last entry. */
  get position(): number {
    return this.base + this.entries.length;
  }
  read(since: number, limit: number, duplicate: boolean): { changes: FeedEntry[]; cursor: number } {
    // Duplicate delivery: a page starts a little before where the reader left off.
    const at = Math.max(0, Math.min(since - this.base, this.entries.length) - (duplicate ? 3 : 0));
    const changes = this.entries.slice(at, at + limit);
    return { changes, cursor: Math.max(since, this.base + at + changes.length) };
  }
}

/** One kind's records, kept in key order for snapshot pages, and its feed. */
export class MasterKind<T extends object> {
  readonly rows = new Map<string, T>();
  readonly log = new ChangeLog();
  private order: { key: string; sortKey: SnapshotKey }[] = [];
  private sorted = true;

  constructor(readonly entity: MasterEntity) {}

  /** Creates or changes a record (the whole record, as the feed carries it). */
  put(record: T, logged = true): void {
    const key = masterKeyOf(this.entity, record as Record<string, unknown>);
    if (!this.rows.has(key)) {
      const sortKey = snapshotKeyOf(this.entity, record as Record<string, unknown>);
      const tail = this.order[this.order.length - 1];
      if (tail && compareSnapshotKeys(sortKey, tail.sortKey) < 0) this.sorted = false;
      this.order.push({ key, sortKey });
    }
    this.rows.set(key, record);
    if (logged) this.log.add({ op: 'put', data: record });
  }

  retire(key: string): void {
    if (!this.rows.delete(key)) return;
    const parts = key.split(':').map(Number);
    this.log.add({ op: 'retire', key: Object.fromEntries(MASTER_KEY[this.entity].map((f, i) => [f, parts[i]])) });
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  /** Records after `after` in key order; `overlap` starts the page a few records early (a faulty ERP). */
  page(after: SnapshotKey | null, limit: number, overlap: boolean): { rows: T[]; next: SnapshotKey | null } {
    if (!this.sorted) {
      this.order.sort((a, b) => compareSnapshotKeys(a.sortKey, b.sortKey));
      this.sorted = true;
    }
    // Retired records leave holes in the order; they are dropped when found.
    if (this.order.length > this.rows.size * 2) this.order = this.order.filter((o) => this.rows.has(o.key));
    let lo = 0;
    let hi = this.order.length;
    while (after !== null && lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareSnapshotKeys(this.order[mid]!.sortKey, after) <= 0) lo = mid + 1;
      else hi = mid;
    }
    let i = overlap ? Math.max(0, lo - 3) : lo;
    const rows: T[] = [];
    let last: SnapshotKey | null = null;
    for (; i < this.order.length && rows.length < limit; i++) {
      const o = this.order[i]!;
      const row = this.rows.get(o.key);
      if (!row) continue;
      rows.push(row);
      last = o.sortKey;
    }
    while (i < this.order.length && !this.rows.has(this.order[i]!.key)) i++;
    return { rows, next: i < this.order.length ? last : null };
  }
}

export interface MasterStore {
  warehouses: MasterKind<ErpWarehouse>;
  priceTypes: MasterKind<ErpPriceType>;
  staff: MasterKind<ErpStaff>;
  items: MasterKind<ErpItem>;
  prices: MasterKind<ErpPrice>;
  stock: MasterKind<ErpStock>;
  clients: MasterKind<ErpClient>;
  plans: MasterKind<ErpPlan>;
  /** Open documents and payment schedule per client code (receivables.get). */
  receivables: Map<number, Receivables>;
}

export function createMasterStore(data: ErpMasterData): MasterStore {
  const store = Object.fromEntries(MASTER_ENTITIES.map((e) => [e, new MasterKind(e)])) as unknown as MasterStore;
  for (const e of MASTER_ENTITIES)
    for (const record of (data[e] ?? []) as object[]) (store[e] as MasterKind<object>).put(record, false);
  const today = new Date();
  store.receivables = new Map(
    data.clients.map((c) => [c.id, clientReceivables(c.id, data.overdue?.[c.id] ?? '0', c.creditLimit, today)]),
  );
  return store;
}

export const emptyMasterData = (): ErpMasterData => ({
  warehouses: [],
  priceTypes: [],
  staff: [],
  items: [],
  prices: [],
  stock: [],
  clients: [],
  plans: [],
});
