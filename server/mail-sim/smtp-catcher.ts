// A receiving SMTP server for the demo and the tests (smtp-server): it takes what the Opta server
// sends, keeps each message as received (parsed, and counted by Message-ID, so a message sent
// twice shows up as one Message-ID seen twice), and can be told to refuse an address for good
// (550) or to be unavailable for a while (451), as a real receiver sometimes is.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  at: string;
  envelopeTo: string[];
  messageId: string;
  mail: ParsedMail;
  raw: Buffer;
}

export interface SmtpCatcher {
  port: number;
  url: string;
  caught: CaughtMail[];
  /** How many times each Message-ID arrived. */
  copies(messageId: string): number;
  /** Addresses refused for good (550 at RCPT). */
  refuse: Set<string>;
  /** While set, every message is answered 451 (try later). */
  unavailable: boolean;
  /** While set, a message is kept but its answer is held back (a link that dies before the answer). */
  holdAnswers: boolean;
  releaseHeld(): void;
  onMail?: (m: CaughtMail) => void;
  stop(): Promise<void>;
}

export async function startSmtpCatcher(options: { port?: number } = {}): Promise<SmtpCatcher> {
  const catcher: SmtpCatcher = {
    port: 0,
    url: '',
    caught: [],
    copies: (id) => catcher.caught.filter((m) => m.messageId === id).length,
    refuse: new Set(),
    unavailable: false,
    holdAnswers: false,
    releaseHeld: () => {
      for (const f of held.splice(0)) f();
    },
    stop: async () => undefined,
  };
  const held: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 60 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (catcher.refuse.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 });
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (catcher.unavailable) {
          return callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const m: CaughtMail = {
              at: new Date().toISOString(),
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              messageId: mail.messageId ?? '',
              mail,
              raw,
            };
            catcher.caught.push(m);
            catcher.onMail?.(m);
            if (catcher.holdAnswers) held.push(() => callback());
            else callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  catcher.port = typeof address === 'object' && address ? address.port : 0;
  catcher.url = `smtp://127.0.0.1:${catcher.port}`;
  catcher.stop = () => {
    catcher.releaseHeld();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return catcher;
}
