// The desk contract: every method the renderer may call on `window.desk` and every event it
// may receive, declared once. Both transports (Electron IPC and the web shell's WebSocket)
// and the renderer's typed client are derived from this object.
import { z } from 'zod';
import { BulkLineKind } from './catalog/bulk-search';
import { deskEventNames, deskMethodNames } from './transport/contract-names';
import { Contact, DeliveryAddress } from './clients/client-mutations';
import { DELIVERY_METHODS, ORDER_KINDS, ORDER_STATUSES } from './orders/order';
import { LineInput } from './orders/order-mutations';
import { OVERRIDE_REASONS } from './pricing/price-floors';
import { SPLIT_KINDS } from './orders/order-operations';
import { SessionUser } from './roles';
import { AttachmentRef, MAX_ATTACHMENT_BYTES, Sha256 } from './aftersales/attachment';
import { CLAIM_RESOLUTIONS, CLAIM_STATUSES, DEFECT_TYPES } from './aftersales/claim';
import { TICKET_CATEGORY_NAMES, TICKET_STATUSES } from './aftersales/ticket';

const NoInput = z.object({}).strict();

export const ConnectionState = z.enum(['offline', 'connecting', 'online']);

/** The ERP link as the server last reported it (replicated row), for the status bar. */
export const ErpLinkStatus = z.object({
  state: z.enum(['unknown', 'online', 'degraded', 'offline']),
  since: z.string().nullable(),
  pending: z.number().int(),
  parked: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type ErpLinkStatus = z.infer<typeof ErpLinkStatus>;

export const SyncStatus = z.object({
  connection: ConnectionState,
  user: SessionUser.nullable(),
  serverUrl: z.string(),
  lastSyncAt: z.string().nullable(),
  rowsInReplica: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  notices: z.array(z.string()),
  /** Local changes not yet acknowledged by the server, and the oldest one's time. */
  pending: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  /** Changes the server rejected, waiting for the user to retry or discard them. */
  rejected: z.number().int(),
  /** Conflict notices not yet dismissed. */
  conflicts: z.number().int(),
  erp: ErpLinkStatus.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const Warehouse = z.object({ id: z.number().int(), code: z.string(), name: z.string(), city: z.string() });
export type Warehouse = z.infer<typeof Warehouse>;

export const CatalogRow = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  group: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  lifecycle: z.enum(['active', 'discontinued']),
  /** Stock per warehouse, in the order of `CatalogPage.warehouses`. */
  stock: z.array(z.number()),
  leadDays: z.number().int().nullable(),
  /** Base price of the base price type, exact decimal as a string. */
  basePrice: z.string().nullable(),
});
export type CatalogRow = z.infer<typeof CatalogRow>;

export const CatalogPage = z.object({
  warehouses: z.array(Warehouse),
  rows: z.array(CatalogRow),
  priceTypeName: z.string().nullable(),
});
export type CatalogPage = z.infer<typeof CatalogPage>;

export const CatalogHitRow = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  lifecycle: z.enum(['active', 'discontinued']),
  packSize: z.number().int().optional(),
  stockTotal: z.number(),
});

export const ItemDetails = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  group: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  lifecycle: z.enum(['active', 'discontinued']),
  attributes: z.record(z.string(), z.string()),
  stock: z.array(z.object({ warehouse: Warehouse, quantity: z.number(), leadDays: z.number().int().nullable() })),
  prices: z.array(z.object({ priceType: z.string(), price: z.string(), withVat: z.boolean() })),
  /** When the ERP reported the stock shown (latest warehouse snapshot) and the prices. */
  stockAsOf: z.string().nullable(),
  pricesAsOf: z.string().nullable(),
  vatRate: z.string(),
  analogs: z.array(CatalogHitRow),
});
export type ItemDetails = z.infer<typeof ItemDetails>;

export const BulkRow = z.object({
  lineNo: z.number().int(),
  article: z.string(),
  quantity: z.string().nullable(),
  kind: BulkLineKind,
  item: CatalogHitRow.nullable(),
  analog: CatalogHitRow.nullable(),
  alternatives: z.array(CatalogHitRow),
});
export type BulkRow = z.infer<typeof BulkRow>;

export const ClientListRow = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string(),
  managerName: z.string(),
  paymentTerms: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  priceType: z.string(),
  pendingChanges: z.number().int(),
});
export type ClientListRow = z.infer<typeof ClientListRow>;

export const ClientCard = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string(),
  kpp: z.string(),
  legalAddress: z.string(),
  paymentTerms: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  coefficient: z.string(),
  priceType: z.string(),
  managerName: z.string(),
  contacts: z.array(Contact),
  deliveryAddresses: z.array(DeliveryAddress),
  notes: z.string(),
  /** Row version the card was read at: the base of the next edit. */
  version: z.number().int(),
  pendingChanges: z.number().int(),
});
export type ClientCard = z.infer<typeof ClientCard>;

