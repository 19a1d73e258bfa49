// Command line entry of the ERP simulator (its own process and port). It holds the demo data set's
// master data (the same seed as the server's demo option, so the desk-side demo data the server
// adds refers to the same items and clients) and serves it as 1C would: snapshots and feeds. Faults can be set
// at start (--down, --latency, --error-rate, --timeout-after-commit, --duplicate-rate) and
// changed at run time with POST /admin/faults {…}; GET /admin/ledger shows what it received.
import { parseArgs } from 'node:util';
import { demoAsOf, generateDemoData } from '../../db/demo/generate';
import { erpMasterFromDemo } from './demo-master';
import { startErpSimulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OPTA_ERP_PORT ?? '7430' },
    'demo-items': { type: 'string', default: process.env.OPTA_DEMO_ITEMS ?? '50000' },
    'demo-managers': { type: 'string', default: '12' },
    'demo-supervisors': { type: 'string', default: '2' },
    /** Seconds an accepted order spends in each status (processing, assembling, shipped). */
    'progress-seconds': { type: 'string', default: '20' },
    /** Seconds between goods arriving for each preorder (one waiting line secured; 0: only on request). */
    'secure-seconds': { type: 'string', default: '120' },
    /** Seconds between random price and stock changes (0: none). */
    'drift-seconds': { type: 'string', default: '30' },
    /** Orders 1C took before the desks went live (shipped and closed, over the past year). */
    'history-orders': { type: 'string', default: '0' },
    down: { type: 'boolean', default: false },
    latency: { type: 'string', default: '0' },
    'error-rate': { type: 'string', default: '0' },
    'timeout-after-commit': { type: 'string', default: '0' },
    'duplicate-rate': { type: 'string', default: '0' },
    'reject-rate': { type: 'string', default: '0' },
  },
});

const demo = generateDemoData({
  items: Number(values['demo-items']),
  managers: Number(values['demo-managers']),
  supervisors: Number(values['demo-supervisors']),
  orders: 0,
  bigOrders: [],
  asOf: demoAsOf(new Date()),
});
const sim = await startErpSimulator({
  port: Number(values.port),
  data: erpMasterFromDemo(demo),
  progressMs: Number(values['progress-seconds']) * 1000,
  driftMs: Number(values['drift-seconds']) * 1000,
  historyOrders: Number(values['history-orders']),
  secureEveryMs: Number(values['secure-seconds']) * 1000,
  faults: {
    down: values.down,
    latencyMs: Number(values.latency),
    errorRate: Number(values['error-rate']),
    timeoutAfterCommitRate: Number(values['timeout-after-commit']),
    duplicateRate: Number(values['duplicate-rate']),
    rejectRate: Number(values['reject-rate']),
  },
});
process.stdout.write(`OPTA_ERP_READY ${sim.url}\n`);
const stop = async (): Promise<void> => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
