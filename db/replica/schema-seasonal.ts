// Replica schema, seasonal programmes and clients' commitments (see the central schema).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { versioned } from './versioned';

export const seasonalProgrammes = sqliteTable('seasonal_programmes', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  season: text('season').notNull().default(''),
  orderFrom: text('order_from').notNull(),
  orderTo: text('order_to').notNull(),
  groups: text('groups').notNull().default('[]'),
  itemIds: text('item_ids').notNull().default('[]'),
  bonusSteps: text('bonus_steps').notNull().default('[]'),
  updatedBy: integer('updated_by'),
  updatedAt: text('updated_at'),
  ...versioned,
});

export const seasonalCommitments = sqliteTable(
  'seasonal_commitments',
  {
    id: text('id').primaryKey(),
    programmeId: text('programme_id').notNull(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    unit: text('unit').notNull(),
    amount: text('amount').notNull(),
    note: text('note').notNull().default(''),
    setBy: integer('set_by'),
    setAt: text('set_at'),
    ...versioned,
  },
  (t) => [index('seasonal_commitments_programme').on(t.programmeId, t.clientId)],
);
