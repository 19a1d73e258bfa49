// The e-mails beside a ticket's thread on the desk: for each message of the thread, the letter
// that carried it (our answer out, with its delivery state; the client's letter in, with where
// it came from and what was not kept), read from the replicated mail_messages rows.
import type Database from 'better-sqlite3';
import type { TicketMail } from '../../domain/contract/tickets';

interface MailRaw {
  id: string;
  direction: string;
  state: string;
  ticket_message_id: string;
  from_address: string;
  to_address: string;
  error: string | null;
  attempts: number;
  sent_at: string | null;
}

/** By the thread message they carry; the newest letter wins where a message was sent again. */
export function mailsOfThread(sqlite: Database.Database, ticketId: string): Map<string, TicketMail> {
  const rows = sqlite
    .prepare(
      `SELECT id, direction, state, ticket_message_id, from_address, to_address, error, attempts, sent_at
       FROM mail_messages WHERE ticket_id = ? AND ticket_message_id IS NOT NULL ORDER BY created_at, version`,
    )
    .all(ticketId) as MailRaw[];
  return new Map(
    rows.map((r) => [
      r.ticket_message_id,
      {
        id: r.id,
        direction: r.direction === 'in' ? 'in' : 'out',
        state: r.state,
        fromAddress: r.from_address,
        toAddress: r.to_address,
        error: r.error,
        attempts: Number(r.attempts),
        sentAt: r.sent_at,
      } satisfies TicketMail,
    ]),
  );
}
