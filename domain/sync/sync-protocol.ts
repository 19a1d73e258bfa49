// Messages of the desk ↔ server sync protocol (JSON over one WebSocket per desk). The socket is
// authenticated at connect (bearer token in the upgrade request); every message is parsed with
// these schemas on arrival and anything else closes the socket with a protocol error.
// Push of local mutations (two-way sync) extends the client union without changing these.
import { z } from 'zod';
import { SessionUser } from '../roles';
import { syncTableNames } from './sync-tables';

export const PROTOCOL_VERSION = 1;
/** Largest message either side accepts; bigger ones close the socket (1009). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Rows per pulled batch: bounded so one batch is one short SQLite transaction. */
export const DEFAULT_BATCH_ROWS = 5000;

const Cursor = z.number().int().nonnegative();

/** Most mutations one push message may carry; the desk sends its outbox in chunks of this. */
export const MAX_PUSH_MUTATIONS = 500;

export const PushedMutation = z
  .object({
    seq: z.number().int().positive(),
    name: z.string().min(1).max(100),
    args: z.unknown(),
  })
  .strict();
export type PushedMutation = z.infer<typeof PushedMutation>;

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pull'), cursor: Cursor, limit: z.number().int().min(1).max(20_000).optional() }).strict(),
  z.object({ type: z.literal('ping'), at: z.number() }).strict(),
  z
    .object({
      type: z.literal('push'),
      /** This desk installation's id (a UUID kept in its replica). */
      clientId: z.string().uuid(),
      mutations: z.array(PushedMutation).min(1).max(MAX_PUSH_MUTATIONS),
    })
    .strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export const TableChanges = z.object({
  table: z.enum(syncTableNames as [string, ...string[]]),
  rows: z.array(z.array(z.unknown())),
});
export type TableChanges = z.infer<typeof TableChanges>;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    user: SessionUser,
    serverTime: z.string(),
    headVersion: Cursor,
  }),
  z.object({
    type: z.literal('batch'),
    changes: z.array(TableChanges),
    /** The cursor the pull asked from: a desk drops an answer to a pull it did not send from where
     * it stands (one that reached the server twice on a flaky link). Absent from older servers. */
    from: Cursor.optional(),
    /** Version of the last row in this batch: the cursor to store with it. */
    cursor: Cursor,
    /** Rows still to come after this batch, at the time it was read (for progress). */
    remaining: z.number().int().nonnegative(),
    done: z.boolean(),
  }),
  z.object({ type: z.literal('poke'), headVersion: Cursor }),
  z.object({
    type: z.literal('ack'),
    results: z.array(
      z.object({
        seq: z.number().int(),
        /** conflict = applied, overwriting another user's newer value of a field (both are told). */
        status: z.enum(['applied', 'rejected', 'conflict']),
        code: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
    /**
     * The server's head after this push committed: its rows reach the desk with a pull up to
     * here, and until then the desk keeps re-running the applied mutations over older rows.
     */
    version: Cursor.optional(),
  }),
  /** The desk's cursor is older than the tombstone horizon: start a replacement sync. */
  z.object({ type: z.literal('reset'), reason: z.string() }),
  z.object({ type: z.literal('pong'), at: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
