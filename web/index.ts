// Command line entry of the web shell: runs the `main/` core in this process and serves the
// renderer on loopback; prints the address (with its per-launch token) to open in Chromium.
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createDeskCore } from '../main/desk-core';
import { startWebShell } from './host';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.OPTA_SERVER_URL ?? 'http://127.0.0.1:7410' },
    data: { type: 'string', default: process.env.OPTA_DESK_DATA ?? path.resolve('.data/desk') },
    renderer: { type: 'string', default: path.resolve('out/renderer') },
    port: { type: 'string', default: process.env.OPTA_WEB_PORT ?? '0' },
    locale: { type: 'string', default: Intl.DateTimeFormat().resolvedOptions().locale },
  },
});

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'desk' });
const core = createDeskCore({
  dataDir: values.data,
  serverUrl: values.server,
  shell: 'web',
  locale: values.locale,
  version: process.env.npm_package_version ?? '0.0.0',
});
const shell = await startWebShell({
  core,
  rendererDir: values.renderer,
  port: Number(values.port),
  onInternalError: (err, method) => log.error({ err, method }, 'desk method failed'),
  onCall: (method, ms) => log.debug({ method, ms: Math.round(ms) }, 'desk call'),
});
process.stdout.write(`OPTA_DESK_READY ${shell.url}\n`);

const stop = async (): Promise<void> => {
  await shell.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
