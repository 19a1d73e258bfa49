// Starts the system once for all end-to-end tests: a central server on a fresh PGlite folder
// with the full demo data set, and a web shell with an empty desk folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM helper without types
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../../scripts/processes.mjs';

export const STATE_FILE = path.join(os.tmpdir(), 'opta-e2e-state.json');

export default async function globalSetup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  ensureRendererBuilt(root);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-e2e-'));
  const server = startTs('server/index.ts', ['--data', path.join(dir, 'server'), '--port', '0'], { marker: 'OPTA_SERVER_READY', cwd: root, env: { LOG_LEVEL: 'warn' } });
  const serverUrl: string = await server.ready;
  const web = startTs('web/index.ts', ['--server', serverUrl, '--data', path.join(dir, 'desk'), '--port', '0', '--renderer', path.join(root, 'out/renderer')], { marker: 'OPTA_DESK_READY', cwd: root, env: { LOG_LEVEL: 'warn' } });
  const deskUrl: string = await web.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ serverUrl, deskUrl, pids: [server.child.pid, web.child.pid], dir }));
  process.env.OPTA_E2E_DESK_URL = deskUrl;
}
