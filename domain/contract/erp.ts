// The desk contract, the ERP queue: messages waiting for the ERP, refused or discarded, an
// admin's decision on one, a fresh read of clients' receivables, and what came in from the ERP
// (the initial load's progress, records it sent that could not be taken).
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

const Counts = z.record(z.string(), z.number().int());

/** The initial load from the ERP and what the ERP sent that could not be taken. */
export const InboundView = z.object({
  load: z
    .object({
      status: z.enum(['loading', 'done']),
      entity: z.string(),
      read: Counts,
      written: Counts,
      refused: Counts,
      totals: Counts,
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
    })
    .nullable(),
  counts: z.array(z.object({ feed: z.string(), count: z.number().int(), lastAt: z.string() })),
  recent: z.array(
    z.object({
      feed: z.string(),
      position: z.string(),
      key: z.string().nullable(),
      message: z.string(),
      at: z.string(),
    }),
  ),
});
export type InboundView = z.infer<typeof InboundView>;

export const erpMethods = {
  'erp.inbound': { input: z.object({}).strict(), output: InboundView },
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
