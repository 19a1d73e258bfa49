// What a mutation is: its definition (name, arguments, the rows it reads, who may run it, and
// the pure function from those rows to the rows it writes), its outcome, and the rows it
// declares. Every *-mutations module builds on these types; the registry (mutations.ts) lists them.
import { z } from 'zod';
import type { Role } from '../roles';
import type { SyncTableName } from './sync-tables';
import type { MailEffect } from '../mail/mail-effects';
/**
 * A row a mutation reads. `lookOnly`: the mutation only looks it up and never writes it; a desk's
 * rebase then does not tie the mutation to others through that row (every new order read its
 * client's and warehouse's rows, so rebasing one order re-ran every order waiting to be sent).
 */
export interface RowRef {
  table: SyncTableName;
  key: string;
  lookOnly?: true;
}
/** A row the mutation only looks up (see RowRef). */
export const lookUp = (table: SyncTableName, key: string): RowRef => ({ table, key, lookOnly: true });

export const refId = (r: RowRef): string => `${r.table}|${r.key}`;

export type Row = Record<string, unknown>;
export interface RowWrite extends RowRef {
  row: Row | null;
}

export const RejectCode = z.enum([
  'unknown_mutation',
  'bad_args',
  'not_found',
  'forbidden',
  'out_of_scope',
  'locked',
  'sequence_gap',
  'depends_on_rejected',
  'invalid',
  'check_changed',
  'needs_approval',
]);
export type RejectCode = z.infer<typeof RejectCode>;

export interface MutationContext {
  userId: number;
  role: Role;
  /** ISO time of the change (passed in: mutations have no clock). */
  now: string;
  /** The version the server writes with; null on the desk (optimistic rows keep their version). */
  writeVersion: number | null;
}

export interface FieldConflict {
  table: SyncTableName;
  key: string;
  field: string;
  /** Who last changed the field after the version this edit was based on. */
  overwrittenUserId: number;
  overwrittenValue: unknown;
  newValue: unknown;
}

/** A message the server must put in the ERP outbox in the same transaction as the writes. */
export type ErpEffect =
  | {
      method: 'order.submit' | 'order.change' | 'order.cancel' | 'reserve.extend' | 'reserve.convert';
      aggregate: string;
      orderId: string;
      /** For reserve.extend: the days asked. */
      days?: number;
      /** For order.change: the lines changed or removed (the server reads them as committed). */
      lineIds?: string[];
      /** For order.cancel: the manager's reason. */
      reason?: string;
    }
  /** A new claim, or the supervisor's decision on one (the ERP ships the replacement, refunds). */
  | { method: 'claim.submit' | 'claim.decision'; aggregate: string; claimId: string }
  /** A new ticket becomes a task in the ERP. */
  | { method: 'ticket.submit'; aggregate: string; ticketId: string }
  /** A client card change the ERP must know: its contacts or delivery addresses (the ERP's record of the client). */
  | { method: 'client.update'; aggregate: string; clientId: number; fields: ('contacts' | 'delivery_addresses')[] };

export type MutationOutcome =
  | { ok: true; writes: RowWrite[]; conflicts: FieldConflict[]; erp?: ErpEffect[]; mail?: MailEffect[] }
  | { ok: false; code: RejectCode; message: string };

export interface MutationDef<A> {
  /** Name with its version, e.g. "client.updateCard@1": a changed meaning gets a new version. */
  name: string;
  args: z.ZodType<A>;
  /** Mutations of one aggregate depend on each other: a rejected one stops those queued after it. */
  aggregate(args: A): string;
  reads(args: A): RowRef[];
  roles: readonly Role[];
  apply(args: A, rows: ReadonlyMap<string, Row | null>, ctx: MutationContext): MutationOutcome;
}

export const reject = (code: RejectCode, message: string): MutationOutcome => ({ ok: false, code, message });
