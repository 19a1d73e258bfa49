// Central schema, after-sales: claims and what each order line has claimed, tickets and their
// messages, and the attachment files the server holds.
import { bigint, index, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

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
