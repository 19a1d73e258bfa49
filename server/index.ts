// Command line entry of the central server: opens the store (PGlite in --data, or
// DATABASE_URL) and serves (loopback unless --host says otherwise). With --erp it loads the
// master data from the ERP on first start (--demo then adds the desks' own demo data and the demo
// accounts); without one, --demo writes the whole demo data set itself. Without --demo there are
// no accounts until an admin is made: `admin create` (server/accounts/admin-command.ts). Demo
// accounts (one known password) are refused on any address but loopback. A stop signal
// at any moment (while opening, seeding or serving) ends the process cleanly: a half-done seeding
// rolls back and the next start seeds again.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startCentralServer } from './central-server';
import { mailConfigFrom } from './mail/mail-config';
import { demoAsOf } from '../db/demo/generate';
import { seedDemoData } from './demo-seed';
import { seedDemoDeskData } from './demo-desk-seed';
import type { CentralServer } from './central-server';
import type { CentralStore } from './store';
import { openStore } from './store';
import { s3FileStoreFromEnv } from './attachments/s3-file-store';
import { runAdminCommand } from './accounts/admin-command';
import { backupEmbedded, restoreEmbedded } from './ops/backup';
import { hasAdmin } from './accounts/accounts';
import { isLoopbackHost } from '../domain/transport/loopback';

if (process.argv[2] === 'backup' || process.argv[2] === 'restore') {
  // Embedded storage only, with the server stopped (PostgreSQL: pg_dump, docs/deploy.md).
  const { values: o } = parseArgs({
    args: process.argv.slice(3),
    options: {
      data: { type: 'string', default: process.env.OPTA_SERVER_DATA ?? path.resolve('.data/server') },
      to: { type: 'string' },
      from: { type: 'string' },
    },
  });
  try {
    if (process.argv[2] === 'backup') {
      if (!o.to) throw new Error('Usage: backup --to <empty folder> [--data <server data folder>]');
      const m = await backupEmbedded(o.data, o.to);
      process.stdout.write(`Backup in ${o.to}: database ${m.databaseBytes} bytes, ${m.files} files\n`);
    } else {
      if (!o.from) throw new Error('Usage: restore --from <backup folder> --data <new data folder>');
      const m = await restoreEmbedded(o.from, o.data);
      process.stdout.write(`Restored the backup of ${m.takenAt} into ${o.data}\n`);
    }
    process.exit(0);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[2] === 'admin') {
  const code = await runAdminCommand(
    process.argv.slice(3),
    (dataDir) => openStore(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir }),
    (line) => process.stdout.write(`${line}\n`),
    process.env.OPTA_SERVER_DATA ?? path.resolve('.data/server'),
  );
  process.exit(code);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OPTA_SERVER_PORT ?? '7410' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: process.env.OPTA_SERVER_DATA ?? path.resolve('.data/server') },
    // Demo data and demo accounts (all with one known password): for trying the product on one machine.
    demo: { type: 'boolean', default: false },
    'demo-items': { type: 'string', default: process.env.OPTA_DEMO_ITEMS ?? '50000' },
    // Larger staff for load tests (200 desks need 200 people); the demo default is 12 and 2.
    'demo-managers': { type: 'string', default: '12' },
    'demo-supervisors': { type: 'string', default: '2' },
    // A smaller history for quick starts and tests: historical orders, and the big orders' line counts.
    'demo-orders': { type: 'string', default: '20000' },
    'demo-big-orders': { type: 'string', default: '5000,20000,50000' },
    updates: { type: 'string' },
    // HTTPS and WSS: certificate and key files (PEM). Without them, plain HTTP: on loopback, or
    // behind a reverse proxy that speaks TLS (docs/deploy.md).
    'tls-cert': { type: 'string', default: process.env.OPTA_TLS_CERT },
    'tls-key': { type: 'string', default: process.env.OPTA_TLS_KEY },
    // Open sync sockets per user; a load test's many desks per person needs more.
    'max-sockets-per-user': { type: 'string', default: process.env.OPTA_MAX_SOCKETS_PER_USER ?? '4' },
    /** The ERP's JSON-RPC endpoint: when given, this server runs the ERP link (outbox, health, feeds). */
    erp: { type: 'string', default: process.env.OPTA_ERP_URL },
    /** Records per page of the initial load from the ERP. */
    'erp-load-page': { type: 'string', default: '5000' },
    /** Minutes between stock snapshots from the ERP. */
    'stock-minutes': { type: 'string', default: process.env.OPTA_STOCK_MINUTES ?? '5' },
  },
});

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'server' });
const databaseUrl = process.env.DATABASE_URL;
const stopAsked = new AbortController();
let store: CentralStore | undefined;
let server: CentralServer | undefined;

