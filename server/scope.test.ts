// The SQL scope (bulk pulls) and the audience rule (pushes, pokes, scope exits) must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowAudience, inAudience } from './audience';
import { syncTableNames } from '../domain/sync/sync-tables';
import { loadDirectory } from './directory';
import { scopeCondition } from './scope';
import { startTestCentral, type TestCentral } from '../tests/helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 50 });
  await central.store.queryObjects(
    `INSERT INTO sync_notices (user_id, kind, payload) VALUES (100, 'overwritten', '{}'), (101, 'overwritten', '{}')`,
  );
});
afterAll(async () => central?.stop());

describe('scope rules', () => {
  it('SQL scope and audience select the same rows for every user', async () => {
    const users = await central.store.queryObjects<{
      id: number;
      login: string;
      name: string;
      role: 'manager' | 'supervisor' | 'admin';
    }>('SELECT id, login, name, role FROM users');
    const directory = await loadDirectory(central.store.queryObjects as never);
    for (const table of ['clients', 'orders', 'order_lines', 'sync_notices', 'items', 'erp_link'] as const) {
      const all = await central.store.queryObjects<Record<string, unknown> & { version: string }>(
        `SELECT * FROM ${table}`,
      );
      for (const user of users) {
        const scope = scopeCondition(table, user, 1);
        const bySql = new Set(
          (
            await central.store.queryObjects<{ version: string }>(
              `SELECT t.version FROM ${table} t WHERE ${scope.where}`,
              scope.params,
            )
          ).map((r) => String(r.version)),
        );
        const byRule = new Set(
          all.filter((r) => inAudience(rowAudience(table, r, directory), user.id)).map((r) => String(r.version)),
        );
        expect(bySql, `${table} for ${user.login}`).toEqual(byRule);
      }
    }
    expect(syncTableNames.length).toBeGreaterThan(0);
  });
});
