// Order line mutations. order.editLines is how every edit of lines travels (a typed cell, a paste,
// a fill, a bulk action, new lines, deleted lines, undo): each line carries only the fields that
// changed, so two people changing different fields of one line both keep their change, and an
// edit of one cell sends one field. New lines are numbered by the order (its last_line_no), not
// by the desk that adds them: two desks adding lines to one order at once get different numbers
// from the server, and each desk's rebase takes them. order.setLines@1 and order.removeLines@1
// are the older whole-line forms, still applied for changes queued by desks of earlier versions.
import { z } from 'zod';
import type { MutationDef, Row, RowRef, RowWrite } from '../sync/mutation-def';
import { lookUp } from '../sync/mutation-def';
import { isOverride, OVERRIDE_REASONS } from '../pricing/price-floors';
import { addMoney, lineAmount, lineCost, subtractMoney } from './order';
import { belowConverted, kindFieldsAfterEdit } from './order-kinds';
import {
  changeEffect,
  decimalText,
  lockedFor,
  MAX_LINES_PER_MUTATION,
  orderOf,
  orderRef,
  reject,
  Uuid,
} from './order-rows';

const PRICE_SOURCES = ['list', 'client', 'promo', 'manual'] as const;
const Quantity = decimalText(3, 1e9).refine((v) => Number(v) > 0, 'greater than zero');
const Price = decimalText(4, 1e11);
const Discount = decimalText(2, 100);
const OverrideReason = z.enum(OVERRIDE_REASONS).or(z.literal(''));

/** A whole line (what a new line needs; the older whole-line mutation's argument). */
export const LineInput = z
  .object({
    id: Uuid,
    lineNo: z.number().int().positive().max(10_000_000),
    itemId: z.number().int().positive(),
    quantity: Quantity,
    price: Price,
    priceSource: z.enum(PRICE_SOURCES),
    discount: Discount.default('0'),
    warehouseId: z.number().int().positive().nullable().default(null),
    comment: z.string().trim().max(1000).default(''),
    /** Why the manager set the price or discount by hand (OVERRIDE_REASONS), and their words. */
    overrideReason: OverrideReason.default(''),
    overrideNote: z.string().trim().max(1000).default(''),
  })
  .strict();
export type LineInput = z.input<typeof LineInput>;

/** One line's change: the fields that changed; a new line also its item, quantity, price and source. */
export const LinePatch = z
  .object({
    id: Uuid,
    itemId: z.number().int().positive().optional(),
    quantity: Quantity.optional(),
    price: Price.optional(),
    priceSource: z.enum(PRICE_SOURCES).optional(),
    discount: Discount.optional(),
    warehouseId: z.number().int().positive().nullable().optional(),
    comment: z.string().trim().max(1000).optional(),
    overrideReason: OverrideReason.optional(),
    overrideNote: z.string().trim().max(1000).optional(),
  })
  .strict();
export type LinePatch = z.infer<typeof LinePatch>;

const lineRef = (id: string): RowRef => ({ table: 'order_lines', key: id });

/** The order's running figures while a mutation changes its lines. */
class OrderFigures {
  total: string;
  costTotal: string;
  count: number;
  last: number;
  constructor(readonly order: Row) {
    this.total = String(order.total ?? '0');
    this.costTotal = String(order.cost_total ?? '0');
    this.count = Number(order.lines_count ?? 0);
    this.last = Number(order.last_line_no ?? 0);
  }
  drop(line: Row): void {
    this.total = subtractMoney(this.total, String(line.amount));
    this.costTotal = subtractMoney(this.costTotal, lineCost(String(line.quantity), String(line.cost ?? '0')));
  }
  add(amount: string, quantity: string, cost: string): void {
    this.total = addMoney(this.total, amount);
    this.costTotal = addMoney(this.costTotal, lineCost(quantity, cost));
  }
  /** The next line number of the order (new lines only). */
  next(): number {
    this.count++;
    return ++this.last;
  }
  write(): RowWrite {
    const row = { ...this.order, total: this.total, cost_total: this.costTotal, lines_count: this.count };
    return { table: 'orders', key: String(this.order.id), row: { ...row, last_line_no: this.last } };
  }
}

