// Central schema, e-mail with the clients: every message in or out is one row of `mail_messages`
// (the desk sees its state beside the thread; the outbox columns stay on the server), and what
// the IMAP reader has taken is recorded per mailbox, UIDVALIDITY and UID, so a restart never
// takes a message twice.
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

/**
 * One e-mail. Out: written in the transaction of the change that causes it (a staff reply, a
 * claim registered, an order accepted), then sent by the mail worker. In: written when the
 * reader takes it, with what it became (a message in a ticket, a new ticket, triage).
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: text('id').primaryKey(),
    direction: text('direction', { enum: ['out', 'in'] }).notNull(),
    kind: text('kind').notNull(),
    /** out: queued, sent, bounced, failed; in: threaded, opened, triage, ignored. */
    state: text('state').notNull(),
    /** The client and manager the message belongs to; a triage message has none (supervisors see it). */
    clientId: integer('client_id'),
    managerId: integer('manager_id'),
    ticketId: text('ticket_id'),
    ticketMessageId: text('ticket_message_id'),
    claimId: text('claim_id'),
    orderId: text('order_id'),
    fromAddress: text('from_address').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** Why it bounced, failed or went to triage, in words a person reads. */
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
    // ---- server only (not replicated) ----
    /** RFC 5322 Message-ID: stable across retries, so a receiver keeps one copy. */
    messageId: text('message_id').notNull().default(''),
    inReplyTo: text('in_reply_to'),
    bodyText: text('body_text').notNull().default(''),
    bodyHtml: text('body_html'),
    /** Files by hash from the file store: { sha256, name, mime, size }. */
    files: jsonb('files').$type<unknown[]>().notNull().default([]),
    /** The whole text of an inbound message before quotes were trimmed. */
    original: text('original'),
    nextAt: timestamp('next_at', { withTimezone: true, mode: 'string' }),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'string' }),
    ...versioned,
  },
  (t) => [
    index('mail_messages_version').on(t.version),
    index('mail_messages_manager').on(t.managerId),
    index('mail_messages_ticket').on(t.ticketId),
    index('mail_messages_message_id').on(t.messageId),
    index('mail_messages_due').on(t.state, t.nextAt),
  ],
);

/** What the IMAP reader has taken; a message is taken with the rows it made, in one transaction. */
export const mailTaken = pgTable(
  'mail_taken',
  {
    mailbox: text('mailbox').notNull(),
    uidValidity: bigint('uid_validity', { mode: 'number' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    messageId: text('message_id'),
    mailId: text('mail_id'),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mailbox, t.uidValidity, t.uid] }), index('mail_taken_message_id').on(t.messageId)],
);

/**
 * Which of a client's contacts asked for letters on status changes (today: shipped), by their
 * e-mail address; kept apart from the contacts themselves, which are 1C's and come back from it.
 */
export const clientMailPrefs = pgTable(
  'client_mail_prefs',
  {
    clientId: integer('client_id').primaryKey(),
    managerId: integer('manager_id').notNull(),
    shippedTo: jsonb('shipped_to').$type<string[]>().notNull(),
    ...versioned,
  },
  (t) => [index('client_mail_prefs_version').on(t.version), index('client_mail_prefs_manager').on(t.managerId)],
);
