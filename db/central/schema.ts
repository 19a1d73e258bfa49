// Central store schema (PostgreSQL / PGlite). Every replicated table carries `version`, taken
// from one server-wide sequence on every write, and a `deleted` tombstone, so a desk's pull is
// "rows in my scope with version > my cursor", one indexed range scan per table.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

export const rowVersion = pgSequence('row_version', { startWith: 1 });

const versioned = {
  version: bigint('version', { mode: 'number' })
    .notNull()
    .default(sql`nextval('row_version')`),
  deleted: boolean('deleted').notNull().default(false),
};

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey(),
    login: text('login').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ['manager', 'supervisor', 'admin'] }).notNull(),
    supervisorId: integer('supervisor_id'),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash').notNull(),
    ...versioned,
  },
  (t) => [index('users_version').on(t.version)],
);

export const warehouses = pgTable(
  'warehouses',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    stockAsOf: timestamp('stock_as_of', { withTimezone: true, mode: 'string' }),
    ...versioned,
  },
  (t) => [index('warehouses_version').on(t.version)],
);

export const priceTypes = pgTable(
  'price_types',
  {
    id: integer('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    withVat: boolean('with_vat').notNull(),
    isBase: boolean('is_base').notNull().default(false),
    places: integer('places').notNull().default(4),
    ...versioned,
  },
  (t) => [index('price_types_version').on(t.version)],
);

export const items = pgTable(
  'items',
  {
    id: integer('id').primaryKey(),
    article: text('article').notNull(),
    name: text('name').notNull(),
    manufacturer: text('manufacturer').notNull(),
    groupName: text('group_name').notNull(),
    unit: text('unit').notNull(),
    packSize: integer('pack_size').notNull(),
    attributes: jsonb('attributes').$type<Record<string, string>>().notNull(),
    analogGroup: integer('analog_group'),
    lifecycle: text('lifecycle', { enum: ['active', 'discontinued'] }).notNull(),
    vatRate: numeric('vat_rate', { precision: 5, scale: 2 }).notNull(),
    /** The ERP's unit cost, in the base price's VAT basis: margins and price floors are over it. */
    cost: numeric('cost', { precision: 15, scale: 4 }).notNull().default('0'),
    weightKg: numeric('weight_kg', { precision: 12, scale: 6 }).notNull().default('0'),
    volumeM3: numeric('volume_m3', { precision: 14, scale: 9 }).notNull().default('0'),
    ...versioned,
  },
  (t) => [index('items_version').on(t.version), index('items_article').on(t.article)],
);

export const prices = pgTable(
  'prices',
  {
    itemId: integer('item_id').notNull(),
    priceTypeId: integer('price_type_id').notNull(),
    price: numeric('price', { precision: 15, scale: 4 }).notNull(),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'string' }).notNull(),
    ...versioned,
  },
  (t) => [primaryKey({ columns: [t.itemId, t.priceTypeId] }), index('prices_version').on(t.version)],
);

export const stock = pgTable(
  'stock',
  {
    itemId: integer('item_id').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    quantity: numeric('quantity', { precision: 15, scale: 3 }).notNull(),
    leadDays: integer('lead_days'),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'string' }).notNull(),
    ...versioned,
  },
  (t) => [primaryKey({ columns: [t.itemId, t.warehouseId] }), index('stock_version').on(t.version)],
);

export const clients = pgTable(
  'clients',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    inn: text('inn').notNull(),
    priceTypeId: integer('price_type_id').notNull(),
    coefficient: numeric('coefficient', { precision: 8, scale: 4 }).notNull(),
    creditLimit: numeric('credit_limit', { precision: 15, scale: 2 }).notNull(),
    overdue: numeric('overdue', { precision: 15, scale: 2 }).notNull(),
    managerId: integer('manager_id').notNull(),
    paymentTerms: text('payment_terms').notNull(),
    // Requisites from the ERP (read-only on the desk).
    kpp: text('kpp').notNull().default(''),
    legalAddress: text('legal_address').notNull().default(''),
    // Edited by managers on the desk (client card), also offline.
    contacts: jsonb('contacts')
      .$type<{ name: string; position: string; phone: string; email: string }[]>()
      .notNull()
      .default([]),
    deliveryAddresses: jsonb('delivery_addresses').$type<{ label: string; address: string }[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    /** Per editable field: the version and author of its last change (conflict detection). */
    fieldVersions: jsonb('field_versions')
      .$type<Record<string, { version: number; userId: number }>>()
      .notNull()
      .default({}),
    /** When the ERP last reported this client's receivables (overdue). */
    receivablesAsOf: timestamp('receivables_as_of', { withTimezone: true, mode: 'string' }),
    /** Contracts (договоры) from the ERP: an order names the one it is shipped under. */
    agreements: jsonb('agreements').$type<{ number: string; date: string; terms: string }[]>().notNull().default([]),
    /** Promotions may be limited to a client group (e.g. dealers). */
    clientGroup: text('client_group'),
    /** Coefficients per product group with effective dates (domain/pricing CoefficientRule, without clientId). */
    coefficientRules: jsonb('coefficient_rules').$type<unknown[]>().notNull().default([]),
    ...versioned,
  },
  (t) => [index('clients_version').on(t.version), index('clients_manager').on(t.managerId)],
);

