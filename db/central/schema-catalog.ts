// Central schema, master data: staff, warehouses, price types, items, prices, stock, clients
// and the price rules. Replicated to desks by scope (see domain/sync/sync-tables.ts).
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey(),
    login: text('login').notNull().unique(),
    name: text('name').notNull(),
    role: text('role', { enum: ['manager', 'supervisor', 'admin'] }).notNull(),
    supervisorId: integer('supervisor_id'),
    active: boolean('active').notNull().default(true),
    // Empty for staff loaded from the ERP until an admin (or the demo option) sets a password: no sign-in.
    passwordHash: text('password_hash').notNull().default(''),
    // An invited or reset account signs in with a one-time password and must choose its own first.
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    // What an admin set on the Users screen (role, supervisor_id, active): kept over the ERP's
    // values when its staff record changes, until the admin clears it. Never replicated.
    adminSet: jsonb('admin_set'),
    // The head when this person's view of the data last changed (role, team): a desk whose cursor
    // is older starts a replacement sync. Never replicated.
    scopeResetVersion: bigint('scope_reset_version', { mode: 'number' }).notNull().default(0),
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
    /** The ERP's description of the item (plain text), empty when it has none. */
    description: text('description').notNull().default(''),
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
    /** The ERP's refusal of the last card change sent to it (client.update), until one is taken. */
    erpError: text('erp_error'),
    /** Open documents and payment schedule from the ERP (domain/clients/receivables.ts); null until reported. */
    receivables: jsonb('receivables').$type<{ documents: unknown[]; schedule: unknown[] }>(),
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
