// Test helper: the ERP simulator over a small demo set, a central server linked to it (seeded
// with the same set), and one desk signed in and synced: the three parts of an ERP test.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoData } from '../../db/demo/generate';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator, type ErpSimulator, type ErpSimulatorOptions } from '../../server/erp-sim/simulator';
import { startTestCentral, type TestCentral } from './central';
import { until } from './until';

export interface ErpDesk {
  demo: ReturnType<typeof generateDemoData>;
  erp: ErpSimulator;
  central: TestCentral;
  core: DeskCore;
  stop(): Promise<void>;
}

export async function startErpDesk(login: string, sim: Omit<ErpSimulatorOptions, 'data'> = {}): Promise<ErpDesk> {
  const demo = generateDemoData({ items: 200, clients: 60, orders: 0, bigOrders: [] });
  const erp = await startErpSimulator({ ...sim, data: erpMasterFromDemo(demo) });
  const central = await startTestCentral({ items: 200, erpUrl: erp.url });
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-erp-desk-')),
    serverUrl: central.server.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  await core.handlers['session.login']({ login, password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null, 60_000);
  return {
    demo,
    erp,
    central,
    core,
    async stop() {
      await core.close();
      await central.stop();
      await erp.close();
    },
  };
}
