// The desk contract, orders: the list, one order with its lines, the header, the submit check,
// submit and cancel, why a line costs what it does, and whole-order operations.
import { z } from 'zod';
import { DELIVERY_METHODS, ORDER_KINDS, ORDER_STATUSES } from '../orders/order';
import { SPLIT_KINDS } from '../orders/order-operations';
import { OrderId, Seq } from './shared';
import { OrderKindState } from './order-kinds';
import { BonusStandingView, RetroBonusView } from './clients';

export const OrderStatusEnum = z.enum(ORDER_STATUSES);

/** Why an item costs what it does: the price stored and the rules' price today, step by step (orders and quotes). */
export const PriceExplanation = z.object({
  article: z.string(),
  quantity: z.string(),
  stored: z.string(),
  storedSource: z.string(),
  now: z.string().nullable(),
  nowSource: z.string().nullable(),
  vat: z.string().nullable(),
  vatRate: z.string(),
  withVat: z.boolean(),
  priceType: z.string(),
  trace: z.array(z.object({ step: z.string(), rule: z.string(), value: z.string() })),
});

export const OrderListRow = z.object({
  id: z.string(),
  number: z.string().nullable(),
  clientId: z.number().int(),
  clientName: z.string(),
  managerName: z.string(),
  kind: z.enum(ORDER_KINDS),
  status: OrderStatusEnum,
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  erpNumber: z.string().nullable(),
  erpStatusAt: z.string().nullable(),
  erpError: z.string().nullable(),
  /** Made on a desk, or in 1C (by phone, a field rep, the portal): then read-only here. */
  origin: z.enum(['desk', 'erp']),
  total: z.string(),
  /** total − the lines' costs (quantity × unit cost when priced), kopecks; may be negative. */
  margin: z.string(),
  linesCount: z.number().int(),
  /** Local changes to this order not yet acknowledged by the server. */
  pendingChanges: z.number().int(),
});

export type OrderListRow = z.infer<typeof OrderListRow>;

export const OrderLineRow = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  itemId: z.number().int(),
  article: z.string(),
  name: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  quantity: z.string(),
  price: z.string(),
  priceSource: z.string(),
  discount: z.string(),
  amount: z.string(),
  warehouseId: z.number().int().nullable(),
  stock: z.number().nullable(),
  leadDays: z.number().int().nullable(),
  comment: z.string(),
  /** Amount − quantity × the unit cost the line was priced with. */
  margin: z.string(),
  /** The line's weight (kg) and volume (m³): quantity × the item's unit figures. */
  weightKg: z.string(),
  volumeM3: z.string(),
  /** What is wrong with the line now: no stock, not a pack multiple, discontinued, price changed. */
  problems: z.array(z.enum(['no_stock', 'not_pack', 'discontinued', 'price_changed', 'below_floor', 'no_reason'])),
  /** The client's price today, when it differs from the line's list-sourced price. */
  currentPrice: z.string().nullable(),
  /** Why the manager set the price or discount by hand, and their words. */
  overrideReason: z.string(),
  overrideNote: z.string(),
  /** The lowest net unit price the floor allows (for overridden lines under a floor), and whether this price was approved. */
  floor: z.string().nullable(),
  approval: z.enum(['approved', 'pending', 'rejected']).nullable(),
  /** The item's VAT rate, percent, and the line's VAT (inside the amount or on top, per the price type). */
  vatRate: z.string(),
  vat: z.string(),
  /** A reserve's line: what 1C holds of it (null until it says). A preorder's: what 1C secured, and how much of that became an order. */
  held: z.string().nullable().optional(),
  secured: z.string().nullable().optional(),
  converted: z.string().optional(),
});

export type OrderLineRow = z.infer<typeof OrderLineRow>;

export const Agreement = z.object({ number: z.string(), date: z.string(), terms: z.string() });

export type Agreement = z.infer<typeof Agreement>;

