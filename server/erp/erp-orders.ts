// Orders made in 1C (by phone, by a field rep, through the client portal), read from the
// `orders.changes` feed: each change is the whole order, written as an order of origin "erp"
// with its lines, under the client's manager, so it is in the client's history on the desks of
// those who see the client, read-only there (domain/sync/mutations.ts), and claims can be raised
// against its shipped lines. Its ids are made from the ERP's number, so a change read twice
// writes the same rows; lines the ERP dropped are removed.
import { createHash } from 'node:crypto';
import { ErpOrder } from '../../domain/erp/erp-orders';
import { MasterChange } from '../../domain/erp/master-feeds';
import { addMoney, lineCost } from '../../domain/orders/order';
import type { Row } from '../../domain/sync/mutation-def';
import { sameRowContent, type SyncTableName } from '../../domain/sync/sync-tables';
import type { Audience } from '../audience';
import type { Query } from '../query';
import { writeServerRows } from '../row-store';
import type { CentralStore } from '../store';
import type { ErpCaller } from './erp-caller';
import { readFeed } from './feed-pages';
import { parseProblem, type InboundError } from './inbound-errors';

const FEED = 'orders.changes';
const PAGE = 1000;

/** A stable UUID (v5 layout) from a name: the same ERP order always has the same id on the server. */
export function erpUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const erpOrderId = (erpId: string): string => erpUuid(`erp-order:${erpId}`);

