// E-mail with the clients over real protocols on loopback: the server sends through SMTP into a
// receiving server (smtp-server) and reads a real IMAP mailbox (Dovecot). A manager's answer
// reaches the client's contact with the ticket's mark; the client's reply comes back into the
// thread with the quote trimmed; a known contact's letter opens a ticket; strangers, forged
// senders, auto-replies and bounces never open tickets; a refused address is corrected and sent
// again; a receiver's "later" is retried; a sending cut off before the receiver's answer is sent
// again with the same Message-ID. The mailbox reader's own promises are in mail-reader.test.ts.
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskCore } from '../../main/desk-core';
import { startDovecot, type Dovecot } from '../../server/mail-sim/dovecot';
import { startSmtpCatcher, type SmtpCatcher } from '../../server/mail-sim/smtp-catcher';
import { mailConfigFrom } from '../../server/mail/mail-config';
import { createMailSender } from '../../server/mail/mail-sender';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { signedInDesk } from '../helpers/desk';
import { encoded, letter, openTicket } from '../helpers/mail-letters';
import { until } from '../helpers/until';

let dovecot: Dovecot;
let smtp: SmtpCatcher;
let central: TestCentral;
let manager: DeskCore;
let client: { id: number; email: string };
let other: { id: number; email: string };

const q = <T>(sql: string, params: unknown[] = []) => central.store.queryObjects<T>(sql, params);

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpCatcher();
  const config = mailConfigFrom({
    OPTA_SMTP_URL: smtp.url,
    OPTA_IMAP_URL: dovecot.url,
    OPTA_MAIL_FROM: 'desk@opta.localhost',
  });
  central = await startTestCentral({
    items: 200,
    orders: 0,
    mail: config,
    mailOptions: {
      sender: { idleMs: 50, backoff: { initialMs: 50, maxMs: 200 } },
      reader: { pollMs: 200 },
    },
  });
  manager = await signedInDesk(central.server.url, 'manager1');
  const rows = await q<{ id: number; email: string }>(
    `SELECT c.id, lower(c.contacts->0->>'email') AS email FROM clients c JOIN users u ON u.id = c.manager_id
     WHERE u.login = 'manager1' AND c.contacts->0->>'email' LIKE '%@%' ORDER BY c.id LIMIT 2`,
  );
  [client, other] = rows as [typeof client, typeof other];
}, 120_000);

afterAll(async () => {
  await manager?.close();
  await central?.stop();
  await smtp?.stop();
  await dovecot?.stop();
});

async function newTicket(subject: string): Promise<string> {
  return (await openTicket(manager, central.store, client.id, subject)).id;
}