export const OrderDetails = OrderListRow.extend({
  warehouseId: z.number().int(),
  warehouseName: z.string(),
  stockAsOf: z.string().nullable(),
  deliveryDate: z.string().nullable(),
  comment: z.string(),
  agreement: z.string().nullable(),
  deliveryMethod: z.enum(DELIVERY_METHODS),
  deliveryAddress: z.string(),
  paymentTerms: z.string(),
  /** The client's contracts and delivery addresses, to choose from in the header. */
  clientAgreements: z.array(Agreement),
  clientAddresses: z.array(z.object({ label: z.string(), address: z.string() })),
  /** The client's credit with this order (DOMAIN: the order + open orders + overdue against the limit). */
  credit: z.object({ exposure: z.string(), limit: z.string(), over: z.string().nullable(), prepayment: z.boolean() }),
  /** Sums over all lines (not only those sent with linesLimit): kg and m³. */
  weightKg: z.string(),
  volumeM3: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  receivablesAsOf: z.string().nullable(),
  /** How old the overdue debt is (from the ERP's open documents), when the ERP reported them. */
  overdueAging: z
    .object({
      d1_30: z.string(),
      d31_60: z.string(),
      d61_90: z.string(),
      d90plus: z.string(),
      maxDaysOverdue: z.number().int(),
    })
    .nullable(),
  /** The last line number the order gave (numbers of deleted lines are not given again). */
  lastLineNo: z.number().int(),
  /** Why lines cannot be edited now, or null. */
  lockedReason: z.string().nullable(),
  /** The retro bonus of the order's agreement this period; with this order counted too while it is not yet 1C's. */
  retroBonus: RetroBonusView.extend({ withOrder: BonusStandingView.nullable() }).nullable(),
  /** A reserve's hold, a preorder's secured part, the preorder an order was made of. */
  kindState: OrderKindState,
  /** The supervisor's approval request of this order, if one was made. */
  approval: z
    .object({
      status: z.enum(['pending', 'approved', 'rejected']),
      requestedAt: z.string(),
      requestedBy: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
      comment: z.string(),
      lines: z.number().int(),
      givenAway: z.string(),
      credit: z.boolean(),
    })
    .nullable(),
  /** VAT over all lines, per line as the ERP computes it, and whether the prices include it. */
  vat: z.string(),
  gross: z.string(),
  withVat: z.boolean(),
  lines: z.array(OrderLineRow),
  /** What Ctrl+Z / Ctrl+Y would undo / redo in this order now (this desk, this session), or null. */
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});

export type OrderDetails = z.infer<typeof OrderDetails>;

export const SubmitBlockSchema = z.object({
  kind: z.enum(['below_floor', 'no_reason', 'credit']),
  lineId: z.string().optional(),
  lineNo: z.number().int().optional(),
  article: z.string().optional(),
  net: z.string().optional(),
  floor: z.string().optional(),
  givenAway: z.string().optional(),
  exposure: z.string().optional(),
  limit: z.string().optional(),
  over: z.string().optional(),
  approval: z.enum(['none', 'pending', 'rejected']).optional(),
});

export const SubmitCheckResult = z.object({
  differences: z.array(
    z.object({
      lineId: z.string(),
      article: z.string(),
      kind: z.enum(['price', 'no_price', 'stock']),
      old: z.string().optional(),
      new: z.string().optional(),
      effect: z.string().optional(),
      quantity: z.string().optional(),
      available: z.string().optional(),
    }),
  ),
  totalEffect: z.string(),
  digest: z.string(),
  pricesAsOf: z.string().nullable(),
  stockAsOf: z.string().nullable(),
  /** What stops the submit until a supervisor approves (or the manager gives reasons). */
  blocks: z.array(SubmitBlockSchema),
});

export type SubmitCheckResult = z.infer<typeof SubmitCheckResult>;

