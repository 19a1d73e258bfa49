// An order's lines as the grid shows them: each line with the stock at its warehouse and its lead
// time, the client's price today when the rules now give another, what is wrong with it (no
// stock, not a pack multiple, discontinued, price changed, below the floor, no reason), its
// approval, VAT, margin, weight and volume. Read in line order, or just the lines asked for.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import type { OrderLineRow } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { lineMargin } from '../../domain/orders/order';
import { lineVatKopecks, rulePrice } from '../../domain/pricing/pricing';
import {
  approvalOf,
  belowFloor,
  floorFor,
  floorPrice,
  isOverride,
  lineApproved,
} from '../../domain/pricing/price-floors';
import type { DeskPricing } from '../pricing/pricing';

export const kopecksText = (k: bigint): string =>
  `${k < 0n ? '-' : ''}${(k < 0n ? -k : k) / 100n}.${String((k < 0n ? -k : k) % 100n).padStart(2, '0')}`;

const SELECT = `SELECT l.id, l.line_no AS lineNo, l.item_id AS itemId, coalesce(i.article, '?') AS article, coalesce(i.name, '') AS name,
    coalesce(i.unit, '') AS unit, coalesce(i.pack_size, 1) AS packSize, l.quantity, l.price, l.price_source AS priceSource,
    l.discount, l.amount, l.warehouse_id AS warehouseId, s.quantity AS stock, s.lead_days AS leadDays, l.comment, i.lifecycle,
    p.price AS base, l.cost, coalesce(i.weight_kg, '0') AS unitWeight, coalesce(i.volume_m3, '0') AS unitVolume,
    coalesce(i.group_name, '') AS groupName, coalesce(i.vat_rate, '0') AS vatRate, l.override_reason AS overrideReason,
    l.override_note AS overrideNote
  FROM order_lines l LEFT JOIN items i ON i.id = l.item_id
  LEFT JOIN stock s ON s.item_id = l.item_id AND s.warehouse_id = coalesce(l.warehouse_id, ?)
  LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = ?`;

export interface LineRows {
  /** Every line in line order (the first `limit` only, when given), or just the lines `ids` (those of this order). */
  read(orderId: string, ids: readonly string[] | null, limit?: number): OrderLineRow[];
}

export function createLineRows(sqlite: Database.Database, pricing: DeskPricing): LineRows {
  const orderContext = sqlite.prepare(
    `SELECT o.kind, o.warehouse_id, c.coefficient, c.price_type_id, c.client_group FROM orders o
      LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
  );
  const approvalRow = sqlite.prepare(`SELECT * FROM price_approvals WHERE order_id = ?`);
  const allLines = sqlite.prepare(`${SELECT} WHERE l.order_id = ? ORDER BY l.line_no, l.id`);
  const firstLines = sqlite.prepare(`${SELECT} WHERE l.order_id = ? ORDER BY l.line_no, l.id LIMIT ?`);
  // Any number of ids in one statement (no limit on parameters), each looked up by its key.
  const byIds = sqlite.prepare(
    `${SELECT} WHERE l.order_id = ? AND l.id IN (SELECT value FROM json_each(?)) ORDER BY l.line_no, l.id`,
  );

  function read(orderId: string, ids: readonly string[] | null, limit?: number): OrderLineRow[] {
    const ctx = orderContext.get(orderId) as
      | {
          kind: string;
          warehouse_id: number;
          coefficient: string | null;
          price_type_id: number | null;
          client_group: string | null;
        }
      | undefined;
    if (!ctx) throw new CodedError('not_found', `No order ${orderId}`);
    const floors = pricing.floors();
    const withVat = ctx.price_type_id === null ? true : pricing.withVat(ctx.price_type_id);
    const approval = approvalOf(approvalRow.get(orderId) as Record<string, unknown> | undefined);
    const asked = new Map(approval?.lines.map((l) => [l.lineId, l]) ?? []);
    const rules = ctx.coefficient === null ? null : pricing.forOrder(orderId);
    type Raw = Omit<
      OrderLineRow,
      'problems' | 'currentPrice' | 'margin' | 'weightKg' | 'volumeM3' | 'floor' | 'approval' | 'vat' | 'vatRate'
    > & {
      lifecycle: string | null;
      base: string | null;
      cost: string;
      unitWeight: string;
      unitVolume: string;
      groupName: string;
      vatRate: string;
    };
    let raw: Raw[];
    if (ids === null)
      raw = (limit === undefined ? allLines : firstLines).all(
        ...[ctx.warehouse_id, ctx.price_type_id, orderId, ...(limit === undefined ? [] : [limit])],
      ) as Raw[];
    else raw = byIds.all(ctx.warehouse_id, ctx.price_type_id, orderId, JSON.stringify(ids)) as Raw[];
    const preorder = ctx.kind === 'preorder';
    return raw.map(({ lifecycle, base, cost, unitWeight, unitVolume, groupName, vatRate, ...l }) => {
      const problems: OrderLineRow['problems'] = [];
      const quantity = Number(l.quantity);
      if (!preorder && quantity > (l.stock ?? 0)) problems.push('no_stock');
      if (l.packSize > 1 && quantity % l.packSize !== 0) problems.push('not_pack');
      if (lifecycle === 'discontinued') problems.push('discontinued');
      let currentPrice: string | null = null;
      // The price the rules give today (coefficients, breaks, promotions); a manual price is the manager's.
      if (base !== null && rules && l.priceSource !== 'manual') {
        const today = rulePrice(
          rules,
          { id: l.itemId, group: groupName, vatRate: String(vatRate) },
          String(l.quantity),
          String(base),
        )!.unitPrice;
        if (Number(today) !== Number(l.price)) {
          currentPrice = today;
          problems.push('price_changed');
        }
      }
      const amount = String(l.amount);
      // Overrides: a reason is required; under the floor, the supervisor's approval of this very price.
      let floor: string | null = null;
      let lineApproval: OrderLineRow['approval'] = null;
      const line = {
        id: l.id,
        price: String(l.price),
        discount: String(l.discount),
        quantity: String(l.quantity),
        price_source: l.priceSource,
      };
      if (isOverride(line)) {
        if (!l.overrideReason) problems.push('no_reason');
        const f = floors.length ? floorFor(floors, groupName, ctx.client_group) : null;
        floor = f ? floorPrice(f, String(cost), base === null ? null : String(base)) : null;
        if (belowFloor(line, floor)) {
          const a = asked.get(l.id);
          lineApproval = lineApproved(approval, line)
            ? 'approved'
            : a &&
                approval &&
                approval.status !== 'approved' &&
                new Decimal(a.price).eq(line.price) &&
                new Decimal(a.discount).eq(line.discount)
              ? approval.status
              : null;
          if (lineApproval !== 'approved') problems.push('below_floor');
        } else floor = null;
      }
      return {
        ...l,
        quantity: String(l.quantity),
        price: String(l.price),
        discount: String(l.discount),
        amount,
        problems,
        currentPrice,
        floor,
        approval: lineApproval,
        vatRate: String(vatRate),
        vat: kopecksText(lineVatKopecks(amount, String(vatRate), withVat)),
        margin: lineMargin(amount, String(l.quantity), String(cost)),
        // Weight and volume are shipping figures, not money: binary floats, shown rounded.
        weightKg: (quantity * Number(unitWeight)).toFixed(3),
        volumeM3: (quantity * Number(unitVolume)).toFixed(6),
      };
    });
  }

  return { read };
}
