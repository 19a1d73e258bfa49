// Desk replica schema (SQLite via better-sqlite3). Mirrors the replicated central tables (see
// domain/sync/sync-tables.ts) plus desk-only state: the sync cursor and search keys for articles.
// No foreign keys: rows arrive in version order, not in dependency order.
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { versioned } from './versioned';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  login: text('login').notNull(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  supervisorId: integer('supervisor_id'),
  active: integer('active', { mode: 'boolean' }).notNull(),
  ...versioned,
});

export const warehouses = sqliteTable('warehouses', {
  id: integer('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  city: text('city').notNull(),
  stockAsOf: text('stock_as_of'),
  ...versioned,
});

export const priceTypes = sqliteTable('price_types', {
  id: integer('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  withVat: integer('with_vat', { mode: 'boolean' }).notNull(),
  isBase: integer('is_base', { mode: 'boolean' }).notNull(),
  places: integer('places').notNull().default(4),
  ...versioned,
});

export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey(),
    article: text('article').notNull(),
    name: text('name').notNull(),
    manufacturer: text('manufacturer').notNull(),
    groupName: text('group_name').notNull(),
    unit: text('unit').notNull(),
    packSize: integer('pack_size').notNull(),
    attributes: text('attributes').notNull(),
    analogGroup: integer('analog_group'),
    lifecycle: text('lifecycle').notNull(),
    vatRate: text('vat_rate').notNull(),
    cost: text('cost').notNull().default('0'),
    weightKg: text('weight_kg').notNull().default('0'),
    volumeM3: text('volume_m3').notNull().default('0'),
    description: text('description').notNull().default(''),
    // Search keys computed on the desk when the row arrives (domain/catalog/article.ts).
    keyLookalike: text('key_lookalike').notNull(),
    keyTranslit: text('key_translit').notNull(),
    // Lower-cased article, name and manufacturer: SQLite's lower() and LIKE know only ASCII.
    searchText: text('search_text').notNull(),
    ...versioned,
  },
  (t) => [
    index('items_key_lookalike').on(t.keyLookalike),
    index('items_key_translit').on(t.keyTranslit),
    index('items_analog_group').on(t.analogGroup),
  ],
);

export const prices = sqliteTable(
  'prices',
  {
    itemId: integer('item_id').notNull(),
    priceTypeId: integer('price_type_id').notNull(),
    // Money stays exact: decimal strings, never REAL.
    price: text('price').notNull(),
    asOf: text('as_of').notNull(),
    ...versioned,
  },
  (t) => [primaryKey({ columns: [t.itemId, t.priceTypeId] })],
);

export const stock = sqliteTable(
  'stock',
  {
    itemId: integer('item_id').notNull(),
    warehouseId: integer('warehouse_id').notNull(),
    quantity: real('quantity').notNull(),
    leadDays: integer('lead_days'),
    asOf: text('as_of').notNull(),
    ...versioned,
  },
  (t) => [primaryKey({ columns: [t.itemId, t.warehouseId] })],
);

export const clients = sqliteTable(
  'clients',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    inn: text('inn').notNull(),
    priceTypeId: integer('price_type_id').notNull(),
    coefficient: text('coefficient').notNull(),
    creditLimit: text('credit_limit').notNull(),
    overdue: text('overdue').notNull(),
    managerId: integer('manager_id').notNull(),
    paymentTerms: text('payment_terms').notNull(),
    kpp: text('kpp').notNull().default(''),
    legalAddress: text('legal_address').notNull().default(''),
    contacts: text('contacts').notNull().default('[]'),
    deliveryAddresses: text('delivery_addresses').notNull().default('[]'),
    notes: text('notes').notNull().default(''),
    fieldVersions: text('field_versions').notNull().default('{}'),
    receivablesAsOf: text('receivables_as_of'),
    /** The ERP's refusal of the last card change sent to it (client.update), until one is taken. */
    erpError: text('erp_error'),
    /** Open documents and payment schedule from the ERP (domain/clients/receivables.ts), JSON; null until reported. */
    receivables: text('receivables'),
    agreements: text('agreements').notNull().default('[]'),
    clientGroup: text('client_group'),
    coefficientRules: text('coefficient_rules').notNull().default('[]'),
    ...versioned,
  },
  (t) => [index('clients_manager').on(t.managerId)],
);

