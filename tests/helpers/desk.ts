// Test helper: a desk core in a fresh data folder, signed in to a server and through its first
// sync: what most integration tests (and the mail bench) start from.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { until } from './until';

export async function signedInDesk(serverUrl: string, login: string, version = 'test'): Promise<DeskCore> {
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), `opta-${login}-`)),
    serverUrl,
    shell: 'web',
    locale: 'ru',
    version,
  });
  await core.handlers['session.login']({ login, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null, 60_000);
  return core;
}
