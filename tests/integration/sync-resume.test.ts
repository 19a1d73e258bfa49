// A desk killed (SIGKILL) in the middle of its initial sync resumes from the saved cursor:
// afterwards the replica holds exactly the server's scoped rows, no duplicates, no gaps.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../domain/roles';
import { syncTables, syncTableNames } from '../../domain/sync/sync-tables';
import { createLocalChanges } from '../../main/sync/local-changes';
import { openReplica } from '../../main/sync/replica';
import { createSyncClient } from '../../main/sync/sync-client';
import { scopeCondition } from '../../server/scope';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 3000 });
});
afterAll(async () => central?.stop());

async function killMidSync(file: string, token: string, afterBatches: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve('tests/helpers/sync-child.ts'), central.server.url, token, file, '300'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let applied = 0;
  let lastCursor = 0;
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line.startsWith('caught-up')) reject(new Error('child finished before it was killed'));
        const m = /^applied (\d+)/.exec(line);
        if (!m) continue;
        lastCursor = Number(m[1]);
        if (++applied === afterBatches) {
          child.kill('SIGKILL');
          resolve();
        }
      }
    });
    child.on('exit', () => resolve());
  });
  await new Promise((r) => child.once('exit', r).once('close', r));
  return lastCursor;
}

describe('initial sync killed mid-way', () => {
  it('resumes from the cursor with no duplicates and no gaps', async () => {
    const { token, user } = await login(central.server.url, 'supervisor1');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-kill-')), 'replica.sqlite');

    // Killed twice at different points, each time in the middle of the stream.
    const c1 = await killMidSync(file, token, 4);
    const c2 = await killMidSync(file, token, 7);
    expect(c1).toBeGreaterThan(0);
    expect(c2).toBeGreaterThan(c1);

    const replica = openReplica(file);
    const resumedFrom = replica.cursor();
    expect(resumedFrom).toBeGreaterThanOrEqual(c1);
    await new Promise<void>((resolve) => {
      const client = createSyncClient({
        serverUrl: central.server.url,
        token: () => token,
        replica,
        changes: createLocalChanges({ replica, user: () => user as SessionUser }),
        batchRows: 300,
        onCaughtUp: () => void client.stop().then(resolve),
      });
      client.start();
    });

    for (const table of syncTableNames) {
      const def = syncTables[table];
      const scope = scopeCondition(table, user as SessionUser, 1);
      const serverKeys = (
        await central.store.queryArrays(
          `SELECT ${def.pk.map((c) => `t.${c}`).join(', ')}, t.version FROM ${table} t WHERE NOT t.deleted AND ${scope.where} ORDER BY 1, 2`,
          scope.params,
        )
      ).map((r) => r.map(Number).join(':'));
      const localKeys = (
        replica.sqlite
          .prepare(`SELECT ${def.pk.join(', ')}, version FROM ${table} ORDER BY 1, 2`)
          .raw()
          .all() as unknown[][]
      ).map((r) => r.map(Number).join(':'));
      expect(localKeys, table).toEqual(serverKeys);
    }
    // Money arrives as exact decimal strings.
    const serverPrices = await central.store.queryArrays(
      `SELECT item_id, price_type_id, price::text FROM prices ORDER BY 1, 2 LIMIT 500`,
    );
    const localPrices = replica.sqlite
      .prepare('SELECT item_id, price_type_id, price FROM prices ORDER BY 1, 2 LIMIT 500')
      .raw()
      .all();
    expect(localPrices).toEqual(serverPrices);
    replica.close();
  });
});
