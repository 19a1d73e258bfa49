// Ticket mutations: open a ticket (with the client's request as its first message), reply
// (staff answers and what the client said), move its status, assign it. Pure like every
// mutation; a new ticket also creates a task in the ERP through the outbox.
import { z } from 'zod';
import { AttachmentRef, MAX_ATTACHMENTS } from './attachment';
import type { MutationDef, MutationOutcome, Row } from '../sync/mutation-def';
import { lookUp } from '../sync/mutation-def';
import {
  statusAfterMessage,
  TICKET_CATEGORY_NAMES,
  TICKET_STATUSES,
  ticketFields,
  ticketStep,
  type TicketEvent,
  type TicketStatus,
} from './ticket';

const reject = (code: 'not_found' | 'invalid' | 'locked' | 'forbidden', message: string): MutationOutcome => ({
  ok: false,
  code,
  message,
});
const Uuid = z.string().uuid();
const json = <T>(v: unknown, fallback: T): T =>
  v === null || v === undefined ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);

/** The ticket after a status change: history, and the clocks' stop marks. */
function moved(ticket: Row, to: TicketStatus, by: number, at: string): Row {
  if (ticket.status === to) return ticket;
  const history = [...json<TicketEvent[]>(ticket.history, []), { status: to, at, by }];
  return {
    ...ticket,
    status: to,
    history,
    resolved_at: to === 'resolved' ? at : to === 'closed' ? (ticket.resolved_at ?? at) : null,
    closed_at: to === 'closed' ? at : null,
  };
}

const Body = z.string().trim().max(20_000);

// ---- open ---------------------------------------------------------------------------------------

const CreateArgs = z
  .object({
    ticketId: Uuid,
    messageId: Uuid,
    clientId: z.number().int().positive(),
    category: z.enum(TICKET_CATEGORY_NAMES as [string, ...string[]]),
    subject: z.string().trim().min(3, 'a subject of at least 3 characters').max(300),
    fields: z.record(z.string(), z.unknown()).default({}),
    body: Body.min(1, 'the request itself'),
    attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS).default([]),
  })
  .strict();
export type CreateTicketArgs = z.input<typeof CreateArgs>;

export const createTicket: MutationDef<z.infer<typeof CreateArgs>> = {
  name: 'ticket.create@1',
  args: CreateArgs,
  aggregate: (a) => `ticket:${a.ticketId}`,
  reads: (a) => [
    { table: 'tickets', key: a.ticketId },
    { table: 'ticket_messages', key: a.messageId },
    lookUp('clients', String(a.clientId)),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    if (rows.get(`tickets|${a.ticketId}`)) return { ok: true, writes: [], conflicts: [] };
    const client = rows.get(`clients|${a.clientId}`);
    if (!client) return reject('not_found', `Client ${a.clientId} not found`);
    const category = a.category as (typeof TICKET_CATEGORY_NAMES)[number];
    const fields = ticketFields(category, a.fields);
    if (!fields.ok) return reject('invalid', `fields:${fields.message}`);
    const managerId = Number(client.manager_id);
    const ticket: Row = {
      id: a.ticketId,
      number: ctx.writeVersion === null ? null : String(ctx.writeVersion),
      client_id: a.clientId,
      manager_id: managerId,
      assignee_id: managerId,
      category,
      subject: a.subject,
      fields: fields.fields,
      status: 'new',
      created_at: ctx.now,
      created_by: ctx.userId,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      history: [{ status: 'new', at: ctx.now, by: ctx.userId }],
      messages_count: 1,
      last_message_at: ctx.now,
      last_message_kind: 'client',
      erp_number: null,
      erp_error: null,
    };
    const message: Row = {
      id: a.messageId,
      ticket_id: a.ticketId,
      manager_id: managerId,
      author_id: ctx.userId,
      author_kind: 'client',
      body: a.body,
      attachments: a.attachments,
      created_at: ctx.now,
    };
    return {
      ok: true,
      writes: [
        { table: 'tickets', key: a.ticketId, row: ticket },
        { table: 'ticket_messages', key: a.messageId, row: message },
      ],
      conflicts: [],
      erp: [{ method: 'ticket.submit', aggregate: `ticket:${a.ticketId}`, ticketId: a.ticketId }],
    };
  },
};

/**
 * A message's time: now, or a millisecond after the thread's last message when both fall in the
 * same millisecond (or the clock stepped back), so the thread reads in the order it was written.
 */
function laterThan(last: unknown, now: string): string {
  const prev = last == null ? NaN : new Date(last as string).getTime();
  const at = new Date(now).getTime();
  return Number.isFinite(prev) && prev >= at ? new Date(prev + 1).toISOString() : now;
}

// ---- reply --------------------------------------------------------------------------------------

const ReplyArgs = z
  .object({
    ticketId: Uuid,
    messageId: Uuid,
    /** staff: our answer; client: what the client said (by phone, e-mail), recorded by the manager. */
    author: z.enum(['staff', 'client']),
    body: Body,
    attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS).default([]),
    /** Leave the ticket waiting for the client or resolved with this message. */
    then: z.enum(['waiting_client', 'resolved']).nullable().default(null),
  })
  .strict()
  .refine((a) => a.body.length > 0 || a.attachments.length > 0, { message: 'empty message', path: ['body'] });
