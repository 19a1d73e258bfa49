// An arriving e-mail becomes what it is, in one transaction with the record that it was taken:
// a client's reply goes into its ticket's thread (found by the mark in the subject, then by the
// Message-IDs it answers) when it comes from a contact of that ticket's client; a letter from a
// known contact opens a ticket ("question") in their manager's queue; anything else waits in the
// supervisors' triage; a bounce marks our message bounced with the receiver's words; an
// automatic answer is kept and shown, never answered. Ticket changes go through the same
// mutations a desk runs, on the server's account, so the thread's rules are one.
import { randomUUID } from 'node:crypto';
import { convert } from 'html-to-text';
import type { ParsedMail } from 'mailparser';
import type { AttachmentRef } from '../../domain/aftersales/attachment';
import { ticketNumberIn } from '../../domain/mail/mail-effects';
import { mutationReads, runMutation } from '../../domain/sync/mutations';
import type { Row } from '../../domain/sync/mutation-def';
import { rowAudience, type Audience } from '../audience';
import { enqueueAftersalesMessage } from '../aftersales/erp-messages';
import {
  advanceHead,
  directoryFor,
  readRows,
  scopeMove,
  takeVersions,
  updateServerRows,
  WRITE_LOCK,
  writeRows,
} from '../row-store';
import type { Query } from '../query';
import { ticketMailNotice } from '../notifications/notices';
import { answeredIds, natureOf } from './mail-kinds';
import { trimQuoted } from './quoted-text';

export interface StoredFile {
  sha256: string;
  name: string;
  mime: string;
  size: number;
}

export interface ArrivedMail {
  mailbox: string;
  uidValidity: number;
  uid: number;
  mail: ParsedMail;
  /** Our own address (where the client wrote to). */
  to: string;
  /** The whole message as received, in the file store: nothing the client sent is lost. */
  original: StoredFile | null;
  /** Attachments kept (checked by content like uploads). */
  files: AttachmentRef[];
  /** Attachments not kept, and why (executable, too large, unreadable winmail.dat…). */
  refused: { name: string; why: string }[];
}

export type IntakeOutcome = 'already_taken' | 'threaded' | 'opened' | 'triage' | 'ignored' | 'bounce';

interface TicketHit {
  id: string;
  client_id: number;
  manager_id: number;
  status: string;
}

/** The system's own account for changes nobody at a desk made (a client's e-mail). */
const MAIL_USER = 0;

async function ticketOf(query: Query, mail: ParsedMail): Promise<TicketHit | null> {
  const number = ticketNumberIn(mail.subject ?? '');
  if (number) {
    const [t] = await query<TicketHit>(
      `SELECT id, client_id, manager_id, status FROM tickets WHERE number = $1 AND NOT deleted`,
      [number],
    );
    if (t) return t;
  }
  const ids = answeredIds(mail);
  if (!ids.length) return null;
  const [t] = await query<TicketHit>(
    `SELECT t.id, t.client_id, t.manager_id, t.status FROM mail_messages m JOIN tickets t ON t.id = m.ticket_id
     WHERE m.message_id = ANY($1::text[]) AND NOT t.deleted ORDER BY array_position($1::text[], m.message_id) LIMIT 1`,
    [ids],
  );
  return t ?? null;
}

async function clientsOf(query: Query, address: string): Promise<{ id: number; manager_id: number }[]> {
  if (!address) return [];
  return query<{ id: number; manager_id: number }>(
    `SELECT id, manager_id FROM clients c WHERE NOT deleted AND EXISTS
       (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.contacts) = 'array' THEN c.contacts ELSE '[]'::jsonb END) k
        WHERE lower(trim(k->>'email')) = $1)
     ORDER BY id`,
    [address],
  );
}

