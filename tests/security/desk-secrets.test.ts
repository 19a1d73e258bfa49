// The desk keeps its refresh token sealed: with an OS box (Electron's safeStorage through the
// bridge) the replica file holds only the sealed form, renewing opens it and stores the next one
// sealed, and signing out ends the session on the server and leaves no token behind.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/desk-core';
import { osBox } from '../../main/session/secret-box';
import { startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  // Access tokens of a second: the desk renews on its next call to the server.
  central = await startTestCentral({ items: 10, tokenTtlSeconds: 1 });
});
afterAll(async () => central?.stop());

// A stand-in for the OS: reversible, and visibly not the clear text.
const box = osBox(
  async (t) => Buffer.from([...t].reverse().join('')).toString('base64'),
  async (b) => [...Buffer.from(b, 'base64').toString()].reverse().join(''),
);

describe('the desk’s refresh token', () => {
  it('is stored sealed, renews through the seal, and is gone after sign-out', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-secrets-'));
    const core = createDeskCore({
      dataDir,
      serverUrl: central.server.url,
      shell: 'electron',
      locale: 'ru',
      version: 'test',
      secrets: box,
    });
    const user = await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
    const file = path.join(dataDir, `replica-${user.id}.sqlite`);
    const stored = () => {
      const db = new Database(file, { readonly: true });
      const v = db.prepare(`SELECT value FROM desk_state WHERE key = 'refresh_token'`).pluck().get() as string | null;
      db.close();
      return v ?? null;
    };
    const first = stored()!;
    expect(first).toMatch(/^sealed:v1:/);
    const clear = await box.open(first);
    // The clear token is a live one, and it is nowhere in the file.
    const db = new Database(file, { readonly: true });
    const everywhere = db
      .prepare(`SELECT count(*) FROM desk_state WHERE value LIKE '%' || ? || '%'`)
      .pluck()
      .get(clear) as number;
    db.close();
    expect(everywhere).toBe(0);
    // Renewal opens the seal, and the next token is sealed in its turn.
    await new Promise((r) => setTimeout(r, 2100));
    const [client] = await central.store.queryObjects<{ id: number }>(
      `SELECT id FROM clients WHERE manager_id = $1 LIMIT 1`,
      [user.id],
    );
    await Promise.resolve(core.handlers['erp.refreshReceivables']({ clientIds: [client!.id] })).catch(() => undefined);
    const second = stored()!;
    expect(second).toMatch(/^sealed:v1:/);
    expect(second).not.toBe(first);
    const clearNow = await box.open(second);
    await core.handlers['session.logout']({});
    expect(stored()).toBeNull();
    const refused = await fetch(`${central.server.url}/api/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: clearNow }),
    });
    expect(refused.status).toBe(401);
    await core.close();
  });
});
