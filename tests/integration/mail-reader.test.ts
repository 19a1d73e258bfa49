// The company mailbox's reader (server/mail/mail-reader) against a real Dovecot: a reader stopped
// mid-fetch ends at once and, started again, takes every letter once; a letter Dovecot tells of
// while a batch is being taken (in the answer to the reader's own command, so IDLE never tells it
// again) is taken at once, not at the next poll; so is one that arrives while the reader waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskCore } from '../../main/desk-core';
import { startDovecot, type Dovecot } from '../../server/mail-sim/dovecot';
import { mailConfigFrom } from '../../server/mail/mail-config';
import { createMailReader } from '../../server/mail/mail-reader';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { signedInDesk } from '../helpers/desk';
import { encoded, letter, openTicket } from '../helpers/mail-letters';
import { until } from '../helpers/until';

let dovecot: Dovecot;
let central: TestCentral;
let manager: DeskCore;
let client: { id: number; email: string };

const q = <T>(sql: string, params: unknown[] = []) => central.store.queryObjects<T>(sql, params);

beforeAll(async () => {
  dovecot = await startDovecot();
  // No mail link of the server's own: each test runs the readers it looks at.
  central = await startTestCentral({ items: 200, orders: 0 });
  manager = await signedInDesk(central.server.url, 'manager1');
  const [row] = await q<{ id: number; email: string }>(
    `SELECT c.id, lower(c.contacts->0->>'email') AS email FROM clients c JOIN users u ON u.id = c.manager_id
     WHERE u.login = 'manager1' AND c.contacts->0->>'email' LIKE '%@%' ORDER BY c.id LIMIT 1`,
  );
  client = row!;
}, 120_000);

afterAll(async () => {
  await manager?.close();
  await central?.stop();
  await dovecot?.stop();
});

const reader = (options: Partial<Parameters<typeof createMailReader>[0]>) =>
  createMailReader({
    store: central.store,
    imap: mailConfigFrom({ OPTA_IMAP_URL: dovecot.url, OPTA_MAIL_FROM: 'desk@opta.localhost' }).imap!,
    address: 'desk@opta.localhost',
    files: null,
    committed: () => undefined,
    ...options,
  });

const answer = (ticket: { number: string }, n: number) =>
  letter(
    { From: client.email, To: 'desk@opta.localhost', Subject: encoded(`Re: [Т-${ticket.number}] письмо ${n}`) },
    `Письмо ${n}`,
  );

const clientBodies = async (ticketId: string) =>
  (
    await q<{ body: string }>(
      `SELECT body FROM ticket_messages WHERE ticket_id = $1 AND body LIKE 'Письмо %' ORDER BY created_at`,
      [ticketId],
    )
  ).map((m) => m.body);

describe('the mailbox reader', () => {
  it('stopped mid-fetch and started again, takes every letter once', async () => {
    const ticket = await openTicket(manager, central.store, client.id, 'Много писем');
    for (let i = 1; i <= 6; i++) await dovecot.deliver(answer(ticket, i));
    let taken = 0;
    // A poll far away: stopped mid-batch, the reader must end at once, not at its next look.
    const first = reader({
      pollMs: 10 * 60_000,
      onTaken: () => {
        if (++taken === 2) void first.stop();
      },
    });
    first.start();
    await until(() => taken >= 2, 10_000);
    await first.stop();
    const second = reader({ pollMs: 100 });
    second.start();
    await until(async () => (await clientBodies(ticket.id)).length >= 6, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    await second.stop();
    expect((await clientBodies(ticket.id)).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Письмо ${i}`));
  });

  it('takes a letter that arrived while a batch was being taken at once, not at the next poll; stops at once', async () => {
    const ticket = await openTicket(manager, central.store, client.id, 'Письмо вдогонку');
    // The poll is far away: only Dovecot's news can bring the second letter in time.
    let delivered: Promise<number> | null = null;
    let stopped: Promise<void> | null = null;
    const r = reader({
      pollMs: 10 * 60_000,
      onTaken: async () => {
        // While the first letter is being taken, the client's next one lands in the mailbox;
        // Dovecot tells of it in the answer to the reader's next command (flagging the first Seen).
        if (!delivered) {
          delivered = dovecot.deliver(answer(ticket, 2));
          await delivered;
          return;
        }
        // The second taken, the reader is stopped after its last command, before it waits: the
        // stop must end the wait that follows, or it would last until the poll.
        stopped = r.stop();
      },
    });
    await dovecot.deliver(answer(ticket, 1));
    r.start();
    try {
      await until(() => stopped !== null, 15_000);
      await Promise.race([
        stopped,
        new Promise((_, reject) => setTimeout(() => reject(new Error('the reader did not stop')), 5_000)),
      ]);
    } finally {
      await r.stop();
    }
    expect(await clientBodies(ticket.id)).toEqual(['Письмо 1', 'Письмо 2']);
  });

  it('takes a letter that arrives while it waits at once: IDLE, not the poll', async () => {
    const ticket = await openTicket(manager, central.store, client.id, 'Письмо в тишине');
    let taken = 0;
    const r = reader({ pollMs: 10 * 60_000, onTaken: () => void taken++ });
    r.start();
    try {
      // Settled into its wait: the mailbox looked at once, nothing new since.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const before = taken;
      await dovecot.deliver(answer(ticket, 1));
      await until(() => taken > before, 10_000);
    } finally {
      await r.stop();
    }
    expect(await clientBodies(ticket.id)).toEqual(['Письмо 1']);
  });
});