export const priceRules = sqliteTable('price_rules', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  body: text('body').notNull(),
  updatedBy: integer('updated_by').notNull(),
  updatedAt: text('updated_at').notNull(),
  ...versioned,
});

/** The client's documents from the ERP; sha256 once the PDF was fetched (then kept in the desk's files). */
export const erpDocuments = sqliteTable(
  'erp_documents',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    docDate: text('doc_date').notNull(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    orderId: text('order_id'),
    amount: text('amount'),
    title: text('title').notNull().default(''),
    sha256: text('sha256'),
    size: integer('size'),
    issuedAt: text('issued_at').notNull(),
    ...versioned,
  },
  (t) => [index('erp_documents_client').on(t.clientId), index('erp_documents_order').on(t.orderId)],
);

export const priceApprovals = sqliteTable(
  'price_approvals',
  {
    orderId: text('order_id').primaryKey(),
    managerId: integer('manager_id').notNull(),
    status: text('status').notNull(),
    lines: text('lines').notNull(),
    credit: text('credit'),
    approved: text('approved').notNull(),
    creditUpTo: text('credit_up_to'),
    givenAway: text('given_away').notNull(),
    note: text('note').notNull(),
    requestedBy: integer('requested_by').notNull(),
    requestedAt: text('requested_at').notNull(),
    decidedBy: integer('decided_by'),
    decidedAt: text('decided_at'),
    comment: text('comment').notNull(),
    ...versioned,
  },
  (t) => [index('price_approvals_status').on(t.status)],
);

export const priceAudit = sqliteTable(
  'price_audit',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    userId: integer('user_id').notNull(),
    managerId: integer('manager_id'),
    entity: text('entity').notNull(),
    entityKey: text('entity_key').notNull(),
    orderId: text('order_id'),
    old: text('old'),
    new: text('new'),
    reason: text('reason').notNull(),
    ...versioned,
  },
  (t) => [index('price_audit_entity').on(t.entity, t.entityKey), index('price_audit_order').on(t.orderId)],
);

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    number: text('number'),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    orderId: text('order_id').notNull(),
    orderNumber: text('order_number'),
    status: text('status').notNull(),
    defectType: text('defect_type').notNull(),
    description: text('description').notNull(),
    lines: text('lines').notNull(),
    amount: text('amount').notNull(),
    resolution: text('resolution'),
    resolutionAmount: text('resolution_amount'),
    attachments: text('attachments').notNull(),
    history: text('history').notNull(),
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
    index('claims_client').on(t.clientId, t.createdAt),
    index('claims_status').on(t.status, t.deadlineAt),
    index('claims_order').on(t.orderId),
  ],
);

/**
 * Desk-only, kept by main/replica.ts with every write to order_lines (and to an item's group):
 * each order's sales and cost per product group in integer kopecks, so dashboards sum tens of
 * thousands of these instead of a million lines.
 */
export const orderGroupTotals = sqliteTable(
  'order_group_totals',
  {
    orderId: text('order_id').notNull(),
    groupName: text('group_name').notNull(),
    sales: integer('sales').notNull(),
    cost: integer('cost').notNull(),
    lines: integer('lines').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.groupName] }), index('order_group_totals_group').on(t.groupName)],
);

/** Desk-only: orders edited on this desk whose totals are recounted when next needed (not on the edit's hot path). */
export const orderTotalsStale = sqliteTable('order_totals_stale', {
  orderId: text('order_id').primaryKey(),
});

/** Sales plans (see the central schema): per manager, client (0: all) and group ('': all), month or quarter. */
export const salesPlans = sqliteTable(
  'sales_plans',
  {
    id: text('id').primaryKey(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    groupName: text('group_name').notNull(),
    month: text('month').notNull(),
    period: text('period').notNull().default('month'),
    amount: text('amount').notNull(),
    bonusPercent: text('bonus_percent').notNull(),
    source: text('source').notNull().default('erp'),
    note: text('note').notNull().default(''),
    setBy: integer('set_by'),
    setAt: text('set_at'),
    ...versioned,
  },
  (t) => [index('sales_plans_month').on(t.month)],
);

export const orderClaims = sqliteTable('order_claims', {
  orderId: text('order_id').primaryKey(),
  managerId: integer('manager_id').notNull(),
  claimed: text('claimed').notNull(),
  ...versioned,
});

export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    number: text('number'),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    assigneeId: integer('assignee_id').notNull(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    fields: text('fields').notNull(),
    status: text('status').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').notNull(),
    firstResponseAt: text('first_response_at'),
    resolvedAt: text('resolved_at'),
    closedAt: text('closed_at'),
    history: text('history').notNull(),
    messagesCount: integer('messages_count').notNull(),
    lastMessageAt: text('last_message_at').notNull(),
    lastMessageKind: text('last_message_kind').notNull(),
    erpNumber: text('erp_number'),
    erpError: text('erp_error'),
    ...versioned,
  },
  (t) => [
    index('tickets_client').on(t.clientId, t.createdAt),
    index('tickets_assignee').on(t.assigneeId, t.status),
    index('tickets_status').on(t.status),
  ],
);

