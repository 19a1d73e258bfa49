// The server's side of the submit check: the order's lines against the freshest prices and stock
// the server has from the ERP, with the same rule the desk ran (domain/submit-check.ts).
import { checkOrder, type CheckLine, type SubmitCheck } from '../../domain/submit-check';
import type { OrderKind } from '../../domain/order';

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export async function checkOrderOnServer(query: Query, orderId: string): Promise<SubmitCheck | null> {
  const [order] = await query<{ kind: OrderKind; warehouse_id: number; coefficient: string; price_type_id: number }>(
    `SELECT o.kind, o.warehouse_id, c.coefficient::text AS coefficient, c.price_type_id FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = $1 AND NOT o.deleted`, [orderId]);
  if (!order) return null;
  const rows = await query<CheckLine & { base: string | null; available: string | null }>(
    `SELECT l.id, l.item_id, coalesce(i.article, '') AS article, l.quantity::text AS quantity, l.price::text AS price, l.price_source, l.warehouse_id,
            p.price::text AS base, s.quantity::text AS available
     FROM order_lines l
     LEFT JOIN items i ON i.id = l.item_id
     LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = $2 AND NOT p.deleted
     LEFT JOIN stock s ON s.item_id = l.item_id AND s.warehouse_id = coalesce(l.warehouse_id, $3) AND NOT s.deleted
     WHERE l.order_id = $1 AND NOT l.deleted`, [orderId, order.price_type_id, order.warehouse_id]);
  const base = new Map(rows.map((r) => [r.item_id, r.base]));
  const stock = new Map(rows.map((r) => [`${r.item_id}:${r.warehouse_id ?? order.warehouse_id}`, r.available]));
  return checkOrder(rows, {
    kind: order.kind, warehouseId: order.warehouse_id, coefficient: order.coefficient,
    basePrice: (id) => base.get(id) ?? null,
    stock: (id, wh) => stock.get(`${id}:${wh}`) ?? null,
  });
}