export const SyncProblems = z.object({
  pending: z.array(
    z.object({ seq: z.number().int(), mutation: z.string(), aggregate: z.string(), createdAt: z.string() }),
  ),
  rejected: z.array(
    z.object({
      seq: z.number().int(),
      mutation: z.string(),
      aggregate: z.string(),
      args: z.unknown(),
      code: z.string(),
      message: z.string(),
      createdAt: z.string(),
    }),
  ),
  conflicts: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});
export type SyncProblems = z.infer<typeof SyncProblems>;

export const OrderStatusEnum = z.enum(ORDER_STATUSES);

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
  /** Why lines cannot be edited now, or null. */
  lockedReason: z.string().nullable(),
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

/** A row of the supervisor's approvals queue: one order's request. */
export const ApprovalQueueRow = z.object({
  orderId: z.string(),
  orderNumber: z.string().nullable(),
  clientName: z.string(),
  managerName: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  lines: z.number().int(),
  givenAway: z.string(),
  orderTotal: z.string(),
  orderMargin: z.string(),
  credit: z.object({ exposure: z.string(), limit: z.string(), over: z.string() }).nullable(),
  note: z.string(),
  reasons: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string(),
});
export type ApprovalQueueRow = z.infer<typeof ApprovalQueueRow>;

export const ApprovalDetails = ApprovalQueueRow.extend({
  lines: z.array(
    z.object({
      lineId: z.string(),
      lineNo: z.number().int(),
      article: z.string(),
      name: z.string(),
      quantity: z.string(),
      price: z.string(),
      discount: z.string(),
      net: z.string(),
      floor: z.string(),
      cost: z.string(),
      givenAway: z.string(),
      reason: z.string(),
      note: z.string(),
      marginPct: z.string().nullable(),
    }),
  ),
  linesCount: z.number().int(),
});
export type ApprovalDetails = z.infer<typeof ApprovalDetails>;

export const PriceAuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string(),
  entity: z.string(),
  entityKey: z.string(),
  orderId: z.string().nullable(),
  old: z.unknown(),
  new: z.unknown(),
  reason: z.string(),
});
export type PriceAuditRow = z.infer<typeof PriceAuditRow>;

const CoefficientRuleView = z
  .object({
    id: z.string().max(64),
    group: z.string().max(200).nullable(),
    coefficient: z.string().max(20),
    from: z.string().max(10),
    to: z.string().max(10).nullable(),
  })
  .strict();

/** The admin's view of the pricing rules: floors, breaks, promotions, and each client's pricing. */
export const PricingRulesView = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['break', 'promotion', 'floor']),
      body: z.record(z.string(), z.unknown()),
      updatedBy: z.string(),
      updatedAt: z.string(),
    }),
  ),
  clients: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      priceTypeId: z.number().int(),
      coefficient: z.string(),
      clientGroup: z.string().nullable(),
      rules: z.array(CoefficientRuleView),
    }),
  ),
  priceTypes: z.array(
    z.object({ id: z.number().int(), name: z.string(), withVat: z.boolean(), places: z.number().int() }),
  ),
  groups: z.array(z.string()),
  clientGroups: z.array(z.string()),
});
export type PricingRulesView = z.infer<typeof PricingRulesView>;

/** A change an admin is about to publish: one rule (null: removed), or one client's pricing. */
export const PricingChange = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rule'),
      id: z.string().max(64),
      rule: z
        .object({ kind: z.enum(['break', 'promotion', 'floor']), body: z.record(z.string(), z.unknown()) })
        .nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('client'),
      clientId: z.number().int().positive(),
      coefficient: z.string().max(20).optional(),
      clientGroup: z.string().max(100).nullable().optional(),
      rules: z.array(CoefficientRuleView).max(500).optional(),
    })
    .strict(),
]);
export type PricingChange = z.infer<typeof PricingChange>;

export const WhatIfResult = z.object({
  valid: z.boolean(),
  error: z.string().optional(),
  diff: z.array(z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() })),
  orders: z.number().int(),
  lines: z.number().int(),
  amountChange: z.string(),
  marginChange: z.string(),
  belowFloorBefore: z.number().int(),
  belowFloorAfter: z.number().int(),
  examples: z.array(
    z.object({
      orderNumber: z.string().nullable(),
      article: z.string(),
      quantity: z.string(),
      old: z.string(),
      new: z.string(),
    }),
  ),
});
export type WhatIfResult = z.infer<typeof WhatIfResult>;

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

/** A row coming into an order (pasted past the last line, or read from a file). */
export const IncomingRow = z
  .object({
    sourceRow: z.number().int().nonnegative(),
    article: z.string().max(200),
    quantity: z.string().max(50).nullable(),
    price: z.string().max(50).nullable().optional(),
    discount: z.string().max(50).nullable().optional(),
    comment: z.string().max(2000).nullable().optional(),
    warehouse: z.string().max(200).nullable().optional(),
  })
  .strict();

