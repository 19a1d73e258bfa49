// An order's lines as the grid shows them: each line with the stock at its warehouse and its lead
// time, the client's price today when the rules now give another, what is wrong with it (no
// stock, not a pack multiple, discontinued, price changed, below the floor, no reason), its
// approval, VAT, margin, weight and volume. Read in line order (all, a page, or the lines asked
// for). A 20,000-line order goes through here whole when it is opened, so the rows are read as
// arrays and the money on each line is integer arithmetic (exact while it is safe, Decimal past).
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import type { OrderLineRow } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import {
  approvalOf,
  belowFloor,
  floorFor,
  floorPrice,
  isOverride,
  lineApproved,
  type ApprovalRow,
  type Floor,
} from '../../domain/pricing/price-floors';
import { lineVatKopecks, type OrderPricing } from '../../domain/pricing/pricing';
import type { CatalogMemory } from '../catalog/catalog-memory';
import type { DeskPricing } from '../pricing/pricing';

/** A quantity as text without trailing zeros (the server's numeric(15,3) says 10.000 for 10). */
const plainQuantity = (v: unknown): string => {
  const s = String(v);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

import { kopecksText, lineMargin } from '../../domain/orders/order';

export { kopecksText };

// The line's own columns only: its item, stock and base price come from the catalog in memory.
const COLUMNS = `l.id, l.line_no, l.item_id, l.quantity, l.price, l.price_source, l.discount, l.amount, l.warehouse_id,
    l.comment, l.cost, l.override_reason, l.override_note, l.held, l.secured, l.converted`;
const FROM = 'FROM order_lines l';

/** One line as read, in COLUMNS order. */
type Raw = [
  id: string,
  lineNo: number,
  itemId: number,
  quantity: string,
  price: string,
  priceSource: string,
  discount: string,
  amount: string,
  warehouseId: number | null,
  comment: string,
  cost: string,
  overrideReason: string,
  overrideNote: string,
  held: string | null,
  secured: string | null,
  converted: string | null,
];

/** Which lines: all, the first few, those numbered in a range, or these ids. */
export type LineSelection =
  { all: true } | { first: number } | { fromLineNo: number; toLineNo: number } | { ids: readonly string[] };

export interface LineRows {
  /** Lines in line order, with what the grid shows beside them. */
  read(orderId: string, which: LineSelection): OrderLineRow[];
}

interface OrderFacts {
  catalog: CatalogMemory;
  pricing: DeskPricing;
  warehouseId: number;
  priceTypeId: number | null;
  preorder: boolean;
  withVat: boolean;
  rules: (OrderPricing & { priceTypeId: number }) | null;
  floors: Floor[];
  clientGroup: string | null;
  approval: ApprovalRow | null;
  asked: Map<string, { price: string; discount: string }>;
}

/** What the grid shows beside a line: computed from the line as read and the order's facts. */
function lineRow(r: Raw, f: OrderFacts): OrderLineRow {
  const [id, lineNo, itemId, q, p, priceSource, d, a, warehouseId, comment, c, overrideReason, overrideNote] = r;
  const [held, secured, converted] = [r[13], r[14], r[15]];
  const item = f.catalog.item(itemId);
  const atWarehouse = f.catalog.stock(itemId, warehouseId ?? f.warehouseId);
  const stock = atWarehouse?.quantity ?? null;
  const base = f.priceTypeId === null ? null : (f.catalog.price(itemId, f.priceTypeId)?.price ?? null);
  const packSize = item?.packSize ?? 1;
  const groupName = item?.group ?? '';
  const vatRate = item?.vatRate ?? '0';
  const quantity = String(q);
  const price = String(p);
  const discount = String(d);
  const amount = String(a);
  const cost = String(c);
  const problems: OrderLineRow['problems'] = [];
  const qty = Number(quantity);
  // What 1C holds for a reserve is the line's, whatever the free stock says now.
  if (!f.preorder && qty > (stock ?? 0) && !(held !== null && Number(held) >= qty)) problems.push('no_stock');
  if (packSize > 1 && qty % packSize !== 0) problems.push('not_pack');
  if (item?.lifecycle === 'discontinued') problems.push('discontinued');
  let currentPrice: string | null = null;
  // The price the rules give today (coefficients, breaks, promotions); a manual price is the manager's.
  if (base !== null && f.rules && priceSource !== 'manual') {
    const today = f.pricing.today(f.rules, { id: itemId, group: groupName, vatRate }, quantity, base)!.unitPrice;
    if (Number(today) !== Number(price)) {
      currentPrice = today;
      problems.push('price_changed');
    }
  }
  // Overrides: a reason is required; under the floor, the supervisor's approval of this very price.
  let floor: string | null = null;
  let approval: OrderLineRow['approval'] = null;
  const line = { id, price, discount, quantity, price_source: priceSource };
  if (isOverride(line)) {
    if (!overrideReason) problems.push('no_reason');
    const rule = f.floors.length ? floorFor(f.floors, groupName, f.clientGroup) : null;
    floor = rule ? floorPrice(rule, cost, base) : null;
    if (belowFloor(line, floor)) {
      const asked = f.asked.get(id);
      const a = f.approval;
      approval = lineApproved(a, line)
        ? 'approved'
        : asked &&
            a &&
            a.status !== 'approved' &&
            new Decimal(asked.price).eq(line.price) &&
            new Decimal(asked.discount).eq(line.discount)
          ? a.status
          : null;
      if (approval !== 'approved') problems.push('below_floor');
    } else floor = null;
  }
  return {
    id,
    lineNo,
    itemId,
    article: item?.article ?? '?',
    name: item?.name ?? '',
    unit: item?.unit ?? '',
    packSize,
    quantity,
    price,
    priceSource,
    discount,
    amount,
    warehouseId,
    stock,
    leadDays: atWarehouse?.leadDays ?? null,
    comment,
    problems,
    currentPrice,
    overrideReason,
    overrideNote,
    floor,
    approval,
    vatRate,
    vat: kopecksText(lineVatKopecks(amount, vatRate, f.withVat)),
    margin: lineMargin(amount, quantity, cost),
    // Weight and volume are shipping figures, not money: binary floats, shown rounded.
    weightKg: (qty * Number(item?.weightKg ?? 0)).toFixed(3),
    volumeM3: (qty * Number(item?.volumeM3 ?? 0)).toFixed(6),
    held: held === null ? null : plainQuantity(held),
    secured: secured === null ? null : plainQuantity(secured),
    converted: plainQuantity(converted ?? '0'),
  };
}

export function createLineRows(sqlite: Database.Database, pricing: DeskPricing, catalog: CatalogMemory): LineRows {
  const orderContext = sqlite.prepare(
    `SELECT o.kind, o.warehouse_id, c.coefficient, c.price_type_id, c.client_group FROM orders o
      LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
  );
  const approvalRow = sqlite.prepare(`SELECT * FROM price_approvals WHERE order_id = ?`);
  // Line numbers are unique in an order: the index on (order_id, line_no) gives the order, and a
  // range of numbers is a range of it (a page by OFFSET would read every row before it again).
  const ORDERED = 'ORDER BY l.line_no';
  const allLines = sqlite.prepare(`SELECT ${COLUMNS} ${FROM} WHERE l.order_id = ? ${ORDERED}`).raw();
  const firstLines = sqlite.prepare(`SELECT ${COLUMNS} ${FROM} WHERE l.order_id = ? ${ORDERED} LIMIT ?`).raw();
  const numbered = sqlite
    .prepare(`SELECT ${COLUMNS} ${FROM} WHERE l.order_id = ? AND l.line_no >= ? AND l.line_no < ? ${ORDERED}`)
    .raw();
  // Any number of ids in one statement (no limit on parameters), each looked up by its key.
  const byIds = sqlite
    .prepare(`SELECT ${COLUMNS} ${FROM} WHERE +l.order_id = ? AND l.id IN (SELECT value FROM json_each(?)) ${ORDERED}`)
    .raw();

  function facts(orderId: string): OrderFacts {
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
    const approval = approvalOf(approvalRow.get(orderId) as Record<string, unknown> | undefined);
    return {
      catalog: catalog.ready(),
      pricing,
      warehouseId: ctx.warehouse_id,
      priceTypeId: ctx.price_type_id,
      preorder: ctx.kind === 'preorder',
      withVat: ctx.price_type_id === null ? true : pricing.withVat(ctx.price_type_id),
      rules: ctx.coefficient === null ? null : pricing.forOrder(orderId),
      floors: pricing.floors(),
      clientGroup: ctx.client_group,
      approval,
      asked: new Map(approval?.lines.map((l) => [l.lineId, l]) ?? []),
    };
  }

  return {
    read(orderId, which) {
      const f = facts(orderId);
      const head = [orderId] as const;
      const raw = (
        'ids' in which
          ? byIds.all(...head, JSON.stringify(which.ids))
          : 'first' in which
            ? firstLines.all(...head, which.first)
            : 'fromLineNo' in which
              ? numbered.all(...head, which.fromLineNo, which.toLineNo)
              : allLines.all(...head)
      ) as Raw[];
      return raw.map((r) => lineRow(r, f));
    },
  };
}
