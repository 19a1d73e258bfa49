// Central schema, the notification centre: what happened that a person waits for (1C accepted
// or refused an order, it shipped, an approval was decided, a client's debt crossed the limit, a
// client wrote, our letter bounced), one row per person, replicated to that person's desks with
// its read mark; and each person's choice of which kinds pop up. `told_at` is set by the one desk
// that showed it (asked of the server, so a person with two desks open is told once).
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    /** What to open: an order, a ticket, a client. */
    refKind: text('ref_kind').notNull(),
    refId: text('ref_id').notNull(),
    /** The words' figures: numbers, names, reasons (the desk translates the kind). */
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
    toldAt: text('told_at'),
    ...versioned,
  },
  (t) => [index('notifications_version').on(t.version), index('notifications_user').on(t.userId, t.createdAt)],
);

export const notificationPrefs = pgTable('notification_prefs', {
  userId: integer('user_id').primaryKey(),
  /** Kinds that do not pop up (they still go into the history). */
  muted: jsonb('muted').$type<string[]>().notNull(),
  ...versioned,
});
