// The desk contract, approvals: the supervisor's queue of requests for prices below the floor
// and credit over the limit, a request's lines, asking and deciding.
import { z } from 'zod';
import { OrderId } from './shared';

/** A row of the supervisor's approvals queue: one order's request. */
export const ApprovalQueueRow = z.object({
  orderId: z.string(),
  orderNumber: z.string().nullable(),
  clientName: z.string(),
  managerName: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  lines: z.number().int(),
  givenAway: z.string(),
  orderTotal: z.string(),
  orderMargin: z.string(),
  credit: z.object({ exposure: z.string(), limit: z.string(), over: z.string() }).nullable(),
  note: z.string(),
  reasons: z.array(z.string()),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string(),
});

export type ApprovalQueueRow = z.infer<typeof ApprovalQueueRow>;

export const ApprovalDetails = ApprovalQueueRow.extend({
  lines: z.array(
    z.object({
      lineId: z.string(),
      lineNo: z.number().int(),
      article: z.string(),
      name: z.string(),
      quantity: z.string(),
      price: z.string(),
      discount: z.string(),
      net: z.string(),
      floor: z.string(),
      cost: z.string(),
      givenAway: z.string(),
      reason: z.string(),
      note: z.string(),
      marginPct: z.string().nullable(),
    }),
  ),
  linesCount: z.number().int(),
});

export type ApprovalDetails = z.infer<typeof ApprovalDetails>;

export const approvalsMethods = {
  // Why a line costs what it costs: the rules' steps today, and the line's price as stored.
  'approvals.list': {
    input: z.object({ status: z.enum(['pending', 'decided', 'all']).default('pending') }).strict(),
    output: z.array(ApprovalQueueRow),
  },
  'approvals.get': { input: z.object({ orderId: OrderId }).strict(), output: ApprovalDetails },
  /** Asks the supervisor to approve the order's lines below floor and its credit (computed on the desk from the order as it is). */
  'approvals.request': {
    input: z.object({ orderId: OrderId, note: z.string().max(2000).default('') }).strict(),
    output: z.object({ seq: z.number().int(), lines: z.number().int(), credit: z.boolean() }),
  },
  'approvals.decide': {
    input: z
      .object({
        orderId: OrderId,
        requestedAt: z.string().max(40),
        decision: z.enum(['approve', 'reject']),
        comment: z.string().max(2000).default(''),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
} as const;
