// The demo's mail server (`npm start` runs it): an SMTP server that catches everything the Opta
// server sends (nothing leaves the machine), a page listing what was sent, and a mailbox the
// server reads over IMAP (a private Dovecot, where it is installed) into which the demo's
// clients answer some letters by themselves. Prints OPTA_MAIL_READY with the addresses as JSON.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { answersThis, clientAnswer } from './demo-clients';
import { dovecotInstalled, startDovecot, type Dovecot } from './dovecot';
import { startSmtpCatcher } from './smtp-catcher';

const { values } = parseArgs({
  options: {
    'smtp-port': { type: 'string', default: process.env.OPTA_MAIL_SMTP_PORT ?? '7440' },
    'page-port': { type: 'string', default: process.env.OPTA_MAIL_PAGE_PORT ?? '7441' },
    address: { type: 'string', default: 'desk@opta.localhost' },
    /** Seconds before a demo client answers. */
    'answer-seconds': { type: 'string', default: '15' },
  },
});

const smtp = await startSmtpCatcher({ port: Number(values['smtp-port']) });
let mailbox: Dovecot | null = null;
if (dovecotInstalled()) mailbox = await startDovecot({ user: values.address, password: 'demo-mailbox' });
else console.log('Dovecot is not installed (apt-get install dovecot-imapd): no incoming mail in the demo');

let sent = 0;
let answered = 0;
const answerSeconds = Number(values['answer-seconds']);
smtp.onMail = (m) => {
  const n = sent++;
  // 0: the demo clients answer only when asked (POST /answer-last), as the e2e tests do.
  if (!mailbox || answerSeconds <= 0 || !answersThis(m, n)) return;
  const box = mailbox;
  setTimeout(
    () => void box.deliver(clientAnswer(m, n, values.address)).catch((e: Error) => console.error(e.message)),
    answerSeconds * 1000,
  ).unref();
};

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const page = http.createServer((req, res) => {
  // The client answers the newest ticket letter now (a button for the demo, a step for the tests).
  if (req.method === 'POST' && req.url === '/answer-last') {
    const last = [...smtp.caught].reverse().find((m) => answersThis(m, 0));
    if (!mailbox || !last) {
      res.writeHead(409, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: mailbox ? 'no ticket letter yet' : 'no mailbox (Dovecot)' }));
    }
    void mailbox
      .deliver(clientAnswer(last, answered++, values.address))
      .then(() => {
        // The page's button comes back to the page; a program gets what was answered.
        if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
          res.writeHead(303, { location: '/' });
          return res.end();
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ answered: last.messageId, to: last.envelopeTo }));
      })
      .catch((e: Error) => {
        res.writeHead(500);
        res.end(e.message);
      });
    return;
  }
  const list = [...smtp.caught].reverse();
  const rows = list
    .map(
      (m, i) =>
        `<tr><td>${esc(new Date(m.at).toLocaleString('ru-RU'))}</td><td>${esc(m.envelopeTo.join(', '))}</td>` +
        `<td><details><summary>${esc(m.mail.subject ?? '')}</summary><pre>${esc(m.mail.text ?? '')}</pre>` +
        `<small>${esc(m.messageId)} · ${m.mail.attachments.length} влож.</small></details></td><td>${list.length - i}</td></tr>`,
    )
    .join('');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>Демо-почта Opta</title><meta http-equiv="refresh" content="10">` +
      `<style>body{font:14px Arial,sans-serif;margin:16px}td{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top}pre{white-space:pre-wrap}</style>` +
      `<h3>Отправленные письма (демо): ${list.length}</h3><p>Ничего не уходит с этой машины. Ящик для входящих: ${mailbox ? esc(values.address) : 'выключен (нет Dovecot)'}</p>` +
      (mailbox
        ? `<form method="post" action="/answer-last"><button type="submit">Клиент отвечает на последнее письмо по обращению</button></form>`
        : '') +
      `<table><tr><th>Когда</th><th>Кому</th><th>Тема</th><th>№</th></tr>${rows || '<tr><td colspan="4">Писем ещё нет</td></tr>'}</table>`,
  );
});
await new Promise<void>((resolve) => page.listen(Number(values['page-port']), '127.0.0.1', () => resolve()));
const pagePort = (page.address() as { port: number }).port;

const stop = async () => {
  page.close();
  await smtp.stop();
  await mailbox?.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());

process.stdout.write(
  `OPTA_MAIL_READY ${JSON.stringify({ smtp: smtp.url, imap: mailbox?.url ?? null, page: `http://127.0.0.1:${pagePort}/`, address: values.address })}\n`,
);
