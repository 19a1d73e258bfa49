// The desk contract, sync: the connection and sync status the status bar shows, and the sync
// panel's pending, rejected and conflicting changes (retry, discard, dismiss).
import { z } from 'zod';
import { SessionUser } from '../roles';
import { NoInput } from './shared';

export const ConnectionState = z.enum(['offline', 'connecting', 'online']);

/** The ERP link as the server last reported it (replicated row), for the status bar. */
export const ErpLinkStatus = z.object({
  state: z.enum(['unknown', 'online', 'degraded', 'offline']),
  since: z.string().nullable(),
  pending: z.number().int(),
  parked: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export type ErpLinkStatus = z.infer<typeof ErpLinkStatus>;

export const SyncStatus = z.object({
  connection: ConnectionState,
  user: SessionUser.nullable(),
  serverUrl: z.string(),
  lastSyncAt: z.string().nullable(),
  rowsInReplica: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  notices: z.array(z.string()),
  /**
   * The last pull reached the server's head and nothing newer was announced since: the desk holds
   * what the server holds. Not the same as "nothing unsent" (pending 0), which says nothing of
   * what others changed.
   */
  caughtUp: z.boolean(),
  /** Local changes not yet acknowledged by the server, and the oldest one's time. */
  pending: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  /** Changes the server rejected, waiting for the user to retry or discard them. */
  rejected: z.number().int(),
  /** Conflict notices not yet dismissed. */
  conflicts: z.number().int(),
  erp: ErpLinkStatus.nullable(),
});

export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncProblems = z.object({
  pending: z.array(
    z.object({ seq: z.number().int(), mutation: z.string(), aggregate: z.string(), createdAt: z.string() }),
  ),
  rejected: z.array(
    z.object({
      seq: z.number().int(),
      mutation: z.string(),
      aggregate: z.string(),
      args: z.unknown(),
      code: z.string(),
      message: z.string(),
      createdAt: z.string(),
    }),
  ),
  conflicts: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      payload: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});

export type SyncProblems = z.infer<typeof SyncProblems>;

export const syncMethods = {
  'sync.status': { input: NoInput, output: SyncStatus },
  'sync.now': { input: NoInput, output: z.null() },
  'sync.problems': { input: NoInput, output: SyncProblems },
  'sync.retry': {
    input: z.object({ seq: z.number().int().positive() }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'sync.discard': { input: z.object({ seq: z.number().int().positive() }).strict(), output: z.null() },
  'sync.dismissConflict': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.null() },
} as const;

/** Exactly which rows changed (table → row keys), so open views update in place. */
export const ReplicaChanged = z.object({
  tables: z.array(z.string()),
  rows: z.record(z.string(), z.array(z.string())),
});
export type ReplicaChanged = z.infer<typeof ReplicaChanged>;

export const syncEvents = {
  'sync.status': SyncStatus,
  'replica.changed': ReplicaChanged,
} as const;