const PreviewItem = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  packSize: z.number().int(),
});
export const LINE_PROBLEMS = [
  'not_found',
  'bad_quantity',
  'zero_quantity',
  'negative_quantity',
  'bad_price',
  'bad_discount',
  'no_discount_on_preorder',
  'unknown_warehouse',
] as const;
export const LINE_WARNINGS = ['duplicate', 'in_order', 'discontinued', 'no_price'] as const;
/** One incoming row as the preview shows it; a row with problems is not added. */
export const LinePreview = z.object({
  sourceRow: z.number().int(),
  asked: z.string(),
  askedQuantity: z.string(),
  kind: BulkLineKind,
  /** The item the line will be (for an analog: the replacement offered). */
  item: PreviewItem.nullable(),
  askedItem: PreviewItem.nullable(),
  duplicateOf: z.number().int().nullable(),
  quantity: z.string().nullable(),
  /** For an analog offered: the quantity if the manager keeps the item asked for. */
  askedItemQuantity: z.string().nullable(),
  rounded: z.boolean(),
  price: z.string().nullable(),
  priceSource: z.enum(['client', 'manual']),
  discount: z.string(),
  warehouseId: z.number().int().nullable(),
  comment: z.string(),
  problems: z.array(z.enum(LINE_PROBLEMS)),
  warnings: z.array(z.enum(LINE_WARNINGS)),
});
export type LinePreview = z.infer<typeof LinePreview>;

/** A cell a paste or bulk action could not set, and why (the field names what was wrong). */
export const LineProblem = z.object({
  lineId: z.string(),
  lineNo: z.number().int(),
  field: z.string(),
  value: z.string(),
});
export type LineProblem = z.infer<typeof LineProblem>;

export const LinePatchInput = z
  .object({
    quantity: z.string().max(50).optional(),
    price: z.string().max(50).optional(),
    discount: z.string().max(50).optional(),
    comment: z.string().max(1000).optional(),
    warehouse: z.string().max(200).optional(),
  })
  .strict();

export const BulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setQuantity'), value: z.string().max(50) }),
  z.object({ kind: z.literal('multiply'), factor: z.string().max(50) }),
  z.object({ kind: z.literal('roundToPack') }),
  z.object({ kind: z.literal('setDiscount'), value: z.string().max(50) }),
  z.object({ kind: z.literal('setWarehouse'), warehouseId: z.number().int().positive().nullable() }),
  z.object({ kind: z.literal('delete') }),
  /** The manager's price and/or discount on the selection, with the mandatory reason; neither: only the reason, for lines already overridden. */
  z.object({
    kind: z.literal('override'),
    price: z.string().max(50).optional(),
    discount: z.string().max(50).optional(),
    reason: z.enum(OVERRIDE_REASONS),
    note: z.string().max(1000),
  }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

export const EDIT_LABELS = [
  'edit',
  'paste',
  'fill',
  'add',
  'import',
  'delete',
  'setQuantity',
  'multiply',
  'roundToPack',
  'setDiscount',
  'setWarehouse',
  'override',
] as const;
export type EditLabel = (typeof EDIT_LABELS)[number];

const ColumnMapping = z.object({
  article: z.number().int().nonnegative().nullable(),
  quantity: z.number().int().nonnegative().nullable(),
  price: z.number().int().nonnegative().nullable(),
  discount: z.number().int().nonnegative().nullable(),
  comment: z.number().int().nonnegative().nullable(),
  warehouse: z.number().int().nonnegative().nullable(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** What the desk read from a spreadsheet: its layout, the mapping used, notes, and the preview. */
export const ImportedFile = z.object({
  sheets: z.array(z.string()),
  sheet: z.number().int(),
  headerRow: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), sample: z.string() })),
  mapping: ColumnMapping,
  notes: z.array(z.object({ code: z.string(), count: z.number().int().optional(), rows: z.string().optional() })),
  lines: z.array(LinePreview),
});
export type ImportedFile = z.infer<typeof ImportedFile>;

const FileData = z.object({ fileName: z.string(), data: z.string() });

export const OutboxMessageRow = z.object({
  id: z.number().int(),
  aggregate: z.string(),
  seq: z.number().int(),
  method: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  orderNumber: z.string().nullable(),
  clientName: z.string().nullable(),
  audit: z.array(z.object({ action: z.string(), userName: z.string().nullable(), reason: z.string(), at: z.string() })),
});
export type OutboxMessageRow = z.infer<typeof OutboxMessageRow>;

const OrderId = z.string().uuid();

const Login = z.string().trim().min(1).max(64);
const Password = z.string().min(1).max(256);
// ---- claims and tickets ------------------------------------------------------------------------

export const ClaimQueue = z.enum(['open', 'mine', 'overdue', 'waiting_for_me', 'all']);
export type ClaimQueue = z.infer<typeof ClaimQueue>;
export const TicketQueue = z.enum(['open', 'mine', 'waiting_for_me', 'overdue', 'breached', 'all']);
export type TicketQueue = z.infer<typeof TicketQueue>;

