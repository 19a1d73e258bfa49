// The supervisors' triage of letters no client is known by (or written into someone else's
// ticket): read a letter whole, open a ticket with it for the client it belongs to (in the
// supervisor's team; any client for an admin), or set it aside. Online actions, each in one
// transaction with the letter's new state, recorded in the admins' audit log.
//   GET  /api/mail/letter?id=…             the letter's text and files (who may see the row)
//   POST /api/mail/triage/open {mailId, clientId}
//   POST /api/mail/triage/discard {mailId}
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SessionUser } from '../../domain/roles';
import type { Row } from '../../domain/sync/mutation-def';
import { recordAudit } from '../accounts/admin-audit';
import { canSee, type Audience } from '../audience';
import { readBody, sendError, sendJson } from '../http-io';
import { advanceHead, directoryFor, readRow, updateServerRows } from '../row-store';
import type { CentralStore } from '../store';
import type { Query } from '../query';
import { applyAsServer } from './mail-intake';

const OpenBody = z.object({ mailId: z.string().uuid(), clientId: z.number().int().positive() }).strict();
const DiscardBody = z.object({ mailId: z.string().uuid() }).strict();

/** forbidden, not_found, or "locked" with why (already sorted: stale; a client not in the team). */
function refuse(res: ServerResponse, why: string): void {
  if (why === 'forbidden') return sendError(res, 403, 'forbidden', 'Supervisors and admins sort the mail');
  if (why === 'not_found') return sendError(res, 404, 'not_found', 'No such letter');
  sendError(res, 409, 'locked', why);
}

export function createTriageApi(store: CentralStore, committed: (audiences: Audience[], head: number) => void) {
  async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T | null> {
    try {
      return schema.parse(JSON.parse(await readBody(req, 16 * 1024)));
    } catch {
      return null;
    }
  }

  /** The triage letter, locked, if this user may sort it; otherwise why not. */
  async function triageLetter(query: Query, user: SessionUser, mailId: string): Promise<Row | string> {
    if (user.role === 'manager') return 'forbidden';
    const row = await readRow(query, 'mail_messages', mailId, true);
    if (!row || !canSee(user, 'mail_messages', row, await directoryFor(query))) return 'not_found';
    return row.state === 'triage' ? row : 'stale';
  }

  return async (req: IncomingMessage, res: ServerResponse, user: SessionUser, route: string, url: URL) => {
    if (route === 'GET /api/mail/letter') {
      const id = url.searchParams.get('id') ?? '';
      if (!z.string().uuid().safeParse(id).success) return sendError(res, 400, 'bad_input', 'id: a letter id');
      const [row] = await store.queryObjects<Row & { body_text: string; original: string | null; files: unknown[] }>(
        `SELECT * FROM mail_messages WHERE id = $1 AND NOT deleted`,
        [id],
      );
      if (!row || !canSee(user, 'mail_messages', row, await directoryFor(store.queryObjects as Query)))
        return sendError(res, 404, 'not_found', 'No such letter');
      return sendJson(res, 200, { text: row.original ?? row.body_text, trimmed: row.body_text, files: row.files });
    }
    if (route === 'POST /api/mail/triage/open') {
      const b = await body(req, OpenBody);
      if (!b) return sendError(res, 400, 'bad_input', 'mailId, clientId');
      const at = new Date();
      const result = await store.transaction(async (tx) => {
        const query = tx.query as Query;
        const letter = await triageLetter(query, user, b.mailId);
        if (typeof letter === 'string') return letter;
        const client = await readRow(query, 'clients', String(b.clientId), false);
        if (!client || !canSee(user, 'clients', client, await directoryFor(query))) return 'client_out_of_scope';
        const [full] = await query<{ body_text: string; files: { mime?: string }[] }>(
          `SELECT body_text, files FROM mail_messages WHERE id = $1`,
          [b.mailId],
        );
        const ticketId = randomUUID();
        const messageId = randomUUID();
        const subject = String(letter.subject ?? '')
          .replace(/^\s*((re|fw|fwd|ответ|отв)\s*:\s*)+/iu, '')
          .trim();
        const opened = await applyAsServer(
          query,
          'ticket.create@1',
          {
            ticketId,
            messageId,
            clientId: b.clientId,
            category: 'question',
            subject: (subject.length >= 3 ? subject : `E-mail: ${String(letter.from_address)}`).slice(0, 300),
            body: full?.body_text || '—',
            attachments: (full?.files ?? []).filter((f) => f.mime !== 'message/rfc822'),
          },
          at,
        );
        if (!opened.ok) return opened.message;
        const moved = await updateServerRows(
          query,
          'mail_messages',
          new Map([
            [
              b.mailId,
              (r: Row) => ({
                ...r,
                state: 'opened',
                client_id: b.clientId,
                manager_id: client.manager_id,
                ticket_id: ticketId,
                ticket_message_id: messageId,
              }),
            ],
          ]),
        );
        await recordAudit(
          query,
          {
            actorId: user.id,
            action: 'mail.triage.open',
            target: `mail:${b.mailId}`,
            before: { state: 'triage' },
            after: { ticketId, clientId: b.clientId },
          },
          at,
        );
        return { ticketId, audiences: [...opened.audiences, ...moved.audiences], head: await advanceHead(query) };
      });
      if (typeof result === 'string') return refuse(res, result);
      committed(result.audiences, result.head);
      return sendJson(res, 200, { ticketId: result.ticketId });
    }
    if (route === 'POST /api/mail/triage/discard') {
      const b = await body(req, DiscardBody);
      if (!b) return sendError(res, 400, 'bad_input', 'mailId');
      const at = new Date();
      const result = await store.transaction(async (tx) => {
        const query = tx.query as Query;
        const letter = await triageLetter(query, user, b.mailId);
        if (typeof letter === 'string') return letter;
        const moved = await updateServerRows(
          query,
          'mail_messages',
          new Map([[b.mailId, (r: Row) => ({ ...r, state: 'ignored', error: `discarded:${r.error ?? ''}` })]]),
        );
        await recordAudit(
          query,
          {
            actorId: user.id,
            action: 'mail.triage.discard',
            target: `mail:${b.mailId}`,
            before: { state: 'triage' },
            after: { state: 'ignored' },
          },
          at,
        );
        return moved;
      });
      if (typeof result === 'string') return refuse(res, result);
      committed(result.audiences, result.head);
      return sendJson(res, 200, { ok: true });
    }
    sendError(res, 404, 'not_found', 'Not found');
  };
}
