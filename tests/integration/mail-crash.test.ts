// The server SIGKILLed after handing a letter to the receiving SMTP server and before hearing its
// answer: started again, it sends the same letter once more after the lease, under the same
// Message-ID, so the receiver (and the client's mail program) has one message; the thread on
// the desk ends "sent". Nothing the manager wrote is lost.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/desk-core';
import { startSmtpCatcher } from '../../server/mail-sim/smtp-catcher';
import { until } from '../helpers/until';

describe('server killed mid-letter', () => {
  it('sends the letter again after restart with the same Message-ID; the desk sees it sent', async () => {
    const smtp = await startSmtpCatcher();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-mailkill-'));
    const port = String(22_000 + (process.pid % 20_000));
    const startServer = (): Promise<ChildProcessWithoutNullStreams> =>
      new Promise((resolve, reject) => {
        const proc = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            path.resolve('server/index.ts'),
            '--data',
            dataDir,
            '--port',
            port,
            '--demo',
            '--demo-items',
            '100',
            '--demo-orders',
            '0',
            '--demo-big-orders',
            '',
          ],
          {
            env: {
              ...process.env,
              LOG_LEVEL: 'warn',
              DATABASE_URL: '',
              OPTA_SMTP_URL: smtp.url,
              OPTA_MAIL_FROM: 'desk@opta.localhost',
              OPTA_MAIL_LEASE_SECONDS: '2',
            },
          },
        );
        proc.stdout.on('data', (d: Buffer) => d.toString().includes('OPTA_SERVER_READY') && resolve(proc));
        proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
    let server = await startServer();
    const core = createDeskCore({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-desk-')),
      serverUrl: `http://127.0.0.1:${port}`,
      shell: 'web',
      locale: 'ru',
      version: 'test',
    });
    try {
      await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
      await until(() => core.status().lastSyncAt !== null, 60_000);
      const [client] = await core.handlers['clients.list']({});
      const { id: ticketId } = await core.handlers['tickets.create']({
        clientId: client!.id,
        category: 'question',
        subject: 'Обрыв связи',
        fields: {},
        body: 'Вопрос',
        attachments: [],
      });
      // The receiver keeps the letter and holds its answer back; then the server dies.
      smtp.holdAnswers = true;
      await core.handlers['tickets.reply']({
        ticketId,
        author: 'staff',
        body: 'Ответ перед сбоем.',
        attachments: [],
        then: null,
      });
      await until(() => smtp.caught.length === 1, 20_000);
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      smtp.holdAnswers = false;
      smtp.releaseHeld();

      server = await startServer();
      await until(() => smtp.caught.length === 2, 30_000);
      const [first, again] = smtp.caught;
      expect(again!.messageId).toBe(first!.messageId);
      expect(again!.mail.text).toContain('Ответ перед сбоем.');
      expect(new Set(smtp.caught.map((m) => m.messageId)).size).toBe(1);
      await until(async () => {
        const t = await core.handlers['tickets.get']({ ticketId });
        return t.messages.find((m) => m.authorKind === 'staff')?.mail?.state === 'sent';
      }, 30_000);
      // And no third copy afterwards.
      await new Promise((r) => setTimeout(r, 3000));
      expect(smtp.caught).toHaveLength(2);
    } finally {
      await core.close();
      server.kill('SIGTERM');
      await smtp.stop();
    }
  }, 180_000);
});