/** Runs a ticket mutation on the server's account under the write lock; its rows, ERP messages and audiences. */
export async function applyAsServer(
  query: Query,
  name: string,
  args: Record<string, unknown>,
  at: Date,
): Promise<{ ok: true; audiences: Audience[] } | { ok: false; message: string }> {
  const rows = await readRows(query, mutationReads(name, args));
  const directory = await directoryFor(query);
  await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  const [{ v }] = (await query<{ v: string }>(`SELECT nextval('row_version') AS v`)) as [{ v: string }];
  const outcome = runMutation(name, args, rows, {
    userId: MAIL_USER,
    role: 'admin',
    now: at.toISOString(),
    writeVersion: Number(v),
  });
  if (!outcome.ok) return { ok: false, message: outcome.message };
  await writeRows(query, outcome.writes, [Number(v), ...(await takeVersions(query, outcome.writes.length - 1))]);
  const audiences: Audience[] = [];
  for (const w of outcome.writes)
    audiences.push(await scopeMove(query, w.table, w.key, rows.get(`${w.table}|${w.key}`) ?? null, w.row, directory));
  for (const effect of outcome.erp ?? [])
    if (effect.method === 'ticket.submit') await enqueueAftersalesMessage(query, effect);
  return { ok: true, audiences };
}