export const ClaimRow = z.object({
  id: z.string(),
  number: z.string().nullable(),
  clientId: z.number().int(),
  clientName: z.string(),
  managerName: z.string(),
  orderId: z.string(),
  orderNumber: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  defectType: z.string(),
  amount: z.string(),
  resolution: z.enum(CLAIM_RESOLUTIONS).nullable(),
  resolutionAmount: z.string().nullable(),
  createdAt: z.string(),
  deadlineAt: z.string().nullable(),
  overdue: z.boolean(),
  files: z.number().int(),
  erpNumber: z.string().nullable(),
  erpStatus: z.string().nullable(),
  erpError: z.string().nullable(),
});
export type ClaimRow = z.infer<typeof ClaimRow>;

export const ClaimDetails = ClaimRow.extend({
  description: z.string(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      itemId: z.number().int(),
      article: z.string(),
      name: z.string(),
      shipped: z.string(),
      quantity: z.string(),
      amount: z.string(),
    }),
  ),
  attachments: z.array(AttachmentRef),
  history: z.array(z.object({ status: z.enum(CLAIM_STATUSES), at: z.string(), by: z.string(), comment: z.string() })),
  /** The moves this user may make now (the buttons). */
  steps: z.array(z.enum(CLAIM_STATUSES)),
});
export type ClaimDetails = z.infer<typeof ClaimDetails>;

export const ClaimableLine = z.object({
  lineId: z.string(),
  lineNo: z.number().int(),
  itemId: z.number().int(),
  article: z.string(),
  name: z.string(),
  shipped: z.string(),
  amount: z.string(),
  claimed: z.string(),
  claimable: z.string(),
});
export type ClaimableLine = z.infer<typeof ClaimableLine>;

const SlaClock = z.object({
  state: z.enum(['running', 'paused', 'met', 'breached', 'met_late']),
  remainingMs: z.number(),
  dueAt: z.string().nullable(),
});

export const TicketRow = z.object({
  id: z.string(),
  number: z.string().nullable(),
  clientId: z.number().int(),
  clientName: z.string(),
  category: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  assigneeId: z.number().int(),
  assigneeName: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  lastMessageKind: z.enum(['staff', 'client']),
  messagesCount: z.number().int(),
  sla: z.object({ firstResponse: SlaClock, resolution: SlaClock, breached: z.boolean() }),
  erpNumber: z.string().nullable(),
  erpError: z.string().nullable(),
});
export type TicketRow = z.infer<typeof TicketRow>;

export const TicketDetails = TicketRow.extend({
  fields: z.record(z.string(), z.unknown()),
  history: z.array(z.object({ status: z.enum(TICKET_STATUSES), at: z.string(), by: z.string() })),
  messages: z.array(
    z.object({
      id: z.string(),
      authorName: z.string(),
      authorKind: z.enum(['staff', 'client']),
      body: z.string(),
      attachments: z.array(AttachmentRef),
      createdAt: z.string(),
    }),
  ),
});
export type TicketDetails = z.infer<typeof TicketDetails>;

export const AftersalesNotice = z.object({
  key: z.string(),
  kind: z.enum(['ticket_new', 'ticket_reply', 'ticket_near', 'ticket_breached', 'claim_step', 'claim_near']),
  id: z.string(),
  number: z.string().nullable(),
  clientName: z.string(),
  subject: z.string(),
  at: z.string(),
  status: z.string().optional(),
  clock: z.enum(['firstResponse', 'resolution']).optional(),
  remainingMs: z.number().optional(),
});
export type AftersalesNotice = z.infer<typeof AftersalesNotice>;

// ---- dashboards -----------------------------------------------------------------------------------