/** A line row as stored; a line priced by the rules again has no override to explain. */
function lineRow(
  order: Row,
  before: Row | null,
  f: {
    id: string;
    lineNo: number;
    itemId: number;
    quantity: string;
    price: string;
    priceSource: string;
    discount: string;
    warehouseId: number | null;
    comment: string;
    cost: string;
    overrideReason: string;
    overrideNote: string;
  },
): Row {
  const override = isOverride({ price_source: f.priceSource, discount: f.discount });
  return {
    id: f.id,
    order_id: String(order.id),
    manager_id: order.manager_id,
    line_no: f.lineNo,
    item_id: f.itemId,
    quantity: f.quantity,
    price: f.price,
    price_source: f.priceSource,
    discount: f.discount,
    amount: lineAmount(f.quantity, f.price, f.discount),
    warehouse_id: f.warehouseId,
    comment: f.comment,
    cost: f.cost,
    override_reason: override ? f.overrideReason : '',
    override_note: override ? f.overrideNote : '',
    // What 1C holds or secured of it, never more than it now asks.
    ...kindFieldsAfterEdit(before, f.quantity),
  };
}

// ---- edit lines ----------------------------------------------------------------------------

const EditLinesArgs = z
  .object({
    orderId: Uuid,
    set: z.array(LinePatch).max(MAX_LINES_PER_MUTATION).default([]),
    remove: z.array(Uuid).max(MAX_LINES_PER_MUTATION).default([]),
  })
  .strict()
  .refine((a) => a.set.length + a.remove.length > 0, 'nothing to change')
  .refine((a) => new Set([...a.set.map((l) => l.id), ...a.remove]).size === a.set.length + a.remove.length, {
    message: 'a line appears twice',
  });
export type EditLinesArgs = z.input<typeof EditLinesArgs>;

export const editOrderLines: MutationDef<z.infer<typeof EditLinesArgs>> = {
  name: 'order.editLines@1',
  args: EditLinesArgs,
  aggregate: (a) => `order:${a.orderId}`,
  // A line given another item (or a new line) takes that item's unit cost: only those items are read.
  reads: (a) => [
    orderRef(a.orderId),
    ...a.set.map((l) => lineRef(l.id)),
    ...a.remove.map(lineRef),
    ...[...new Set(a.set.flatMap((l) => (l.itemId === undefined ? [] : [l.itemId])))].map((id) =>
      lookUp('items', String(id)),
    ),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    const locked = lockedFor(order);
    if (locked) return locked;
    const figures = new OrderFigures(order);
    const writes: RowWrite[] = [];
    for (const p of a.set) {
      const before = rows.get(`order_lines|${p.id}`) ?? null;
      if (before && before.order_id !== a.orderId) return reject('invalid', `Line ${p.id} belongs to another order`);
      if (!before && (p.itemId === undefined || !p.quantity || !p.price || !p.priceSource))
        return reject('not_found', `Line ${p.id} is no longer in the order`);
      const itemId = p.itemId ?? Number(before!.item_id);
      // An edited line keeps the cost it was priced with; a new line (or another item) takes today's.
      let cost = String(before?.cost ?? '0');
      if (!before || itemId !== Number(before.item_id)) {
        const item = rows.get(`items|${itemId}`);
        if (!item) return reject('not_found', `Item ${itemId} not found`);
        cost = String(item.cost ?? '0');
      }
      if (p.quantity !== undefined && belowConverted(before, p.quantity))
        return reject('invalid', `Line ${p.id}: part of it is already an order`);
      if (before) figures.drop(before);
      const row = lineRow(order, before, {
        id: p.id,
        lineNo: before ? Number(before.line_no) : figures.next(),
        itemId,
        quantity: p.quantity ?? String(before!.quantity),
        price: p.price ?? String(before!.price),
        priceSource: p.priceSource ?? String(before!.price_source),
        discount: p.discount ?? String(before?.discount ?? '0'),
        warehouseId: p.warehouseId !== undefined ? p.warehouseId : ((before?.warehouse_id as number | null) ?? null),
        comment: p.comment ?? String(before?.comment ?? ''),
        cost,
        overrideReason: p.overrideReason ?? String(before?.override_reason ?? ''),
        overrideNote: p.overrideNote ?? String(before?.override_note ?? ''),
      });
      figures.add(String(row.amount), String(row.quantity), cost);
      writes.push({ table: 'order_lines', key: p.id, row });
    }
    // Removing a line already gone is fine (set semantics): the result is the same.
    const removed: string[] = [];
    for (const id of a.remove) {
      const before = rows.get(`order_lines|${id}`);
      if (!before) continue;
      if (before.order_id !== a.orderId) return reject('invalid', `Line ${id} belongs to another order`);
      if (belowConverted(before, '0')) return reject('invalid', `Line ${id}: part of it is already an order`);
      figures.drop(before);
      figures.count--;
      removed.push(id);
      writes.push({ table: 'order_lines', key: id, row: null });
    }
    if (writes.length === 0) return { ok: true, writes: [], conflicts: [] };
    writes.push(figures.write());
    return { ok: true, writes, conflicts: [], erp: changeEffect(order, [...a.set.map((l) => l.id), ...removed]) };
  },
};