export const ordersMethods = {
  'orders.explainPrice': {
    input: z.object({ orderId: OrderId, lineId: z.string().uuid() }).strict(),
    output: PriceExplanation,
  },
  // article: only orders with a line of an item spelled so (any look-alike spelling).
  'orders.list': {
    input: z.object({ article: z.string().max(100).optional() }).strict(),
    output: z.array(OrderListRow),
  },
  'orders.get': {
    // linesLimit: only the first lines (the first screen), the rest read next with orders.lines.
    input: z.object({ id: OrderId, linesLimit: z.number().int().nonnegative().optional() }).strict(),
    output: OrderDetails,
  },
  'orders.lines': {
    // ids: just these lines (those no longer in the order come back as missing); or the lines
    // numbered from fromLineNo up to (not including) toLineNo: a view asks for every range of a
    // big order at once and shows each as it comes, while the desk reads the next.
    input: z
      .object({
        orderId: OrderId,
        ids: z.array(z.string().uuid()).max(50_000).optional(),
        fromLineNo: z.number().int().nonnegative().optional(),
        toLineNo: z.number().int().positive().optional(),
      })
      .strict()
      .refine((i) => !(i.ids && (i.fromLineNo !== undefined || i.toLineNo !== undefined)), 'ids or numbers, not both'),
    output: z.object({ lines: z.array(OrderLineRow), missing: z.array(z.string()) }),
  },
  'orders.create': {
    input: z
      .object({
        clientId: z.number().int().positive(),
        kind: z.enum(ORDER_KINDS),
        warehouseId: z.number().int().positive(),
        deliveryDate: z.string().nullable().optional(),
        comment: z.string().max(2000).optional(),
      })
      .strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  // The header: contract, shipment (method, address, date), warehouse, comment; only fields given change.
  'orders.setHeader': {
    input: z
      .object({
        orderId: OrderId,
        agreement: z.string().max(100).nullable().optional(),
        deliveryMethod: z.enum(DELIVERY_METHODS).optional(),
        deliveryAddress: z.string().max(500).optional(),
        deliveryDate: z.string().max(10).nullable().optional(),
        comment: z.string().max(2000).optional(),
        warehouseId: z.number().int().positive().optional(),
      })
      .strict(),
    output: Seq,
  },
  'orders.repeat': { input: z.object({ id: OrderId }).strict(), output: z.object({ id: z.string() }) },
  'orders.merge': {
    input: z.object({ targetId: OrderId, otherIds: z.array(OrderId).min(1).max(50) }).strict(),
    output: z.object({ id: z.string(), moved: z.number().int() }),
  },
  'orders.split': {
    input: z.object({ id: OrderId, by: z.enum(SPLIT_KINDS) }).strict(),
    output: z.object({ ids: z.array(z.string()), moved: z.number().int() }),
  },
  'orders.submitCheck': { input: z.object({ id: OrderId }).strict(), output: SubmitCheckResult },
  'orders.submit': { input: z.object({ id: OrderId, checkDigest: z.string().min(1).max(100) }).strict(), output: Seq },
  'orders.cancel': {
    input: z.object({ id: OrderId, reason: z.string().trim().min(1).max(1000) }).strict(),
    output: Seq,
  },
} as const;

/** An order without its lines: the header and the totals bar. */
export const OrderHeaderView = OrderDetails.omit({ lines: true });
export type OrderHeaderView = z.infer<typeof OrderHeaderView>;

/**
 * What changed in an order open in a view (one read with orders.get): the lines to put in place
 * (new or changed), the lines gone, and the header as it is now; or `reload` when every line may
 * have changed (new price rules, another warehouse, an approval decided): read the lines again.
 * `order` null: the order left this desk (deleted, or no longer in the user's scope).
 */
export const OrderDelta = z.object({
  orderId: z.string(),
  lines: z.array(OrderLineRow),
  removed: z.array(z.string()),
  order: OrderHeaderView.nullable(),
  reload: z.boolean(),
});
export type OrderDelta = z.infer<typeof OrderDelta>;

export const ordersEvents = {
  'orders.delta': OrderDelta,
} as const;
