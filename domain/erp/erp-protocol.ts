// The JSON-RPC 2.0 methods between the central server and the ERP (1C), with their parameter
// schemas and error codes. docs/erp-protocol.md explains them for an ERP developer.
import { z } from 'zod';

/** Writes carry an idempotency key: the ERP answers a repeat with the first answer's result. */
export const ErpWriteParams = z
  .object({
    idempotencyKey: z.string().min(1).max(200),
    /** The business object the message is about, e.g. "order:1234"; messages of one aggregate come in order. */
    aggregate: z.string().min(1).max(100),
    /** Position of this message within its aggregate, from 1. */
    seq: z.number().int().positive(),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();
export type ErpWriteParams = z.infer<typeof ErpWriteParams>;

export const ErpWriteResult = z.object({
  status: z.enum(['done', 'already_done']),
  /** The ERP's own number for the document, when it has one. */
  erpId: z.string().optional(),
});
export type ErpWriteResult = z.infer<typeof ErpWriteResult>;

export const ERP_WRITE_METHODS = [
  'order.submit',
  'order.change',
  'order.cancel',
  'claim.submit',
  'claim.decision',
  'ticket.submit',
] as const;
export type ErpWriteMethod = (typeof ERP_WRITE_METHODS)[number];

export const ErpErrorCode = {
  /** JSON-RPC standard: the params are not what the method takes. Not retried: parked. */
  invalidParams: -32602,
  /** The ERP refuses the document for a business reason (unknown client, closed period…). Parked. */
  rejected: 2001,
  /** The ERP cannot take it now (locked, busy). Retried later. */
  busy: 2002,
} as const;

/** Whether an error answer is final (park the message with the ERP's reason) or transient (retry). */
export function isFinalErpError(code: number): boolean {
  return code === ErpErrorCode.invalidParams || code === ErpErrorCode.rejected || code === -32601;
}
