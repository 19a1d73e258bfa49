// The mail worker: takes due messages from the outbox under a lease (so two server instances, or
// one restarted, never send a message at the same time), sends them through the company's SMTP
// server over a small connection pool, and records each outcome: sent; refused by the receiving
// server (bounced, with its words); or retried with capped exponential backoff and jitter, until
// it fails for good. A server killed mid-send sends again after the lease, with the same
// Message-ID, so the receiver keeps one copy: delivered once in effect.
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Row } from '../../domain/sync/mutation-def';
import type { Audience } from '../audience';
import type { FileStore } from '../attachments/file-store';
import { ticketMailNotice } from '../notifications/notices';
import { updateServerRows } from '../row-store';
import type { CentralStore } from '../store';
import type { Query } from '../query';
import type { CompanyIdentity, MailEndpoint } from './mail-config';
import { orderSheet } from './order-sheet';

export interface MailSenderOptions {
  store: CentralStore;
  smtp: MailEndpoint;
  company: CompanyIdentity;
  files: FileStore | null;
  committed: (audiences: Audience[], head: number) => void;
  batchSize?: number;
  /** How long a taken message is the taker's before another sender may take it again. */
  leaseMs?: number;
  /** Attempts before a message fails for good. */
  maxAttempts?: number;
  backoff?: { initialMs: number; maxMs: number };
  idleMs?: number;
  random?: () => number;
  onError?: (err: unknown) => void;
}

export interface MailRound {
  taken: number;
  sent: number;
  bounced: number;
  retried: number;
  failed: number;
}

interface Taken {
  id: string;
  to_address: string;
  from_address: string;
  subject: string;
  message_id: string;
  in_reply_to: string | null;
  body_text: string;
  body_html: string | null;
  files: { sha256: string; name: string; mime: string }[];
  attempts: number;
  kind: string;
  order_id: string | null;
}

type Outcome =
  | { id: string; result: 'sent'; at: string }
  | { id: string; result: 'bounced' | 'failed'; reason: string }
  | { id: string; result: 'retry'; reason: string };

/** An SMTP answer the receiving side gave for good (5xx), as opposed to "not now" (4xx, no answer). */
function permanence(err: unknown): 'bounced' | 'failed' | 'retry' {
  const e = err as { responseCode?: number; command?: string; code?: string };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500)
    return e.command === 'RCPT TO' ? 'bounced' : 'failed';
  return 'retry';
}

const reasonOf = (err: unknown): string => {
  const e = err as { response?: string; message?: string };
  return String(e.response ?? e.message ?? err).slice(0, 500);
};

