// The mailbox reader: one IMAP connection to the company's mailbox (imapflow), the mailbox held
// open so the server's IDLE tells of new mail at once (and a poll as a fallback), new messages
// taken in UID order, each in its own transaction with the record that it was taken (so a
// restart mid-fetch takes nothing twice), then flagged \Seen for the people who also read that
// mailbox. Attachments are checked by content like uploads and kept in the file store; the whole
// message is kept too, so what a client sent is never lost, even what the thread cannot show.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser, type Attachment } from 'mailparser';
import { safeAttachmentName, type AttachmentRef } from '../../domain/aftersales/attachment';
import { fileKind } from '../../domain/aftersales/file-kind';
import type { Audience } from '../audience';
import type { FileStore } from '../attachments/file-store';
import type { CentralStore } from '../store';
import type { Query } from '../query';
import type { MailConfig } from './mail-config';
import { takeMail, type IntakeOutcome, type StoredFile } from './mail-intake';

/** Largest attachment kept from an e-mail (most mail servers refuse more anyway); the message keeps it. */
export const MAIL_FILE_MAX_BYTES = 25 * 1024 * 1024;
/** Largest message read whole; a bigger one stays in the mailbox and is listed for triage. */
export const MAIL_MESSAGE_MAX_BYTES = 80 * 1024 * 1024;
const BATCH = 50;

export interface MailReaderOptions {
  store: CentralStore;
  imap: NonNullable<MailConfig['imap']>;
  address: string;
  files: FileStore | null;
  committed: (audiences: Audience[], head: number) => void;
  /** Look even without IDLE news this often. */
  pollMs?: number;
  /** Told of each letter taken, before it is flagged Seen (awaited: a test may act there). */
  onTaken?: (outcome: IntakeOutcome, uid: number) => void | Promise<void>;
  onError?: (err: unknown) => void;
}

