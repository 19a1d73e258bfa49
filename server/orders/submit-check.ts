// The server's side of the submit check: the order's lines against the freshest prices and stock
// the server has from the ERP, priced by the same engine and rules the desk used
// (domain/pricing, domain/pricing/price-rules), so both find the same differences.
import { pricingRulesFrom } from '../../domain/pricing/price-rules';
import { compileRules, rulePrice, type OrderPricing } from '../../domain/pricing/pricing';
import { checkOrder, type CheckLine, type SubmitCheck } from '../../domain/orders/submit-check';
import { CREDIT_STATUSES, creditPosition, type OrderKind } from '../../domain/orders/order';
import {
  approvalOf,
  floorFor,
  floorPrice,
  submitBlocks,
  type FloorLine,
  type SubmitBlock,
} from '../../domain/pricing/price-floors';
import type { Query } from '../query';

/** The server's calendar day (UTC; the desks' rules take effect by the same dates). */
const serverDay = (): string => new Date().toISOString().slice(0, 10);

/** How an order is priced on the server today: its client, the rules in force. */
export async function orderPricingOnServer(
  query: Query,
  client: {
    id: number;
    price_type_id: number;
    coefficient: string;
    client_group: string | null;
    coefficient_rules: unknown;
  },
  kind: OrderKind,
): Promise<OrderPricing> {
  const built = pricingRulesFrom(
    await query<{ id: number; with_vat: boolean; places: number }>(
      `SELECT id, with_vat, places FROM price_types WHERE NOT deleted`,
    ),
    await query<{ id: string; kind: string; body: unknown }>(
      `SELECT id, kind, body FROM price_rules WHERE NOT deleted`,
    ),
    [{ id: client.id, coefficient_rules: client.coefficient_rules }],
  );
  return {
    rules: compileRules(built.rules),
    date: serverDay(),
    preorder: kind === 'preorder',
    client: {
      id: client.id,
      priceTypeId: client.price_type_id,
      coefficient: client.coefficient,
      clientGroup: client.client_group,
    },
  };
}

export async function checkOrderOnServer(query: Query, orderId: string): Promise<SubmitCheck | null> {
  const [order] = await query<{
    kind: OrderKind;
    warehouse_id: number;
    client_id: number;
    coefficient: string;
    price_type_id: number;
    client_group: string | null;
    coefficient_rules: unknown;
  }>(
    `SELECT o.kind, o.warehouse_id, o.client_id, c.coefficient::text AS coefficient, c.price_type_id, c.client_group, c.coefficient_rules
     FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = $1 AND NOT o.deleted`,
    [orderId],
  );
  if (!order) return null;
  const pricing = await orderPricingOnServer(query, { ...order, id: order.client_id }, order.kind);
  const rows = await query<
    CheckLine & { base: string | null; available: string | null; group_name: string; vat_rate: string }
  >(
    `SELECT l.id, l.item_id, coalesce(i.article, '') AS article, l.quantity::text AS quantity, l.price::text AS price, l.price_source, l.warehouse_id,
            p.price::text AS base, s.quantity::text AS available, coalesce(i.group_name, '') AS group_name, coalesce(i.vat_rate, 0)::text AS vat_rate
     FROM order_lines l
     LEFT JOIN items i ON i.id = l.item_id
     LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = $2 AND NOT p.deleted
     LEFT JOIN stock s ON s.item_id = l.item_id AND s.warehouse_id = coalesce(l.warehouse_id, $3) AND NOT s.deleted
     WHERE l.order_id = $1 AND NOT l.deleted`,
    [orderId, order.price_type_id, order.warehouse_id],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const stock = new Map(rows.map((r) => [`${r.item_id}:${r.warehouse_id ?? order.warehouse_id}`, r.available]));
  return checkOrder(rows, {
    kind: order.kind,
    warehouseId: order.warehouse_id,
    price: (line) => {
      const r = byId.get(line.id)!;
      return (
        rulePrice(pricing, { id: r.item_id, group: r.group_name, vatRate: r.vat_rate }, r.quantity, r.base)
          ?.unitPrice ?? null
      );
    },
    stock: (id, wh) => stock.get(`${id}:${wh}`) ?? null,
  });
}

/**
 * What stops the order from being submitted, as the server sees it (the same rule as the desk's,
 * domain/pricing/price-floors): overrides without a reason, prices below floor not approved, credit over
 * the limit not released.
 */
export async function blocksOnServer(query: Query, orderId: string): Promise<SubmitBlock[]> {
  const [order] = await query<{
    total: string;
    client_id: number;
    price_type_id: number;
    client_group: string | null;
    credit_limit: string;
    overdue: string;
    payment_terms: string;
  }>(
    `SELECT o.total::text AS total, o.client_id, c.price_type_id, c.client_group, coalesce(c.credit_limit, 0)::text AS credit_limit, coalesce(c.overdue, 0)::text AS overdue,
            coalesce(c.payment_terms, '') AS payment_terms
     FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = $1 AND NOT o.deleted`,
    [orderId],
  );
  if (!order) return [];
  const floors = pricingRulesFrom(
    [],
    await query<{ id: string; kind: string; body: unknown }>(
      `SELECT id, kind, body FROM price_rules WHERE kind = 'floor' AND NOT deleted`,
    ),
    [],
  ).floors;
  const lines = await query<FloorLine & { group_name: string; base: string | null }>(
    `SELECT l.id, l.line_no, l.item_id, coalesce(i.article, '') AS article, l.quantity::text AS quantity, l.price::text AS price, l.discount::text AS discount, l.price_source,
            l.cost::text AS cost, l.override_reason, l.override_note, coalesce(i.group_name, '') AS group_name, p.price::text AS base
     FROM order_lines l LEFT JOIN items i ON i.id = l.item_id LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = $2 AND NOT p.deleted
     WHERE l.order_id = $1 AND NOT l.deleted AND (l.price_source = 'manual' OR l.discount <> 0)`,
    [orderId, order.price_type_id],
  );
  const [approvalRow] = await query<Record<string, unknown>>(
    `SELECT * FROM price_approvals WHERE order_id = $1 AND NOT deleted`,
    [orderId],
  );
  const [open] = await query<{ sum: string | null }>(
    `SELECT sum(total)::text AS sum FROM orders WHERE client_id = $1 AND id <> $2 AND status = ANY($3) AND NOT deleted`,
    [order.client_id, orderId, [...CREDIT_STATUSES]],
  );
  const credit = creditPosition({
    limit: order.credit_limit,
    overdue: order.overdue,
    openOrders: open?.sum ?? '0',
    thisOrder: order.total,
    paymentTerms: order.payment_terms,
  });
  const byId = new Map(lines.map((l) => [l.id, l]));
  return submitBlocks(
    lines,
    (line) => {
      const l = byId.get(line.id)!;
      const floor = floorFor(floors, l.group_name, order.client_group);
      return floor ? floorPrice(floor, l.cost, l.base) : null;
    },
    approvalOf(
      approvalRow
        ? { ...approvalRow, credit_up_to: approvalRow.credit_up_to === null ? null : String(approvalRow.credit_up_to) }
        : null,
    ),
    credit,
  );
}
