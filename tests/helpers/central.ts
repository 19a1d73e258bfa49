// Test helper: a real central server on loopback over a fresh store (PGlite in a temp folder,
// or PostgreSQL in a fresh schema when DATABASE_URL is set), seeded with a small demo set.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import pg from 'pg';
import { startCentralServer, type CentralServer } from '../../server/central-server';
import { seedDemoData } from '../../server/demo-seed';
import { openStore, type CentralStore } from '../../server/store';

export interface TestCentral {
  server: CentralServer;
  databaseUrl?: string;
  store: CentralStore;
  dir: string;
  stop(): Promise<void>;
}

export interface TestCentralOptions {
  items?: number;
  /** Historical demo orders and big ones (the full demo has 20,000 and 5k/20k/50k lines). */
  orders?: number;
  bigOrders?: number[];
  kind?: 'pglite' | 'postgres';
  heartbeatMs?: number;
  tokenTtlSeconds?: number;
  /** Runs the ERP link against this URL (fast cadences unless `erp` says otherwise). */
  erpUrl?: string;
  erp?: Parameters<typeof startCentralServer>[0]['erp'];
  claims?: number;
  tickets?: number;
  /** Where attachment files go (the folder under the test's directory by default). */
  fileStore?: Parameters<typeof startCentralServer>[0]['fileStore'];
  /** An empty store: the master data comes from the ERP by the initial load (erpUrl required). */
  empty?: boolean;
  /** E-mail: SMTP out and the IMAP mailbox in (server/mail), with test timings. */
  mail?: Parameters<typeof startCentralServer>[0]['mail'];
  mailOptions?: Parameters<typeof startCentralServer>[0]['mailOptions'];
}

/** ERP link timings for tests: seconds become tens of milliseconds. */
export const FAST_ERP = {
  cadence: {
    healthMs: 100,
    statusesMs: 100,
    masterMs: 100,
    stockMs: 60_000,
    receivablesMs: 3600_000,
  },
  delivery: { backoff: { initialMs: 20, maxMs: 200 }, timeoutMs: 2000, idleMs: 20 },
};

export async function startTestCentral(opts: TestCentralOptions = {}): Promise<TestCentral> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-central-'));
  let store: CentralStore;
  let dropSchema: (() => Promise<void>) | null = null;
  let databaseUrl: string | undefined;
  if (opts.kind === 'postgres') {
    const base = process.env.DATABASE_URL!;
    // A database of its own per test server: migrations and sequences never meet another test's.
    const dbName = `opta_t_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    store = await openStore({ databaseUrl });
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    };
  } else {
    store = await openStore({ dataDir: path.join(dir, 'pg') });
  }
  // No demo claims and tickets unless a test asks: queues and counts in tests start empty.
  if (!opts.empty)
    await seedDemoData(store, {
      items: opts.items ?? 2000,
      clients: 60,
      orders: opts.orders ?? 40,
      bigOrders: opts.bigOrders ?? [],
      claims: opts.claims ?? 0,
      tickets: opts.tickets ?? 0,
    });
  const server = await startCentralServer({
    store,
    logger: pino({ level: 'silent' }),
    heartbeatMs: opts.heartbeatMs,
    databaseUrl,
    tokenTtlSeconds: opts.tokenTtlSeconds,
    erpUrl: opts.erpUrl,
    erp: opts.erp ?? FAST_ERP,
    filesDir: path.join(dir, 'files'),
    fileStore: opts.fileStore,
    mail: opts.mail,
    mailOptions: opts.mailOptions,
  });
  return {
    server,
    databaseUrl,
    store,
    dir,
    async stop() {
      await server.close();
      await store.close();
      await dropSchema?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function login(
  serverUrl: string,
  loginName: string,
  password = 'demo1234',
): Promise<{ token: string; user: { id: number; role: string } }> {
  const res = await fetch(`${serverUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: loginName, password }),
  });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return res.json() as Promise<{ token: string; user: { id: number; role: string } }>;
}
