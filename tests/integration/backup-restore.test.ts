// The restore drill docs/deploy.md asks for, performed: a server with work in it (an account made
// by an admin, an attachment uploaded) is stopped and backed up (embedded storage: the server's
// own backup command; PostgreSQL: pg_dump and the file store's folder), its storage is lost, the
// backup is restored, and a server on the restored storage has the account, its audit entry and
// the file, byte for byte.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startCentralServer, type CentralServer } from '../../server/central-server';
import { seedDemoData } from '../../server/demo-seed';
import { backupEmbedded, restoreEmbedded } from '../../server/ops/backup';
import { openStore, type CentralStore } from '../../server/store';
import { login } from '../helpers/central';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(50_000)]);
const sha = createHash('sha256').update(pdf).digest('hex');

async function serve(store: CentralStore, dataDir: string): Promise<CentralServer> {
  return startCentralServer({ store, logger: pino({ level: 'silent' }), filesDir: path.join(dataDir, 'files') });
}

/** Work worth keeping: an admin account made by the admin, and a file uploaded by a manager. */
async function doWork(server: CentralServer): Promise<void> {
  const admin = (await login(server.url, 'admin')).token;
  const made = await fetch(`${server.url}/api/admin/accounts/admin`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'ivanova', name: 'Иванова Мария' }),
  });
  expect(made.status).toBe(200);
  const manager = (await login(server.url, 'manager1')).token;
  const headers = { authorization: `Bearer ${manager}`, 'content-type': 'application/json' };
  await fetch(`${server.url}/api/files/${sha}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ size: pdf.length }),
  });
  const put = await fetch(`${server.url}/api/files/${sha}/chunks/0`, {
    method: 'PUT',
    headers,
    body: new Uint8Array(pdf),
  });
  expect(await put.json()).toEqual({ complete: true });
}

/** What the restored server must still have. */
async function checkWork(server: CentralServer): Promise<void> {
  const admin = (await login(server.url, 'admin')).token;
  const accounts = (await (
    await fetch(`${server.url}/api/admin/accounts`, { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as { accounts: { login: string; account: string }[] };
  expect(accounts.accounts.find((a) => a.login === 'ivanova')).toMatchObject({ account: 'invited' });
  const audit = (await (
    await fetch(`${server.url}/api/admin/audit`, { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as { entries: { action: string }[] };
  expect(audit.entries.map((e) => e.action)).toContain('account.create');
  const manager = (await login(server.url, 'manager1')).token;
  const file = await fetch(`${server.url}/api/files/${sha}`, { headers: { authorization: `Bearer ${manager}` } });
  expect(file.status).toBe(200);
  expect(
    createHash('sha256')
      .update(Buffer.from(await file.arrayBuffer()))
      .digest('hex'),
  ).toBe(sha);
}

const SMALL = { items: 20, clients: 10, orders: 5, bigOrders: [], claims: 0, tickets: 0 };

describe('backup and restore drill', () => {
  it('embedded storage: backup of the stopped server, storage lost, restored, all there', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'opta-drill-'));
    const dataDir = path.join(base, 'server');
    let store = await openStore({ dataDir });
    await seedDemoData(store, SMALL);
    let server = await serve(store, dataDir);
    await doWork(server);
    await server.close();
    await store.close();

    const manifest = await backupEmbedded(dataDir, path.join(base, 'backup'));
    expect(manifest.files).toBeGreaterThanOrEqual(1);
    rmSync(dataDir, { recursive: true, force: true });
    // A restore never goes over a live folder.
    await expect(restoreEmbedded(path.join(base, 'backup'), path.join(base, 'backup'))).rejects.toThrow(/not empty/);
    const restored = path.join(base, 'restored');
    await restoreEmbedded(path.join(base, 'backup'), restored);
    store = await openStore({ dataDir: restored });
    server = await serve(store, restored);
    await checkWork(server);
    await server.close();
    await store.close();
    rmSync(base, { recursive: true, force: true });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'PostgreSQL: pg_dump and the file store, database dropped, pg_restore, all there',
    async () => {
      const base = mkdtempSync(path.join(os.tmpdir(), 'opta-drill-pg-'));
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const name = `opta_drill_${process.pid}_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      try {
        let store = await openStore({ databaseUrl });
        await seedDemoData(store, SMALL);
        let server = await serve(store, base);
        await doWork(server);
        await server.close();
        await store.close();

        // What docs/deploy.md tells an operator to run.
        const dump = path.join(base, 'opta.dump');
        execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, databaseUrl]);
        cpSync(path.join(base, 'files'), path.join(base, 'files-backup'), { recursive: true });
        await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
        rmSync(path.join(base, 'files'), { recursive: true, force: true });

        await admin.query(`CREATE DATABASE ${name}`);
        execFileSync('pg_restore', ['--no-owner', `--dbname=${databaseUrl}`, dump]);
        cpSync(path.join(base, 'files-backup'), path.join(base, 'files'), { recursive: true });
        store = await openStore({ databaseUrl });
        server = await serve(store, base);
        await checkWork(server);
        await server.close();
        await store.close();
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        rmSync(base, { recursive: true, force: true });
      }
    },
  );
});
