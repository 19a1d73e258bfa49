// The desk contract, the ERP queue: messages waiting for the ERP, refused or discarded, an
// admin's decision on one, and a fresh read of clients' receivables.
import { z } from 'zod';

export const OutboxMessageRow = z.object({
  id: z.number().int(),
  aggregate: z.string(),
  seq: z.number().int(),
  method: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  nextAttemptAt: z.string(),
  orderNumber: z.string().nullable(),
  clientName: z.string().nullable(),
  audit: z.array(z.object({ action: z.string(), userName: z.string().nullable(), reason: z.string(), at: z.string() })),
});

export type OutboxMessageRow = z.infer<typeof OutboxMessageRow>;

export const erpMethods = {
  'erp.outbox': {
    input: z.object({ status: z.enum(['pending', 'parked', 'discarded']) }).strict(),
    output: z.array(OutboxMessageRow),
  },
  'erp.decide': {
    input: z
      .object({
        id: z.number().int().positive(),
        action: z.enum(['retry', 'discard']),
        reason: z.string().trim().min(3).max(1000),
      })
      .strict(),
    output: z.null(),
  },
  'erp.refreshReceivables': {
    input: z.object({ clientIds: z.array(z.number().int().positive()).min(1).max(1000) }).strict(),
    output: z.object({ updated: z.number().int() }),
  },
} as const;
