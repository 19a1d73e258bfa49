// The supervisors' mail triage on the desk: the letters waiting (replicated rows in triage), and
// the server's answers for reading one whole, opening a ticket with it, or setting it aside.
import type { HandlersOf, mailMethods, TriageLetter } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';

export function mailHandlers(s: DeskSession): HandlersOf<typeof mailMethods> {
  const db = s.replica.sqlite;
  return {
    'mail.triage': () =>
      db
        .prepare(
          `SELECT id, from_address AS fromAddress, subject, error AS reason, created_at AS createdAt
           FROM mail_messages WHERE direction = 'in' AND state = 'triage' ORDER BY created_at DESC LIMIT 500`,
        )
        .all() as TriageLetter[],
    'mail.letter': ({ mailId }) =>
      s.server.call<{ text: string; trimmed: string }>('GET', `/api/mail/letter?id=${encodeURIComponent(mailId)}`),
    'mail.openTicket': (args) => s.server.call<{ ticketId: string }>('POST', '/api/mail/triage/open', args),
    'mail.shipmentTo': ({ clientId }) => {
      const raw = db.prepare(`SELECT shipped_to FROM client_mail_prefs WHERE client_id = ?`).pluck().get(clientId) as
        string | undefined;
      return raw ? (JSON.parse(raw) as string[]) : [];
    },
    'mail.setShipmentTo': (args) => s.mutate('client.setShipmentMail@1', args),
    'mail.discard': async (args) => {
      await s.server.call('POST', '/api/mail/triage/discard', args);
      return null;
    },
  };
}
