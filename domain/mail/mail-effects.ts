// E-mail as the business sees it: which messages go to a client (their kinds), the states a
// message passes through, and the effect a mutation asks the server for (an e-mail written in
// the same transaction as the change). Pure: the server renders and sends, the desk shows states.
import { z } from 'zod';

/** Why an e-mail goes out (or what an inbound one was). */
export const MAIL_KINDS = [
  'ticket.reply',
  'claim.registered',
  'claim.decided',
  'order.accepted',
  'order.shipped',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** out: queued → sent | bounced | failed; in: threaded (into a ticket), opened (a new ticket), triage, ignored. */
export const OUT_STATES = ['queued', 'sent', 'bounced', 'failed'] as const;
export const IN_STATES = ['threaded', 'opened', 'triage', 'ignored'] as const;
export type MailState = (typeof OUT_STATES)[number] | (typeof IN_STATES)[number];

/** An e-mail the server must write in the transaction of the change that asks for it. */
export type MailEffect =
  | { kind: 'ticket.reply'; ticketId: string; ticketMessageId: string }
  /** A claim registered, or decided (approved with its resolution, or rejected with the reason). */
  | { kind: 'claim.registered' | 'claim.decided'; claimId: string }
  /** 1C accepted an order: the confirmation with its number and the lines as .xlsx. */
  | { kind: 'order.accepted'; orderId: string }
  /** An order shipped: to each contact who asked (client_mail_prefs). */
  | { kind: 'order.shipped'; orderId: string }
  /** A manager's resend of a message, to the same address or a corrected one. */
  | { kind: 'resend'; mailId: string };

/** An address as a person types it: trimmed, one address, no display name. */
export const MailAddress = z.string().trim().toLowerCase().max(254).email();

/**
 * The mark in a subject that ties a reply to its ticket ("[Т-12345]"), read in Cyrillic or Latin
 * T, with or without the dash: mail clients and people retyping subjects keep it recognisable.
 */
export const ticketMark = (ticketNumber: string): string => `[Т-${ticketNumber}]`;
export function ticketNumberIn(subject: string): string | null {
  const m = /\[\s*[ТT]-?\s*(\d{1,18})\s*\]/iu.exec(subject);
  return m ? m[1]! : null;
}
