// The e-mails a client receives, Russian first with the English beside it (OPTA_MAIL_LOCALE=en
// for a client base that reads English): subject, plain text and a light HTML version, each
// signed with the manager's name and the distributor's requisites. The subject carries the
// ticket's mark, so a reply finds its thread even when the client's mail program drops headers.
import { ticketMark } from '../../domain/mail/mail-effects';
import type { CompanyIdentity } from './mail-config';

export type MailLocale = 'ru' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const words = {
  ru: {
    greeting: 'Здравствуйте!',
    replyHint: 'Чтобы ответить, просто ответьте на это письмо — ответ попадёт в обращение.',
    ticket: 'Обращение',
    regards: 'С уважением,',
  },
  en: {
    greeting: 'Hello,',
    replyHint: 'To answer, simply reply to this e-mail: your reply goes into the request.',
    ticket: 'Request',
    regards: 'Kind regards,',
  },
} as const;

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function signed(
  locale: MailLocale,
  body: string[],
  signer: string,
  company: CompanyIdentity,
): { text: string; html: string } {
  const w = words[locale];
  const footer = [w.regards, signer, ...company.requisites];
  const text = [w.greeting, '', ...body, '', '--', ...footer, '', w.replyHint].join('\n');
  const paragraphs = body.map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`).join('');
  const html =
    `<div style="font-family:Arial,sans-serif;font-size:14px;color:#222">` +
    `<p>${escape(w.greeting)}</p>${paragraphs}` +
    `<p style="color:#555;border-top:1px solid #ddd;padding-top:8px">${footer.map(escape).join('<br>')}</p>` +
    `<p style="color:#888;font-size:12px">${escape(w.replyHint)}</p></div>`;
  return { text, html };
}

/** A staff answer in a ticket. */
export function ticketReplyMail(
  locale: MailLocale,
  t: { number: string | null; subject: string; body: string; staffName: string },
  company: CompanyIdentity,
): RenderedMail {
  const mark = t.number ? `${ticketMark(t.number)} ` : '';
  return { subject: `${mark}${t.subject}`, ...signed(locale, [t.body], t.staffName || company.name, company) };
}

export const mailLocaleFrom = (env: NodeJS.ProcessEnv = process.env): MailLocale =>
  env.OPTA_MAIL_LOCALE === 'en' ? 'en' : 'ru';

export const ticketWord = (locale: MailLocale): string => words[locale].ticket;
