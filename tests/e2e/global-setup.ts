// Starts the system once for all end-to-end tests: a central server on a fresh PGlite folder
// with the full demo data set, and a web shell with an empty desk folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM helper without types
import { ensureRendererBuilt } from '../../scripts/renderer-build.mjs';
// @ts-expect-error plain ESM helper without types
import { startTs } from '../../scripts/processes.mjs';

export const STATE_FILE = path.join(os.tmpdir(), 'opta-e2e-state.json');

export const ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Starts the central server of the e2e run (again after a test stopped it: same data, same port). */
export function startE2eServer(dir: string, port: number, erpUrl: string): { child: { pid?: number; kill(signal?: string): boolean }; ready: Promise<string> } {
  return startTs('server/index.ts', ['--data', path.join(dir, 'server'), '--port', String(port), '--erp', erpUrl], { marker: 'OPTA_SERVER_READY', cwd: ROOT, env: { LOG_LEVEL: 'warn', DATABASE_URL: '' } });
}

export default async function globalSetup(): Promise<void> {
  const root = ROOT;
  ensureRendererBuilt(root);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-e2e-'));
  const port = await freePort();
  // The ERP simulator: orders move on every few seconds; no random price drift, so checks are stable.
  const erp = startTs('server/erp-sim/index.ts', ['--port', '0', '--progress-seconds', '4', '--drift-seconds', '0'], { marker: 'OPTA_ERP_READY', cwd: root, env: { LOG_LEVEL: 'warn' } });
  const erpUrl: string = await erp.ready;
  const server = startE2eServer(dir, port, erpUrl);
  const serverUrl: string = await server.ready;
  const web = startTs('web/index.ts', ['--server', serverUrl, '--data', path.join(dir, 'desk'), '--port', '0', '--renderer', path.join(root, 'out/renderer')], { marker: 'OPTA_DESK_READY', cwd: root, env: { LOG_LEVEL: 'warn' } });
  const deskUrl: string = await web.ready;
  writeFileSync(STATE_FILE, JSON.stringify({ serverUrl, deskUrl, erpUrl, pids: [erp.child.pid, server.child.pid, web.child.pid], serverPid: server.child.pid, port, dir }));
  process.env.OPTA_E2E_DESK_URL = deskUrl;
}