/** Takes one message; returns what it became and who must hear of it. Call in a transaction. */
export async function takeMail(
  query: Query,
  a: ArrivedMail,
  at: Date,
): Promise<{ outcome: IntakeOutcome; audiences: Audience[]; head: number; mailId: string | null }> {
  const messageId = a.mail.messageId
    ? a.mail.messageId.startsWith('<')
      ? a.mail.messageId
      : `<${a.mail.messageId}>`
    : null;
  const mailId = randomUUID();
  const [fresh] = await query<{ ok: number }>(
    `INSERT INTO mail_taken (mailbox, uid_validity, uid, message_id, mail_id) SELECT $1, $2, $3, $4, $5
     WHERE NOT EXISTS (SELECT 1 FROM mail_taken WHERE $4::text IS NOT NULL AND message_id = $4 AND uid_validity <> $2)
     ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
    [a.mailbox, a.uidValidity, a.uid, messageId, mailId],
  );
  // Taken before (a restart mid-fetch, or the mailbox renumbered): nothing twice.
  if (!fresh) return { outcome: 'already_taken', audiences: [], head: 0, mailId: null };

  const mail = a.mail;
  const from = (mail.from?.value[0]?.address ?? '').trim().toLowerCase();
  // An HTML-only letter is read as its text (html-to-text: paragraphs, lists and links kept readable).
  const full = (mail.text ?? (mail.html ? convert(mail.html, { wordwrap: false }) : '')).trim();
  const body = trimQuoted(full) || (mail.subject ?? '').trim() || '—';
  const nature = natureOf(mail);
  const audiences: Audience[] = [];
  const directory = await directoryFor(query);
  const notes = a.refused.map((r) => `${r.name} (${r.why})`);
  let outcome: IntakeOutcome;
  let ticket: TicketHit | null = null;
  let ticketMessageId: string | null = null;
  let clientId: number | null = null;
  let managerId: number | null = null;
  let why: string | null = null;

  if (nature.kind === 'bounce') {
    outcome = 'bounce';
    const [ours] = await query<{
      id: string;
      manager_id: number | null;
      client_id: number | null;
      ticket_id: string | null;
    }>(
      `SELECT id, manager_id, client_id, ticket_id FROM mail_messages WHERE direction = 'out' AND (id = $1 OR ($2::text IS NOT NULL AND message_id = $2)) LIMIT 1`,
      [nature.originalMailId ?? '00000000-0000-0000-0000-000000000000', nature.originalMessageId],
    );
    why = `bounce:${nature.reason}`;
    if (ours) {
      ({ manager_id: managerId, client_id: clientId } = ours);
      ticket = ours.ticket_id ? { id: ours.ticket_id, client_id: 0, manager_id: 0, status: '' } : null;
      const written = await updateServerRows(
        query,
        'mail_messages',
        new Map([[ours.id, (b: Row) => ({ ...b, state: 'bounced', error: nature.reason.slice(0, 500) })]]),
      );
      audiences.push(...written.audiences);
    }
  } else {
    ticket = await ticketOf(query, mail);
    if (nature.kind === 'auto_reply') {
      outcome = 'ignored';
      why = 'auto_reply';
      if (ticket) ({ client_id: clientId, manager_id: managerId } = ticket);
    } else {
      const senders = await clientsOf(query, from);
      const files = a.files;
      const sentTo = ticket
        ? await query<{ n: number }>(
            `SELECT 1 AS n FROM mail_messages WHERE ticket_id = $1 AND direction = 'out' AND lower(to_address) = $2 LIMIT 1`,
            [ticket.id, from],
          )
        : [];
      const ownsTicket = ticket && (senders.some((c) => c.id === ticket!.client_id) || sentTo.length > 0);
      if (ticket && ownsTicket && ticket.status !== 'closed') {
        ticketMessageId = randomUUID();
        const done = await applyAsServer(
          query,
          'ticket.reply@1',
          { ticketId: ticket.id, messageId: ticketMessageId, author: 'client', body, attachments: files },
          at,
        );
        if (!done.ok) throw new Error(`a client's reply was refused: ${done.message}`);
        audiences.push(...done.audiences);
        ({ client_id: clientId, manager_id: managerId } = ticket);
        outcome = 'threaded';
      } else if (ticket && !ownsTicket) {
        // Someone writes into a ticket that is not their company's (a forged From, a forwarded thread).
        outcome = 'triage';
        why = 'sender_not_client';
      } else {
        const owner = ticket && ownsTicket ? (senders.find((c) => c.id === ticket!.client_id) ?? null) : null;
        const client = owner ?? (senders.length === 1 ? senders[0]! : null);
        if (!client) {
          outcome = 'triage';
          why = senders.length > 1 ? 'ambiguous_sender' : 'unknown_sender';
        } else {
          const ticketId = randomUUID();
          ticketMessageId = randomUUID();
          const subject = (mail.subject ?? '').replace(/^\s*((re|fw|fwd|ответ|отв|пересл)\s*:\s*)+/iu, '').trim();
          const done = await applyAsServer(
            query,
            'ticket.create@1',
            {
              ticketId,
              messageId: ticketMessageId,
              clientId: client.id,
              category: 'question',
              subject: (subject.length >= 3 ? subject : `E-mail: ${from}`).slice(0, 300),
              body,
              attachments: files,
            },
            at,
          );
          if (!done.ok) throw new Error(`a client's letter could not open a ticket: ${done.message}`);
          audiences.push(...done.audiences);
          ticket = { id: ticketId, client_id: client.id, manager_id: client.manager_id, status: 'new' };
          clientId = client.id;
          managerId = client.manager_id;
          outcome = 'opened';
        }
      }
    }
  }
  // The ticket's assignee hears that the client wrote, or that our letter came back.
  if ((outcome === 'threaded' || outcome === 'opened') && ticket)
    audiences.push(
      ...(await ticketMailNotice(query, 'mail.in', ticket.id, { from, opened: outcome === 'opened' }, at)).audiences,
    );
  if (nature.kind === 'bounce' && ticket)
    audiences.push(
      ...(await ticketMailNotice(query, 'mail.bounced', ticket.id, { reason: nature.reason.slice(0, 300) }, at))
        .audiences,
    );
  if (notes.length) why = [why, `refused_files:${notes.join('; ')}`].filter(Boolean).join(' | ');
  const state = outcome === 'bounce' ? 'ignored' : outcome;
  const row: Row = { manager_id: managerId };
  await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  await query(
    `INSERT INTO mail_messages (id, direction, kind, state, client_id, manager_id, ticket_id, ticket_message_id, from_address, to_address,
        subject, error, attempts, created_at, message_id, in_reply_to, body_text, original, files, version)
     VALUES ($1, 'in', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $14, $15, $16, $17::jsonb, nextval('row_version'))`,
    [
      mailId,
      nature.kind,
      state,
      clientId,
      managerId,
      ticket?.id ?? null,
      ticketMessageId,
      from,
      a.to,
      (mail.subject ?? '').slice(0, 998),
      why ? why.slice(0, 2000) : null,
      at.toISOString(),
      messageId ?? '',
      mail.inReplyTo ?? null,
      body,
      full,
      JSON.stringify([...(a.original ? [a.original] : []), ...a.files]),
    ],
  );
  audiences.push(rowAudience('mail_messages', row, directory));
  return { outcome, audiences, head: await advanceHead(query), mailId };
}