// ---- the older whole-line forms ------------------------------------------------------------

const SetLinesArgs = z
  .object({
    orderId: Uuid,
    lines: z.array(LineInput).min(1).max(MAX_LINES_PER_MUTATION),
  })
  .strict()
  .refine((a) => new Set(a.lines.map((l) => l.id)).size === a.lines.length, 'a line appears twice');

export const setOrderLines: MutationDef<z.infer<typeof SetLinesArgs>> = {
  name: 'order.setLines@1',
  args: SetLinesArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [
    orderRef(a.orderId),
    ...a.lines.map((l) => lineRef(l.id)),
    ...[...new Set(a.lines.map((l) => l.itemId))].map((id) => lookUp('items', String(id))),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    const locked = lockedFor(order);
    if (locked) return locked;
    const figures = new OrderFigures(order);
    const writes: RowWrite[] = [];
    for (const l of a.lines) {
      const before = rows.get(`order_lines|${l.id}`);
      if (before && before.order_id !== a.orderId) return reject('invalid', `Line ${l.id} belongs to another order`);
      const item = rows.get(`items|${l.itemId}`);
      if (!item) return reject('not_found', `Item ${l.itemId} not found`);
      const cost =
        before && Number(before.item_id) === l.itemId ? String(before.cost ?? '0') : String(item.cost ?? '0');
      if (before) figures.drop(before);
      if (belowConverted(before ?? null, l.quantity))
        return reject('invalid', `Line ${l.id}: part of it is already an order`);
      const row = lineRow(order, before ?? null, { ...l, lineNo: before ? l.lineNo : figures.next(), cost });
      figures.add(String(row.amount), l.quantity, cost);
      writes.push({ table: 'order_lines', key: l.id, row });
    }
    writes.push(figures.write());
    return {
      ok: true,
      writes,
      conflicts: [],
      erp: changeEffect(
        order,
        a.lines.map((l) => l.id),
      ),
    };
  },
};

const RemoveLinesArgs = z.object({ orderId: Uuid, lineIds: z.array(Uuid).min(1).max(MAX_LINES_PER_MUTATION) }).strict();

export const removeOrderLines: MutationDef<z.infer<typeof RemoveLinesArgs>> = {
  name: 'order.removeLines@1',
  args: RemoveLinesArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [orderRef(a.orderId), ...a.lineIds.map(lineRef)],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    return editOrderLines.apply({ orderId: a.orderId, set: [], remove: [...new Set(a.lineIds)] }, rows, {
      userId: 0,
      role: 'manager',
      now: '',
      writeVersion: null,
    });
  },
};

export const orderLineMutations: MutationDef<any>[] = [editOrderLines, setOrderLines, removeOrderLines];
