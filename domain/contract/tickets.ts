// The desk contract, tickets (обращения): queues with SLA clocks, a ticket's thread, new
// tickets, replies, status moves and who a ticket may be handed to.
import { z } from 'zod';
import { AttachmentRef } from '../aftersales/attachment';
import { TICKET_CATEGORY_NAMES, TICKET_STATUSES } from '../aftersales/ticket';
import { Files, Seq } from './shared';

export const TicketQueue = z.enum(['open', 'mine', 'waiting_for_me', 'overdue', 'breached', 'all']);

export type TicketQueue = z.infer<typeof TicketQueue>;

const SlaClock = z.object({
  state: z.enum(['running', 'paused', 'met', 'breached', 'met_late']),
  remainingMs: z.number(),
  dueAt: z.string().nullable(),
});

/** An e-mail beside a thread's message: out (queued, sent, bounced, failed) or in (how it arrived). */
export const TicketMail = z.object({
  id: z.string(),
  direction: z.enum(['out', 'in']),
  state: z.string(),
  fromAddress: z.string(),
  toAddress: z.string(),
  /** Why it bounced or failed (the receiving server's words), or notes on what arrived (files refused). */
  error: z.string().nullable(),
  attempts: z.number().int(),
  sentAt: z.string().nullable(),
});
export type TicketMail = z.infer<typeof TicketMail>;

export const TicketRow = z.object({
  id: z.string(),
  number: z.string().nullable(),
  clientId: z.number().int(),
  clientName: z.string(),
  category: z.string(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  assigneeId: z.number().int(),
  assigneeName: z.string(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  lastMessageKind: z.enum(['staff', 'client']),
  messagesCount: z.number().int(),
  sla: z.object({ firstResponse: SlaClock, resolution: SlaClock, breached: z.boolean() }),
  erpNumber: z.string().nullable(),
  erpError: z.string().nullable(),
});

export type TicketRow = z.infer<typeof TicketRow>;

export const TicketDetails = TicketRow.extend({
  fields: z.record(z.string(), z.unknown()),
  history: z.array(z.object({ status: z.enum(TICKET_STATUSES), at: z.string(), by: z.string() })),
  messages: z.array(
    z.object({
      id: z.string(),
      authorName: z.string(),
      authorKind: z.enum(['staff', 'client']),
      body: z.string(),
      attachments: z.array(AttachmentRef),
      createdAt: z.string(),
      /** The e-mail that carried this message to or from the client, with its state. */
      mail: TicketMail.nullable(),
    }),
  ),
});

export type TicketDetails = z.infer<typeof TicketDetails>;

export const ticketsMethods = {
  'tickets.list': {
    input: z
      .object({
        clientId: z.number().int().positive().optional(),
        managerId: z.number().int().positive().optional(),
        queue: TicketQueue.default('open'),
      })
      .strict(),
    output: z.array(TicketRow),
  },
  'tickets.get': { input: z.object({ ticketId: z.string().uuid() }).strict(), output: TicketDetails },
  'tickets.create': {
    input: z
      .object({
        clientId: z.number().int().positive(),
        category: z.enum(TICKET_CATEGORY_NAMES as [string, ...string[]]),
        subject: z.string().max(300),
        fields: z.record(z.string(), z.unknown()).default({}),
        body: z.string().max(20_000),
        attachments: Files,
      })
      .strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  'tickets.reply': {
    input: z
      .object({
        ticketId: z.string().uuid(),
        author: z.enum(['staff', 'client']),
        body: z.string().max(20_000),
        attachments: Files,
        then: z.enum(['waiting_client', 'resolved']).nullable().default(null),
      })
      .strict(),
    output: Seq,
  },
  'tickets.setStatus': {
    input: z
      .object({ ticketId: z.string().uuid(), from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES) })
      .strict(),
    output: Seq,
  },
  /** Sends a ticket's e-mail again, to the same address or a corrected one. */
  'tickets.resendMail': {
    input: z.object({ mailId: z.string().uuid(), toAddress: z.string().max(254) }).strict(),
    output: Seq,
  },
  'tickets.assign': {
    input: z.object({ ticketId: z.string().uuid(), assigneeId: z.number().int().positive() }).strict(),
    output: Seq,
  },
  /** Who a ticket may be handed to: its client's manager, that manager's supervisor, the admins (those who see the client). */
  'tickets.assignees': {
    input: z.object({ ticketId: z.string().uuid() }).strict(),
    output: z.array(
      z.object({ id: z.number().int(), name: z.string(), role: z.enum(['manager', 'supervisor', 'admin']) }),
    ),
  },
} as const;
