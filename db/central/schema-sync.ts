// Central schema, the machinery: the ERP link's state, scope exits and sync notices (replicated),
// and the server's own tables (desks and their mutation log, the head, refresh tokens, settings,
// the ERP outbox and its audit).
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { versioned } from './versioned';

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

/**
 * Refresh tokens (hashed), so an expired session renews without losing the queue. Each sign-in
 * starts a family; every renewal revokes the token it used and adds the next one to the family,
 * which ends at `family_ends_at` however often it is renewed. A revoked token used again means
 * it was copied (unless its successor is unused and under a minute old: the answer to the renewal
 * was lost on the way), and the whole family is revoked (server/auth/sessions.ts).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revoked: boolean('revoked').notNull().default(false),
    familyId: text('family_id').notNull().default(''),
    familyEndsAt: timestamp('family_ends_at', { withTimezone: true, mode: 'string' }),
    /** The token this one was rotated to (its hash): a lost answer is told from a stolen copy by it. */
    replacedBy: text('replaced_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family').on(t.familyId), index('refresh_tokens_user').on(t.userId)],
);

/** What admins did to accounts and assignments: who, when, what, the state before and after. */
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    target: text('target').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('admin_audit_at').on(t.at)],
);

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

/**
 * What the ERP sent that could not be taken (a record that does not parse, an unknown reference, a
 * page that went backwards): the feed, the ERP's position, the record's key and why. Counted and
 * listed on the admin's ERP screen; the feed goes on past it.
 */
export const erpInboundErrors = pgTable(
  'erp_inbound_errors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    feed: text('feed').notNull(),
    position: text('position').notNull(),
    recordKey: text('record_key'),
    message: text('message').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('erp_inbound_errors_feed').on(t.feed, t.id)],
);
