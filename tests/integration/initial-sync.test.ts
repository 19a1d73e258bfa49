// Initial sync end to end on loopback: a real server (PGlite; PostgreSQL too when DATABASE_URL
// is set), a real replica file, a real WebSocket. The replica must equal the server's scoped rows.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncTableNames } from '../../domain/sync/sync-tables';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { scopeCondition, wireSelect } from '../../server/scope';
import { startTestCentral, type TestCentral } from '../helpers/central';

const kinds: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

async function waitFor(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(kinds)('initial sync on %s', (kind) => {
  let central: TestCentral;
  beforeAll(async () => {
    central = await startTestCentral({ kind, items: 1500 });
  });
  afterAll(async () => central?.stop());

  for (const loginName of ['manager1', 'supervisor1', 'admin']) {
    it(`replica of ${loginName} equals the server's rows in their scope`, async () => {
      const core: DeskCore = createDeskCore({
        dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-desk-')),
        serverUrl: central.server.url,
        shell: 'web',
        locale: 'ru',
        version: 'test',
      });
      try {
        const user = await core.handlers['session.login']({ login: loginName, password: 'demo1234' });
        await waitFor(() => core.status().lastSyncAt !== null);
        const status = core.status();
        expect(status.connection).toBe('online');
        let expectedTotal = 0;
        for (const table of syncTableNames) {
          const scope = scopeCondition(table, { ...user }, 1);
          const rows = await central.store.queryArrays(
            `SELECT count(*) FROM (${wireSelect(table)} WHERE ${scope.where}) x`,
            scope.params,
          );
          expectedTotal += Number(rows[0]![0]);
        }
        expect(status.rowsInReplica).toBe(expectedTotal);
        const page = await core.handlers['catalog.page']({});
        expect(page.rows.length).toBe(1500);
        expect(page.warehouses.length).toBe(5);
      } finally {
        await core.close();
      }
    });
  }
});