/** Quantity breaks and promotions, edited by admins (offline too), for everyone. */
export const priceRules = pgTable(
  'price_rules',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['break', 'promotion', 'floor'] }).notNull(),
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    updatedBy: integer('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
    ...versioned,
  },
  (t) => [index('price_rules_version').on(t.version)],
);

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
    entity: text('entity', { enum: ['line', 'approval', 'rule', 'client'] }).notNull(),
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
 * Claims (рекламации) against shipped orders: the claimed lines, files and the workflow's history
 * travel inside the row (a claim has a handful of lines); times are ISO text like the desk writes.
 */
export const claims = pgTable(
  'claims',
  {
    id: text('id').primaryKey(),
    number: text('number'),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number'),
    status: text('status', { enum: ['new', 'in_review', 'more_info', 'approved', 'rejected', 'closed'] }).notNull(),
    defectType: text('defect_type').notNull(),
    description: text('description').notNull(),
    lines: jsonb('lines').$type<unknown[]>().notNull(),
    amount: numeric('amount', { precision: 17, scale: 2 }).notNull(),
    resolution: text('resolution', { enum: ['replacement', 'refund', 'credit_note'] }),
    resolutionAmount: numeric('resolution_amount', { precision: 17, scale: 2 }),
    attachments: jsonb('attachments').$type<unknown[]>().notNull(),
    history: jsonb('history').$type<unknown[]>().notNull(),
    deadlineAt: text('deadline_at'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    erpNumber: text('erp_number'),
    erpStatus: text('erp_status'),
    erpError: text('erp_error'),
    ...versioned,
  },
  (t) => [
    index('claims_version').on(t.version),
    index('claims_manager').on(t.managerId),
    index('claims_client').on(t.clientId),
    index('claims_order').on(t.orderId),
  ],
);

/** Sales plans (планы продаж) from the ERP: per client, product group and month (YYYY-MM-01), with the retro bonus percent earned once met. */
export const salesPlans = pgTable(
  'sales_plans',
  {
    id: text('id').primaryKey(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    groupName: text('group_name').notNull(),
    month: text('month').notNull(),
    amount: numeric('amount', { precision: 17, scale: 2 }).notNull(),
    bonusPercent: numeric('bonus_percent', { precision: 5, scale: 2 }).notNull(),
    ...versioned,
  },
  (t) => [index('sales_plans_version').on(t.version), index('sales_plans_manager').on(t.managerId)],
);

/** What each line of an order has claimed so far (open and approved claims): the "never more than shipped" ledger. */
export const orderClaims = pgTable(
  'order_claims',
  {
    orderId: text('order_id').primaryKey(),
    managerId: integer('manager_id').notNull(),
    claimed: jsonb('claimed').$type<Record<string, string>>().notNull(),
    ...versioned,
  },
  (t) => [index('order_claims_version').on(t.version), index('order_claims_manager').on(t.managerId)],
);

/** Tickets (обращения): category with its fields, status history (the SLA clocks' pauses), assignee. */
export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: text('number'),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['new', 'in_progress', 'waiting_client', 'resolved', 'closed'] }).notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').notNull(),
    firstResponseAt: text('first_response_at'),
    resolvedAt: text('resolved_at'),
    closedAt: text('closed_at'),
    history: jsonb('history').$type<unknown[]>().notNull(),
    messagesCount: integer('messages_count').notNull(),
    lastMessageAt: text('last_message_at').notNull(),
    lastMessageKind: text('last_message_kind').notNull(),
    erpNumber: text('erp_number'),
    erpError: text('erp_error'),
    ...versioned,
  },
  (t) => [
    index('tickets_version').on(t.version),
    index('tickets_manager').on(t.managerId),
    index('tickets_client').on(t.clientId),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    managerId: integer('manager_id').notNull(),
    authorId: integer('author_id').notNull(),
    authorKind: text('author_kind', { enum: ['staff', 'client'] }).notNull(),
    body: text('body').notNull(),
    attachments: jsonb('attachments').$type<unknown[]>().notNull(),
    createdAt: text('created_at').notNull(),
    ...versioned,
  },
  (t) => [
    index('ticket_messages_version').on(t.version),
    index('ticket_messages_manager').on(t.managerId),
    index('ticket_messages_ticket').on(t.ticketId),
  ],
);