export const ticketMessages = sqliteTable(
  'ticket_messages',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id').notNull(),
    managerId: integer('manager_id').notNull(),
    authorId: integer('author_id').notNull(),
    authorKind: text('author_kind').notNull(),
    body: text('body').notNull(),
    attachments: text('attachments').notNull(),
    createdAt: text('created_at').notNull(),
    ...versioned,
  },
  (t) => [index('ticket_messages_ticket').on(t.ticketId, t.createdAt)],
);

/**
 * Files on this desk (not replicated): added here (waiting to upload, or uploaded) or fetched
 * from the server when first opened. The bytes are in the data folder by their sha-256.
 */
export const localFiles = sqliteTable(
  'local_files',
  {
    sha256: text('sha256').primaryKey(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    addedAt: text('added_at').notNull(),
    /** Added on this desk and not yet on the server. */
    pendingUpload: integer('pending_upload', { mode: 'boolean' }).notNull(),
    uploadedAt: text('uploaded_at'),
    lastError: text('last_error'),
  },
  (t) => [index('local_files_pending').on(t.pendingUpload)],
);

/** What this desk's user has seen (for in-app notifications): one row per notification key. */
export const seenNotices = sqliteTable('seen_notices', {
  key: text('key').primaryKey(),
  seenAt: text('seen_at').notNull(),
});

export const erpLink = sqliteTable('erp_link', {
  id: integer('id').primaryKey(),
  state: text('state').notNull(),
  since: text('since'),
  pending: integer('pending').notNull(),
  parked: integer('parked').notNull(),
  oldestPendingAt: text('oldest_pending_at'),
  checkedAt: text('checked_at'),
  lastError: text('last_error'),
  ...versioned,
});

export const scopeExits = sqliteTable('scope_exits', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull(),
  tableName: text('table_name').notNull(),
  rowKey: text('row_key').notNull(),
  ...versioned,
});

export const syncNotices = sqliteTable('sync_notices', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull(),
  kind: text('kind').notNull(),
  payload: text('payload').notNull(),
  createdAt: text('created_at').notNull(),
  ...versioned,
});

/**
 * Local changes not yet acknowledged by the server (and rejected ones, kept until the user
 * retries or discards them). `seq` is this desk's per-client sequence number.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey(),
    mutation: text('mutation').notNull(),
    args: text('args').notNull(),
    aggregate: text('aggregate').notNull(),
    createdAt: text('created_at').notNull(),
    /** applied: the server took it; kept (and re-run in rebases) until its rows are pulled. */
    status: text('status', { enum: ['pending', 'rejected', 'applied'] })
      .notNull()
      .default('pending'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** The server's head when it acknowledged the mutation: pulled up to here, the entry goes. */
    appliedVersion: integer('applied_version'),
  },
  (t) => [index('outbox_status').on(t.status)],
);

/**
 * The server's version of every row a pending mutation has touched: rebase restores these and
 * re-runs the pending mutations on top, so local state = server state + pending intent.
 */
export const shadowRows = sqliteTable(
  'shadow_rows',
  {
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(),
    /** The server row as JSON (column → value), or null when the server has no such row. */
    row: text('row'),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowKey] })],
);

/** Desk-local key/value state: sync cursor, signed-in user, server URL. */
export const deskState = sqliteTable('desk_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Documents from 1C whose PDF this desk fetched (not replicated): the bytes are among the kept files. */
export const documentFiles = sqliteTable('document_files', {
  documentId: text('document_id').primaryKey(),
  sha256: text('sha256').notNull(),
  fetchedAt: text('fetched_at').notNull(),
});

export * from './schema-mail';
export * from './schema-notifications';
export * from './schema-orders';
export * from './schema-seasonal';