const Iso = z.string().datetime({ offset: true });
export const DashboardFilter = z
  .object({
    /** The period as instants: from inclusive, to exclusive (the renderer turns "this week" into them). */
    fromAt: Iso,
    toAt: Iso,
    managerId: z.number().int().positive().optional(),
    clientId: z.number().int().positive().optional(),
    group: z.string().min(1).max(200).optional(),
    warehouseId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((f) => f.fromAt < f.toAt, { message: 'period_order', path: ['toAt'] });
export type DashboardFilter = z.infer<typeof DashboardFilter>;
const MoneyText = z.string();
const Ages = z.record(z.string(), z.number().int());
export const DashboardData = z.object({
  period: z.object({
    fromAt: z.string(),
    toAt: z.string(),
    bucket: z.enum(['day', 'week', 'month']),
    months: z.array(z.string()),
  }),
  totals: z.object({
    sales: MoneyText,
    cost: MoneyText,
    margin: MoneyText,
    orders: z.number().int(),
    averageOrder: MoneyText,
  }),
  series: z.array(z.object({ bucket: z.string(), sales: MoneyText, margin: MoneyText })),
  managers: z.array(
    z.object({ id: z.number().int(), name: z.string(), sales: MoneyText, margin: MoneyText, orders: z.number().int() }),
  ),
  clients: z.array(
    z.object({ id: z.number().int(), name: z.string(), sales: MoneyText, margin: MoneyText, orders: z.number().int() }),
  ),
  groups: z.array(
    z.object({
      group: z.string(),
      sales: MoneyText,
      margin: MoneyText,
      plan: MoneyText.nullable(),
      planActual: MoneyText.nullable(),
      plansMet: z.number().int(),
      plans: z.number().int(),
      bonus: MoneyText.nullable(),
    }),
  ),
  ordersByStatus: z.array(
    z.object({
      status: z.string(),
      count: z.number().int(),
      amount: MoneyText,
      oldestAt: z.string().nullable(),
      ages: Ages,
    }),
  ),
  waitingErp: z.object({ count: z.number().int(), oldestAt: z.string().nullable() }),
  overdue: z.object({
    total: MoneyText,
    clients: z.number().int(),
    top: z.array(z.object({ id: z.number().int(), name: z.string(), overdue: MoneyText, creditLimit: MoneyText })),
  }),
  overrides: z.object({
    lines: z.number().int(),
    orders: z.number().int(),
    pending: z.number().int(),
    givenAway: MoneyText,
    byManager: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        lines: z.number().int(),
        orders: z.number().int(),
        givenAway: MoneyText,
      }),
    ),
  }),
  claims: z.object({
    byReason: z.array(z.object({ reason: z.string(), count: z.number().int(), amount: MoneyText })),
    open: z.number().int(),
    overdue: z.number().int(),
    byAge: z.array(z.object({ bucket: z.string(), count: z.number().int() })),
  }),
  tickets: z.object({
    open: z.number().int(),
    breachedOpen: z.number().int(),
    opened: z.number().int(),
    breachedOpened: z.number().int(),
    byCategory: z.array(
      z.object({
        category: z.string(),
        open: z.number().int(),
        breachedOpen: z.number().int(),
        opened: z.number().int(),
        breachedOpened: z.number().int(),
      }),
    ),
  }),
  erp: z
    .object({
      state: z.string(),
      since: z.string().nullable(),
      pending: z.number().int(),
      parked: z.number().int(),
      oldestPendingAt: z.string().nullable(),
      checkedAt: z.string().nullable(),
    })
    .nullable(),
  asOf: z.object({
    replica: z.string().nullable(),
    orderStatuses: z.string().nullable(),
    receivables: z.string().nullable(),
    erp: z.string().nullable(),
  }),
});
export type DashboardData = z.infer<typeof DashboardData>;
export const DASHBOARD_TILES = [
  'sales',
  'series',
  'manager',
  'client',
  'group',
  'status',
  'waiting_erp',
  'overdue',
  'overrides',
  'claims_reason',
  'claims_age',
  'claims_open',
  'tickets_breached',
  'tickets_breached_period',
] as const;
export const DashboardDrill = z
  .object({ tile: z.enum(DASHBOARD_TILES), key: z.string().max(200).optional(), filter: DashboardFilter })
  .strict();
export type DashboardDrill = z.infer<typeof DashboardDrill>;
const Cell = z.union([z.string(), z.number(), z.null()]);
export const DashboardRows = z.object({
  kind: z.enum(['orders', 'clients', 'claims', 'tickets', 'approvals']),
  rows: z.array(z.record(z.string(), Cell)),
});
export type DashboardRows = z.infer<typeof DashboardRows>;
/** Any table on screen, as the user sees it, to .xlsx: typed columns so Excel gets numbers and dates. */
export const TableExport = z
  .object({
    title: z.string().min(1).max(200),
    columns: z
      .array(z.object({ header: z.string().max(200), type: z.enum(['text', 'int', 'money', 'datetime', 'date']) }))
      .min(1)
      .max(60),
    rows: z.array(z.array(Cell)).max(200_000),
  })
  .strict();

const Seq = z.object({ seq: z.number().int() });
const Files = z.array(AttachmentRef).max(20).default([]);

const SearchText = z.string().max(200);

