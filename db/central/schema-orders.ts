// Central schema, orders: orders and their lines (each line its own versioned row), price
// approvals, the price audit, and sales plans.
import { bigint, index, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

/** Orders: keyed by a UUID made on the desk (created offline too); numbered by the server. */
export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    number: text('number'),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    deliveryDate: text('delivery_date'),
    comment: text('comment').notNull().default(''),
    linesCount: integer('lines_count').notNull().default(0),
    /** The last line number the order gave: new lines take the next, so a number is never given twice. */
    lastLineNo: integer('last_line_no').notNull().default(0),
    total: numeric('total', { precision: 17, scale: 2 }).notNull().default('0'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }),
    erpNumber: text('erp_number'),
    erpStatusAt: timestamp('erp_status_at', { withTimezone: true, mode: 'string' }),
    erpError: text('erp_error'),
    /** Sum of the lines' costs (each line: quantity × its unit cost, to kopecks): margin = total − cost_total. */
    costTotal: numeric('cost_total', { precision: 17, scale: 2 }).notNull().default('0'),
    agreement: text('agreement'),
    deliveryMethod: text('delivery_method').notNull().default('delivery'),
    deliveryAddress: text('delivery_address').notNull().default(''),
    /** Where the order was made: on a desk, or in the ERP (phone, field rep, portal: read-only on desks). */
    origin: text('origin', { enum: ['desk', 'erp'] })
      .notNull()
      .default('desk'),
    /** A reserve: until when 1C holds it, held/released/converted, the request awaiting 1C, when its manager was told it ends. */
    heldUntil: timestamp('held_until', { withTimezone: true, mode: 'string' }),
    holdState: text('hold_state', { enum: ['held', 'released', 'converted'] }),
    holdRequest: jsonb('hold_request').$type<{ kind: 'extend' | 'convert'; days?: number; at: string } | null>(),
    holdWarnedAt: timestamp('hold_warned_at', { withTimezone: true, mode: 'string' }),
    /** An order made of a preorder's secured part: the preorder. */
    fromOrderId: text('from_order_id'),
    /** A seasonal order: the programme whose commitment it fills (domain/seasonal). */
    programmeId: text('programme_id'),
    /** A merge of two orders 1C has, while 1C is asked (domain/orders/order-merge.ts). */
    merge: jsonb('merge').$type<unknown>(),
    ...versioned,
  },
  (t) => [
    index('orders_version').on(t.version),
    index('orders_manager').on(t.managerId),
    index('orders_erp_number').on(t.erpNumber),
  ],
);

/** Order lines: each its own versioned row, so an edit sends only the lines it changed. */
export const orderLines = pgTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    // The order's manager, copied: pull scopes lines without joining their orders.
    managerId: integer('manager_id').notNull(),
    lineNo: integer('line_no').notNull(),
    itemId: integer('item_id').notNull(),
    quantity: numeric('quantity', { precision: 15, scale: 3 }).notNull(),
    price: numeric('price', { precision: 15, scale: 4 }).notNull(),
    priceSource: text('price_source').notNull(),
    discount: numeric('discount', { precision: 5, scale: 2 }).notNull().default('0'),
    amount: numeric('amount', { precision: 17, scale: 2 }).notNull(),
    warehouseId: integer('warehouse_id'),
    comment: text('comment').notNull().default(''),
    /** The item's unit cost when the line was written. */
    cost: numeric('cost', { precision: 15, scale: 4 }).notNull().default('0'),
    /** Why the price or discount was set by hand (domain/pricing/price-floors OVERRIDE_REASONS), and the manager's words. */
    overrideReason: text('override_reason').notNull().default(''),
    overrideNote: text('override_note').notNull().default(''),
    /** What 1C holds of a reserve's line; secured of a preorder's line, and how much of that became an order. */
    held: numeric('held', { precision: 15, scale: 3 }),
    secured: numeric('secured', { precision: 15, scale: 3 }),
    converted: numeric('converted', { precision: 15, scale: 3 }).notNull().default('0'),
    /** The preorder line this line was made from. */
    fromLineId: text('from_line_id'),
    ...versioned,
  },
  (t) => [
    index('order_lines_version').on(t.version),
    index('order_lines_manager').on(t.managerId),
    index('order_lines_order').on(t.orderId),
  ],
);

