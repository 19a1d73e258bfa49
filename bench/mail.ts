// E-mail figures (issue 22): how fast a backlog of letters leaves through SMTP, beside nodemailer
// alone sending the same letters to the same receiving server; and how long a client's letter
// takes from the company mailbox (a real Dovecot) into the ticket's thread on a desk, beside the
// mailbox's own IDLE news of it (the fastest the reader could hear of it).
import { randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { DeskCore } from '../main/desk-core';
import { startDovecot } from '../server/mail-sim/dovecot';
import { startSmtpCatcher } from '../server/mail-sim/smtp-catcher';
import { mailConfigFrom } from '../server/mail/mail-config';
import { createMailSender } from '../server/mail/mail-sender';
import { startTestCentral } from '../tests/helpers/central';
import { signedInDesk } from '../tests/helpers/desk';
import { until } from '../tests/helpers/until';
import { percentile, ratio, type Figure } from './figures';

const BACKLOG = 1000;
const LETTERS = 20;
const BODY = 'Добрый день! Ваш заказ принят, отгрузка в четверг.\n'.repeat(20);

export async function mailFigures(): Promise<Figure[]> {
  const smtp = await startSmtpCatcher();
  const dovecot = await startDovecot();
  const config = mailConfigFrom({
    OPTA_SMTP_URL: smtp.url,
    OPTA_IMAP_URL: dovecot.url,
    OPTA_MAIL_FROM: 'desk@opta.localhost',
  });
  // The server's own reader at its defaults (IDLE, a look every 30 s); no sender of its own: the
  // backlog below is sent by one measured sender.
  const central = await startTestCentral({ items: 200, orders: 0, mail: { ...config, smtp: null } });
  let desk: DeskCore | null = null;
  try {
    // ---- out: a backlog of letters, as many replies would leave them after an SMTP outage ----
    await central.store.queryObjects(
      `INSERT INTO mail_messages (id, direction, kind, state, client_id, manager_id, from_address, to_address, subject, attempts,
         created_at, message_id, body_text, next_at, version)
       SELECT x.id, 'out', 'ticket.reply', 'queued', 1, 1, 'desk@opta.localhost', 'client' || x.n || '@client.test', 'Ответ ' || x.n, 0,
              now()::text, '<' || x.id || '@opta.localhost>', $2, now(), nextval('row_version')
       FROM (SELECT gen_random_uuid()::text AS id, n FROM generate_series(1, $1::int) n) x`,
      [BACKLOG, BODY],
    );
    const sender = createMailSender({
      store: central.store,
      smtp: config.smtp!,
      company: config.company,
      files: null,
      committed: () => undefined,
    });
    const caughtBefore = smtp.caught.length;
    const t0 = performance.now();
    while ((await sender.sendOnce()).taken > 0);
    const outMs = performance.now() - t0;
    await sender.stop();
    const sent = smtp.caught.length - caughtBefore;
    // The bare library: the same count of letters through one pooled nodemailer transport.
    const bare = nodemailer.createTransport({
      pool: true,
      maxConnections: 4,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
    });
    const b0 = performance.now();
    for (let i = 0; i < BACKLOG; i += 100)
      await Promise.all(
        Array.from({ length: Math.min(100, BACKLOG - i) }, (_, k) =>
          bare.sendMail({
            from: 'desk@opta.localhost',
            to: `bare${i + k}@client.test`,
            subject: `Ответ ${i + k}`,
            text: BODY,
            messageId: `<${randomUUID()}@opta.localhost>`,
          }),
        ),
      );
    const bareMs = performance.now() - b0;
    bare.close();

    // ---- in: a client's letter into the mailbox, until it is in the thread on the desk ----
    const manager = await signedInDesk(central.server.url, 'manager1', 'bench');
    desk = manager;
    const [client] = await central.store.queryObjects<{ id: number; email: string }>(
      `SELECT c.id, lower(c.contacts->0->>'email') AS email FROM clients c JOIN users u ON u.id = c.manager_id
       WHERE u.login = 'manager1' AND c.contacts->0->>'email' LIKE '%@%' ORDER BY c.id LIMIT 1`,
    );
    const { id: ticketId } = await manager.handlers['tickets.create']({
      clientId: client!.id,
      category: 'question',
      subject: 'Сроки',
      fields: {},
      body: 'Вопрос',
      attachments: [],
    });
    await until(
      async () =>
        (await central.store.queryObjects(`SELECT 1 FROM tickets WHERE id = $1 AND number IS NOT NULL`, [ticketId]))
          .length === 1,
      10_000,
    );
    const [{ number }] = (await central.store.queryObjects<{ number: string }>(
      `SELECT number FROM tickets WHERE id = $1`,
      [ticketId],
    )) as [{ number: string }];
    const letter = (n: number) =>
      `From: ${client!.email}\r\nTo: desk@opta.localhost\r\nSubject: Re: [T-${number}] n${n}\r\nMessage-ID: <${randomUUID()}@client.test>\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\n\r\nОтвет ${n}\r\n`;
    const inMs: number[] = [];
    for (let n = 0; n < LETTERS; n++) {
      const s0 = performance.now();
      await dovecot.deliver(letter(n));
      await until(
        async () => (await manager.handlers['tickets.get']({ ticketId })).messages.some((m) => m.body === `Ответ ${n}`),
        30_000,
        10,
      );
      inMs.push(performance.now() - s0);
    }
    // The limit beside it: the mailbox's own IDLE news of a new letter, to a bare imapflow client.
    const watcher = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await watcher.connect();
    const lock = await watcher.getMailboxLock('INBOX');
    const idleMs: number[] = [];
    for (let n = 0; n < 10; n++) {
      const heard = new Promise<void>((resolve) => watcher.once('exists', () => resolve()));
      void watcher.idle().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      const s0 = performance.now();
      await dovecot.deliver(`From: x@client.test\r\nSubject: idle ${n}\r\n\r\nx\r\n`);
      await heard;
      idleMs.push(performance.now() - s0);
    }
    lock.release();
    await watcher.logout();

    const outRate = (sent / outMs) * 1000;
    const bareRate = (BACKLOG / bareMs) * 1000;
    return [
      {
        id: 'mail.out.msgs_per_s',
        value: Math.round(outRate),
        unit: 'msg/s',
        budget: 50,
        min: true,
        note: `${sent} queued letters through the outbox to a local SMTP server in ${(outMs / 1000).toFixed(1)} s; nodemailer alone, same letters and pool: ${Math.round(bareRate)} msg/s`,
      },
      {
        id: 'mail.out.fraction_of_bare_smtp',
        value: ratio(outRate, bareRate),
        unit: 'ratio',
        budget: null,
        note: 'the outbox (lease, send, record with versions) against the bare library',
      },
      {
        id: 'mail.in_to_desk_p95_ms',
        value: Math.round(percentile(inMs, 95)),
        unit: 'ms',
        budget: 5000,
        note: `${LETTERS} letters, APPEND into Dovecot → in the thread on the desk (server reader at its defaults: IDLE); median ${Math.round(percentile(inMs, 50))} ms; Dovecot's IDLE news alone: p95 ${Math.round(percentile(idleMs, 95))} ms`,
      },
    ];
  } finally {
    await desk?.close();
    await central.stop();
    await smtp.stop();
    await dovecot.stop();
  }
}
