// The e-mail outbox: a message is written in the transaction of the change that causes it (a
// staff reply in a ticket...), rendered then, with its Message-ID fixed then, so a retry sends the
// same message and a receiver keeps one copy. The row is replicated (the desk shows its state
// beside the thread); its text, files and schedule stay on the server. Called under the write lock.
import { randomUUID } from 'node:crypto';
import type { MailEffect } from '../../domain/mail/mail-effects';
import type { Row } from '../../domain/sync/mutation-def';
import { rowAudience, type Audience, type Directory } from '../audience';
import type { Query } from '../query';
import { mailConfigFrom, messageDomain, type CompanyIdentity } from './mail-config';
import { mailLocaleFrom, ticketReplyMail } from './mail-templates';

export const newMessageId = (company: CompanyIdentity, mailId: string, sending = 0): string =>
  `<${mailId}${sending ? `.${sending}` : ''}@${messageDomain(company)}>`;

interface TicketReplySource {
  number: string | null;
  subject: string;
  client_id: number;
  manager_id: number;
  body: string;
  attachments: unknown[];
  staff_name: string | null;
  contacts: { email?: string }[] | null;
  last_from: string | null;
  last_message_id: string | null;
}

/** Where a ticket's answer goes: the address the client last wrote from, else the client's first contact with an e-mail. */
function recipientOf(src: TicketReplySource): string {
  if (src.last_from) return src.last_from;
  const contact = (src.contacts ?? []).find((c) => typeof c.email === 'string' && c.email.includes('@'));
  return contact?.email?.trim().toLowerCase() ?? '';
}

/** Writes the e-mail a mutation asked for; returns who must hear of the new row. */
export async function enqueueMail(
  query: Query,
  effect: MailEffect,
  directory: Directory,
  at: Date,
): Promise<Audience[]> {
  const company = mailConfigFrom().company;
  if (effect.kind === 'resend') {
    // The row's state and address were written by the mutation; a new sending gets a new Message-ID.
    await query(
      `UPDATE mail_messages SET next_at = now(), lease_until = NULL,
         message_id = '<' || id || '.' || (attempts + 1) || '.' || floor(extract(epoch FROM now()))::bigint || '@' || $2 || '>'
       WHERE id = $1 AND direction = 'out'`,
      [effect.mailId, messageDomain(company)],
    );
    return [];
  }
  const [src] = await query<TicketReplySource>(
    `SELECT t.number, t.subject, t.client_id, t.manager_id, m.body, m.attachments, u.name AS staff_name, c.contacts,
            (SELECT i.from_address FROM mail_messages i WHERE i.ticket_id = t.id AND i.direction = 'in' AND i.state IN ('threaded', 'opened')
              ORDER BY i.created_at DESC LIMIT 1) AS last_from,
            (SELECT i.message_id FROM mail_messages i WHERE i.ticket_id = t.id AND i.direction = 'in'
              ORDER BY i.created_at DESC LIMIT 1) AS last_message_id
     FROM tickets t JOIN ticket_messages m ON m.id = $2 LEFT JOIN users u ON u.id = m.author_id LEFT JOIN clients c ON c.id = t.client_id
     WHERE t.id = $1`,
    [effect.ticketId, effect.ticketMessageId],
  );
  if (!src) throw new Error(`ticket ${effect.ticketId} vanished inside its own transaction`);
  const to = recipientOf(src);
  const mail = ticketReplyMail(
    mailLocaleFrom(),
    { number: src.number, subject: src.subject, body: src.body, staffName: src.staff_name ?? '' },
    company,
  );
  const id = randomUUID();
  const row: Row = {
    id,
    direction: 'out',
    kind: 'ticket.reply',
    // No address to send to: the manager sees why and adds one (mail.resend).
    state: to ? 'queued' : 'failed',
    client_id: src.client_id,
    manager_id: src.manager_id,
    ticket_id: effect.ticketId,
    ticket_message_id: effect.ticketMessageId,
    from_address: company.address,
    to_address: to,
    subject: mail.subject,
    error: to ? null : 'no_address',
    created_at: at.toISOString(),
  };
  await query(
    `INSERT INTO mail_messages (id, direction, kind, state, client_id, manager_id, ticket_id, ticket_message_id, from_address, to_address,
        subject, error, attempts, created_at, message_id, in_reply_to, body_text, body_html, files, next_at, version)
     VALUES ($1, 'out', 'ticket.reply', $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16::jsonb, now(), nextval('row_version'))`,
    [
      id,
      row.state,
      src.client_id,
      src.manager_id,
      effect.ticketId,
      effect.ticketMessageId,
      company.address,
      to,
      mail.subject,
      row.error,
      row.created_at,
      newMessageId(company, id),
      src.last_message_id,
      mail.text,
      mail.html,
      JSON.stringify(src.attachments ?? []),
    ],
  );
  return [rowAudience('mail_messages', row, directory)];
}
