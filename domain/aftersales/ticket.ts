// Tickets (обращения): structured client requests instead of calls and e-mails. Categories with
// their own fields and SLA, the status workflow, and the SLA clocks (first response, resolution)
// in working time that stand still while the ticket waits for the client.
import { z } from 'zod';
import type { Role } from '../roles';
import { slaTarget, type Pause, type SlaTarget } from './working-time';

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_client', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Categories: the fields each asks for (checked at the boundary and in the mutation) and the
 * SLA in working hours. The clock targets come from the service agreement with clients.
 */
export const TICKET_CATEGORIES = {
  reconciliation_act: {
    fields: z
      .object({ periodFrom: isoDate, periodTo: isoDate, agreement: z.string().trim().max(100).default('') })
      .strict()
      .refine((f) => f.periodFrom <= f.periodTo, { message: 'period_order', path: ['periodTo'] }),
    firstResponseHours: 4,
    resolutionHours: 18,
  },
  requisites_change: {
    fields: z.object({ requisites: text(2000), effectiveFrom: isoDate }).strict(),
    firstResponseHours: 4,
    resolutionHours: 27,
  },
  delivery_address: {
    fields: z.object({ address: text(500), effectiveFrom: isoDate.or(z.literal('')).default('') }).strict(),
    firstResponseHours: 4,
    resolutionHours: 18,
  },
  document_originals: {
    fields: z.object({ documents: text(2000), sendBy: z.enum(['courier', 'post', 'edo']) }).strict(),
    firstResponseHours: 8,
    resolutionHours: 45,
  },
  question: { fields: z.object({}).strict(), firstResponseHours: 2, resolutionHours: 18 },
  other: { fields: z.object({}).strict(), firstResponseHours: 8, resolutionHours: 45 },
} as const;
export type TicketCategory = keyof typeof TICKET_CATEGORIES;
export const TICKET_CATEGORY_NAMES = Object.keys(TICKET_CATEGORIES) as TicketCategory[];

/** The fields of a category, parsed (defaults filled) or the first problem as "field: message". */
export function ticketFields(
  category: TicketCategory,
  raw: unknown,
): { ok: true; fields: Record<string, unknown> } | { ok: false; message: string } {
  const parsed = (TICKET_CATEGORIES[category].fields as z.ZodType<Record<string, unknown>>).safeParse(raw ?? {});
  if (parsed.success) return { ok: true, fields: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `${issue.path.join('.') || 'fields'}: ${issue.message}` };
}

const STAFF: readonly Role[] = ['manager', 'supervisor', 'admin'];

/** Status moves a person makes by hand; replies move tickets too (see statusAfterMessage). */
export const TICKET_WORKFLOW: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['in_progress', 'waiting_client', 'resolved'],
  in_progress: ['waiting_client', 'resolved'],
  waiting_client: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export function ticketStep(
  from: TicketStatus,
  to: TicketStatus,
  role: Role,
): 'forbidden_step' | 'not_your_step' | null {
  if (!TICKET_WORKFLOW[from].includes(to)) return 'forbidden_step';
  return STAFF.includes(role) ? null : 'not_your_step';
}

export type MessageAuthor = 'staff' | 'client';

/**
 * Where a message takes the ticket: a staff answer to a new ticket starts the work; a client's
 * words bring a waiting or resolved ticket back to work; `then` is the status the author chose
 * to leave it in (waiting for the client, resolved). A closed ticket takes no messages.
 */
export function statusAfterMessage(
  current: TicketStatus,
  author: MessageAuthor,
  then: TicketStatus | null,
): TicketStatus | 'closed_refused' {
  if (current === 'closed') return 'closed_refused';
  if (then) return then;
  if (author === 'client') return current === 'new' ? 'new' : 'in_progress';
  return current === 'new' ? 'in_progress' : current === 'resolved' ? 'in_progress' : current;
}

export interface TicketEvent {
  status: TicketStatus;
  at: string;
  by: number;
}

/**
 * The spans the clocks stand still: while the ticket waits for the client, and while it is
 * resolved (reopened, the clock goes on from where it stopped rather than counting the days the
 * client took to object).
 */
export function pausesOf(history: readonly TicketEvent[]): Pause[] {
  const pauses: Pause[] = [];
  const still = (s: TicketStatus) => s === 'waiting_client' || s === 'resolved';
  for (const e of history) {
    const open = pauses[pauses.length - 1];
    if (still(e.status) && (!open || open.to !== null)) pauses.push({ from: e.at, to: null });
    else if (!still(e.status) && open && open.to === null) open.to = e.at;
  }
  return pauses;
}

export interface TicketSla {
  firstResponse: SlaTarget;
  resolution: SlaTarget;
  breached: boolean;
}

export function ticketSla(
  t: {
    category: TicketCategory;
    created_at: string;
    first_response_at: string | null;
    resolved_at: string | null;
    history: readonly TicketEvent[];
  },
  now: string,
): TicketSla {
  const cat = TICKET_CATEGORIES[t.category];
  const pauses = pausesOf(t.history);
  const firstResponse = slaTarget({
    startedAt: t.created_at,
    stoppedAt: t.first_response_at,
    budgetHours: cat.firstResponseHours,
    pauses,
    now,
  });
  const resolution = slaTarget({
    startedAt: t.created_at,
    stoppedAt: t.resolved_at,
    budgetHours: cat.resolutionHours,
    pauses,
    now,
  });
  return {
    firstResponse,
    resolution,
    breached:
      firstResponse.state === 'breached' ||
      firstResponse.state === 'met_late' ||
      resolution.state === 'breached' ||
      resolution.state === 'met_late',
  };
}