/** Method name → input schema and output schema. */
export const deskMethods = {
  'app.info': {
    input: NoInput,
    output: z.object({ version: z.string(), shell: z.enum(['electron', 'web']), locale: z.string() }),
  },
  'session.login': { input: z.object({ login: Login, password: Password }).strict(), output: SessionUser },
  'session.logout': { input: NoInput, output: z.null() },
  'sync.status': { input: NoInput, output: SyncStatus },
  'sync.now': { input: NoInput, output: z.null() },
  'catalog.page': { input: NoInput, output: CatalogPage },
  'catalog.search': {
    input: z.object({ query: SearchText, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(CatalogHitRow),
  },
  'catalog.item': { input: z.object({ id: z.number().int().positive() }).strict(), output: ItemDetails },
  'catalog.bulkSearch': { input: z.object({ text: z.string().max(2_000_000) }).strict(), output: z.array(BulkRow) },
  'clients.list': { input: NoInput, output: z.array(ClientListRow) },
  'clients.card': { input: z.object({ id: z.number().int().positive() }).strict(), output: ClientCard },
  'clients.updateCard': {
    // Validated again by the mutation itself (domain/sync/mutations.ts), on the desk and on the server.
    input: z
      .object({
        clientId: z.number().int().positive(),
        baseVersion: z.number().int().nonnegative(),
        patch: z.record(z.string(), z.unknown()),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  // Admins' pricing (offline too: each is a mutation). Bodies are checked by domain/pricing/price-rules.
  'pricing.setClient': {
    input: z
      .object({
        clientId: z.number().int().positive(),
        coefficient: z.string().max(20).optional(),
        clientGroup: z.string().max(100).nullable().optional(),
        rules: z
          .array(
            z
              .object({
                id: z.string().max(64),
                group: z.string().max(200).nullable(),
                coefficient: z.string().max(20),
                from: z.string().max(10),
                to: z.string().max(10).nullable(),
              })
              .strict(),
          )
          .max(500)
          .optional(),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'pricing.setRule': {
    input: z
      .object({
        id: z.string().max(64),
        kind: z.enum(['break', 'promotion', 'floor']),
        body: z.record(z.string(), z.unknown()),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'pricing.removeRule': {
    input: z.object({ id: z.string().max(64) }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'pricing.rules': { input: NoInput, output: PricingRulesView },
  /** The effect of a change on open draft orders, before it is published. */
  'pricing.whatIf': { input: z.object({ change: PricingChange }).strict(), output: WhatIfResult },
  // Why a line costs what it costs: the rules' steps today, and the line's price as stored.
  'approvals.list': {
    input: z.object({ status: z.enum(['pending', 'decided', 'all']).default('pending') }).strict(),
    output: z.array(ApprovalQueueRow),
  },
  'approvals.get': { input: z.object({ orderId: OrderId }).strict(), output: ApprovalDetails },
  /** Asks the supervisor to approve the order's lines below floor and its credit (computed on the desk from the order as it is). */
  'approvals.request': {
    input: z.object({ orderId: OrderId, note: z.string().max(2000).default('') }).strict(),
    output: z.object({ seq: z.number().int(), lines: z.number().int(), credit: z.boolean() }),
  },
  'approvals.decide': {
    input: z
      .object({
        orderId: OrderId,
        requestedAt: z.string().max(40),
        decision: z.enum(['approve', 'reject']),
        comment: z.string().max(2000).default(''),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  /** The price audit: of an order's lines (orderId), one line (lineId), or rule changes (entity rule/client). */
  'pricing.audit': {
    input: z
      .object({
        orderId: OrderId.optional(),
        lineId: z.string().uuid().optional(),
        entity: z.enum(['rule', 'client']).optional(),
        limit: z.number().int().positive().max(5000).default(500),
      })
      .strict(),
    output: z.array(PriceAuditRow),
  },
  // Claims and tickets: reads of the replica, and mutations (checked again by domain/aftersales/claim-mutations
  // and domain/aftersales/ticket-mutations, on the desk and on the server).
  'claims.list': {
    input: z
      .object({
        clientId: z.number().int().positive().optional(),
        managerId: z.number().int().positive().optional(),
        queue: ClaimQueue.default('open'),
      })
      .strict(),
    output: z.array(ClaimRow),
  },
  'claims.get': { input: z.object({ claimId: z.string().uuid() }).strict(), output: ClaimDetails },
  'claims.claimable': { input: z.object({ orderId: OrderId }).strict(), output: z.array(ClaimableLine) },
  'claims.create': {
    input: z
      .object({
        orderId: OrderId,
        defectType: z.enum(DEFECT_TYPES),
        description: z.string().max(5000),
        attachments: Files,
        lines: z
          .array(
            z
              .object({ lineId: z.string().uuid(), itemId: z.number().int().positive(), quantity: z.string().max(20) })
              .strict(),
          )
          .max(1000),
      })
      .strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  'claims.move': {
    input: z
      .object({
        claimId: z.string().uuid(),
        from: z.enum(CLAIM_STATUSES),
        to: z.enum(CLAIM_STATUSES),
        comment: z.string().max(5000).default(''),
        resolution: z
          .object({ kind: z.enum(CLAIM_RESOLUTIONS), amount: z.string().max(20) })
          .strict()
          .optional(),
        attachments: Files,
      })
      .strict(),
    output: Seq,
  },
  /** The claim form (рекламационный акт) as a PDF, made on the desk. */
  'claims.form': {
    input: z.object({ claimId: z.string().uuid() }).strict(),
    output: z.object({ name: z.string(), base64: z.string() }),
  },
  'claims.attach': {
    input: z.object({ claimId: z.string().uuid(), attachments: z.array(AttachmentRef).min(1).max(20) }).strict(),
    output: Seq,
  },
  'tickets.list': {
    input: z
      .object({
        clientId: z.number().int().positive().optional(),
        managerId: z.number().int().positive().optional(),
        queue: TicketQueue.default('open'),
      })
      .strict(),
    output: z.array(TicketRow),
  },
  /** The managers this user may look at (a supervisor's team, every manager for an admin, oneself for a manager). */
  'team.managers': {
    input: NoInput,
    output: z.array(z.object({ id: z.number().int(), name: z.string(), active: z.boolean() })),
  },
  'tickets.get': { input: z.object({ ticketId: z.string().uuid() }).strict(), output: TicketDetails },
  'tickets.create': {
    input: z
      .object({
        clientId: z.number().int().positive(),
        category: z.enum(TICKET_CATEGORY_NAMES as [string, ...string[]]),
        subject: z.string().max(300),
        fields: z.record(z.string(), z.unknown()).default({}),
        body: z.string().max(20_000),
        attachments: Files,
      })
      .strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  'tickets.reply': {
    input: z
      .object({
        ticketId: z.string().uuid(),
        author: z.enum(['staff', 'client']),
        body: z.string().max(20_000),
        attachments: Files,
        then: z.enum(['waiting_client', 'resolved']).nullable().default(null),
      })
      .strict(),
    output: Seq,
  },
  'tickets.setStatus': {
    input: z
      .object({ ticketId: z.string().uuid(), from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES) })
      .strict(),
    output: Seq,
  },
  'tickets.assign': {
    input: z.object({ ticketId: z.string().uuid(), assigneeId: z.number().int().positive() }).strict(),
    output: Seq,
  },
  /** Who a ticket may be handed to: its client's manager, that manager's supervisor, the admins (those who see the client). */
  'tickets.assignees': {
    input: z.object({ ticketId: z.string().uuid() }).strict(),
    output: z.array(
      z.object({ id: z.number().int(), name: z.string(), role: z.enum(['manager', 'supervisor', 'admin']) }),
    ),
  },
  /** A file for a claim or message: checked by content and kept on this desk; uploaded when online. */
  'files.add': {
    input: z
      .object({ name: z.string().min(1).max(500), base64: z.string().max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4) })
      .strict(),
    output: AttachmentRef,
  },
  'files.get': {
    input: z.object({ sha256: Sha256 }).strict(),
    output: z.object({ name: z.string(), mime: z.string(), base64: z.string() }),
  },
  'files.thumbnail': { input: z.object({ sha256: Sha256 }).strict(), output: z.string().nullable() },
  'files.pending': {
    input: NoInput,
    output: z.array(
      z.object({ sha256: z.string(), name: z.string(), size: z.number(), lastError: z.string().nullable() }),
    ),
  },
  /** The dashboard of this user's scope for a period and filters, computed on the replica. */
  'dashboard.get': { input: DashboardFilter, output: DashboardData },
  /** The rows behind one of the dashboard's numbers, with the same filters. */
  'dashboard.rows': { input: DashboardDrill, output: DashboardRows },
  /** Product groups and warehouses for the dashboard's filters. */
  'dashboard.options': {
    input: NoInput,
    output: z.object({
      groups: z.array(z.string()),
      warehouses: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  },
  'table.exportXlsx': { input: TableExport, output: z.object({ base64: z.string() }) },
  'aftersales.counts': {
    input: NoInput,
    output: z.object({
      claims: z.record(ClaimQueue, z.number().int()),
      tickets: z.record(TicketQueue, z.number().int()),
    }),
  },
  'aftersales.notices': { input: NoInput, output: z.array(AftersalesNotice) },
  'aftersales.seen': { input: z.object({ keys: z.array(z.string().max(200)).max(200) }).strict(), output: z.null() },
  'orders.explainPrice': {
    input: z.object({ orderId: OrderId, lineId: z.string().uuid() }).strict(),
    output: z.object({
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
    }),
  },
  'clients.reassign': {
    input: z.object({ clientId: z.number().int().positive(), managerId: z.number().int().positive() }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'sync.problems': { input: NoInput, output: SyncProblems },
  'sync.retry': {
    input: z.object({ seq: z.number().int().positive() }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'sync.discard': { input: z.object({ seq: z.number().int().positive() }).strict(), output: z.null() },
  'sync.dismissConflict': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.null() },
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
    // ids: just these lines (after an edit); those no longer in the order come back as missing.
    input: z.object({ orderId: OrderId, ids: z.array(z.string().uuid()).max(50_000).optional() }).strict(),
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
  'orders.setLines': {
    input: z.object({ orderId: OrderId, lines: z.array(LineInput).min(1).max(1000) }).strict(),
    output: Seq,
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
  'orders.updateLine': {
    input: z
      .object({
        orderId: OrderId,
        lineId: z.string().uuid(),
        patch: z
          .object({
            quantity: z.string().max(30).optional(),
            price: z.string().max(30).optional(),
            discount: z.string().max(10).optional(),
            comment: z.string().max(1000).optional(),
          })
          .strict(),
      })
      .strict(),
    output: Seq,
  },
  'orders.updateLines': {
    input: z
      .object({
        orderId: OrderId,
        lineIds: z.array(z.string().uuid()).min(1).max(50_000),
        patch: z
          .object({
            quantity: z.string().max(30).optional(),
            price: z.string().max(30).optional(),
            discount: z.string().max(10).optional(),
            comment: z.string().max(1000).optional(),
          })
          .strict(),
      })
      .strict(),
    output: z.object({ changed: z.number().int(), seqs: z.array(z.number().int()) }),
  },
  'orders.addLines': {
    input: z
      .object({
        orderId: OrderId,
        lines: z
          .array(
            z
              .object({
                itemId: z.number().int().positive(),
                quantity: z.string().max(30),
                price: z.string().max(30).optional(),
                discount: z.string().max(10).optional(),
                comment: z.string().max(1000).optional(),
                warehouseId: z.number().int().positive().nullable().optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50_000),
        label: z.enum(EDIT_LABELS).default('add'),
      })
      .strict(),
    output: z.object({ added: z.number().int(), seqs: z.array(z.number().int()) }),
  },
  'orders.patchLines': {
    input: z
      .object({
        orderId: OrderId,
        patches: z
          .array(z.object({ lineId: z.string().uuid(), patch: LinePatchInput }).strict())
          .min(1)
          .max(50_000),
        // ifClean: apply only if every cell is valid (else report); validOnly: apply the valid cells,
        // skip the rest; check: report only, change nothing (a paste that also adds lines is previewed first).
        mode: z.enum(['ifClean', 'validOnly', 'check']),
        label: z.enum(EDIT_LABELS).default('paste'),
      })
      .strict(),
    output: z.object({ applied: z.boolean(), changed: z.number().int(), problems: z.array(LineProblem) }),
  },
  'orders.bulk': {
    input: z
      .object({ orderId: OrderId, lineIds: z.array(z.string().uuid()).min(1).max(50_000), action: BulkAction })
      .strict(),
    output: z.object({ changed: z.number().int(), problems: z.array(LineProblem) }),
  },
  'orders.undo': {
    input: z.object({ orderId: OrderId }).strict(),
    output: z.object({ label: z.string().nullable(), changed: z.number().int() }),
  },
  'orders.redo': {
    input: z.object({ orderId: OrderId }).strict(),
    output: z.object({ label: z.string().nullable(), changed: z.number().int() }),
  },
  'orders.previewLines': {
    input: z.object({ orderId: OrderId, rows: z.array(IncomingRow).max(50_000) }).strict(),
    output: z.array(LinePreview),
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
  'excel.readLines': {
    input: z
      .object({
        orderId: OrderId,
        fileName: z.string().max(300),
        // Base64 of the file; the limit (about 30 MB of file) is checked again with a clear message.
        data: z.string().max(45_000_000),
        sheet: z.number().int().nonnegative().optional(),
        mapping: ColumnMapping.optional(),
      })
      .strict(),
    output: ImportedFile,
  },
  'excel.exportOrders': {
    input: z.object({ ids: z.array(OrderId).min(1).max(100), lang: z.enum(['ru', 'en']).optional() }).strict(),
    output: FileData,
  },
  'excel.template': { input: z.object({ lang: z.enum(['ru', 'en']).optional() }).strict(), output: FileData },
  'orders.removeLines': {
    input: z.object({ orderId: OrderId, lineIds: z.array(z.string().uuid()).min(1).max(1000) }).strict(),
    output: Seq,
  },
  'orders.submitCheck': { input: z.object({ id: OrderId }).strict(), output: SubmitCheckResult },
  'orders.submit': { input: z.object({ id: OrderId, checkDigest: z.string().min(1).max(100) }).strict(), output: Seq },
  'orders.cancel': {
    input: z.object({ id: OrderId, reason: z.string().trim().min(1).max(1000) }).strict(),
    output: Seq,
  },
  'erp.outbox': {
    input: z.object({ status: z.enum(['pending', 'parked', 'discarded']) }).strict(),
    output: z.array(OutboxMessageRow),
  },
  'erp.decide': {
    input: z
      .object({
        id: z.number().int().positive(),
        action: z.enum(['retry', 'discard']),
        reason: z.string().trim().min(3).max(1000),
      })
      .strict(),
    output: z.null(),
  },
  'erp.refreshReceivables': {
    input: z.object({ clientIds: z.array(z.number().int().positive()).min(1).max(1000) }).strict(),
    output: z.object({ updated: z.number().int() }),
  },
} as const;

/** Event name → payload schema (core → renderer). */
export const deskEvents = {
  'sync.status': SyncStatus,
  /** Exactly which rows changed (table → row keys), so open views update in place. */
  'replica.changed': z.object({ tables: z.array(z.string()), rows: z.record(z.string(), z.array(z.string())) }),
} as const;

export type DeskMethods = typeof deskMethods;
export type MethodName = keyof DeskMethods;
export type MethodInput<M extends MethodName> = z.input<DeskMethods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<DeskMethods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<DeskMethods[M]['output']>;
export type EventName = keyof typeof deskEvents;
export type EventPayload<E extends EventName> = z.output<(typeof deskEvents)[E]>;

export const methodNames: readonly MethodName[] = deskMethodNames;
export const eventNames: readonly EventName[] = deskEventNames;

// Compile-time proof that the dependency-free name lists (used by the preload) match the contract.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: [
  Same<(typeof deskMethodNames)[number], MethodName>,
  Same<(typeof deskEventNames)[number], EventName>,
] = [true, true];
void namesMatch;

/** The object the renderer talks to: one async function per method, plus event subscription. */
export type DeskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<import('./errors').Result<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What the core implements: parsed input in, output out; throws CodedError for expected failures. */
export type DeskHandlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
