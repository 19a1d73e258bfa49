// Inbound from the ERP: order statuses and prices as they change, stock snapshots per warehouse,
// receivables, catalog and client requisites. Each feed is read from its cursor (kept in
// server_settings, advanced in the same transaction as the rows it wrote, so a crash re-reads a
// page rather than skipping one) and written as ordinary versioned rows with their "as of" time.
// Only values that differ are written: a snapshot of 50,000 unchanged stock rows costs desks
// nothing. One instance reads a feed at a time (advisory lock), the others skip that round.
import Decimal from 'decimal.js';
import type { Audience } from '../audience';
import type { Row } from '../../domain/sync/mutation-def';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/orders/order';
import type { SyncTableName } from '../../domain/sync/sync-tables';
import { applyErpStatuses } from '../orders/erp-results';
import { readRow, updateServerRows } from '../row-store';
import type { CentralStore } from '../store';
import type { ErpCaller } from './erp-caller';
import type { Query } from '../query';

export type Committed = (audiences: Audience[], head: number) => void;

const FEED_LOCK_BASE = 7500;
const PAGE = 1000;

export type FeedName = 'statuses' | 'prices' | 'catalog' | 'clients';
const FEED_METHOD: Record<FeedName, string> = {
  statuses: 'orderStatus.changes',
  prices: 'prices.changes',
  catalog: 'catalog.changes',
  clients: 'clients.changes',
};
const FEED_LOCK: Record<FeedName | 'stock' | 'receivables', number> = {
  statuses: 1,
  prices: 2,
  catalog: 3,
  clients: 4,
  stock: 5,
  receivables: 6,
};

async function cursorOf(query: Query, feed: string): Promise<number> {
  const [row] = await query<{ value: string }>(`SELECT value FROM server_settings WHERE key = $1`, [
    `erp_cursor:${feed}`,
  ]);
  return row ? Number(row.value) : 0;
}