export type ReplyTicketArgs = z.input<typeof ReplyArgs>;

export const replyToTicket: MutationDef<z.infer<typeof ReplyArgs>> = {
  name: 'ticket.reply@1',
  args: ReplyArgs,
  aggregate: (a) => `ticket:${a.ticketId}`,
  reads: (a) => [
    { table: 'tickets', key: a.ticketId },
    { table: 'ticket_messages', key: a.messageId },
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    if (rows.get(`ticket_messages|${a.messageId}`)) return { ok: true, writes: [], conflicts: [] };
    const ticket = rows.get(`tickets|${a.ticketId}`);
    if (!ticket) return reject('not_found', `Ticket ${a.ticketId} not found`);
    const next = statusAfterMessage(ticket.status as TicketStatus, a.author, a.then);
    if (next === 'closed_refused') return reject('locked', 'ticket_closed');
    let row = moved(ticket, next, ctx.userId, ctx.now);
    const at = laterThan(ticket.last_message_at, ctx.now);
    row = {
      ...row,
      messages_count: Number(ticket.messages_count ?? 0) + 1,
      last_message_at: at,
      last_message_kind: a.author,
      first_response_at: ticket.first_response_at ?? (a.author === 'staff' ? ctx.now : null),
    };
    const message: Row = {
      id: a.messageId,
      ticket_id: a.ticketId,
      manager_id: ticket.manager_id,
      author_id: ctx.userId,
      author_kind: a.author,
      body: a.body,
      attachments: a.attachments,
      created_at: at,
    };
    return {
      ok: true,
      writes: [
        { table: 'tickets', key: a.ticketId, row },
        { table: 'ticket_messages', key: a.messageId, row: message },
      ],
      conflicts: [],
      // Our answer goes to the client by e-mail; what the client said (typed in by us) does not.
      mail: a.author === 'staff' ? [{ kind: 'ticket.reply', ticketId: a.ticketId, ticketMessageId: a.messageId }] : [],
    };
  },
};

// ---- status -------------------------------------------------------------------------------------

const StatusArgs = z.object({ ticketId: Uuid, from: z.enum(TICKET_STATUSES), to: z.enum(TICKET_STATUSES) }).strict();

export const setTicketStatus: MutationDef<z.infer<typeof StatusArgs>> = {
  name: 'ticket.setStatus@1',
  args: StatusArgs,
  aggregate: (a) => `ticket:${a.ticketId}`,
  reads: (a) => [{ table: 'tickets', key: a.ticketId }],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const ticket = rows.get(`tickets|${a.ticketId}`);
    if (!ticket) return reject('not_found', `Ticket ${a.ticketId} not found`);
    const history = json<TicketEvent[]>(ticket.history, []);
    if (ticket.status === a.to && history.at(-1)?.by === ctx.userId) return { ok: true, writes: [], conflicts: [] };
    if (ticket.status !== a.from) return reject('locked', `stale:${String(ticket.status)}`);
    const refusal = ticketStep(a.from, a.to, ctx.role);
    if (refusal) return reject(refusal === 'not_your_step' ? 'forbidden' : 'invalid', `${refusal}:${a.from}:${a.to}`);
    return {
      ok: true,
      writes: [{ table: 'tickets', key: a.ticketId, row: moved(ticket, a.to, ctx.userId, ctx.now) }],
      conflicts: [],
    };
  },
};

// ---- assign -------------------------------------------------------------------------------------

const AssignArgs = z
  .object({ ticketId: Uuid, assigneeId: z.number().int().positive(), managerId: z.number().int().positive() })
  .strict();

/** A ticket goes to its client's manager, that manager's supervisor, or an admin: people who see it. */
export const assignTicket: MutationDef<z.infer<typeof AssignArgs>> = {
  name: 'ticket.assign@1',
  args: AssignArgs,
  aggregate: (a) => `ticket:${a.ticketId}`,
  reads: (a) => [
    { table: 'tickets', key: a.ticketId },
    lookUp('users', String(a.assigneeId)),
    lookUp('users', String(a.managerId)),
  ],
  roles: ['supervisor', 'admin'],
  apply(a, rows) {
    const ticket = rows.get(`tickets|${a.ticketId}`);
    if (!ticket || Number(ticket.manager_id) !== a.managerId)
      return reject('not_found', `Ticket ${a.ticketId} not found`);
    if (ticket.status === 'closed') return reject('locked', 'ticket_closed');
    const assignee = rows.get(`users|${a.assigneeId}`);
    const manager = rows.get(`users|${a.managerId}`);
    const sees =
      assignee &&
      assignee.active &&
      (assignee.id === a.managerId || assignee.id === manager?.supervisor_id || assignee.role === 'admin');
    if (!sees) return reject('invalid', `assignee_out_of_scope:${a.assigneeId}`);
    if (Number(ticket.assignee_id) === a.assigneeId) return { ok: true, writes: [], conflicts: [] };
    return {
      ok: true,
      writes: [{ table: 'tickets', key: a.ticketId, row: { ...ticket, assignee_id: a.assigneeId } }],
      conflicts: [],
    };
  },
};

export const ticketMutations = [createTicket, replyToTicket, setTicketStatus, assignTicket];
