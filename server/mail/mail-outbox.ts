// The e-mail outbox: a letter is written in the transaction of the change that causes it (a
// staff reply in a ticket, a claim registered or decided, an order accepted by 1C), rendered
// then, with its Message-ID fixed then, so a retry sends the same letter and a receiver keeps one
// copy. The row is replicated (the desk shows its state); its text, files and schedule stay on
// the server. Called under the write lock.
import { randomUUID } from 'node:crypto';
import type { MailEffect } from '../../domain/mail/mail-effects';
import type { Row } from '../../domain/sync/mutation-def';
import { rowAudience, type Audience, type Directory } from '../audience';
import type { Query } from '../query';
import { mailConfigFrom, messageDomain, type CompanyIdentity } from './mail-config';
import {
  claimMail,
  mailLocaleFrom,
  orderAcceptedMail,
  orderShippedMail,
  ticketReplyMail,
  type RenderedMail,
} from './mail-templates';

export const newMessageId = (company: CompanyIdentity, mailId: string, sending = 0): string =>
  `<${mailId}${sending ? `.${sending}` : ''}@${messageDomain(company)}>`;

type Contacts = { email?: string }[] | null;

/** The client's first contact with an e-mail: where letters go when the client has not written to us. */
const firstEmail = (contacts: Contacts): string =>
  (contacts ?? [])
    .find((c) => typeof c.email === 'string' && c.email.includes('@'))
    ?.email?.trim()
    .toLowerCase() ?? '';

interface Letter {
  kind: string;
  clientId: number;
  managerId: number;
  ticketId?: string;
  ticketMessageId?: string;
  claimId?: string;
  orderId?: string;
  to: string;
  inReplyTo?: string | null;
  files?: unknown[];
  mail: RenderedMail;
}

async function writeLetter(query: Query, l: Letter, company: CompanyIdentity, directory: Directory, at: Date) {
  const id = randomUUID();
  const row: Row = {
    id,
    direction: 'out',
    kind: l.kind,
    // No address to send to: the manager sees why and adds one (mail.resend).
    state: l.to ? 'queued' : 'failed',
    manager_id: l.managerId,
    error: l.to ? null : 'no_address',
  };
  await query(
    `INSERT INTO mail_messages (id, direction, kind, state, client_id, manager_id, ticket_id, ticket_message_id, claim_id, order_id,
        from_address, to_address, subject, error, attempts, created_at, message_id, in_reply_to, body_text, body_html, files, next_at, version)
     VALUES ($1, 'out', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $15, $16, $17, $18, $19::jsonb, now(), nextval('row_version'))`,
    [
      id,
      l.kind,
      row.state,
      l.clientId,
      l.managerId,
      l.ticketId ?? null,
      l.ticketMessageId ?? null,
      l.claimId ?? null,
      l.orderId ?? null,
      company.address,
      l.to,
      l.mail.subject,
      row.error,
      at.toISOString(),
      newMessageId(company, id),
      l.inReplyTo ?? null,
      l.mail.text,
      l.mail.html,
      JSON.stringify(l.files ?? []),
    ],
  );
  return rowAudience('mail_messages', row, directory);
}

async function ticketReply(query: Query, e: Extract<MailEffect, { kind: 'ticket.reply' }>, company: CompanyIdentity) {
  const [src] = await query<{
    number: string | null;
    subject: string;
    client_id: number;
    manager_id: number;
    body: string;
    attachments: unknown[];
    staff_name: string | null;
    contacts: Contacts;
    last_from: string | null;
    last_message_id: string | null;
  }>(
    `SELECT t.number, t.subject, t.client_id, t.manager_id, m.body, m.attachments, u.name AS staff_name, c.contacts,
            (SELECT i.from_address FROM mail_messages i WHERE i.ticket_id = t.id AND i.direction = 'in' AND i.state IN ('threaded', 'opened')
              ORDER BY i.created_at DESC LIMIT 1) AS last_from,
            (SELECT i.message_id FROM mail_messages i WHERE i.ticket_id = t.id AND i.direction = 'in'
              ORDER BY i.created_at DESC LIMIT 1) AS last_message_id
     FROM tickets t JOIN ticket_messages m ON m.id = $2 LEFT JOIN users u ON u.id = m.author_id LEFT JOIN clients c ON c.id = t.client_id
     WHERE t.id = $1`,
    [e.ticketId, e.ticketMessageId],
  );
  if (!src) throw new Error(`ticket ${e.ticketId} vanished inside its own transaction`);
  return {
    kind: e.kind,
    clientId: src.client_id,
    managerId: src.manager_id,
    ticketId: e.ticketId,
    ticketMessageId: e.ticketMessageId,
    // The answer goes where the client last wrote from, else to their first contact.
    to: src.last_from || firstEmail(src.contacts),
    inReplyTo: src.last_message_id,
    files: src.attachments ?? [],
    mail: ticketReplyMail(
      mailLocaleFrom(),
      { number: src.number, subject: src.subject, body: src.body, staffName: src.staff_name ?? '' },
      company,
    ),
  };
}