async function setCursor(query: Query, feed: string, cursor: number): Promise<void> {
  await query(
    `INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [`erp_cursor:${feed}`, String(cursor)],
  );
}

async function lockFeed(query: Query, feed: keyof typeof FEED_LOCK): Promise<boolean> {
  const [row] = await query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
    FEED_LOCK_BASE + FEED_LOCK[feed],
  ]);
  return Boolean(row?.ok);
}

const sameDecimal = (a: unknown, b: unknown): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && new Decimal(String(a)).equals(String(b));

/** A contract as the ERP sends it: number, date (YYYY-MM-DD) and payment terms. */
function isAgreement(v: unknown): v is { number: string; date: string; terms: string } {
  const a = v as Record<string, unknown> | null;
  return (
    !!a &&
    typeof a.number === 'string' &&
    a.number.length > 0 &&
    a.number.length <= 100 &&
    typeof a.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(a.date) &&
    typeof a.terms === 'string' &&
    a.terms.length <= 200
  );
}

export function createInbound(store: CentralStore, erp: ErpCaller, committed: Committed) {
  /** Reads one feed to its end; returns how many changes it applied. */
  async function pollFeed(feed: FeedName): Promise<number> {
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const result = await store.transaction(async (tx) => {
        const query = tx.query as Query;
        if (!(await lockFeed(query, feed))) return null;
        const since = await cursorOf(query, feed);
        const answer = await erp.call<{ changes: Record<string, unknown>[]; cursor: number }>(FEED_METHOD[feed], {
          since,
          limit: PAGE,
        });
        const changes = Array.isArray(answer?.changes) ? answer.changes : [];
        const written = await applyFeed(query, feed, changes);
        if (Number.isInteger(answer?.cursor) && answer.cursor > since) await setCursor(query, feed, answer.cursor);
        return { count: changes.length, ...written };
      });
      if (!result) return total;
      if (result.audiences.length) committed(result.audiences, result.head);
      total += result.count;
      if (result.count < PAGE) break;
    }
    return total;
  }

  async function applyFeed(
    query: Query,
    feed: FeedName,
    changes: Record<string, unknown>[],
  ): Promise<{ audiences: Audience[]; head: number }> {
    if (feed === 'statuses') {
      const reports = changes
        .filter(
          (c) => typeof c.orderId === 'string' && (ORDER_STATUSES as readonly string[]).includes(String(c.status)),
        )
        .map((c) => ({
          orderId: String(c.orderId),
          erpId: c.erpId ? String(c.erpId) : null,
          status: c.status as OrderStatus,
          at: String(c.at ?? new Date().toISOString()),
        }));
      return applyErpStatuses(query, reports);
    }
    const updates = new Map<string, (before: Row) => Row | null>();
    let table: SyncTableName;
    if (feed === 'prices') {
      table = 'prices';
      for (const c of changes) {
        const price = String(c.price ?? '');
        if (!/^\d+(\.\d+)?$/.test(price)) continue;
        const at = String(c.at ?? new Date().toISOString());
        updates.set(`${Number(c.itemId)}:${Number(c.priceTypeId)}`, (b) =>
          sameDecimal(b.price, price) ? null : { ...b, price, as_of: at },
        );
      }
    } else if (feed === 'catalog') {
      table = 'items';
      for (const c of changes) {
        const decimal = (v: unknown): string | null =>
          typeof v === 'string' && /^\d{1,11}(\.\d{1,9})?$/.test(v) ? v : null;
        updates.set(String(Number(c.itemId)), (b) => {
          const next = {
            ...b,
            name: c.name ?? b.name,
            lifecycle: c.lifecycle === 'discontinued' || c.lifecycle === 'active' ? c.lifecycle : b.lifecycle,
            cost: decimal(c.cost) ?? b.cost,
            weight_kg: decimal(c.weightKg) ?? b.weight_kg,
            volume_m3: decimal(c.volumeM3) ?? b.volume_m3,
          };
          const same =
            next.name === b.name &&
            next.lifecycle === b.lifecycle &&
            sameDecimal(b.cost, next.cost) &&
            sameDecimal(b.weight_kg, next.weight_kg) &&
            sameDecimal(b.volume_m3, next.volume_m3);
          return same ? null : next;
        });
      }
    } else {
      table = 'clients';
      for (const c of changes) {
        updates.set(String(Number(c.clientId)), (b) => {
          const agreements = Array.isArray(c.agreements)
            ? (c.agreements as unknown[]).filter(isAgreement)
            : b.agreements;
          const next = {
            ...b,
            name: c.name ?? b.name,
            kpp: c.kpp ?? b.kpp,
            legal_address: c.legalAddress ?? b.legal_address,
            agreements,
          };
          const same =
            next.name === b.name &&
            next.kpp === b.kpp &&
            next.legal_address === b.legal_address &&
            JSON.stringify(agreements) === JSON.stringify(b.agreements);
          return same ? null : next;
        });
      }
    }
    return updateServerRows(query, table, updates);
  }

  /** One warehouse's stock from the ERP: writes the rows that changed and the warehouse's "as of". */
  async function pollStock(warehouseId: number): Promise<number> {
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      if (!(await lockFeed(query, 'stock'))) return null;
      const answer = await erp.call<{ asOf: string; items: [number, string, number | null][] }>('stock.snapshot', {
        warehouseId,
      });
      const current = new Map(
        (
          await query<{ item_id: number; quantity: string; lead_days: number | null }>(
            `SELECT item_id, quantity::text AS quantity, lead_days FROM stock WHERE warehouse_id = $1 AND NOT deleted`,
            [warehouseId],
          )
        ).map((r) => [r.item_id, r]),
      );
      const asOf = String(answer?.asOf ?? new Date().toISOString());
      const updates = new Map<string, (before: Row) => Row | null>();
      for (const [itemId, quantity, lead] of Array.isArray(answer?.items) ? answer.items : []) {
        const now = current.get(itemId);
        if (!now || !/^\d+(\.\d+)?$/.test(String(quantity))) continue;
        if (sameDecimal(now.quantity, quantity) && now.lead_days === lead) continue;
        updates.set(`${itemId}:${warehouseId}`, (b) => ({
          ...b,
          quantity: String(quantity),
          lead_days: lead,
          as_of: asOf,
        }));
      }
      // The warehouse row is locked before the write lock is taken (as every writer does).
      await readRow(query, 'warehouses', String(warehouseId), true);
      const stockRows = await updateServerRows(query, 'stock', updates);
      const warehouseRow = await updateServerRows(
        query,
        'warehouses',
        new Map([[String(warehouseId), (w: Row) => ({ ...w, stock_as_of: asOf })]]),
      );
      return {
        changed: updates.size,
        audiences: [...stockRows.audiences, ...warehouseRow.audiences],
        head: Math.max(stockRows.head, warehouseRow.head),
      };
    });
    if (result?.audiences.length) committed(result.audiences, result.head);
    return result?.changed ?? 0;
  }

  async function pollAllStock(): Promise<number> {
    const warehouses = await store.queryObjects<{ id: number }>(
      `SELECT id FROM warehouses WHERE NOT deleted ORDER BY id`,
    );
    let changed = 0;
    for (const w of warehouses) changed += await pollStock(w.id);
    return changed;
  }

  /** Receivables (overdue debt) of some clients, or of all; each client row gets its "as of". */
  async function pollReceivables(clientIds: number[] | null = null): Promise<number> {
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      if (!(await lockFeed(query, 'receivables'))) return null;
      const answer = await erp.call<{ asOf: string; clients: { clientId: number; overdue: string }[] }>(
        'receivables.get',
        { clientIds },
      );
      const asOf = String(answer?.asOf ?? new Date().toISOString());
      const updates = new Map<string, (before: Row) => Row | null>();
      for (const c of Array.isArray(answer?.clients) ? answer.clients : []) {
        if (!/^\d+(\.\d+)?$/.test(String(c.overdue))) continue;
        updates.set(String(Number(c.clientId)), (b) => ({ ...b, overdue: String(c.overdue), receivables_as_of: asOf }));
      }
      const written = await updateServerRows(query, 'clients', updates);
      return { count: written.audiences.length, ...written };
    });
    if (result?.audiences.length) committed(result.audiences, result.head);
    return result?.count ?? 0;
  }

  return { pollFeed, pollStock, pollAllStock, pollReceivables };
}

export type Inbound = ReturnType<typeof createInbound>;
