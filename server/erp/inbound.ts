// Inbound from the ERP besides the master data feeds: order statuses as they change, stock
// snapshots per warehouse (the reconciliation of the stock feed: rows the ERP holds are created
// or changed, rows it no longer holds are removed, and the warehouse gets its "as of"), and
// receivables. Every answer is parsed with the protocol's schemas; what does not parse is
// recorded with the ERP's position and skipped. Feed cursors advance in the same transaction as
// the rows written, so a crash re-reads a page rather than skipping one.
import Decimal from 'decimal.js';
import {
  ErpReceivable,
  ErpReceivables,
  ErpStatusChange,
  ErpStockEntry,
  ErpStockSnapshot,
} from '../../domain/erp/erp-protocol';
import type { Row } from '../../domain/sync/mutation-def';
import type { Audience } from '../audience';
import { applyErpStatuses } from '../orders/erp-results';
import { readRow, updateServerRows } from '../row-store';
import type { CentralStore } from '../store';
import type { ErpCaller } from './erp-caller';
import { cursorOf, lockFeed, setCursor } from './feed-cursor';
import { parseProblem, recordInboundErrors, type InboundError } from './inbound-errors';
import { applyMaster, type MasterOp } from './master-apply';
import { createMasterPoll } from './master-poll';
import { pollErpOrders } from './erp-orders';
import { pollDocuments } from './erp-documents';
import type { Query } from '../query';
import { overdueCrossed } from '../notifications/notices';

export type Committed = (audiences: Audience[], head: number) => void;

const PAGE = 1000;

