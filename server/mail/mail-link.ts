// E-mail with the clients, as one part of the server: the sender (outbox → SMTP) when an SMTP
// server is configured, the reader (IMAP mailbox → tickets) when a mailbox is. Every instance may
// run both: leases share the outbox, and what the reader takes is recorded once for all.
import type { Logger } from 'pino';
import type { Audience } from '../audience';
import type { FileStore } from '../attachments/file-store';
import type { CentralStore } from '../store';
import type { MailConfig } from './mail-config';
import { createMailReader, type MailReader, type MailReaderOptions } from './mail-reader';
import { createMailSender, type MailSender, type MailSenderOptions } from './mail-sender';

export interface MailLinkOptions {
  store: CentralStore;
  config: MailConfig;
  files: FileStore | null;
  committed: (audiences: Audience[], head: number) => void;
  log: Logger;
  sender?: Partial<MailSenderOptions>;
  reader?: Partial<MailReaderOptions>;
}

export interface MailLink {
  sender: MailSender | null;
  reader: MailReader | null;
  start(): void;
  stop(): Promise<void>;
}

export function createMailLink(options: MailLinkOptions): MailLink {
  const { store, config, files, committed, log } = options;
  const sender = config.smtp
    ? createMailSender({
        store,
        smtp: config.smtp,
        company: config.company,
        files,
        committed,
        onError: (err) => log.warn({ err: (err as Error).message }, 'mail: sending'),
        ...options.sender,
      })
    : null;
  const reader = config.imap
    ? createMailReader({
        store,
        imap: config.imap,
        address: config.company.address,
        files,
        committed,
        onError: (err) => log.warn({ err: (err as Error).message }, 'mail: reading the mailbox'),
        ...options.reader,
      })
    : null;
  return {
    sender,
    reader,
    start() {
      sender?.start();
      reader?.start();
      log.info(
        {
          smtp: config.smtp ? `${config.smtp.host}:${config.smtp.port}` : null,
          imap: config.imap ? `${config.imap.host}:${config.imap.port}/${config.imap.mailbox}` : null,
          from: config.company.address,
        },
        config.smtp || config.imap ? 'mail link' : 'mail link off (no OPTA_SMTP_URL / OPTA_IMAP_URL)',
      );
    },
    async stop() {
      await Promise.all([sender?.stop(), reader?.stop()]);
    },
  };
}
