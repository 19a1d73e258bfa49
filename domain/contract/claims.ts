// The desk contract, claims (рекламации): queues, a claim with its lines, files and history,
// what of an order can still be claimed, new claims, workflow moves and the claim form.
import { z } from 'zod';
import { AttachmentRef } from '../aftersales/attachment';
import { CLAIM_RESOLUTIONS, CLAIM_STATUSES, DEFECT_TYPES } from '../aftersales/claim';
import { Files, OrderId, Seq } from './shared';

export const ClaimQueue = z.enum(['open', 'mine', 'overdue', 'waiting_for_me', 'all']);

export type ClaimQueue = z.infer<typeof ClaimQueue>;

export const ClaimRow = z.object({
  id: z.string(),
  number: z.string().nullable(),
  clientId: z.number().int(),
  clientName: z.string(),
  managerName: z.string(),
  orderId: z.string(),
  orderNumber: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  defectType: z.string(),
  amount: z.string(),
  resolution: z.enum(CLAIM_RESOLUTIONS).nullable(),
  resolutionAmount: z.string().nullable(),
  createdAt: z.string(),
  deadlineAt: z.string().nullable(),
  overdue: z.boolean(),
  files: z.number().int(),
  erpNumber: z.string().nullable(),
  erpStatus: z.string().nullable(),
  erpError: z.string().nullable(),
});

export type ClaimRow = z.infer<typeof ClaimRow>;

export const ClaimDetails = ClaimRow.extend({
  description: z.string(),
  lines: z.array(
    z.object({
      lineId: z.string(),
      itemId: z.number().int(),
      article: z.string(),
      name: z.string(),
      shipped: z.string(),
      quantity: z.string(),
      amount: z.string(),
    }),
  ),
  attachments: z.array(AttachmentRef),
  history: z.array(z.object({ status: z.enum(CLAIM_STATUSES), at: z.string(), by: z.string(), comment: z.string() })),
  /** The moves this user may make now (the buttons). */
  steps: z.array(z.enum(CLAIM_STATUSES)),
});

export type ClaimDetails = z.infer<typeof ClaimDetails>;

export const ClaimableLine = z.object({
  lineId: z.string(),
  lineNo: z.number().int(),
  itemId: z.number().int(),
  article: z.string(),
  name: z.string(),
  shipped: z.string(),
  amount: z.string(),
  claimed: z.string(),
  claimable: z.string(),
});

export type ClaimableLine = z.infer<typeof ClaimableLine>;

export const claimsMethods = {
  // Claims and tickets: reads of the replica, and mutations (checked again by domain/aftersales/claim-mutations
  // and domain/aftersales/ticket-mutations, on the desk and on the server).
  'claims.list': {
    input: z
      .object({
        clientId: z.number().int().positive().optional(),
        managerId: z.number().int().positive().optional(),
        queue: ClaimQueue.default('open'),
      })
      .strict(),
    output: z.array(ClaimRow),
  },
  'claims.get': { input: z.object({ claimId: z.string().uuid() }).strict(), output: ClaimDetails },
  'claims.claimable': { input: z.object({ orderId: OrderId }).strict(), output: z.array(ClaimableLine) },
  'claims.create': {
    input: z
      .object({
        orderId: OrderId,
        defectType: z.enum(DEFECT_TYPES),
        description: z.string().max(5000),
        attachments: Files,
        lines: z
          .array(
            z
              .object({ lineId: z.string().uuid(), itemId: z.number().int().positive(), quantity: z.string().max(20) })
              .strict(),
          )
          .max(1000),
      })
      .strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  'claims.move': {
    input: z
      .object({
        claimId: z.string().uuid(),
        from: z.enum(CLAIM_STATUSES),
        to: z.enum(CLAIM_STATUSES),
        comment: z.string().max(5000).default(''),
        resolution: z
          .object({ kind: z.enum(CLAIM_RESOLUTIONS), amount: z.string().max(20) })
          .strict()
          .optional(),
        attachments: Files,
      })
      .strict(),
    output: Seq,
  },
  /** The claim form (рекламационный акт) as a PDF, made on the desk. */
  'claims.form': {
    input: z.object({ claimId: z.string().uuid() }).strict(),
    output: z.object({ name: z.string(), base64: z.string() }),
  },
  'claims.attach': {
    input: z.object({ claimId: z.string().uuid(), attachments: z.array(AttachmentRef).min(1).max(20) }).strict(),
    output: Seq,
  },
} as const;
