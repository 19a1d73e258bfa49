// Starts the system once for all end-to-end tests: a central server on a fresh PGlite folder
// with the full demo data set, and a web shell with an empty desk folder.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM helper without types
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../../scripts/processes.mjs';

export const STATE_FILE = path.join(os.tmpdir(), 'opta-e2e-state.json');

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The processes' log level (OPTA_E2E_LOG_LEVEL=debug to see more when a walk fails). */
export const E2E_LOG_LEVEL = process.env.OPTA_E2E_LOG_LEVEL ?? 'warn';

/** Where the processes' output goes: kept after the run, so a failed walk's server side can be read. */
export const LOG_DIR = path.join(ROOT, 'tmp', 'e2e-logs');

/** Appends what a process prints to tmp/e2e-logs/<name>.log. */
export function logTo(name: string): (line: string) => void {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = path.join(LOG_DIR, `${name}.log`);
  return (line) => appendFileSync(file, `${line}\n`);
}

/** Starts the central server of the e2e run (again after a test stopped it: same data, same port). */
export function startE2eServer(
  dir: string,
  port: number,
  erpUrl: string,
  mail: E2eMail,
): { child: { pid?: number; kill(signal?: string): boolean }; ready: Promise<string> } {
  return startTs(
    'server/index.ts',
    ['--data', path.join(dir, 'server'), '--port', String(port), '--erp', erpUrl, '--demo'],
    {
      marker: 'OPTA_SERVER_READY',
      cwd: ROOT,
      env: {
        LOG_LEVEL: E2E_LOG_LEVEL,
        DATABASE_URL: '',
        OPTA_SMTP_URL: mail.smtp,
        OPTA_IMAP_URL: mail.imap ?? '',
        OPTA_MAIL_FROM: mail.address,
      },
      onLine: logTo('server'),
    },
  );
}

/** The demo mail server of the run (server/mail-sim): its SMTP, its Dovecot mailbox, its page. */
export interface E2eMail {
  smtp: string;
  imap: string | null;
  page: string;
  address: string;
}

export default async function globalSetup(): Promise<void> {
  const root = ROOT;
  ensureRendererBuilt(root);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-e2e-'));
  rmSync(LOG_DIR, { recursive: true, force: true });
  // The ERP simulator: orders move on every few seconds; no random price drift, so checks are stable.
  const erp = startTs('server/erp-sim/index.ts', ['--port', '0', '--progress-seconds', '4', '--drift-seconds', '0'], {
    marker: 'OPTA_ERP_READY',
    cwd: root,
    env: { LOG_LEVEL: E2E_LOG_LEVEL },
    onLine: logTo('erp'),
  });
  const erpUrl: string = await erp.ready;
  // The mail server: catches what the server sends; its clients answer only when a test asks.
  const mailSim = startTs(
    'server/mail-sim/index.ts',
    ['--smtp-port', '0', '--page-port', '0', '--answer-seconds', '0'],
    {
      marker: 'OPTA_MAIL_READY',
      cwd: root,
      onLine: logTo('mail'),
    },
  );
  const mail = JSON.parse(await mailSim.ready) as E2eMail;
  // Port 0: the server takes a port of its own; a port picked here and freed could be taken by the
  // ERP simulator started meanwhile (it was, once: the server exited on EADDRINUSE). Restarts in
  // tests reuse the port it got.
  const server = startE2eServer(dir, 0, erpUrl, mail);
  const serverUrl: string = await server.ready;
  const port = Number(new URL(serverUrl).port);
  const web = startTs(
    'web/index.ts',
    [
      '--server',
      serverUrl,
      '--data',
      path.join(dir, 'desk'),
      '--port',
      '0',
      '--renderer',
      path.join(root, 'out/renderer'),
    ],
    { marker: 'OPTA_DESK_READY', cwd: root, env: { LOG_LEVEL: E2E_LOG_LEVEL }, onLine: logTo('desk') },
  );
  const deskUrl: string = await web.ready;
  writeFileSync(
    STATE_FILE,
    JSON.stringify({
      serverUrl,
      deskUrl,
      erpUrl,
      pids: [erp.child.pid, mailSim.child.pid, server.child.pid, web.child.pid],
      mail,
      serverPid: server.child.pid,
      port,
      dir,
    }),
  );
  process.env.OPTA_E2E_DESK_URL = deskUrl;
}
