// The desk contract, what waits for the user in claims and tickets: the header's counts and the
// notices (new ticket, client reply, claim step, SLA about to run out), told once.
import { z } from 'zod';
import { ClaimQueue } from './claims';
import { NoInput } from './shared';
import { TicketQueue } from './tickets';

export const AftersalesNotice = z.object({
  key: z.string(),
  kind: z.enum(['ticket_new', 'ticket_reply', 'ticket_near', 'ticket_breached', 'claim_step', 'claim_near']),
  id: z.string(),
  number: z.string().nullable(),
  clientName: z.string(),
  subject: z.string(),
  at: z.string(),
  status: z.string().optional(),
  clock: z.enum(['firstResponse', 'resolution']).optional(),
  remainingMs: z.number().optional(),
});

export type AftersalesNotice = z.infer<typeof AftersalesNotice>;

export const aftersalesMethods = {
  'aftersales.counts': {
    input: NoInput,
    output: z.object({
      claims: z.record(ClaimQueue, z.number().int()),
      tickets: z.record(TicketQueue, z.number().int()),
    }),
  },
  'aftersales.notices': { input: NoInput, output: z.array(AftersalesNotice) },
  'aftersales.seen': { input: z.object({ keys: z.array(z.string().max(200)).max(200) }).strict(), output: z.null() },
} as const;
