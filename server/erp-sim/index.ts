// Command line entry of the ERP simulator (its own process and port). Faults can be set at
// start (--down, --latency, --error-rate, --timeout-after-commit) and changed at run time with
// POST /admin/faults {…}; GET /admin/ledger shows what it received.
import { parseArgs } from 'node:util';
import { startErpSimulator } from './simulator';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OPTA_ERP_PORT ?? '7430' },
    down: { type: 'boolean', default: false },
    latency: { type: 'string', default: '0' },
    'error-rate': { type: 'string', default: '0' },
    'timeout-after-commit': { type: 'string', default: '0' },
  },
});

const sim = await startErpSimulator({
  port: Number(values.port),
  faults: { down: values.down, latencyMs: Number(values.latency), errorRate: Number(values['error-rate']), timeoutAfterCommitRate: Number(values['timeout-after-commit']) },
});
process.stdout.write(`OPTA_ERP_READY ${sim.url}\n`);
const stop = async (): Promise<void> => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