async function claimLetter(query: Query, e: Extract<MailEffect, { claimId: string }>, company: CompanyIdentity) {
  const [c] = await query<{
    number: string | null;
    order_number: string | null;
    status: string;
    resolution: string | null;
    amount: string | null;
    reason: string | null;
    client_id: number;
    manager_id: number;
    contacts: Contacts;
    signer: string | null;
  }>(
    `SELECT c.number, c.order_number, c.status, c.resolution, c.resolution_amount::text AS amount,
            c.history->-1->>'comment' AS reason, c.client_id, c.manager_id, cl.contacts, u.name AS signer
     FROM claims c LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN users u ON u.id = c.manager_id WHERE c.id = $1`,
    [e.claimId],
  );
  if (!c) throw new Error(`claim ${e.claimId} vanished inside its own transaction`);
  return {
    kind: e.kind,
    clientId: c.client_id,
    managerId: c.manager_id,
    claimId: e.claimId,
    to: firstEmail(c.contacts),
    mail: claimMail(
      mailLocaleFrom(),
      {
        number: c.number ?? e.claimId.slice(0, 8),
        orderNumber: c.order_number ?? '',
        status: e.kind === 'claim.registered' ? 'new' : c.status,
        resolution: c.resolution,
        amount: c.amount,
        reason: c.reason ?? '',
        signer: c.signer ?? '',
      },
      company,
    ),
  };
}

async function orderAccepted(query: Query, e: Extract<MailEffect, { orderId: string }>, company: CompanyIdentity) {
  const [o] = await query<{
    number: string | null;
    erp_number: string | null;
    total: string;
    lines_count: number;
    client_id: number;
    manager_id: number;
    contacts: Contacts;
    signer: string | null;
  }>(
    `SELECT o.number, o.erp_number, o.total::text AS total, o.lines_count, o.client_id, o.manager_id, c.contacts, u.name AS signer
     FROM orders o LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN users u ON u.id = o.manager_id WHERE o.id = $1`,
    [e.orderId],
  );
  if (!o) throw new Error(`order ${e.orderId} vanished inside its own transaction`);
  return {
    kind: e.kind,
    clientId: o.client_id,
    managerId: o.manager_id,
    orderId: e.orderId,
    to: firstEmail(o.contacts),
    mail: orderAcceptedMail(
      mailLocaleFrom(),
      {
        number: o.number ?? '',
        erpNumber: o.erp_number ?? '',
        total: o.total,
        lines: Number(o.lines_count),
        signer: o.signer ?? '',
      },
      company,
    ),
  };
}

/** One letter to each contact who asked to hear when the client's orders ship. */
async function orderShipped(
  query: Query,
  e: Extract<MailEffect, { kind: 'order.shipped' }>,
  company: CompanyIdentity,
  directory: Directory,
  at: Date,
): Promise<Audience[]> {
  const [o] = await query<{
    number: string | null;
    erp_number: string | null;
    client_id: number;
    manager_id: number;
    shipped_to: string[] | null;
    signer: string | null;
  }>(
    `SELECT o.number, o.erp_number, o.client_id, o.manager_id, p.shipped_to, u.name AS signer
     FROM orders o LEFT JOIN client_mail_prefs p ON p.client_id = o.client_id AND NOT p.deleted
     LEFT JOIN users u ON u.id = o.manager_id WHERE o.id = $1`,
    [e.orderId],
  );
  const audiences: Audience[] = [];
  for (const to of o?.shipped_to ?? [])
    audiences.push(
      await writeLetter(
        query,
        {
          kind: e.kind,
          clientId: o!.client_id,
          managerId: o!.manager_id,
          orderId: e.orderId,
          to,
          mail: orderShippedMail(
            mailLocaleFrom(),
            { number: o!.number ?? '', erpNumber: o!.erp_number ?? '', signer: o!.signer ?? '' },
            company,
          ),
        },
        company,
        directory,
        at,
      ),
    );
  return audiences;
}

/** Writes the e-mail a change asked for; returns who must hear of the new row. */
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
  if (effect.kind === 'order.shipped') return orderShipped(query, effect, company, directory, at);
  const letter =
    effect.kind === 'ticket.reply'
      ? await ticketReply(query, effect, company)
      : effect.kind === 'order.accepted'
        ? await orderAccepted(query, effect, company)
        : await claimLetter(query, effect, company);
  // A claim's or order's letter to a client with no e-mail on file: nobody to write to, nothing to
  // correct in a thread (a ticket's answer is written anyway, so the manager sees it was not sent).
  if (!letter.to && effect.kind !== 'ticket.reply') return [];
  return [await writeLetter(query, letter, company, directory, at)];
}
