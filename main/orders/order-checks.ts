// What an order's submit is checked against on the desk: the client's credit with this order (its
// limit against the order, the other open orders and the overdue debt), what blocks the submit
// until reasons are given or a supervisor approves, and the differences from the freshest ERP
// prices and stock this desk has, which the manager confirms before the submit is queued.
import type Database from 'better-sqlite3';
import type { SubmitCheckResult } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import {
  addMoney as addMoneyText,
  CREDIT_STATUSES,
  creditPosition,
  type CreditPosition,
  type OrderKind,
} from '../../domain/orders/order';
import { checkOrder, type CheckLine } from '../../domain/orders/submit-check';
import {
  approvalOf,
  floorFor,
  floorPrice,
  submitBlocks,
  type FloorLine,
  type SubmitBlock,
} from '../../domain/pricing/price-floors';
import { rulePrice } from '../../domain/pricing/pricing';
import type { DeskPricing } from '../pricing/pricing';

export interface OrderChecks {
  credit(id: string, clientId: number, total: string): CreditPosition;
  /** What stops the order's submit until reasons are given or a supervisor approves. */
  blocks(id: string): SubmitBlock[];
  submitCheck(id: string): SubmitCheckResult;
}

export const money = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : String(v ?? '0'));

export function createOrderChecks(sqlite: Database.Database, pricing: DeskPricing): OrderChecks {
  const approvalRow = sqlite.prepare(`SELECT * FROM price_approvals WHERE order_id = ?`);
  const clientCredit = sqlite.prepare(
    `SELECT coalesce(credit_limit, '0') AS creditLimit, coalesce(overdue, '0') AS overdue,
      coalesce(payment_terms, '') AS paymentTerms FROM clients WHERE id = ?`,
  );
  const openOrderTotals = sqlite
    .prepare(
      `SELECT total FROM orders WHERE client_id = ? AND id <> ? AND status IN (${CREDIT_STATUSES.map(() => '?').join(',')})`,
    )
    .pluck();

  /** The client's credit with this order: its limit against the order, the other open orders and the overdue. */
  function creditOf(id: string, clientId: number, total: string): CreditPosition {
    const c = clientCredit.get(clientId) as
      { creditLimit: unknown; overdue: unknown; paymentTerms: string } | undefined;
    return creditPosition({
      limit: money(c?.creditLimit ?? '0'),
      overdue: money(c?.overdue ?? '0'),
      thisOrder: total,
      paymentTerms: c?.paymentTerms ?? '',
      // The client's other open orders (not this one): summed exactly from their totals.
      openOrders: (openOrderTotals.all(clientId, id, ...CREDIT_STATUSES) as (string | number)[]).reduce<string>(
        (sum, t) => addMoneyText(sum, money(t)),
        '0',
      ),
    });
  }

  /** What stops the submit (domain/pricing/price-floors), from the order's overridden lines as the replica has them. */
  function blocksOf(id: string): SubmitBlock[] {
    const o = sqlite
      .prepare(
        `SELECT o.client_id, o.total, c.price_type_id, c.client_group FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
      )
      .get(id) as { client_id: number; total: unknown; price_type_id: number; client_group: string | null } | undefined;
    if (!o) throw new CodedError('not_found', `No order ${id}`);
    const lines = sqlite
      .prepare(
        `SELECT l.id, l.line_no, l.item_id, coalesce(i.article, '') AS article, l.quantity, l.price, l.discount, l.price_source, l.cost, l.override_reason, l.override_note,
        coalesce(i.group_name, '') AS group_name, p.price AS base
      FROM order_lines l LEFT JOIN items i ON i.id = l.item_id LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = ?
      WHERE l.order_id = ? AND (l.price_source = 'manual' OR CAST(l.discount AS REAL) <> 0)`,
      )
      .all(o.price_type_id, id) as (FloorLine & { group_name: string; base: unknown })[];
    const floors = pricing.floors();
    const byId = new Map(lines.map((l) => [l.id, l]));
    const text = lines.map((l) => ({
      ...l,
      quantity: String(l.quantity),
      price: String(l.price),
      discount: String(l.discount),
      cost: String(l.cost),
    }));
    return submitBlocks(
      text,
      (line) => {
        const l = byId.get(line.id)!;
        const f = floorFor(floors, l.group_name, o.client_group);
        return f ? floorPrice(f, String(l.cost), l.base === null ? null : String(l.base)) : null;
      },
      approvalOf(approvalRow.get(id) as Record<string, unknown> | undefined),
      creditOf(id, o.client_id, money(o.total)),
    );
  }

  function submitCheck(id: string): SubmitCheckResult {
    const order = sqlite
      .prepare(
        `SELECT o.kind, o.warehouse_id, c.coefficient, c.price_type_id, w.stock_as_of FROM orders o JOIN clients c ON c.id = o.client_id
        LEFT JOIN warehouses w ON w.id = o.warehouse_id WHERE o.id = ?`,
      )
      .get(id) as
      | {
          kind: OrderKind;
          warehouse_id: number;
          coefficient: string;
          price_type_id: number;
          stock_as_of: string | null;
        }
      | undefined;
    if (!order) throw new CodedError('not_found', `No order ${id}`);
    const rows = sqlite
      .prepare(
        `SELECT l.id, l.item_id, coalesce(i.article, '') AS article, l.quantity, l.price, l.price_source, l.warehouse_id, p.price AS base, p.as_of AS price_as_of, s.quantity AS available,
          coalesce(i.group_name, '') AS group_name, coalesce(i.vat_rate, '0') AS vat_rate
        FROM order_lines l LEFT JOIN items i ON i.id = l.item_id
        LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = ?
        LEFT JOIN stock s ON s.item_id = l.item_id AND s.warehouse_id = coalesce(l.warehouse_id, ?)
        WHERE l.order_id = ?`,
      )
      .all(order.price_type_id, order.warehouse_id, id) as (CheckLine & {
      base: string | null;
      price_as_of: string | null;
      available: number | null;
      group_name: string;
      vat_rate: string;
    })[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const p = pricing.forOrder(id);
    const stock = new Map(
      rows.map((r) => [
        `${r.item_id}:${r.warehouse_id ?? order.warehouse_id}`,
        r.available === null ? null : String(r.available),
      ]),
    );
    const check = checkOrder(
      rows.map((r) => ({ ...r, quantity: String(r.quantity), price: String(r.price) })),
      {
        kind: order.kind,
        warehouseId: order.warehouse_id,
        price: (line) => {
          const r = byId.get(line.id)!;
          return (
            rulePrice(
              p,
              { id: r.item_id, group: r.group_name, vatRate: String(r.vat_rate) },
              String(r.quantity),
              r.base === null ? null : String(r.base),
            )?.unitPrice ?? null
          );
        },
        stock: (itemId, wh) => stock.get(`${itemId}:${wh}`) ?? null,
      },
    );
    const pricesAsOf = rows.reduce<string | null>(
      (latest, r) => (r.price_as_of && (!latest || r.price_as_of > latest) ? r.price_as_of : latest),
      null,
    );
    return { ...check, pricesAsOf, stockAsOf: order.stock_as_of, blocks: blocksOf(id) };
  }

  return { credit: creditOf, blocks: blocksOf, submitCheck };
}
