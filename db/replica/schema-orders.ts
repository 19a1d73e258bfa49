// Desk replica schema, orders: the orders and their lines as the desk holds them (the reserve's
// hold and the preorder's secured part beside them). Split from schema.ts to keep modules small.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './versioned';

export const orders = sqliteTable(
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
    comment: text('comment').notNull(),
    linesCount: integer('lines_count').notNull(),
    lastLineNo: integer('last_line_no').notNull().default(0),
    total: text('total').notNull(),
    createdAt: text('created_at').notNull(),
    submittedAt: text('submitted_at'),
    erpNumber: text('erp_number'),
    erpStatusAt: text('erp_status_at'),
    erpError: text('erp_error'),
    costTotal: text('cost_total').notNull().default('0'),
    agreement: text('agreement'),
    deliveryMethod: text('delivery_method').notNull().default('delivery'),
    deliveryAddress: text('delivery_address').notNull().default(''),
    /** Where the order was made: on a desk, or in the ERP (read-only here). */
    origin: text('origin').notNull().default('desk'),
    /** A reserve: until when 1C holds it, its state, the request awaiting 1C (JSON), when told it ends. */
    heldUntil: text('held_until'),
    holdState: text('hold_state'),
    holdRequest: text('hold_request'),
    holdWarnedAt: text('hold_warned_at'),
    /** An order made of a preorder's secured part: the preorder. */
    fromOrderId: text('from_order_id'),
    /** A seasonal order: the programme whose commitment it fills (domain/seasonal). */
    programmeId: text('programme_id'),
    merge: text('merge'),
    ...versioned,
  },
  (t) => [
    index('orders_client').on(t.clientId),
    index('orders_status').on(t.status),
    index('orders_submitted').on(t.submittedAt),
  ],
);

export const orderLines = sqliteTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull(),
    managerId: integer('manager_id').notNull(),
    lineNo: integer('line_no').notNull(),
    itemId: integer('item_id').notNull(),
    quantity: text('quantity').notNull(),
    price: text('price').notNull(),
    priceSource: text('price_source').notNull(),
    discount: text('discount').notNull(),
    amount: text('amount').notNull(),
    warehouseId: integer('warehouse_id'),
    comment: text('comment').notNull(),
    cost: text('cost').notNull().default('0'),
    overrideReason: text('override_reason').notNull().default(''),
    overrideNote: text('override_note').notNull().default(''),
    /** Held by 1C (reserve), secured by 1C and made an order of (preorder), the preorder line it came from. */
    held: text('held'),
    secured: text('secured'),
    converted: text('converted').notNull().default('0'),
    fromLineId: text('from_line_id'),
    ...versioned,
  },
  (t) => [index('order_lines_order').on(t.orderId, t.lineNo)],
);