export function createInbound(store: CentralStore, erp: ErpCaller, committed: Committed) {
  const master = createMasterPoll(store, erp, committed);

  /** Reads the order status feed to its end; returns how many changes it read. */
  async function pollStatuses(): Promise<number> {
    let total = 0;
    for (let page = 0; page < 100; page++) {
      const result = await store.transaction(async (tx) => {
        const query = tx.query as Query;
        if (!(await lockFeed(query, 'statuses'))) return null;
        const since = await cursorOf(query, 'statuses');
        const answer = await erp.call<{ changes?: unknown; cursor?: unknown }>('orderStatus.changes', {
          since,
          limit: PAGE,
        });
        const changes = Array.isArray(answer?.changes) ? answer.changes : [];
        const cursor = Number.isInteger(answer?.cursor) ? Number(answer.cursor) : since;
        const problems: InboundError[] = [];
        const reports = changes.flatMap((c, i) => {
          const parsed = ErpStatusChange.safeParse(c);
          if (parsed.success) return [{ ...parsed.data, erpId: parsed.data.erpId ?? null }];
          const position = String(cursor - changes.length + 1 + i);
          problems.push({
            feed: 'orderStatus.changes',
            position,
            key: null,
            message: parseProblem(parsed.error.issues),
          });
          return [];
        });
        const written = await applyErpStatuses(query, reports);
        await recordInboundErrors(query, problems);
        if (cursor > since) await setCursor(query, 'statuses', cursor);
        return { count: changes.length, ...written };
      });
      if (!result) return total;
      if (result.audiences.length) committed(result.audiences, result.head);
      total += result.count;
      if (result.count < PAGE) break;
    }
    return total;
  }

  /** One warehouse's stock from the ERP: creates, changes and removes rows; sets the warehouse's "as of". */
  async function pollStock(warehouseId: number): Promise<number> {
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      if (!(await lockFeed(query, 'stock'))) return null;
      const feed = 'stock.snapshot';
      const parsed = ErpStockSnapshot.safeParse(await erp.call<unknown>(feed, { warehouseId }));
      if (!parsed.success || parsed.data.warehouseId !== warehouseId) {
        const message = parsed.success
          ? `answer is for warehouse ${parsed.data.warehouseId}`
          : parseProblem(parsed.error.issues);
        await recordInboundErrors(query, [{ feed, position: `warehouse ${warehouseId}`, key: null, message }]);
        return { changed: 0, audiences: [], head: 0 };
      }
      const { asOf, items } = parsed.data;
      const problems: InboundError[] = [];
      const ops: MasterOp[] = [];
      const held = new Set<string>();
      // What the store holds now: only rows that differ go on (a snapshot of 30,000 unchanged rows
      // is one read, not 30,000 row locks and comparisons, while pushes wait on the store).
      const current = new Map(
        (
          await query<{ item_id: number; quantity: string; lead_days: number | null }>(
            `SELECT item_id, quantity::text AS quantity, lead_days FROM stock WHERE warehouse_id = $1 AND NOT deleted`,
            [warehouseId],
          )
        ).map((r) => [Number(r.item_id), r]),
      );
      for (const [i, entry] of items.entries()) {
        const e = ErpStockEntry.safeParse(entry);
        if (!e.success) {
          problems.push({
            feed,
            position: `warehouse ${warehouseId}#${i}`,
            key: null,
            message: parseProblem(e.error.issues),
          });
          continue;
        }
        const [itemId, quantity, leadDays] = e.data;
        const key = `${itemId}:${warehouseId}`;
        held.add(key);
        const now = current.get(itemId);
        if (now && new Decimal(now.quantity).equals(quantity) && (now.lead_days ?? null) === leadDays) continue;
        ops.push({
          op: 'put',
          key,
          record: { itemId, warehouseId, quantity, leadDays },
          at: asOf,
          position: `warehouse ${warehouseId}#${i}`,
        });
      }
      // What the store holds that the ERP no longer does is gone from the warehouse.
      for (const r of current.values()) {
        const key = `${r.item_id}:${warehouseId}`;
        if (!held.has(key)) ops.push({ op: 'retire', key, at: asOf, position: `warehouse ${warehouseId}` });
      }
      // The warehouse row is locked before the write lock is taken (as every writer does).
      await readRow(query, 'warehouses', String(warehouseId), true);
      const stockRows = await applyMaster(query, 'stock', ops);
      for (const r of stockRows.refused) problems.push({ feed, position: r.position, key: r.key, message: r.message });
      await recordInboundErrors(query, problems);
      const warehouseRow = await updateServerRows(
        query,
        'warehouses',
        new Map([[String(warehouseId), (w: Row) => ({ ...w, stock_as_of: asOf })]]),
      );
      return {
        changed: stockRows.written,
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
      const feed = 'receivables.get';
      const parsed = ErpReceivables.safeParse(await erp.call<unknown>(feed, { clientIds }));
      if (!parsed.success) {
        await recordInboundErrors(query, [
          { feed, position: 'answer', key: null, message: parseProblem(parsed.error.issues) },
        ]);
        return { count: 0, audiences: [], head: 0 };
      }
      const { asOf } = parsed.data;
      const problems: InboundError[] = [];
      const updates = new Map<string, (before: Row) => Row | null>();
      const crossed: Parameters<typeof overdueCrossed>[1] = [];
      for (const [i, raw] of parsed.data.clients.entries()) {
        const c = ErpReceivable.safeParse(raw);
        if (!c.success) {
          problems.push({ feed, position: `#${i}`, key: null, message: parseProblem(c.error.issues) });
          continue;
        }
        const { clientId, overdue, documents, schedule } = c.data;
        const detail = documents || schedule ? { documents: documents ?? [], schedule: schedule ?? [] } : undefined;
        updates.set(String(clientId), (b) => {
          // Overdue debt going over the credit limit now (it was within before) is news for the manager.
          const limit = new Decimal(String(b.credit_limit ?? 0));
          if (limit.gt(0) && new Decimal(overdue).gt(limit) && !new Decimal(String(b.overdue ?? 0)).gt(limit))
            crossed.push({
              clientId,
              managerId: Number(b.manager_id),
              name: String(b.name ?? ''),
              overdue,
              limit: limit.toFixed(2),
            });
          return { ...b, overdue, receivables_as_of: asOf, ...(detail ? { receivables: detail } : {}) };
        });
      }
      await recordInboundErrors(query, problems);
      const written = await updateServerRows(query, 'clients', updates);
      const told = await overdueCrossed(query, crossed, new Date());
      return {
        count: written.audiences.length,
        audiences: [...written.audiences, ...told.audiences],
        head: Math.max(written.head, told.head),
      };
    });
    if (result?.audiences.length) committed(result.audiences, result.head);
    return result?.count ?? 0;
  }

  /** Orders made in 1C, after the master data they refer to. */
  const pollOrdersMadeInErp = () => pollErpOrders(store, erp, committed);
  /** The clients' documents, after the orders they belong to. */
  const pollClientDocuments = () => pollDocuments(store, erp, committed);

  return {
    pollOrdersMadeInErp,
    pollClientDocuments,
    pollStatuses,
    pollMaster: master.poll,
    pollAllMaster: master.pollAll,
    pollStock,
    pollAllStock,
    pollReceivables,
  };
}

export type Inbound = ReturnType<typeof createInbound>;
