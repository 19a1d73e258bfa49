// Where the server's e-mail goes and comes from: the company's SMTP server (out) and mailbox
// (IMAP, in), from the environment like every credential (never the repository or the command
// line), and who the e-mail says it is from: the distributor's name and requisites. Anything but
// loopback must be encrypted (smtps, or STARTTLS required; imaps, or STARTTLS required).
import { isLoopbackHost } from '../../domain/transport/loopback';
import { SUPPLIER_NAME } from '../../domain/aftersales/claim-form';

export interface MailEndpoint {
  host: string;
  port: number;
  /** Implicit TLS (smtps:, imaps:). */
  secure: boolean;
  /** STARTTLS is required (any host but loopback, without implicit TLS). */
  requireTls: boolean;
  user: string | null;
  password: string | null;
}

export interface CompanyIdentity {
  /** The address our e-mail comes from and replies go to: the mailbox the reader reads. */
  address: string;
  name: string;
  /** Lines under every message: the legal name, INN, phone, site. */
  requisites: string[];
}

export interface MailConfig {
  smtp: MailEndpoint | null;
  imap: (MailEndpoint & { mailbox: string }) | null;
  company: CompanyIdentity;
}

function endpoint(raw: string, kinds: { plain: string; secure: string; defaults: [number, number] }): MailEndpoint {
  const url = new URL(raw);
  const secure = url.protocol === `${kinds.secure}:`;
  if (!secure && url.protocol !== `${kinds.plain}:`)
    throw new Error(`${raw.replace(/\/\/[^@]*@/, '//…@')}: use ${kinds.plain}:// or ${kinds.secure}://`);
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? kinds.defaults[1] : kinds.defaults[0]),
    secure,
    requireTls: !secure && !isLoopbackHost(url.hostname),
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

/**
 * OPTA_SMTP_URL (smtp://user:password@host:587 or smtps://…:465), OPTA_IMAP_URL
 * (imaps://user:password@host:993/INBOX), OPTA_MAIL_FROM (the company's address),
 * OPTA_COMPANY_NAME and OPTA_COMPANY_REQUISITES (lines separated by "|").
 */
export function mailConfigFrom(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const address = env.OPTA_MAIL_FROM?.trim() || 'desk@opta.localhost';
  const name = env.OPTA_COMPANY_NAME?.trim() || SUPPLIER_NAME;
  const requisites = (env.OPTA_COMPANY_REQUISITES ?? `${name}|ИНН 7701234567 · КПП 770101001|+7 495 000-00-00`)
    .split('|')
    .map((l) => l.trim())
    .filter(Boolean);
  const imapUrl = env.OPTA_IMAP_URL ? new URL(env.OPTA_IMAP_URL) : null;
  return {
    smtp: env.OPTA_SMTP_URL
      ? endpoint(env.OPTA_SMTP_URL, { plain: 'smtp', secure: 'smtps', defaults: [587, 465] })
      : null,
    imap:
      env.OPTA_IMAP_URL && imapUrl
        ? {
            ...endpoint(env.OPTA_IMAP_URL, { plain: 'imap', secure: 'imaps', defaults: [143, 993] }),
            mailbox: decodeURIComponent(imapUrl.pathname.replace(/^\//, '')) || 'INBOX',
          }
        : null,
    company: { address, name, requisites },
  };
}

/** The domain Message-IDs are made in: the company's, so they are unique to it. */
export const messageDomain = (company: CompanyIdentity): string => company.address.split('@')[1] ?? 'opta.localhost';
