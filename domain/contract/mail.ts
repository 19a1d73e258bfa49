// The desk contract, the supervisors' mail triage: letters no client is known by (or written
// into another client's ticket), each read whole from the server, then opened as a ticket for
// the client it belongs to or set aside. Online actions: the server decides, once.
import { z } from 'zod';
import { NoInput, Seq } from './shared';

export const TriageLetter = z.object({
  id: z.string(),
  fromAddress: z.string(),
  subject: z.string(),
  /** Why it is here: unknown_sender, ambiguous_sender, sender_not_client (and files refused). */
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type TriageLetter = z.infer<typeof TriageLetter>;

const MailId = z.object({ mailId: z.string().uuid() }).strict();

export const mailMethods = {
  'mail.triage': { input: NoInput, output: z.array(TriageLetter) },
  'mail.letter': { input: MailId, output: z.object({ text: z.string(), trimmed: z.string() }) },
  'mail.openTicket': {
    input: z.object({ mailId: z.string().uuid(), clientId: z.number().int().positive() }).strict(),
    output: z.object({ ticketId: z.string() }),
  },
  'mail.discard': { input: MailId, output: z.null() },
  /** Which of a client's contacts get a letter when an order ships (their addresses). */
  'mail.shipmentTo': {
    input: z.object({ clientId: z.number().int().positive() }).strict(),
    output: z.array(z.string()),
  },
  'mail.setShipmentTo': {
    input: z
      .object({ clientId: z.number().int().positive(), shippedTo: z.array(z.string().max(254)).max(20) })
      .strict(),
    output: Seq,
  },
} as const;
