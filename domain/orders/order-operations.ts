// Operations on whole orders, as plans of line changes: repeat an order (its lines into a new
// order at today's prices), merge orders of one client in the same status into one, split an
// order by warehouse, availability or product category. Pure: the caller turns a plan into
// mutations (one local transaction). Merge and split move lines whole (new ids in their new
// order), so lines, quantities and amounts are conserved exactly; a test proves it for any order.
import Decimal from 'decimal.js';
import { linesLockedReason, type OrderStatus } from './order';

export interface PlanLine {
  id: string;
  lineNo: number;
  itemId: number;
  quantity: string;
  price: string;
  priceSource: 'list' | 'client' | 'promo' | 'manual';
  discount: string;
  warehouseId: number | null;
  comment: string;
  /** A manual price's reason travels with the line (a repeated order at today's prices drops it). */
  overrideReason?: string;
  overrideNote?: string;
}

export interface PlanOrder {
  id: string;
  clientId: number;
  status: OrderStatus;
  warehouseId: number;
  lines: PlanLine[];
}

export type OperationRefusal = {
  ok: false;
  code: 'locked' | 'invalid';
  reason: 'not_editable' | 'other_client' | 'other_status' | 'one_order' | 'nothing_to_split' | 'empty';
};

const renumber = (lines: PlanLine[], from: number, newId: () => string): PlanLine[] =>
  lines.map((l, i) => ({ ...l, id: newId(), lineNo: from + i + 1 }));

/**
 * Repeat: the lines of an order for a new one. Prices are today's client prices where the
 * old price came from the price list; a manager's manual price stays what the manager set.
 */
export function repeatLines(
  lines: PlanLine[],
  newId: () => string,
  priceToday: (itemId: number, quantity: string) => { price: string; source: 'client' | 'promo' } | null,
): PlanLine[] {
  return renumber(
    [...lines].sort((a, b) => a.lineNo - b.lineNo),
    0,
    newId,
  ).map((l) => {
    if (l.priceSource === 'manual') return l;
    const today = priceToday(l.itemId, l.quantity);
    return today === null ? l : { ...l, price: today.price, priceSource: today.source };
  });
}

/** Statuses in which orders may be merged: lines editable and nothing sent to the ERP yet. */
const MERGEABLE: ReadonlySet<OrderStatus> = new Set(['draft', 'rejected']);

export interface MergePlan {
  ok: true;
  /** Lines added to the target, after its own (new ids, numbered on). */
  add: PlanLine[];
  /** Every line of every other order, removed from it. */
  remove: { orderId: string; lineIds: string[] }[];
  /** The other orders, cancelled once empty. */
  cancel: string[];
}

export function planMerge(target: PlanOrder, others: PlanOrder[], newId: () => string): MergePlan | OperationRefusal {
  if (others.length === 0) return { ok: false, code: 'invalid', reason: 'one_order' };
  for (const o of [target, ...others]) {
    if (!MERGEABLE.has(o.status) || linesLockedReason(o.status))
      return { ok: false, code: 'locked', reason: 'not_editable' };
    if (o.clientId !== target.clientId) return { ok: false, code: 'invalid', reason: 'other_client' };
    if (o.status !== target.status) return { ok: false, code: 'invalid', reason: 'other_status' };
  }
  const last = target.lines.reduce((m, l) => Math.max(m, l.lineNo), 0);
  const moved = others.flatMap((o) =>
    [...o.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((l) => ({
        // A line moved to an order of another warehouse keeps the warehouse it was ordered from.
        ...l,
        warehouseId: l.warehouseId ?? (o.warehouseId === target.warehouseId ? null : o.warehouseId),
      })),
  );
  return {
    ok: true,
    add: renumber(moved, last, newId),
    remove: others.filter((o) => o.lines.length > 0).map((o) => ({ orderId: o.id, lineIds: o.lines.map((l) => l.id) })),
    cancel: others.map((o) => o.id),
  };
}

export const SPLIT_KINDS = ['warehouse', 'availability', 'category'] as const;
export type SplitKind = (typeof SPLIT_KINDS)[number];

export interface SplitFacts {
  /** Stock of an item at a warehouse (null: none there). */
  stock(itemId: number, warehouseId: number): string | null;
  /** The product group of an item. */
  category(itemId: number): string;
}

export interface SplitPart {
  /** What the lines share: a warehouse id, "in_stock"/"short", or a category name. */
  key: string;
  /** The warehouse of the new order: the group's warehouse for a split by warehouse. */
  warehouseId: number;
  lines: PlanLine[];
}

export interface SplitPlan {
  ok: true;
  /** The part that stays in the order (its lines untouched). */
  keep: string;
  /** Parts that become new orders (lines with new ids, numbered from 1). */
  parts: SplitPart[];
  /** Lines leaving the order. */
  remove: string[];
}

export function splitKey(kind: SplitKind, order: PlanOrder, line: PlanLine, facts: SplitFacts): string {
  const warehouse = line.warehouseId ?? order.warehouseId;
  if (kind === 'warehouse') return String(warehouse);
  if (kind === 'category') return facts.category(line.itemId);
  const stock = facts.stock(line.itemId, warehouse);
  return stock !== null && new Decimal(stock).gte(line.quantity) ? 'in_stock' : 'short';
}

export function planSplit(
  order: PlanOrder,
  kind: SplitKind,
  facts: SplitFacts,
  newId: () => string,
): SplitPlan | OperationRefusal {
  if (linesLockedReason(order.status)) return { ok: false, code: 'locked', reason: 'not_editable' };
  if (order.lines.length === 0) return { ok: false, code: 'invalid', reason: 'empty' };
  const groups = new Map<string, PlanLine[]>();
  for (const line of [...order.lines].sort((a, b) => a.lineNo - b.lineNo)) {
    const key = splitKey(kind, order, line, facts);
    const group = groups.get(key) ?? [];
    group.push(line);
    groups.set(key, group);
  }
  if (groups.size < 2) return { ok: false, code: 'invalid', reason: 'nothing_to_split' };
  // What stays: the order's own warehouse, the lines in stock, or the largest category.
  const keys = [...groups.keys()];
  const keep =
    kind === 'warehouse' && groups.has(String(order.warehouseId))
      ? String(order.warehouseId)
      : kind === 'availability' && groups.has('in_stock')
        ? 'in_stock'
        : keys.reduce((best, k) => (groups.get(k)!.length > groups.get(best)!.length ? k : best), keys[0]!);
  const parts = keys
    .filter((k) => k !== keep)
    .map((key) => ({
      key,
      warehouseId: kind === 'warehouse' ? Number(key) : order.warehouseId,
      lines: renumber(groups.get(key)!, 0, newId).map((l) => (kind === 'warehouse' ? { ...l, warehouseId: null } : l)),
    }));
  return { ok: true, keep, parts, remove: parts.flatMap((p) => groups.get(p.key)!.map((l) => l.id)) };
}