async function applyOrders(
  query: Query,
  orders: { order: ErpOrder; at: string; position: string }[],
  problems: InboundError[],
): Promise<{ audiences: Audience[]; head: number }> {
  const clientIds = [...new Set(orders.map((o) => o.order.clientId))];
  const itemIds = [...new Set(orders.flatMap((o) => o.order.lines.map((l) => l.itemId)))];
  const clients = new Map(
    (
      await query<{ id: number; manager_id: number }>(
        `SELECT id, manager_id FROM clients WHERE id = ANY($1::int[]) AND NOT deleted`,
        [clientIds],
      )
    ).map((c) => [c.id, c.manager_id]),
  );
  const costs = new Map(
    (
      await query<{ id: number; cost: string }>(
        `SELECT id, cost::text AS cost FROM items WHERE id = ANY($1::int[]) AND NOT deleted`,
        [itemIds],
      )
    ).map((i) => [i.id, i.cost]),
  );
  const warehouses = new Set(
    (await query<{ id: number }>(`SELECT id FROM warehouses WHERE NOT deleted`)).map((w) => Number(w.id)),
  );
  // The page's orders and their lines as they are, each in one query (a page of 200 orders was
  // 400 queries), locked in key order like every writer's.
  const ids = orders.map((o) => erpOrderId(o.order.erpId)).sort();
  const existing = new Map(
    (
      await query<Row>(
        `SELECT o.*, o.total::text AS total, o.cost_total::text AS cost_total FROM orders o WHERE o.id = ANY($1::text[]) ORDER BY o.id FOR UPDATE`,
        [ids],
      )
    ).map((r) => [String(r.id), r]),
  );
  const linesOf = new Map<string, Row[]>();
  for (const l of await query<Row>(
    `SELECT l.*, l.quantity::text AS quantity, l.price::text AS price, l.discount::text AS discount, l.amount::text AS amount, l.cost::text AS cost
     FROM order_lines l WHERE l.order_id = ANY($1::text[]) AND NOT l.deleted ORDER BY l.id FOR UPDATE`,
    [ids],
  )) {
    const list = linesOf.get(String(l.order_id));
    if (list) list.push(l);
    else linesOf.set(String(l.order_id), [l]);
  }
  const writes: { table: SyncTableName; key: string; row: Row | null }[] = [];
  const befores = new Map<string, Row>();
  for (const { order: o, at, position } of orders) {
    const managerId = clients.get(o.clientId);
    const unknownItem = o.lines.find((l) => !costs.has(l.itemId));
    const why =
      managerId === undefined
        ? `unknown client ${o.clientId}`
        : !warehouses.has(o.warehouseId)
          ? `unknown warehouse ${o.warehouseId}`
          : unknownItem
            ? `unknown item ${unknownItem.itemId}`
            : null;
    if (why) {
      problems.push({ feed: FEED, position, key: o.erpId, message: why });
      continue;
    }
    const id = erpOrderId(o.erpId);
    const before = existing.get(id);
    if (before && before.origin !== 'erp') {
      problems.push({ feed: FEED, position, key: o.erpId, message: 'an order of a desk has this id' });
      continue;
    }
    const oldLines = linesOf.get(id) ?? [];
    let total = '0';
    let costTotal = '0';
    const kept = new Set<string>();
    for (const l of o.lines) {
      const lineId = erpUuid(`erp-order:${o.erpId}:${l.lineNo}`);
      kept.add(lineId);
      const cost = costs.get(l.itemId)!;
      total = addMoney(total, l.amount);
      costTotal = addMoney(costTotal, lineCost(l.quantity, cost));
      const row: Row = {
        id: lineId,
        order_id: id,
        manager_id: managerId,
        line_no: l.lineNo,
        item_id: l.itemId,
        quantity: l.quantity,
        price: l.price,
        price_source: 'erp',
        discount: l.discount,
        amount: l.amount,
        warehouse_id: null,
        comment: '',
        cost,
        override_reason: '',
        override_note: '',
      };
      const was = oldLines.find((x) => x.id === lineId) ?? null;
      if (was) befores.set(lineId, was);
      if (!was || !sameRowContent('order_lines', row, was)) writes.push({ table: 'order_lines', key: lineId, row });
    }
    for (const was of oldLines)
      if (!kept.has(String(was.id))) {
        befores.set(String(was.id), was);
        writes.push({ table: 'order_lines', key: String(was.id), row: null });
      }
    const row: Row = {
      id,
      number: o.erpId,
      client_id: o.clientId,
      manager_id: managerId,
      kind: o.kind,
      status: o.status,
      warehouse_id: o.warehouseId,
      delivery_date: o.deliveryDate,
      comment: o.comment,
      lines_count: o.lines.length,
      total,
      created_at: o.createdAt,
      submitted_at: o.createdAt,
      erp_number: o.erpId,
      erp_status_at: at,
      erp_error: null,
      cost_total: costTotal,
      agreement: null,
      delivery_method: 'delivery',
      delivery_address: '',
      last_line_no: o.lines.reduce((m, l) => Math.max(m, l.lineNo), 0),
      origin: 'erp',
    };
    if (before) befores.set(id, before);
    // Times come back from the store as dates: compared as instants, the rest as values.
    const instant = (v: unknown) => (v ? new Date(v as string).getTime() : null);
    const same =
      before &&
      instant(before.created_at) === instant(row.created_at) &&
      String(before.delivery_date ?? '').slice(0, 10) === String(row.delivery_date ?? '').slice(0, 10) &&
      sameRowContent(
        'orders',
        {
          ...row,
          erp_status_at: before.erp_status_at,
          created_at: before.created_at,
          submitted_at: before.submitted_at,
          delivery_date: before.delivery_date,
        },
        before,
      );
    if (!same) writes.unshift({ table: 'orders', key: id, row });
  }
  return writeServerRows(query, writes, befores);
}

/** Reads the feed of orders made in 1C to its end; returns how many changes it read. */
export function pollErpOrders(
  store: CentralStore,
  erp: ErpCaller,
  committed: (audiences: Audience[], head: number) => void,
): Promise<number> {
  return readFeed(
    store,
    erp,
    {
      method: FEED,
      lock: 'erpOrders',
      page: PAGE,
      async apply(query, changes, problems) {
        const orders: { order: ErpOrder; at: string; position: string }[] = [];
        for (const { raw, position } of changes) {
          const envelope = MasterChange.safeParse(raw);
          const parsed = envelope.success && envelope.data.op === 'put' ? ErpOrder.safeParse(envelope.data.data) : null;
          if (!envelope.success || !parsed?.success) {
            const issues = !envelope.success ? envelope.error.issues : parsed?.error?.issues;
            problems.push({ feed: FEED, position, key: null, message: issues ? parseProblem(issues) : 'only put' });
            continue;
          }
          // The last change of an order in the page wins.
          const at = orders.findIndex((x) => x.order.erpId === parsed.data.erpId);
          if (at >= 0) orders.splice(at, 1);
          orders.push({ order: parsed.data, at: envelope.data.at, position });
        }
        return applyOrders(query, orders, problems);
      },
    },
    committed,
  );
}