/** A supervisor's approval of an order's prices below floor and credit over the limit (domain/pricing/price-floors). */
export const priceApprovals = pgTable(
  'price_approvals',
  {
    orderId: text('order_id').primaryKey(),
    managerId: integer('manager_id').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull(),
    lines: jsonb('lines').$type<unknown[]>().notNull(),
    credit: jsonb('credit').$type<Record<string, unknown> | null>(),
    approved: jsonb('approved').$type<unknown[]>().notNull(),
    creditUpTo: numeric('credit_up_to', { precision: 17, scale: 2 }),
    givenAway: numeric('given_away', { precision: 17, scale: 2 }).notNull(),
    note: text('note').notNull().default(''),
    requestedBy: integer('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: text('decided_at'),
    comment: text('comment').notNull().default(''),
    ...versioned,
  },
  (t) => [index('price_approvals_version').on(t.version), index('price_approvals_manager').on(t.managerId)],
);

/** Who changed which price, when, from what to what and why: written by the server with the change. */
export const priceAudit = pgTable(
  'price_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: text('at').notNull(),
    userId: integer('user_id').notNull(),
    managerId: integer('manager_id'),
    entity: text('entity', { enum: ['line', 'approval', 'rule', 'client', 'plan'] }).notNull(),
    entityKey: text('entity_key').notNull(),
    orderId: text('order_id'),
    old: jsonb('old').$type<unknown>(),
    new: jsonb('new').$type<unknown>(),
    reason: text('reason').notNull().default(''),
    ...versioned,
  },
  (t) => [
    index('price_audit_version').on(t.version),
    index('price_audit_manager').on(t.managerId),
    index('price_audit_entity').on(t.entity, t.entityKey),
  ],
);

/**
 * Sales plans (планы продаж): per manager, and within that per client (0: the manager's whole
 * book) and product group ('': all groups), for a month or a quarter starting at `month`
 * (YYYY-MM-01). From the ERP's plans feed (source 'erp', read-only on the desks) or set by a
 * supervisor (source 'desk'); bonus_percent is the old per-month retro bonus some ERP plans carry.
 */
export const salesPlans = pgTable(
  'sales_plans',
  {
    id: text('id').primaryKey(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    groupName: text('group_name').notNull(),
    month: text('month').notNull(),
    period: text('period').notNull().default('month'),
    amount: numeric('amount', { precision: 17, scale: 2 }).notNull(),
    bonusPercent: numeric('bonus_percent', { precision: 5, scale: 2 }).notNull(),
    source: text('source').notNull().default('erp'),
    note: text('note').notNull().default(''),
    setBy: integer('set_by'),
    setAt: timestamp('set_at', { withTimezone: true, mode: 'string' }),
    ...versioned,
  },
  (t) => [index('sales_plans_version').on(t.version), index('sales_plans_manager').on(t.managerId)],
);

/**
 * The client's documents from the ERP (invoice, УПД, act, reconciliation act, certificate), per
 * client and, where they belong to one, per order; sha256 is set once the PDF was fetched into the
 * file store (hash-addressed, like attachments).
 */
export const erpDocuments = pgTable(
  'erp_documents',
  {
    /** The ERP's id of the document. */
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    docDate: text('doc_date').notNull(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    /** The order on the server (a desk's order, or one made in the ERP), if it belongs to one. */
    orderId: text('order_id'),
    amount: numeric('amount', { precision: 17, scale: 2 }),
    title: text('title').notNull().default(''),
    sha256: text('sha256'),
    size: integer('size'),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }).notNull(),
    ...versioned,
  },
  (t) => [
    index('erp_documents_version').on(t.version),
    index('erp_documents_manager').on(t.managerId),
    index('erp_documents_client').on(t.clientId),
    index('erp_documents_order').on(t.orderId),
  ],
);
