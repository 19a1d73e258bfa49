// Typed error codes that cross every boundary (desk contract, sync protocol, HTTP API).
// The UI translates the code; the message is for logs and developers.
import { z } from 'zod';

export const ErrorCode = z.enum([
  'bad_input',
  'unknown_method',
  'forbidden',
  'not_signed_in',
  'wrong_credentials',
  /** Too many failed sign-ins, or too many at once: the message starts with the seconds to wait. */
  'too_many_attempts',
  /** A password the rules refuse: the message is the reason (too_short, contains_login, common, too_long). */
  'weak_password',
  /** Signed in with a one-time password: a password of one's own first, then anything else. */
  'password_change_required',
  'token_expired',
  'token_invalid',
  'server_unreachable',
  'protocol_error',
  'message_too_large',
  'replica_too_new',
  'not_found',
  'erp_unavailable',
  'offline',
  /** The order's lines cannot change in its status (the reason is in the message). */
  'locked',
  /** A file that cannot be read: the message starts with the reason's code (excel.refused.*). */
  'bad_file',
  /** Overrides without a reason, prices below floor or credit over the limit: a supervisor first (the blocks are in the message). */
  'needs_approval',
  /** What a reserve or preorder allows now does not include this (the reason's code is the message: expired, nothing_secured...). */
  'order_kind',
  /** Two orders 1C has that cannot be merged now (the reason's code is the message: not_changeable, merging...). */
  'merge',
  /** A seasonal programme, commitment or order that cannot be saved (the reason's code is the message). */
  'season',
  /** A sales plan that cannot be set (the reason's code is the message: manager_left, from_erp...). */
  'plan',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const DeskError = z.object({ code: ErrorCode, message: z.string() });
export type DeskError = z.infer<typeof DeskError>;

/** An exception that carries a code to the boundary, where it becomes an error value. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };
