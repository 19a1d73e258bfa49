// What the ERP receives for an order: the payload of `order.submit` (the whole order as it was
// when the manager submitted it), `order.change` (the header and the lines changed or removed)
// `order.cancel`, and a reserve's `reserve.extend` and `reserve.convert`, read inside the transaction that enqueues them, so they are exactly the
// committed state that caused them.
import type { ErpEffect } from '../../domain/sync/mutation-def';
import { enqueueForErp } from '../erp/outbox';
import { reserveDaysOf } from '../../domain/orders/order-kinds';
import type { Query } from '../query';

interface HeaderRow {
  id: string;
  number: string | null;
  erp_number: string | null;
  client_id: number;
  client_inn: string;
  kind: string;
  warehouse_id: number;
  warehouse_code: string;
  delivery_date: string | null;
  comment: string;
  agreement: string | null;
  delivery_method: string;
  delivery_address: string;
  total: string;
  lines_count: number;
  submitted_at: string | null;
  agreements: unknown;
  from_order_id: string | null;
  programme_id: string | null;
  programme_name: string | null;
}

async function header(query: Query, orderId: string): Promise<Record<string, unknown>> {
  const [o] = await query<HeaderRow>(
    `SELECT o.id, o.number, o.erp_number, o.client_id, c.inn AS client_inn, o.kind, o.warehouse_id, w.code AS warehouse_code, o.delivery_date, o.comment, o.agreement, o.delivery_method, o.delivery_address, o.total::text AS total, o.lines_count, c.agreements, o.from_order_id, o.programme_id, sp.name AS programme_name,
            to_char(o.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS submitted_at
     FROM orders o LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN warehouses w ON w.id = o.warehouse_id
       LEFT JOIN seasonal_programmes sp ON sp.id = o.programme_id WHERE o.id = $1`,
    [orderId],
  );
  if (!o) throw new Error(`order ${orderId} vanished inside its own transaction`);
  // The document's VAT: per line, then summed, as the ERP sums it (the ERP checks it against its own).
  const [v] = await query<{ vat: string | null; with_vat: boolean | null }>(
    `SELECT sum(${LINE_VAT})::text AS vat, bool_and(coalesce(pt.with_vat, true)) AS with_vat ${LINE_FROM} WHERE l.order_id = $1 AND NOT l.deleted`,
    [orderId],
  );
  return {
    orderId: o.id,
    number: o.number,
    // 1C's own number once it has taken the order (null on submit): how its people know it.
    erpNumber: o.erp_number,
    clientId: o.client_id,
    clientInn: o.client_inn,
    kind: o.kind,
    warehouseId: o.warehouse_id,
    warehouseCode: o.warehouse_code,
    deliveryDate: o.delivery_date,
    agreement: o.agreement,
    deliveryMethod: o.delivery_method,
    deliveryAddress: o.delivery_address,
    comment: o.comment,
    total: o.total,
    vat: v?.vat ?? '0.00',
    pricesWithVat: v?.with_vat ?? true,
    linesCount: o.lines_count,
    submittedAt: o.submitted_at,
    // A reserve asks for the period of the client's agreement; 1C decides what it holds and until when.
    ...(o.kind === 'reserve' ? { holdDays: reserveDaysOf(o.agreements, o.agreement) } : {}),
    // An order made of a preorder's secured part: 1C moves the secured goods from the preorder to it.
    ...(o.from_order_id ? { fromOrderId: o.from_order_id } : {}),
    // A seasonal order: the programme whose commitment it fills.
    ...(o.programme_id ? { programme: { id: o.programme_id, name: o.programme_name ?? '' } } : {}),
  };
}

/**
 * A line's VAT as the ERP computes it (domain/pricing lineVat): inside the amount when the client's
 * price type includes VAT, on top of it otherwise; to kopecks, half up (numeric: exact).
 */
const LINE_VAT = `round(CASE WHEN coalesce(pt.with_vat, true) THEN l.amount * coalesce(i.vat_rate, 0) / (100 + coalesce(i.vat_rate, 0)) ELSE l.amount * coalesce(i.vat_rate, 0) / 100 END, 2)`;
const LINE_FROM = `FROM order_lines l LEFT JOIN items i ON i.id = l.item_id LEFT JOIN orders o ON o.id = l.order_id LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN price_types pt ON pt.id = c.price_type_id`;

const LINE_SELECT = `SELECT l.id AS "lineId", l.line_no AS "lineNo", l.item_id AS "itemId", i.article, l.quantity::text AS quantity, l.price::text AS price,
  l.discount::text AS discount, l.amount::text AS amount, coalesce(i.vat_rate, 0)::text AS "vatRate", ${LINE_VAT}::text AS vat, l.warehouse_id AS "warehouseId", l.comment, l.from_line_id AS "fromLineId" ${LINE_FROM}`;

export async function enqueueOrderMessage(
  query: Query,
  effect: Extract<ErpEffect, { orderId: string }>,
): Promise<void> {
  const order = await header(query, effect.orderId);
  let payload: Record<string, unknown>;
  if (effect.method === 'order.submit') {
    const lines = await query(`${LINE_SELECT} WHERE l.order_id = $1 AND NOT l.deleted ORDER BY l.line_no, l.id`, [
      effect.orderId,
    ]);
    payload = { order, lines };
  } else if (effect.method === 'order.change') {
    const ids = effect.lineIds ?? [];
    const lines = await query<{ lineId: string }>(
      `${LINE_SELECT} WHERE l.id = ANY($1::text[]) AND NOT l.deleted ORDER BY l.line_no, l.id`,
      [ids],
    );
    const present = new Set(lines.map((l) => l.lineId));
    payload = { order, lines, removedLineIds: ids.filter((id) => !present.has(id)) };
  } else if (effect.method === 'reserve.extend') {
    payload = { order, days: effect.days ?? 1 };
  } else if (effect.method === 'reserve.convert') {
    payload = { order };
  } else {
    payload = { order, reason: effect.reason ?? '' };
  }
  await enqueueForErp(query, { aggregate: effect.aggregate, method: effect.method, payload });
}