async function run(): Promise<void> {
  store = await openStore(
    databaseUrl
      ? { databaseUrl, onConnectionError: (err, what) => log.warn({ err: err.message }, `PostgreSQL: ${what}`) }
      : { dataDir: values.data },
  );
  const demo = values.demo;
  if (demo && !isLoopbackHost(values.host)) {
    log.error({ host: values.host }, 'demo accounts share one known password: --demo serves on loopback only');
    process.exit(2);
  }
  const demoOptions = {
    items: Number(values['demo-items']),
    managers: Number(values['demo-managers']),
    supervisors: Number(values['demo-supervisors']),
    orders: Number(values['demo-orders']),
    bigOrders: values['demo-big-orders'].split(',').filter(Boolean).map(Number),
    asOf: demoAsOf(new Date()),
  };
  // Without an ERP there is nowhere to load master data from: the demo writes it all itself.
  if (demo && !values.erp) await seedWholeDemo(store, demoOptions);
  if (stopAsked.signal.aborted) return;
  server = await startCentralServer({
    store,
    port: Number(values.port),
    host: values.host,
    updatesDir: values.updates,
    logger: log,
    databaseUrl,
    filesDir: path.join(values.data, 'files'),
    fileStore: s3FileStoreFromEnv(process.env) ?? undefined,
    erpUrl: values.erp,
    // E-mail with the clients from OPTA_SMTP_URL / OPTA_IMAP_URL / OPTA_MAIL_FROM (docs/mail.md).
    mail: mailConfigFrom(process.env),
    // How long a letter handed to SMTP is its sender's before another instance (or this one,
    // restarted after a crash) may send it again: 2 minutes unless OPTA_MAIL_LEASE_SECONDS says.
    mailOptions: process.env.OPTA_MAIL_LEASE_SECONDS
      ? { sender: { leaseMs: Number(process.env.OPTA_MAIL_LEASE_SECONDS) * 1000 } }
      : undefined,
    maxSocketsPerUser: Number(values['max-sockets-per-user']),
    tls:
      values['tls-cert'] && values['tls-key']
        ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) }
        : undefined,
    erp: {
      cadence: { stockMs: Number(values['stock-minutes']) * 60_000 },
      loadPageSize: Number(values['erp-load-page']),
    },
  });
  if (demo && server.erpLink) {
    // The production path: master data from the ERP by the initial load, then the desks' own demo data.
    const started = Date.now();
    await Promise.race([
      server.erpLink.loaded,
      new Promise((resolve) => stopAsked.signal.addEventListener('abort', resolve)),
    ]);
    if (stopAsked.signal.aborted) return;
    if (await seedDemoDeskData(store, demoOptions, stopAsked.signal))
      log.info({ ms: Date.now() - started }, 'demo data seeded');
  }
  if (!(await hasAdmin(store)))
    log.warn(
      'no admin can sign in yet: make one with `npm run server -- admin create --login <login> --name "<name>"`',
    );
  // The parent (npm start, tests) reads this line to learn the address.
  process.stdout.write(`OPTA_SERVER_READY ${server.url}\n`);
}

async function seedWholeDemo(target: CentralStore, options: Parameters<typeof seedDemoData>[1]): Promise<void> {
  const started = Date.now();
  let lastShown = 0;
  const seeded = await seedDemoData(
    target,
    options,
    (stage, done, total) => {
      if (Date.now() - lastShown > 1000 || done === total) {
        lastShown = Date.now();
        log.info({ stage, done, total }, 'seeding demo data');
      }
    },
    stopAsked.signal,
  );
  if (seeded) log.info({ ms: Date.now() - started }, 'demo data seeded');
}

const running = run().catch((err: unknown) => {
  // A seeding stopped half-way ends in an abort: not a failure, the stop below ends the process.
  if (stopAsked.signal.aborted) return;
  log.error({ err }, 'server failed to start');
  process.exit(1);
});

const stop = (signal: string): void => {
  if (stopAsked.signal.aborted) return;
  log.info({ signal }, 'stopping');
  stopAsked.abort();
  void running
    .then(async () => {
      await server?.close();
      await store?.close();
      process.exit(0);
    })
    .catch((err: unknown) => {
      log.error({ err }, 'stop failed');
      process.exit(1);
    });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
