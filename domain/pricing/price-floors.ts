// Price floors and the supervisor's approval of prices below them. A manager's override (a manual
// unit price or a line discount) carries a reason; below the floor (minimum margin over cost or
// minimum share of the base price, set by admins per product group and client category) the line
// needs a supervisor's approval before the order can be submitted, and so does an order that takes
// the client over its credit limit. Requests are batched per order: one approval row per order,
// holding the lines asked for and everything approved so far (line, price, discount), so a price
// changed after approval needs approval again. Pure: desk and server decide alike.
import Decimal from 'decimal.js';
import { z } from 'zod';
import type { MutationDef, MutationOutcome, Row, RowRef } from '../sync/mutation-def';
import { canSubmit, type CreditPosition, type OrderStatus } from '../orders/order';

const reject = (code: 'not_found' | 'invalid' | 'locked' | 'forbidden', message: string): MutationOutcome => ({
  ok: false,
  code,
  message,
});
const HUNDRED = new Decimal(100);

/** Why a manager moved a price: a list the supervisor can count by, plus free text. */
export const OVERRIDE_REASONS = [
  'competitor',
  'volume',
  'key_client',
  'clearance',
  'damaged_pack',
  'agreed',
  'other',
] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];

const decimal = (places: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`), `a number with at most ${places} decimals`);

/**
 * A floor: for a product group (null: all) and a client category (null: all), the net unit price
 * may not go below cost × (1 + minMarginPct %) nor below base price × minPricePct %.
 */
export const FloorBody = z
  .object({
    group: z.string().trim().min(1).max(200).nullable(),
    clientGroup: z.string().trim().min(1).max(100).nullable(),
    minMarginPct: decimal(2)
      .refine((v) => Number(v) <= 1000, 'at most 1000 %')
      .nullable(),
    minPricePct: decimal(2)
      .refine((v) => Number(v) <= 100, 'at most 100 %')
      .nullable(),
  })
  .strict()
  .refine((f) => f.minMarginPct !== null || f.minPricePct !== null, {
    message: 'a minimum margin or a minimum price',
    path: ['minMarginPct'],
  });
export type FloorBody = z.infer<typeof FloorBody>;
export interface Floor extends FloorBody {
  id: string;
}

/** The floor for an item group and client category: the most specific one (group and category > group > category > all). */
export function floorFor(floors: readonly Floor[], group: string, clientGroup: string | null): Floor | null {
  let best: Floor | null = null;
  let bestScore = -1;
  for (const f of floors) {
    if ((f.group !== null && f.group !== group) || (f.clientGroup !== null && f.clientGroup !== clientGroup)) continue;
    const score = (f.group !== null ? 2 : 0) + (f.clientGroup !== null ? 1 : 0);
    if (score > bestScore || (score === bestScore && best !== null && f.id < best.id)) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/** The lowest net unit price a floor allows for an item of this cost and base price, to 4 places, half up. */
export function floorPrice(floor: Floor, cost: string, base: string | null): string | null {
  const bounds: Decimal[] = [];
  if (floor.minMarginPct !== null && new Decimal(cost).gt(0))
    bounds.push(new Decimal(cost).times(HUNDRED.plus(floor.minMarginPct)).dividedBy(HUNDRED));
  if (floor.minPricePct !== null && base !== null)
    bounds.push(new Decimal(base).times(floor.minPricePct).dividedBy(HUNDRED));
  if (bounds.length === 0) return null;
  return Decimal.max(...bounds)
    .toDecimalPlaces(4, Decimal.ROUND_HALF_UP)
    .toFixed(4);
}

/** The unit price after the line discount, exact (what the client pays per unit). */
export function netPrice(price: string, discount: string): Decimal {
  return new Decimal(price).times(HUNDRED.minus(discount)).dividedBy(HUNDRED);
}

/** A line the manager priced by hand: a manual unit price or a discount of their own. */
export function isOverride(line: { price_source: string; discount: string }): boolean {
  return line.price_source === 'manual' || !new Decimal(line.discount || '0').isZero();
}

export interface FloorLine {
  id: string;
  line_no: number;
  item_id: number;
  article: string;
  quantity: string;
  price: string;
  discount: string;
  price_source: string;
  cost: string;
  override_reason: string;
  override_note: string;
}

/** Below the floor: the floor price, the net price and the money given away under it (kopecks, half up). */
export function belowFloor(
  line: Pick<FloorLine, 'quantity' | 'price' | 'discount'>,
  floor: string | null,
): { net: string; floor: string; givenAway: string } | null {
  if (floor === null) return null;
  const net = netPrice(line.price, line.discount);
  if (net.gte(floor)) return null;
  return {
    net: net.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
    floor,
    givenAway: new Decimal(floor).minus(net).times(line.quantity).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
  };
}

// ---- approvals -----------------------------------------------------------------------------------

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const ApprovalLine = z
  .object({
    lineId: z.string().uuid(),
    lineNo: z.number().int().positive(),
    itemId: z.number().int().positive(),
    article: z.string().max(200),
    quantity: z.string().max(30),
    price: decimal(4),
    discount: decimal(2),
    net: decimal(4),
    floor: decimal(4),
    cost: decimal(4),
    givenAway: decimal(2),
    reason: z.enum(OVERRIDE_REASONS),
    note: z.string().max(1000),
  })
  .strict();
export type ApprovalLine = z.infer<typeof ApprovalLine>;

export const CreditRequest = z.object({ exposure: decimal(2), limit: decimal(2), over: decimal(2) }).strict();
export type CreditRequest = z.infer<typeof CreditRequest>;

/** What was approved: exactly these prices on these lines, and the credit exposure up to which the order may go. */
export interface Approved {
  lineId: string;
  price: string;
  discount: string;
}

/** An order's approval row (table price_approvals, keyed by the order). */
export interface ApprovalRow {
  order_id: string;
  manager_id: number;
  status: ApprovalStatus;
  lines: ApprovalLine[];
  credit: CreditRequest | null;
  approved: Approved[];
  credit_up_to: string | null;
  given_away: string;
  note: string;
  requested_by: number;
  requested_at: string;
  decided_by: number | null;
  decided_at: string | null;
  comment: string;
}

const json = <T>(v: unknown, fallback: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? fallback));

/** An approval row as stored (JSON columns as text in the replica, objects on the server). */
export function approvalOf(row: Row | null | undefined): ApprovalRow | null {
  if (!row) return null;
  return {
    ...(row as unknown as ApprovalRow),
    lines: json<ApprovalLine[]>(row.lines, []),
    credit: json<CreditRequest | null>(row.credit, null),
    approved: json<Approved[]>(row.approved, []),
    credit_up_to: row.credit_up_to === null || row.credit_up_to === undefined ? null : String(row.credit_up_to),
  };
}

/** Whether this exact price and discount of the line were approved. */
export function lineApproved(
  approval: ApprovalRow | null,
  line: { id: string; price: string; discount: string },
): boolean {
  return !!approval?.approved.some(
    (a) => a.lineId === line.id && new Decimal(a.price).eq(line.price) && new Decimal(a.discount).eq(line.discount),
  );
}

export type SubmitBlock =
  | {
      kind: 'below_floor';
      lineId: string;
      lineNo: number;
      article: string;
      net: string;
      floor: string;
      givenAway: string;
      approval: 'none' | 'pending' | 'rejected';
    }
  | { kind: 'no_reason'; lineId: string; lineNo: number; article: string }
  | { kind: 'credit'; exposure: string; limit: string; over: string; approval: 'none' | 'pending' | 'rejected' };

/**
 * What stops an order from being submitted: overrides without a reason, lines below their floor
 * not approved at this price, credit over the limit not released up to this exposure.
 */
export function submitBlocks(
  lines: readonly FloorLine[],
  floorOf: (line: FloorLine) => string | null,
  approval: ApprovalRow | null,
  credit: CreditPosition | null,
): SubmitBlock[] {
  const blocks: SubmitBlock[] = [];
  const asked = new Set(
    approval?.status === 'approved'
      ? []
      : (approval?.lines.map(
          (l) => `${l.lineId}|${new Decimal(l.price).toFixed(4)}|${new Decimal(l.discount).toFixed(2)}`,
        ) ?? []),
  );
  const state = (key: string): 'none' | 'pending' | 'rejected' =>
    asked.has(key) ? (approval!.status === 'pending' ? 'pending' : 'rejected') : 'none';
  for (const line of [...lines].sort((a, b) => a.line_no - b.line_no || (a.id < b.id ? -1 : 1))) {
    if (!isOverride(line)) continue;
    if (!line.override_reason)
      blocks.push({ kind: 'no_reason', lineId: line.id, lineNo: line.line_no, article: line.article });
    const below = belowFloor(line, floorOf(line));
    if (below && !lineApproved(approval, line)) {
      const key = `${line.id}|${new Decimal(line.price).toFixed(4)}|${new Decimal(line.discount).toFixed(2)}`;
      blocks.push({
        kind: 'below_floor',
        lineId: line.id,
        lineNo: line.line_no,
        article: line.article,
        ...below,
        approval: state(key),
      });
    }
  }
  if (credit?.over) {
    const released =
      approval?.credit_up_to !== null &&
      approval?.credit_up_to !== undefined &&
      new Decimal(credit.exposure).lte(approval.credit_up_to);
    if (!released) {
      const askedFor =
        approval?.credit && new Decimal(approval.credit.exposure).eq(credit.exposure) && approval.status !== 'approved';
      blocks.push({
        kind: 'credit',
        exposure: credit.exposure,
        limit: credit.limit,
        over: credit.over,
        approval: askedFor ? (approval!.status === 'pending' ? 'pending' : 'rejected') : 'none',
      });
    }
  }
  return blocks;
}

// ---- mutations -------------------------------------------------------------------------------------

const approvalRef = (orderId: string): RowRef => ({ table: 'price_approvals', key: orderId });

const RequestArgs = z
  .object({
    orderId: z.string().uuid(),
    lines: z.array(ApprovalLine).max(1000),
    credit: CreditRequest.nullable(),
    note: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((a) => a.lines.length > 0 || a.credit !== null, 'nothing to approve');
export type RequestApprovalArgs = z.input<typeof RequestArgs>;

/** A manager asks for approval of the order's lines below floor and/or its credit: one request per order. */
export const requestApproval: MutationDef<z.infer<typeof RequestArgs>> = {
  name: 'priceApproval.request@1',
  args: RequestArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [
    { table: 'orders', key: a.orderId },
    approvalRef(a.orderId),
    ...a.lines.map((l) => ({ table: 'order_lines' as const, key: l.lineId })),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const order = rows.get(`orders|${a.orderId}`);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    if (!canSubmit(order.status as OrderStatus))
      return reject('locked', `An order in status ${String(order.status)} needs no approval`);
    for (const l of a.lines) {
      const line = rows.get(`order_lines|${l.lineId}`);
      if (!line || line.order_id !== a.orderId) return reject('not_found', `Line ${l.lineId} is not in the order`);
      // The supervisor approves what the manager saw: a line changed since is asked for again.
      if (!new Decimal(String(line.price)).eq(l.price) || !new Decimal(String(line.discount)).eq(l.discount))
        return reject('invalid', `Line ${l.lineNo} changed since the request was made`);
    }
    const before = approvalOf(rows.get(`price_approvals|${a.orderId}`));
    if (
      before?.status === 'pending' &&
      JSON.stringify(before.lines) === JSON.stringify(a.lines) &&
      JSON.stringify(before.credit) === JSON.stringify(a.credit)
    ) {
      return { ok: true, writes: [], conflicts: [] };
    }
    const givenAway = a.lines.reduce((s, l) => s.plus(l.givenAway), new Decimal(0)).toFixed(2);
    const row: Row = {
      order_id: a.orderId,
      manager_id: Number(order.manager_id),
      status: 'pending',
      lines: a.lines,
      credit: a.credit,
      approved: before?.approved ?? [],
      credit_up_to: before?.credit_up_to ?? null,
      given_away: givenAway,
      note: a.note,
      requested_by: ctx.userId,
      requested_at: ctx.now,
      decided_by: null,
      decided_at: null,
      comment: '',
    };
    return { ok: true, writes: [{ table: 'price_approvals', key: a.orderId, row }], conflicts: [] };
  },
};

const DecideArgs = z
  .object({
    orderId: z.string().uuid(),
    /** The request decided on (its time): a request replaced meanwhile is not decided blind. */
    requestedAt: z.string().min(1).max(40),
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().max(2000).default(''),
  })
  .strict()
  .refine((a) => a.decision === 'approve' || a.comment.length > 0, {
    message: 'a rejection needs a comment',
    path: ['comment'],
  });
export type DecideApprovalArgs = z.input<typeof DecideArgs>;

/** A supervisor approves or rejects an order's request; the decision reaches the manager's open order by sync. */
export const decideApproval: MutationDef<z.infer<typeof DecideArgs>> = {
  name: 'priceApproval.decide@1',
  args: DecideArgs,
  aggregate: (a) => `approval:${a.orderId}`,
  reads: (a) => [approvalRef(a.orderId)],
  roles: ['supervisor', 'admin'],
  apply(a, rows, ctx) {
    const before = approvalOf(rows.get(`price_approvals|${a.orderId}`));
    if (!before) return reject('not_found', `No approval request for order ${a.orderId}`);
    // Four eyes: whoever asked (a supervisor taking an order of their own) does not decide.
    if (before.requested_by === ctx.userId) return reject('forbidden', 'You cannot decide your own request');
    if (before.requested_at !== a.requestedAt) return reject('invalid', 'The request changed since you opened it');
    const status = a.decision === 'approve' ? 'approved' : 'rejected';
    if (before.status !== 'pending') {
      return before.status === status && before.decided_by === ctx.userId
        ? { ok: true, writes: [], conflicts: [] }
        : reject('invalid', `The request is already ${before.status}`);
    }
    const approved =
      a.decision === 'approve'
        ? [
            ...before.approved.filter((x) => !before.lines.some((l) => l.lineId === x.lineId)),
            ...before.lines.map((l) => ({ lineId: l.lineId, price: l.price, discount: l.discount })),
          ]
        : before.approved;
    const creditUpTo = a.decision === 'approve' && before.credit ? before.credit.exposure : before.credit_up_to;
    const row: Row = {
      ...before,
      status,
      approved,
      credit_up_to: creditUpTo,
      decided_by: ctx.userId,
      decided_at: ctx.now,
      comment: a.comment,
    };
    return { ok: true, writes: [{ table: 'price_approvals', key: a.orderId, row }], conflicts: [] };
  },
};

export const approvalMutations: MutationDef<any>[] = [requestApproval, decideApproval];
