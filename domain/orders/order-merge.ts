// Merging two orders 1C already has (accepted, processing): the lines of one go to the other,
// 1C hears one order.change for the order that grows, and only once 1C has taken that, one
// order.cancel for the order that empties; never the cancel first, or a refused change would
// leave the client with neither. While 1C is asked, both orders carry the merge (which side, the
// other order, the lines moved, the step waiting) and their lines are locked. If 1C refuses the
// change, the moved lines leave the grown order again, as one step; if it refuses the cancel (the
// order is already being assembled), the grown order is changed back in 1C too. The server runs
// these steps (server/orders/merge-saga.ts) with the rules here.
import { z } from 'zod';
import { lookUp, type MutationDef, type Row, type RowWrite } from '../sync/mutation-def';
import { addMoney, lineCost, subtractMoney } from './order';
import { copiedLine, MAX_LINES_PER_MUTATION, orderOf, orderRef, reject, Uuid } from './order-rows';

/** The merge as each of the two orders carries it. */
export interface MergeState {
  /** 'into': the order that grows; 'from': the order that empties and is cancelled. */
  role: 'into' | 'from';
  /** The other order. */
  partner: string;
  /** The lines added to the growing order (its side only). */
  lines?: string[];
  /** What 1C is asked now: the change of the growing order, then the cancel of the other. */
  step: 'change' | 'cancel';
}

export const mergeOf = (order: Row | null | undefined): MergeState | null => {
  const m = order?.merge;
  if (!m) return null;
  return (typeof m === 'string' ? JSON.parse(m) : m) as MergeState;
};

const CHANGEABLE = new Set(['accepted', 'processing']);

/** Why these two orders cannot be merged while 1C has them, as a code the screens translate, or null. */
export function erpMergeRefusal(into: Row | null | undefined, from: Row | null | undefined): string | null {
  if (!into || !from) return 'not_found';
  if (into.id === from.id) return 'same_order';
  if (into.client_id !== from.client_id) return 'other_client';
  if (into.kind !== 'order' || from.kind !== 'order') return 'not_order';
  if (into.origin === 'erp' || from.origin === 'erp') return 'made_in_erp';
  if (!CHANGEABLE.has(String(into.status)) || !CHANGEABLE.has(String(from.status))) return 'not_changeable';
  if (mergeOf(into) || mergeOf(from)) return 'merging';
  return null;
}

const MergeArgs = z
  .object({
    intoId: Uuid,
    fromId: Uuid,
    /** Every line of the emptying order, each with the id of its copy in the growing one. */
    lines: z
      .array(z.object({ fromLineId: Uuid, lineId: Uuid }).strict())
      .min(1)
      .max(MAX_LINES_PER_MUTATION),
  })
  .strict();
export type ErpMergeArgs = z.infer<typeof MergeArgs>;

const lineRef = (id: string) => ({ table: 'order_lines' as const, key: id });

export const mergeAcceptedOrders: MutationDef<ErpMergeArgs> = {
  name: 'order.mergeAccepted@1',
  args: MergeArgs,
  aggregate: (a) => `order:${a.intoId}`,
  reads: (a) => [
    orderRef(a.intoId),
    orderRef(a.fromId),
    ...a.lines.flatMap((l) => [lookUp('order_lines', l.fromLineId), lineRef(l.lineId)]),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const into = orderOf(rows, a.intoId);
    const from = orderOf(rows, a.fromId);
    // Set semantics: a rebase re-running the merge finds it made.
    const made = mergeOf(into);
    if (made && made.role === 'into' && made.partner === a.fromId) return { ok: true, writes: [], conflicts: [] };
    const refusal = erpMergeRefusal(into, from);
    if (refusal) return reject(refusal === 'not_found' ? 'not_found' : 'invalid', refusal);
    // All of it or nothing: a line left behind would be cancelled with its order.
    if (a.lines.length !== Number(from!.lines_count)) return reject('invalid', 'incomplete');
    let total = String(into!.total ?? '0');
    let costTotal = String(into!.cost_total ?? '0');
    let last = Number(into!.last_line_no ?? 0);
    const writes: RowWrite[] = [];
    const moved = [...a.lines]
      .map((l) => ({ ...l, line: rows.get(`order_lines|${l.fromLineId}`) }))
      .sort((x, y) => Number(x.line?.line_no ?? 0) - Number(y.line?.line_no ?? 0));
    for (const { line, lineId, fromLineId } of moved) {
      if (!line || line.order_id !== a.fromId) return reject('not_found', `Line ${fromLineId} is not in the order`);
      const cost = String(line.cost ?? '0');
      total = addMoney(total, String(line.amount));
      costTotal = addMoney(costTotal, lineCost(String(line.quantity), cost));
      writes.push({
        table: 'order_lines',
        key: lineId,
        row: copiedLine(
          line,
          { id: lineId, orderId: a.intoId, managerId: into!.manager_id, lineNo: ++last },
          // A line from an order of another warehouse keeps the warehouse it was ordered from.
          {
            warehouse_id: line.warehouse_id ?? (from!.warehouse_id === into!.warehouse_id ? null : from!.warehouse_id),
          },
        ),
      });
    }
    const lineIds = moved.map((m) => m.lineId);
    writes.push(
      {
        table: 'orders',
        key: a.intoId,
        row: {
          ...into!,
          total,
          cost_total: costTotal,
          lines_count: Number(into!.lines_count ?? 0) + lineIds.length,
          last_line_no: last,
          merge: { role: 'into', partner: a.fromId, lines: lineIds, step: 'change' } satisfies MergeState,
        },
      },
      {
        table: 'orders',
        key: a.fromId,
        row: { ...from!, merge: { role: 'from', partner: a.intoId, step: 'change' } satisfies MergeState },
      },
    );
    return {
      ok: true,
      writes,
      conflicts: [],
      erp: [{ method: 'order.change', aggregate: `order:${a.intoId}`, orderId: a.intoId, lineIds }],
    };
  },
};

/** The growing order without the lines the merge added: its figures as they were before them. */
export function intoWithoutMoved(into: Row, moved: Row[]): Row {
  let total = String(into.total ?? '0');
  let costTotal = String(into.cost_total ?? '0');
  for (const l of moved) {
    total = subtractMoney(total, String(l.amount));
    costTotal = subtractMoney(costTotal, lineCost(String(l.quantity), String(l.cost ?? '0')));
  }
  return {
    ...into,
    total,
    cost_total: costTotal,
    lines_count: Math.max(0, Number(into.lines_count ?? 0) - moved.length),
    merge: null,
  };
}
