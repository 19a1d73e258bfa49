// Desk replica schema, e-mail with the clients: the mail_messages rows the server shares (each
// message's state beside its ticket's thread). Split from schema.ts to keep modules small.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './versioned';

/** E-mail with the clients as the desk sees it: each message's state beside its thread (server/mail). */
export const mailMessages = sqliteTable(
  'mail_messages',
  {
    id: text('id').primaryKey(),
    direction: text('direction').notNull(),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    clientId: integer('client_id'),
    managerId: integer('manager_id'),
    ticketId: text('ticket_id'),
    ticketMessageId: text('ticket_message_id'),
    claimId: text('claim_id'),
    orderId: text('order_id'),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull(),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    ...versioned,
  },
  (t) => [
    index('mail_messages_ticket').on(t.ticketId, t.createdAt),
    index('mail_messages_state').on(t.state, t.createdAt),
  ],
);

/** Which of a client's contacts asked for letters on shipment (server: db/central/schema-mail.ts). */
export const clientMailPrefs = sqliteTable('client_mail_prefs', {
  clientId: integer('client_id').primaryKey(),
  managerId: integer('manager_id').notNull(),
  shippedTo: text('shipped_to').notNull(),
  ...versioned,
});