async function keep(files: FileStore, store: CentralStore, bytes: Buffer, mime: string): Promise<string> {
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (!(await files.has(sha))) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-mail-'));
    try {
      writeFileSync(path.join(dir, 'f'), bytes);
      await files.put(sha, path.join(dir, 'f'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // The mail system (0) brought it; the ticket message that carries it gives its readers.
  await store.queryObjects(
    `INSERT INTO attachment_files (sha256, size, mime, uploaded_by) VALUES ($1, $2, $3, 0) ON CONFLICT (sha256) DO NOTHING`,
    [sha, bytes.length, mime],
  );
  return sha;
}

async function attachmentsOf(
  list: Attachment[],
  files: FileStore | null,
  store: CentralStore,
): Promise<{ kept: AttachmentRef[]; refused: { name: string; why: string }[] }> {
  const kept: AttachmentRef[] = [];
  const refused: { name: string; why: string }[] = [];
  for (const a of list) {
    // Pictures inside the HTML (a signature's logo) are part of the letter, not files of the thread.
    if (a.related) continue;
    const type = a.contentType.toLowerCase();
    if (type === 'message/delivery-status' || type.includes('rfc822')) continue;
    const name = a.filename ?? 'file';
    if (type === 'application/ms-tnef' || /^winmail\.dat$/i.test(name)) {
      refused.push({ name, why: 'winmail' });
      continue;
    }
    if (a.size > MAIL_FILE_MAX_BYTES) {
      refused.push({ name, why: `too_large:${a.size}` });
      continue;
    }
    const kind = await fileKind(a.content);
    if (!kind.ok) {
      refused.push({ name, why: `file_type:${kind.detected ?? 'unknown'}` });
      continue;
    }
    if (!files) {
      refused.push({ name, why: 'no_file_store' });
      continue;
    }
    const sha = await keep(files, store, a.content, kind.mime);
    kept.push({ sha256: sha, name: safeAttachmentName(name, kind.mime), mime: kind.mime, size: a.content.length });
  }
  return { kept, refused };
}

export function createMailReader(options: MailReaderOptions) {
  const { store, imap } = options;
  const pollMs = options.pollMs ?? 30_000;
  let running = false;
  let loop: Promise<void> | null = null;
  let kick: (() => void) | null = null;
  /** New mail told while a batch was being taken: looked at again before waiting. */
  let news = false;
  let client: ImapFlow | null = null;

  /** Takes what is new in the open mailbox; returns how many were taken. */
  async function takeNew(c: ImapFlow): Promise<number> {
    const mailbox = c.mailbox;
    if (!mailbox) return 0;
    const uidValidity = Number(mailbox.uidValidity);
    const [{ max }] = (await store.queryObjects<{ max: string }>(
      `SELECT coalesce(max(uid), 0) AS max FROM mail_taken WHERE mailbox = $1 AND uid_validity = $2`,
      [imap.mailbox, uidValidity],
    )) as [{ max: string }];
    const found = await c.search({ uid: `${Number(max) + 1}:*` }, { uid: true });
    const uids = (found || [])
      .filter((u) => u > Number(max))
      .sort((a, b) => a - b)
      .slice(0, BATCH);
    let taken = 0;
    for (const uid of uids) {
      if (!running) break;
      const meta = await c.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
      const big = meta && typeof meta.size === 'number' && meta.size > MAIL_MESSAGE_MAX_BYTES;
      const fetched = big ? null : await c.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      const source =
        fetched && fetched.source
          ? fetched.source
          : Buffer.from(`Subject: (message of ${meta ? meta.size : '?'} bytes left in the mailbox)\r\n\r\n`);
      const mail = await simpleParser(source, { skipImageLinks: true });
      const { kept, refused } = await attachmentsOf(mail.attachments, options.files, store);
      let original: StoredFile | null = null;
      if (options.files && !big)
        original = {
          sha256: await keep(options.files, store, source, 'message/rfc822'),
          name: 'original.eml',
          mime: 'message/rfc822',
          size: source.length,
        };
      if (big) refused.push({ name: 'message', why: `too_large:${meta ? meta.size : 0}` });
      const result = await store.transaction((tx) =>
        takeMail(
          tx.query as Query,
          { mailbox: imap.mailbox, uidValidity, uid, mail, to: options.address, original, files: kept, refused },
          new Date(),
        ),
      );
      if (result.audiences.length) options.committed(result.audiences, result.head);
      await options.onTaken?.(result.outcome, uid);
      if (!big) await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }).catch(() => undefined);
      taken++;
    }
    return taken;
  }

  async function connection(): Promise<void> {
    const c = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      doSTARTTLS: imap.requireTls ? true : undefined,
      auth: { user: imap.user ?? '', pass: imap.password ?? '' },
      logger: false,
      maxIdleTime: 5 * 60_000,
    });
    client = c;
    c.on('error', (err: unknown) => options.onError?.(err));
    // Dovecot tells of new mail once, maybe in the answer to our own STORE mid-batch, when
    // nobody waits yet: remembered, or that letter would wait for the next poll.
    c.on('exists', () => {
      news = true;
      kick?.();
    });
    await c.connect();
    const lock = await c.getMailboxLock(imap.mailbox);
    try {
      while (running && c.usable) {
        // Another batch right away while there is more or news came meanwhile; otherwise wait
        // for IDLE's news or the poll.
        news = false;
        if ((await takeNew(c)) >= BATCH || news) continue;
        // Stopped mid-batch, when there was no wait to cut short: nobody would end the one below.
        if (!running) break;
        // IDLE in the mailbox (the next command ends it): the server tells of new mail at once.
        if (c.capabilities.has('IDLE')) void c.idle().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          kick = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        kick = null;
      }
    } finally {
      lock.release();
      // Stopping has closed the connection, and a dropped one has nobody to say goodbye to:
      // imapflow's LOGOUT on a closed socket waits for ever, and the stop with it.
      if (running && c.usable)
        await Promise.race([c.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 5_000).unref())]);
      c.close();
      client = null;
    }
  }

  async function run(): Promise<void> {
    let delay = 1_000;
    while (running) {
      try {
        await connection();
        delay = 1_000;
      } catch (err) {
        options.onError?.(err);
        if (!running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          kick = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        delay = Math.min(60_000, delay * 2);
      }
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = run();
    },
    /** Look now (a test, or a person pressing "check mail"). */
    poke: () => kick?.(),
    async stop(): Promise<void> {
      running = false;
      kick?.();
      client?.close();
      await loop;
    },
  };
}

export type MailReader = ReturnType<typeof createMailReader>;
