// A server told to stop at any moment stops cleanly, by itself, and the next start goes on: here
// the first start, stopped while it seeds the demo data (found by a black-box run: the process
// sometimes died by the signal), leaves nothing half-seeded and the next start seeds and serves.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const started: { kill(signal?: NodeJS.Signals): boolean; exitCode: number | null }[] = [];
// A failed expectation must not leave a server running.
afterEach(() => {
  for (const p of started.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
});

function startServer(dataDir: string) {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/index.ts',
      '--data',
      dataDir,
      '--port',
      '0',
      '--demo',
      '--demo-items',
      '2000',
      '--demo-orders',
      '3000',
      '--demo-big-orders',
      '',
    ],
    { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  started.push(proc);
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (text: string, ms: number): Promise<void> => {
    const end = Date.now() + ms;
    while (!out.includes(text)) {
      if (Date.now() > end) throw new Error(`no "${text}" in ${ms} ms:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { proc, exited, waitFor, output: () => out };
}

describe('server stop', () => {
  it('a stop while the first start seeds ends the process cleanly; the next start seeds and serves', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-stop-'));
    const first = startServer(dataDir);
    await first.waitFor('seeding demo data', 60_000);
    first.proc.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.output()).not.toContain('OPTA_SERVER_READY');

    const second = startServer(dataDir);
    // It seeds again, or (the stop came after the seeding committed, while it analysed) finds it done.
    await second.waitFor('OPTA_SERVER_READY', 120_000);
    const url = /OPTA_SERVER_READY (\S+)/.exec(second.output())![1]!;
    const res = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'manager1', password: 'demo1234' }),
    });
    expect(res.status).toBe(200);
    // Serving, it stops cleanly too.
    second.proc.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  }, 240_000);
});
