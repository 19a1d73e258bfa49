// The JSON-RPC 2.0 methods between the central server and the ERP (1C), with their parameter
// schemas and error codes. docs/erp-protocol.md explains them for an ERP developer.
import { z } from 'zod';
import { ReceivableDocument, SchedulePayment } from '../clients/receivables';

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
  /** reserve.extend: the reserve's new end. */
  heldUntil: z.string().datetime({ offset: true }).optional(),
});
export type ErpWriteResult = z.infer<typeof ErpWriteResult>;

export const ERP_WRITE_METHODS = [
  'order.submit',
  'order.change',
  'order.cancel',
  'reserve.extend',
  'reserve.convert',
  'claim.submit',
  'claim.decision',
  'ticket.submit',
  'client.update',
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

/** A change of `orderStatus.changes`: an order's status in the ERP, by the desk's order id. */
export const ErpStatusChange = z.object({
  orderId: z.string().min(1).max(100),
  erpId: z.string().max(100).nullable().optional(),
  status: z.enum(['accepted', 'processing', 'assembling', 'shipped', 'closed', 'cancelled', 'rejected']),
  at: z.string().datetime({ offset: true }),
  /** A reserve: until when the ERP holds it, or that it released it (its time ran out). */
  heldUntil: z.string().datetime({ offset: true }).nullable().optional(),
  released: z.boolean().optional(),
  /** Per line (by the desk's line id): what a reserve holds, what a preorder has secured, as totals. */
  lines: z
    .array(
      z
        .object({
          lineId: z.string().min(1).max(100),
          held: z
            .string()
            .regex(/^\d{1,12}(\.\d{1,3})?$/)
            .optional(),
          secured: z
            .string()
            .regex(/^\d{1,12}(\.\d{1,3})?$/)
            .optional(),
        })
        .strict(),
    )
    .max(20_000)
    .optional(),
});

/** `stock.snapshot` of one warehouse: every item it holds, as [item, quantity, lead days]. */
export const ErpStockSnapshot = z.object({
  warehouseId: z.number().int().positive(),
  asOf: z.string().datetime({ offset: true }),
  items: z.array(z.unknown()),
});
export const ErpStockEntry = z.tuple([
  z.number().int().positive(),
  z.string().regex(/^\d{1,12}(\.\d{1,3})?$/),
  z.number().int().min(0).max(365).nullable(),
]);

/** `receivables.get`: the clients' overdue debt, as of the ERP's time. */
export const ErpReceivables = z.object({
  asOf: z.string().datetime({ offset: true }),
  clients: z.array(z.unknown()),
});
export const ErpReceivable = z.object({
  clientId: z.number().int().positive(),
  overdue: z.string().regex(/^\d{1,13}(\.\d{1,2})?$/),
  /** The open documents and the payment schedule (optional: an ERP that reports only the overdue sum). */
  documents: z.array(ReceivableDocument).max(5000).optional(),
  schedule: z.array(SchedulePayment).max(500).optional(),
});
