// Central schema, seasonal programmes (сезонные программы): a programme's goods, order window and
// bonus scale, and each client's commitment under it (in money or quantity).
import { index, integer, jsonb, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

/** A seasonal programme: everyone sees it; supervisors and admins define it (domain/seasonal). */
export const seasonalProgrammes = pgTable(
  'seasonal_programmes',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    season: text('season').notNull().default(''),
    /** The order window, Moscow dates (YYYY-MM-DD), both days included. */
    orderFrom: text('order_from').notNull(),
    orderTo: text('order_to').notNull(),
    /** Its goods: whole product groups and single items. */
    groups: jsonb('groups').$type<string[]>().notNull().default([]),
    itemIds: jsonb('item_ids').$type<number[]>().notNull().default([]),
    /** [{from: percent of the commitment ordered, percent: bonus}], thresholds rising. */
    bonusSteps: jsonb('bonus_steps').$type<unknown[]>().notNull().default([]),
    updatedBy: integer('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }),
    ...versioned,
  },
  (t) => [index('seasonal_programmes_version').on(t.version)],
);

/** A client's commitment under a programme: money (rubles) or quantity (units of its goods). */
export const seasonalCommitments = pgTable(
  'seasonal_commitments',
  {
    /** programme id and client id: one commitment per client and programme. */
    id: text('id').primaryKey(),
    programmeId: text('programme_id').notNull(),
    clientId: integer('client_id').notNull(),
    managerId: integer('manager_id').notNull(),
    unit: text('unit', { enum: ['money', 'quantity'] }).notNull(),
    amount: numeric('amount', { precision: 17, scale: 3 }).notNull(),
    note: text('note').notNull().default(''),
    setBy: integer('set_by'),
    setAt: timestamp('set_at', { withTimezone: true, mode: 'string' }),
    ...versioned,
  },
  (t) => [index('seasonal_commitments_version').on(t.version), index('seasonal_commitments_manager').on(t.managerId)],
);
