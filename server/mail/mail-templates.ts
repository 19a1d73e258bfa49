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

const claimWords = {
  ru: {
    registered: (n: string, order: string) => [
      `Ваша рекламация № ${n} по заказу ${order} зарегистрирована.`,
      'Мы рассмотрим её в срок и сообщим решение письмом.',
    ],
    approved: (n: string, how: string, amount: string) => [
      `По рекламации № ${n} принято решение: удовлетворить.`,
      `Решение: ${how}${amount ? `, сумма ${amount} ₽` : ''}.`,
    ],
    rejected: (n: string, reason: string) => [
      `По рекламации № ${n} принято решение: отказать.`,
      reason ? `Причина: ${reason}` : '',
    ],
    resolution: { replacement: 'замена товара', refund: 'возврат денег', credit_note: 'корректировка (кредит-нота)' },
    subject: (n: string) => `Рекламация № ${n}`,
  },
  en: {
    registered: (n: string, order: string) => [
      `Your claim No. ${n} on order ${order} has been registered.`,
      'We will review it in time and write to you with the decision.',
    ],
    approved: (n: string, how: string, amount: string) => [
      `Claim No. ${n} has been approved.`,
      `Resolution: ${how}${amount ? `, amount ${amount} RUB` : ''}.`,
    ],
    rejected: (n: string, reason: string) => [`Claim No. ${n} has been rejected.`, reason ? `Reason: ${reason}` : ''],
    resolution: { replacement: 'replacement', refund: 'refund', credit_note: 'credit note' },
    subject: (n: string) => `Claim No. ${n}`,
  },
} as const;

/** A claim registered, or its decision. */
export function claimMail(
  locale: MailLocale,
  c: {
    number: string;
    orderNumber: string;
    status: string;
    resolution: string | null;
    amount: string | null;
    reason: string;
    signer: string;
  },
  company: CompanyIdentity,
): RenderedMail {
  const w = claimWords[locale];
  const body =
    c.status === 'approved'
      ? w.approved(
          c.number,
          w.resolution[c.resolution as keyof typeof w.resolution] ?? c.resolution ?? '',
          c.amount ?? '',
        )
      : c.status === 'rejected'
        ? w.rejected(c.number, c.reason)
        : w.registered(c.number, c.orderNumber);
  return { subject: w.subject(c.number), ...signed(locale, body.filter(Boolean), c.signer || company.name, company) };
}

/** 1C accepted an order: its numbers, total and the lines attached as a spreadsheet. */
export function orderAcceptedMail(
  locale: MailLocale,
  o: { number: string; erpNumber: string; total: string; lines: number; signer: string },
  company: CompanyIdentity,
): RenderedMail {
  const body =
    locale === 'ru'
      ? [
          `Ваш заказ ${o.number} принят, номер в нашей учётной системе — ${o.erpNumber}.`,
          `Строк: ${o.lines}, сумма ${o.total} ₽. Состав заказа — во вложении (.xlsx).`,
        ]
      : [
          `Your order ${o.number} has been accepted; its number in our system is ${o.erpNumber}.`,
          `Lines: ${o.lines}, total ${o.total} RUB. The lines are attached (.xlsx).`,
        ];
  const subject =
    locale === 'ru' ? `Заказ ${o.number} принят (${o.erpNumber})` : `Order ${o.number} accepted (${o.erpNumber})`;
  return { subject, ...signed(locale, body, o.signer || company.name, company) };
}

/** An order shipped, to the contacts who asked for it. */
export function orderShippedMail(
  locale: MailLocale,
  o: { number: string; erpNumber: string; signer: string },
  company: CompanyIdentity,
): RenderedMail {
  const body =
    locale === 'ru'
      ? [`Ваш заказ ${o.number} (${o.erpNumber}) отгружен.`]
      : [`Your order ${o.number} (${o.erpNumber}) has been shipped.`];
  const subject = locale === 'ru' ? `Заказ ${o.number} отгружен` : `Order ${o.number} shipped`;
  return { subject, ...signed(locale, body, o.signer || company.name, company) };
}
