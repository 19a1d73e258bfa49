// The demo's clients answer by e-mail: a letter the server sends to a client's contact in a
// ticket is answered a little later (every second one, so a thread moves by itself but not every
// answer gets one), as a mail program would: "Re:" with the ticket's mark, In-Reply-To and
// References to our Message-ID, the new text on top and ours quoted below.
import type { CaughtMail } from './smtp-catcher';

const ANSWERS = [
  'Спасибо, получили. Ждём.',
  'Добрый день! Уточните, пожалуйста, сроки.',
  'Понятно, спасибо. Пришлите документы, когда будут готовы.',
  'Хорошо, договорились.',
];

const encoded = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

/** A client's reply to one of our letters, as raw RFC 5322 text. */
export function clientAnswer(to: CaughtMail, n: number, ourAddress: string): string {
  const from = to.envelopeTo[0] ?? 'client@example.ru';
  const quoted = (to.mail.text ?? '')
    .split('\n')
    .slice(0, 12)
    .map((l) => `> ${l}`)
    .join('\r\n');
  const date = new Date();
  const when = date.toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' });
  return [
    `From: ${from}`,
    `To: ${ourAddress}`,
    `Subject: ${encoded(`Re: ${to.mail.subject ?? ''}`)}`,
    `Message-ID: <${Date.now().toString(36)}.${n}@${from.split('@')[1] ?? 'example.ru'}>`,
    `In-Reply-To: ${to.messageId}`,
    `References: ${to.messageId}`,
    `Date: ${date.toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    ANSWERS[n % ANSWERS.length]!,
    '',
    `${when}, ${ourAddress} пишет:`,
    quoted,
    '',
  ].join('\r\n');
}

/** Whether the demo client answers this letter: ticket answers, every second one. */
export const answersThis = (m: CaughtMail, n: number): boolean =>
  /\[Т-\d+\]/u.test(m.mail.subject ?? '') && n % 2 === 0;