describe('e-mail with the clients', () => {
  it("a manager's answer goes to the client's contact; the client's reply comes back into the thread", async () => {
    const ticketId = await newTicket('Когда отгрузка?');
    await manager.handlers['tickets.reply']({
      ticketId,
      author: 'staff',
      body: 'Отгрузим в четверг.',
      attachments: [],
      then: 'waiting_client',
    });
    await until(() => smtp.caught.some((m) => m.envelopeTo.includes(client.email)), 15_000);
    const out = smtp.caught.find((m) => m.envelopeTo.includes(client.email))!;
    const [ticket] = await q<{ number: string }>(`SELECT number FROM tickets WHERE id = $1`, [ticketId]);
    expect(out.mail.subject).toBe(`[Т-${ticket!.number}] Когда отгрузка?`);
    expect(out.mail.text).toContain('Отгрузим в четверг.');
    expect(out.mail.text).toContain('ИНН');
    expect(out.mail.headers.get('x-opta-mail')).toBeTruthy();
    // The desk shows the letter's state beside the message.
    await until(async () => {
      const t = await manager.handlers['tickets.get']({ ticketId });
      return t.messages.find((m) => m.authorKind === 'staff')?.mail?.state === 'sent';
    }, 10_000);

    await dovecot.deliver(
      letter(
        {
          From: `Иван <${client.email}>`,
          To: 'desk@opta.localhost',
          Subject: encoded(`Re: ${out.mail.subject}`),
          'In-Reply-To': out.messageId,
          References: out.messageId,
        },
        `Спасибо, ждём в четверг.\n\nчт, 3 дек. 2026 г. в 10:15, Opta <desk@opta.localhost>:\n> Отгрузим в четверг.`,
      ),
    );
    await until(async () => {
      const t = await manager.handlers['tickets.get']({ ticketId });
      return t.messages.some((m) => m.authorKind === 'client' && m.mail?.direction === 'in');
    }, 10_000);
    const t = await manager.handlers['tickets.get']({ ticketId });
    const reply = t.messages.find((m) => m.mail?.direction === 'in')!;
    expect(reply.body).toBe('Спасибо, ждём в четверг.');
    expect(reply.mail!.fromAddress).toBe(client.email);
    // A client's answer moves a ticket that waited for them back into work.
    expect(t.status).toBe('in_progress');
    const [kept] = await q<{ original: string }>(`SELECT original FROM mail_messages WHERE ticket_message_id = $1`, [
      reply.id,
    ]);
    expect(kept!.original).toContain('> Отгрузим в четверг.');
    // The manager hears of it in the notification centre, on the desk.
    await until(
      async () =>
        (await manager.handlers['notifications.list']({})).items.some(
          (n) => n.kind === 'mail.in' && n.refId === ticketId,
        ),
      10_000,
    );
  });

  it('a known contact opens a ticket; a stranger, a forged sender and an auto-reply do not', async () => {
    const before = Number((await q<{ n: number }>(`SELECT count(*)::int AS n FROM tickets`))[0]!.n);
    await dovecot.deliver(
      letter(
        { From: client.email, To: 'desk@opta.localhost', Subject: encoded('Нужен счёт на предоплату') },
        'Выставьте счёт, пожалуйста.',
      ),
    );
    await until(
      async () => (await q(`SELECT 1 FROM mail_messages WHERE direction = 'in' AND state = 'opened'`)).length === 1,
      10_000,
    );
    const [opened] = await q<{ ticket_id: string }>(`SELECT ticket_id FROM mail_messages WHERE state = 'opened'`);
    const [ticket] = await q<{ category: string; client_id: number; subject: string; number: string }>(
      `SELECT category, client_id, subject, number FROM tickets WHERE id = $1`,
      [opened!.ticket_id],
    );
    expect(ticket).toMatchObject({ category: 'question', client_id: client.id, subject: 'Нужен счёт на предоплату' });
    await until(
      async () => (await manager.handlers['tickets.list']({ queue: 'open' })).some((t) => t.id === opened!.ticket_id),
      10_000,
    );

    await dovecot.deliver(
      letter({ From: 'someone@unknown.test', To: 'desk@opta.localhost', Subject: 'Прайс' }, 'Пришлите прайс'),
    );
    // Another client's contact writes into this client's ticket: not threaded.
    await dovecot.deliver(
      letter(
        { From: other.email, To: 'desk@opta.localhost', Subject: encoded(`Re: [Т-${ticket!.number}] x`) },
        'Это наш заказ?',
      ),
    );
    await dovecot.deliver(
      letter(
        {
          From: client.email,
          To: 'desk@opta.localhost',
          Subject: encoded('Автоответ: Нужен счёт'),
          'Auto-Submitted': 'auto-replied',
        },
        'Я в отпуске до понедельника.',
      ),
    );
    await until(async () => (await q(`SELECT 1 FROM mail_messages WHERE direction = 'in'`)).length === 5, 10_000);
    const states = await q<{ from_address: string; state: string; error: string | null; manager_id: number | null }>(
      `SELECT from_address, state, error, manager_id FROM mail_messages WHERE direction = 'in' ORDER BY created_at`,
    );
    expect(states.slice(2).map((s) => [s.state, s.error])).toEqual([
      ['triage', 'unknown_sender'],
      ['triage', 'sender_not_client'],
      ['ignored', 'auto_reply'],
    ]);
    expect(states[2]!.manager_id).toBeNull();
    expect(Number((await q<{ n: number }>(`SELECT count(*)::int AS n FROM tickets`))[0]!.n)).toBe(before + 1);
    // Nothing answered the auto-reply.
    expect(smtp.caught.filter((m) => m.envelopeTo.includes(client.email))).toHaveLength(1);
  });

  it("a refused address bounces with the receiver's words; corrected, the letter goes again under a new Message-ID", async () => {
    const ticketId = await newTicket('Возврат');
    smtp.refuse.add(client.email);
    await manager.handlers['tickets.reply']({
      ticketId,
      author: 'staff',
      body: 'Оформляем возврат.',
      attachments: [],
      then: null,
    });
    const bounced = async () =>
      (await manager.handlers['tickets.get']({ ticketId })).messages.find((m) => m.authorKind === 'staff' && m.mail)
        ?.mail;
    await until(async () => (await bounced())?.state === 'bounced', 10_000);
    expect((await bounced())!.error).toContain('No such user');
    await until(
      async () =>
        (await manager.handlers['notifications.list']({})).items.some(
          (n) => n.kind === 'mail.bounced' && n.refId === ticketId && String(n.params.to) === client.email,
        ),
      10_000,
    );
    smtp.refuse.delete(client.email);
    const mailId = (await bounced())!.id;
    await expect(
      Promise.resolve().then(() => manager.handlers['tickets.resendMail']({ mailId, toAddress: 'не адрес' })),
    ).rejects.toMatchObject({ code: 'bad_input' });
    await manager.handlers['tickets.resendMail']({ mailId: (await bounced())!.id, toAddress: 'Buh@Client.test' });
    await until(async () => (await bounced())?.state === 'sent', 10_000);
    const sent = smtp.caught.filter((m) => m.envelopeTo.includes('buh@client.test'));
    expect(sent).toHaveLength(1);
    const [row] = await q<{ message_id: string }>(`SELECT message_id FROM mail_messages WHERE id = $1`, [
      (await bounced())!.id,
    ]);
    expect(sent[0]!.messageId).toBe(row!.message_id);
  });

  it('a bounce report arriving later marks the letter bounced, and opens nothing', async () => {
    const ticketId = await newTicket('Документы');
    await manager.handlers['tickets.reply']({
      ticketId,
      author: 'staff',
      body: 'Документы во вложении.',
      attachments: [],
      then: null,
    });
    await until(
      async () =>
        (await q(`SELECT 1 FROM mail_messages WHERE ticket_id = $1 AND state = 'sent'`, [ticketId])).length === 1,
      10_000,
    );
    const [ours] = await q<{ id: string; message_id: string }>(
      `SELECT id, message_id FROM mail_messages WHERE ticket_id = $1`,
      [ticketId],
    );
    const boundary = 'b0undary';
    await dovecot.deliver(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.client.test>',
        'To: desk@opta.localhost',
        'Subject: Undelivered Mail Returned to Sender',
        'Auto-Submitted: auto-replied',
        'MIME-Version: 1.0',
        `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.client.test',
        '',
        `Final-Recipient: rfc822; ${client.email}`,
        'Action: failed',
        'Status: 5.2.2',
        'Diagnostic-Code: smtp; 552 5.2.2 Mailbox full',
        `--${boundary}`,
        'Content-Type: text/rfc822-headers',
        '',
        `Message-ID: ${ours!.message_id}`,
        `X-Opta-Mail: ${ours!.id}`,
        'Subject: Документы',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
    await until(
      async () => (await q(`SELECT 1 FROM mail_messages WHERE id = $1 AND state = 'bounced'`, [ours!.id])).length === 1,
      10_000,
    );
    const [row] = await q<{ error: string }>(`SELECT error FROM mail_messages WHERE id = $1`, [ours!.id]);
    expect(row!.error).toContain('Mailbox full');
    const [t] = await q<{ messages_count: number }>(`SELECT messages_count FROM tickets WHERE id = $1`, [ticketId]);
    expect(t!.messages_count).toBe(2);
  });

  it('a receiver\'s "later" is retried until it takes the letter, once', async () => {
    const ticketId = await newTicket('Сертификаты');
    smtp.unavailable = true;
    await manager.handlers['tickets.reply']({
      ticketId,
      author: 'staff',
      body: 'Сертификаты пришлём.',
      attachments: [],
      then: null,
    });
    await until(
      async () =>
        Number(
          (await q<{ attempts: number }>(`SELECT attempts FROM mail_messages WHERE ticket_id = $1`, [ticketId]))[0]
            ?.attempts ?? 0,
        ) >= 2,
      10_000,
    );
    const [waiting] = await q<{ state: string; error: string }>(
      `SELECT state, error FROM mail_messages WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(waiting).toMatchObject({ state: 'queued' });
    expect(waiting!.error).toContain('Try again later');
    smtp.unavailable = false;
    await until(
      async () =>
        (await q(`SELECT 1 FROM mail_messages WHERE ticket_id = $1 AND state = 'sent'`, [ticketId])).length === 1,
      10_000,
    );
    const [row] = await q<{ message_id: string }>(`SELECT message_id FROM mail_messages WHERE ticket_id = $1`, [
      ticketId,
    ]);
    expect(smtp.copies(row!.message_id)).toBe(1);
  });

  it('a sending cut off before the receiver answered is sent again with the same Message-ID', async () => {
    const ticketId = await newTicket('Обрыв');
    await central.server.mailLink!.sender!.stop();
    await manager.handlers['tickets.reply']({
      ticketId,
      author: 'staff',
      body: 'Ответ при обрыве.',
      attachments: [],
      then: null,
    });
    await until(
      async () => (await q(`SELECT 1 FROM mail_messages WHERE ticket_id = $1`, [ticketId])).length === 1,
      10_000,
    );
    const config = mailConfigFrom({ OPTA_SMTP_URL: smtp.url, OPTA_MAIL_FROM: 'desk@opta.localhost' });
    const sender = (leaseMs: number) =>
      createMailSender({
        store: central.store,
        smtp: config.smtp!,
        company: config.company,
        files: null,
        committed: () => undefined,
        leaseMs,
      });
    // The receiver keeps the letter but its answer never comes back: as if the server died
    // between handing the letter over and hearing that it was taken.
    const before = smtp.caught.length;
    smtp.holdAnswers = true;
    const cut = sender(300);
    void cut.sendOnce().catch(() => undefined);
    await until(() => smtp.caught.length > before, 5_000);
    smtp.holdAnswers = false;
    await new Promise((r) => setTimeout(r, 400));
    // After the lease the restarted server sends it again: the same letter, the same Message-ID.
    const again = sender(120_000);
    await until(async () => (await again.sendOnce()).sent === 1, 5_000);
    smtp.releaseHeld();
    await again.stop();
    const [row] = await q<{ message_id: string; state: string; attempts: number }>(
      `SELECT message_id, state, attempts FROM mail_messages WHERE ticket_id = $1`,
      [ticketId],
    );
    expect(row!.state).toBe('sent');
    const copies = smtp.caught.slice(before);
    expect(copies).toHaveLength(2);
    expect(copies.every((c) => c.messageId === row!.message_id)).toBe(true);
    // The late answer to the first sending changes nothing: the letter stays sent, once.
    await new Promise((r) => setTimeout(r, 200));
    expect(
      (await q<{ state: string }>(`SELECT state FROM mail_messages WHERE ticket_id = $1`, [ticketId]))[0]!.state,
    ).toBe('sent');
    await cut.stop();
  });
  it('a letter with HTML only, an executable, a winmail.dat, a 40 MB file and a PDF: text read, the PDF kept, the rest refused and said', async () => {
    const ticketId = await newTicket('Вложения');
    const [ticket] = await q<{ number: string }>(`SELECT number FROM tickets WHERE id = $1`, [ticketId]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const raw = await new MailComposer({
      from: client.email,
      to: 'desk@opta.localhost',
      subject: `Re: [Т-${ticket!.number}] Вложения`,
      html: '<p>Добрый день!</p><p>Акт <b>во вложении</b>.</p>',
      attachments: [
        { filename: 'акт.pdf', content: pdf },
        { filename: 'setup.exe', content: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 1)]) },
        { filename: 'winmail.dat', content: Buffer.alloc(2048, 7), contentType: 'application/ms-tnef' },
        { filename: 'большой.zip', content: Buffer.alloc(40 * 1024 * 1024, 65) },
      ],
    })
      .compile()
      .build();
    await dovecot.deliver(raw);
    await until(
      async () =>
        (await q(`SELECT 1 FROM mail_messages WHERE ticket_id = $1 AND direction = 'in'`, [ticketId])).length === 1,
      30_000,
    );
    const [mail] = await q<{ state: string; error: string; ticket_message_id: string; files: { name: string }[] }>(
      `SELECT state, error, ticket_message_id, files FROM mail_messages WHERE ticket_id = $1 AND direction = 'in'`,
      [ticketId],
    );
    expect(mail!.state).toBe('threaded');
    expect(mail!.error).toContain('setup.exe (file_type');
    expect(mail!.error).toContain('winmail.dat (winmail)');
    expect(mail!.error).toContain('большой.zip (too_large');
    // Nothing the client sent is lost: the whole letter is kept beside what the thread shows.
    expect(mail!.files.map((f) => f.name)).toEqual(['original.eml', 'акт.pdf']);
    const [message] = await q<{ body: string; attachments: { name: string; mime: string }[] }>(
      `SELECT body, attachments FROM ticket_messages WHERE id = $1`,
      [mail!.ticket_message_id],
    );
    expect(message!.body).toContain('Акт во вложении.');
    expect(message!.attachments).toEqual([expect.objectContaining({ name: 'акт.pdf', mime: 'application/pdf' })]);
  });

  it('a supervisor sorts the triage: reads a letter, opens a request for a client of the team, sets another aside', async () => {
    const [sup] = await q<{ login: string }>(
      `SELECT s.login FROM users m JOIN users s ON s.id = m.supervisor_id WHERE m.login = 'manager1'`,
    );
    const supervisor = await signedInDesk(central.server.url, sup!.login);
    try {
      const waiting = await supervisor.handlers['mail.triage']({});
      const stranger = waiting.find((l) => l.fromAddress === 'someone@unknown.test')!;
      const forged = waiting.find((l) => l.fromAddress === other.email)!;
      expect(stranger.reason).toBe('unknown_sender');
      expect((await supervisor.handlers['mail.letter']({ mailId: stranger.id })).text).toContain('Пришлите прайс');
      // A manager does not sort the triage, nor read letters that are not theirs.
      await expect(
        manager.handlers['mail.openTicket']({ mailId: stranger.id, clientId: client.id }),
      ).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(manager.handlers['mail.letter']({ mailId: stranger.id })).rejects.toMatchObject({
        code: 'not_found',
      });
      const { ticketId } = await supervisor.handlers['mail.openTicket']({ mailId: stranger.id, clientId: client.id });
      const [ticket] = await q<{ client_id: number; category: string }>(
        `SELECT client_id, category FROM tickets WHERE id = $1`,
        [ticketId],
      );
      expect(ticket).toEqual({ client_id: client.id, category: 'question' });
      // Sorted once: a second try is refused, and the manager's desk gets the request.
      await expect(
        supervisor.handlers['mail.openTicket']({ mailId: stranger.id, clientId: client.id }),
      ).rejects.toMatchObject({
        code: 'locked',
      });
      await until(
        async () => (await manager.handlers['tickets.list']({ queue: 'all' })).some((t) => t.id === ticketId),
        10_000,
      );
      await supervisor.handlers['mail.discard']({ mailId: forged.id });
      await until(
        async () =>
          (await supervisor.handlers['mail.triage']({})).every((l) => l.id !== forged.id && l.id !== stranger.id),
        10_000,
      );
      const audit = await q<{ action: string }>(
        `SELECT action FROM admin_audit WHERE action LIKE 'mail.triage.%' ORDER BY at`,
      );
      expect(audit.map((a) => a.action)).toEqual(['mail.triage.open', 'mail.triage.discard']);
    } finally {
      await supervisor.close();
    }
  });
});
