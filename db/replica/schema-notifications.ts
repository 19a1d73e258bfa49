// Desk replica schema, the notification centre: this user's notifications with their read and
// told marks, and their choice of which kinds pop up (server: db/central/schema-notifications.ts).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './versioned';

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    refKind: text('ref_kind').notNull(),
    refId: text('ref_id').notNull(),
    params: text('params').notNull(),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
    toldAt: text('told_at'),
    ...versioned,
  },
  (t) => [index('notifications_created').on(t.createdAt)],
);

export const notificationPrefs = sqliteTable('notification_prefs', {
  userId: integer('user_id').primaryKey(),
  muted: text('muted').notNull(),
  ...versioned,
});
