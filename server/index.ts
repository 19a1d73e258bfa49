// Command line entry of the central server: opens the store (PGlite in --data, or
// DATABASE_URL), seeds the demo data set on first start, and serves on loopback.
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { startCentralServer } from './central-server';
import { seedDemoData } from './demo-seed';
import { openStore } from './store';
import { s3FileStoreFromEnv } from './attachments/s3-file-store';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OPTA_SERVER_PORT ?? '7410' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: process.env.OPTA_SERVER_DATA ?? path.resolve('.data/server') },
    demo: { type: 'boolean', default: true },
    'no-demo': { type: 'boolean', default: false },
    'demo-items': { type: 'string', default: process.env.OPTA_DEMO_ITEMS ?? '50000' },
    // Larger staff for load tests (200 desks need 200 people); the demo default is 12 and 2.
    'demo-managers': { type: 'string', default: '12' },
    'demo-supervisors': { type: 'string', default: '2' },
    updates: { type: 'string' },
    /** The ERP's JSON-RPC endpoint: when given, this server runs the ERP link (outbox, health, feeds). */
    erp: { type: 'string', default: process.env.OPTA_ERP_URL },
    /** Minutes between stock snapshots from the ERP. */
    'stock-minutes': { type: 'string', default: process.env.OPTA_STOCK_MINUTES ?? '5' },
  },
});

const log = pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'server' });
const databaseUrl = process.env.DATABASE_URL;
const store = await openStore(
  databaseUrl
    ? { databaseUrl, onConnectionError: (err, what) => log.warn({ err: err.message }, `PostgreSQL: ${what}`) }
    : { dataDir: values.data },
);
if (values.demo && !values['no-demo']) {
  const started = Date.now();
  let lastShown = 0;
  const seeded = await seedDemoData(
    store,
    {
      items: Number(values['demo-items']),
      managers: Number(values['demo-managers']),
      supervisors: Number(values['demo-supervisors']),
    },
    (stage, done, total) => {
      if (Date.now() - lastShown > 1000 || done === total) {
        lastShown = Date.now();
        log.info({ stage, done, total }, 'seeding demo data');
      }
    },
  );
  if (seeded) log.info({ ms: Date.now() - started }, 'demo data seeded');
}
const server = await startCentralServer({
  store,
  port: Number(values.port),
  host: values.host,
  updatesDir: values.updates,
  logger: log,
  databaseUrl,
  filesDir: path.join(values.data, 'files'),
  fileStore: s3FileStoreFromEnv(process.env) ?? undefined,
  erpUrl: values.erp,
  erp: { cadence: { stockMs: Number(values['stock-minutes']) * 60_000 } },
});
// The parent (npm start, tests) reads this line to learn the address.
process.stdout.write(`OPTA_SERVER_READY ${server.url}\n`);

const stop = async (): Promise<void> => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