/** Files the server holds (content-addressed): who brought each and where it is stored. Not replicated. */
export const attachmentFiles = pgTable('attachment_files', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  mime: text('mime').notNull(),
  storedAt: timestamp('stored_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  uploadedBy: integer('uploaded_by').notNull(),
});

/** One row: the ERP link's state as the server sees it, replicated to every desk. */
export const erpLink = pgTable(
  'erp_link',
  {
    id: integer('id').primaryKey(),
    state: text('state', { enum: ['unknown', 'online', 'degraded', 'offline'] }).notNull(),
    since: timestamp('since', { withTimezone: true, mode: 'string' }),
    pending: integer('pending').notNull().default(0),
    parked: integer('parked').notNull().default(0),
    oldestPendingAt: timestamp('oldest_pending_at', { withTimezone: true, mode: 'string' }),
    checkedAt: timestamp('checked_at', { withTimezone: true, mode: 'string' }),
    lastError: text('last_error'),
    ...versioned,
  },
  (t) => [index('erp_link_version').on(t.version)],
);

/** Rows that left a user's scope (client reassigned): the desk deletes them locally. */
export const scopeExits = pgTable(
  'scope_exits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    ...versioned,
  },
  (t) => [index('scope_exits_version').on(t.version), index('scope_exits_user').on(t.userId)],
);

/** Things a user must be told by the sync layer (e.g. their value was overwritten). */
export const syncNotices = pgTable(
  'sync_notices',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    ...versioned,
  },
  (t) => [index('sync_notices_version').on(t.version), index('sync_notices_user').on(t.userId)],
);

/** One row per desk installation: whose it is and the last mutation sequence applied. */
export const deskClients = pgTable('desk_clients', {
  clientId: text('client_id').primaryKey(),
  userId: integer('user_id').notNull(),
  lastSeq: integer('last_seq').notNull().default(0),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** The answer given to each mutation, so a re-sent mutation gets the same answer and no effect. */
export const mutationLog = pgTable(
  'mutation_log',
  {
    clientId: text('client_id').notNull(),
    seq: integer('seq').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['applied', 'rejected', 'conflict'] }).notNull(),
    code: text('code'),
    message: text('message'),
    appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.seq] })],
);

/** The newest committed row version: pulls never read past it, so no late commit is skipped. */
export const syncHead = pgTable('sync_head', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
  /** Tombstones and scope exits below this version may have been purged. */
  horizon: bigint('horizon', { mode: 'number' }).notNull().default(0),
});

/** Long-lived refresh tokens (hashed), so an expired session renews without losing the queue. */
export const refreshTokens = pgTable('refresh_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  revoked: boolean('revoked').notNull().default(false),
});

/** Server-only settings (token signing secret, demo seed marker). Never replicated. */
export const serverSettings = pgTable('server_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Everything bound for the ERP, written in the same transaction as the business change that
 * caused it, delivered by the outbox worker in order per aggregate, exactly once in effect.
 */
export const erpOutbox = pgTable(
  'erp_outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    aggregate: text('aggregate').notNull(),
    seq: integer('seq').notNull(),
    method: text('method').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'delivered', 'parked', 'discarded'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    lastError: text('last_error'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('erp_outbox_due').on(t.status, t.nextAttemptAt), index('erp_outbox_aggregate').on(t.aggregate, t.seq)],
);

/** Who retried or discarded an outbox message, when and why (admins' decisions on parked messages). */
export const erpOutboxAudit = pgTable(
  'erp_outbox_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    outboxId: bigint('outbox_id', { mode: 'number' }).notNull(),
    action: text('action', { enum: ['retry', 'discard'] }).notNull(),
    userId: integer('user_id').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('erp_outbox_audit_outbox').on(t.outboxId)],
);
