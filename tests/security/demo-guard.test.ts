// Demo accounts share one known password: the server refuses to serve them on any address but
// loopback, and without --demo it starts with no accounts at all and says how to make an admin.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const server = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'server/index.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info' },
  });

describe('demo accounts', () => {
  it('are refused on an address other than loopback', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-demo-guard-'));
    const run = server(['--demo', '--host', '0.0.0.0', '--port', '0', '--data', dir, '--demo-items', '10']);
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).toContain('--demo serves on loopback only');
    expect(run.stdout).not.toContain('OPTA_SERVER_READY');
  });
});