export function createMailSender(options: MailSenderOptions) {
  const { store, smtp, company } = options;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 120_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const backoff = options.backoff ?? { initialMs: 5_000, maxMs: 30 * 60_000 };
  const random = options.random ?? Math.random;
  const transport: Transporter<SMTPPool.SentMessageInfo> = nodemailer.createTransport({
    pool: true,
    maxConnections: 4,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    socketTimeout: 60_000,
  });
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function take(): Promise<Taken[]> {
    return store.transaction(async (tx) =>
      (tx.query as Query)<Taken>(
        `UPDATE mail_messages m SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
         WHERE m.id IN (SELECT id FROM mail_messages WHERE direction = 'out' AND state = 'queued' AND NOT deleted
                          AND (next_at IS NULL OR next_at <= now()) AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_at NULLS FIRST, created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING m.id, m.to_address, m.from_address, m.subject, m.message_id, m.in_reply_to, m.body_text, m.body_html, m.files, m.attempts, m.kind, m.order_id`,
        [batchSize, leaseMs],
      ),
    );
  }

  async function attachmentsOf(m: Taken) {
    // The order confirmation carries the lines as they are committed when it goes.
    if (m.kind === 'order.accepted' && m.order_id) {
      const sheet = await orderSheet(store.queryObjects as Query, m.order_id);
      return [
        {
          filename: sheet.name,
          content: sheet.content,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        },
      ];
    }
    if (!m.files.length) return [];
    if (!options.files) throw new Error('no file store for the attachments');
    const files = options.files;
    return Promise.all(
      m.files.map(async (f) => {
        const file = await files.read(f.sha256);
        if (!file) throw new Error(`file ${f.sha256.slice(0, 12)} is not in the file store yet`);
        return { filename: f.name, contentType: f.mime, content: file.stream };
      }),
    );
  }

  async function sendOne(m: Taken): Promise<Outcome> {
    try {
      await transport.sendMail({
        from: { name: company.name, address: m.from_address },
        to: m.to_address,
        replyTo: company.address,
        subject: m.subject,
        text: m.body_text,
        html: m.body_html ?? undefined,
        messageId: m.message_id,
        inReplyTo: m.in_reply_to ?? undefined,
        references: m.in_reply_to ?? undefined,
        headers: {
          'X-Opta-Mail': m.id,
          // Our automatic notices say so, and ask vacation responders not to answer them.
          ...(m.kind === 'ticket.reply' ? {} : { 'Auto-Submitted': 'auto-generated' }),
          'X-Auto-Response-Suppress': 'All',
        },
        attachments: await attachmentsOf(m),
      });
      return { id: m.id, result: 'sent', at: new Date().toISOString() };
    } catch (err) {
      const kind = permanence(err);
      if (kind !== 'retry') return { id: m.id, result: kind, reason: reasonOf(err) };
      if (m.attempts + 1 >= maxAttempts) return { id: m.id, result: 'failed', reason: reasonOf(err) };
      return { id: m.id, result: 'retry', reason: reasonOf(err) };
    }
  }

  async function record(taken: Taken[], outcomes: Outcome[]): Promise<void> {
    const byId = new Map(outcomes.map((o) => [o.id, o]));
    const attemptsOf = new Map(taken.map((m) => [m.id, m.attempts + 1]));
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      const changes = new Map<string, (before: Row) => Row | null>();
      const bounced: { ticketId: string; to: string; reason: string }[] = [];
      for (const o of outcomes)
        changes.set(o.id, (b) => {
          // A manager's resend while this sending was on its way: the newer request wins.
          if (b.state !== 'queued') return null;
          const attempts = attemptsOf.get(o.id)!;
          if (o.result === 'sent') return { ...b, state: 'sent', sent_at: o.at, error: null, attempts };
          if (o.result === 'retry') return { ...b, error: o.reason, attempts };
          if (b.ticket_id) bounced.push({ ticketId: String(b.ticket_id), to: String(b.to_address), reason: o.reason });
          return { ...b, state: o.result, error: o.reason, attempts };
        });
      const written = await updateServerRows(query, 'mail_messages', changes);
      // The ticket's assignee hears at once that the letter did not go: the client is still waiting.
      for (const b of bounced) {
        const told = await ticketMailNotice(
          query,
          'mail.bounced',
          b.ticketId,
          { to: b.to, reason: b.reason.slice(0, 300) },
          new Date(),
        );
        written.audiences.push(...told.audiences);
        written.head = Math.max(written.head, told.head);
      }
      const retries = outcomes.filter((o) => o.result === 'retry').map((o) => o.id);
      const delays = retries.map((id) => {
        const exp = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attemptsOf.get(id)! - 1));
        return Math.round(exp / 2 + (random() * exp) / 2);
      });
      await query(
        `UPDATE mail_messages m SET lease_until = NULL,
            next_at = CASE WHEN r.delay IS NULL THEN m.next_at ELSE now() + make_interval(secs => r.delay / 1000.0) END
         FROM unnest($1::text[]) WITH ORDINALITY AS x(id, n) LEFT JOIN unnest($2::text[], $3::float8[]) AS r(id, delay) ON r.id = x.id
         WHERE m.id = x.id`,
        [[...byId.keys()], retries, delays],
      );
      return written;
    });
    if (result.audiences.length) options.committed(result.audiences, result.head);
  }

  async function sendOnce(): Promise<MailRound> {
    const taken = await take();
    const round: MailRound = { taken: taken.length, sent: 0, bounced: 0, retried: 0, failed: 0 };
    if (!taken.length) return round;
    const outcomes = await Promise.all(taken.map(sendOne));
    await record(taken, outcomes);
    for (const o of outcomes)
      if (o.result === 'sent') round.sent++;
      else if (o.result === 'retry') round.retried++;
      else if (o.result === 'bounced') round.bounced++;
      else round.failed++;
    return round;
  }

  async function run(): Promise<void> {
    while (running) {
      let busy = false;
      try {
        busy = (await sendOnce()).taken > 0;
      } catch (err) {
        options.onError?.(err);
      }
      if (!running) break;
      if (!busy)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.idleMs ?? 1_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      wake = null;
    }
  }

  return {
    sendOnce,
    /** Look now, not at the next idle tick (a reply was just written). */
    poke: () => wake?.(),
    start(): void {
      if (running) return;
      running = true;
      loop = run();
    },
    async stop(): Promise<void> {
      running = false;
      wake?.();
      await loop;
      transport.close();
    },
  };
}

export type MailSender = ReturnType<typeof createMailSender>;
