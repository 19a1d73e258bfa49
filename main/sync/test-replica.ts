// For tests of the desk core's services: a real replica file seeded with a small demo data set
// (the generator the server seeds from), as the first manager would have it after a sync.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoData, type DemoData } from '../../db/demo/generate';
import type { SyncTableName } from '../../domain/sync/sync-tables';
import { createLocalChanges, type LocalChanges } from './local-changes';
import { openReplica, type Replica } from './replica';

export interface TestReplica {
  replica: Replica;
  changes: LocalChanges;
  data: DemoData;
  managerId: number;
}

export function seededReplica(options: { items?: number; orders?: number; bigOrders?: number[] } = {}): TestReplica {
  const data = generateDemoData({
    items: options.items ?? 600,
    clients: 12,
    managers: 2,
    supervisors: 1,
    orders: options.orders ?? 20,
    bigOrders: options.bigOrders ?? [],
  });
  const managerId = 100;
  const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-test-')), 'replica.sqlite'));
  const mine = new Set(data.clients.filter((c) => c.manager_id === managerId).map((c) => c.id));
  const tables: [SyncTableName, Record<string, unknown>[], (r: Record<string, unknown>) => string][] = [
    ['users', data.users.map(({ password: _p, ...u }) => u), (r) => String(r.id)],
    ['warehouses', data.warehouses as unknown as Record<string, unknown>[], (r) => String(r.id)],
    ['price_types', data.price_types as unknown as Record<string, unknown>[], (r) => String(r.id)],
    ['items', data.items as unknown as Record<string, unknown>[], (r) => String(r.id)],
    [
      'prices',
      data.prices as unknown as Record<string, unknown>[],
      (r) => `${String(r.item_id)}:${String(r.price_type_id)}`,
    ],
    [
      'stock',
      data.stock as unknown as Record<string, unknown>[],
      (r) => `${String(r.item_id)}:${String(r.warehouse_id)}`,
    ],
    [
      'clients',
      data.clients.filter((c) => mine.has(c.id)).map((c) => ({ ...c, field_versions: {}, notes: '' })),
      (r) => String(r.id),
    ],
    [
      'orders',
      data.orders.filter((o) => o.manager_id === managerId) as unknown as Record<string, unknown>[],
      (r) => String(r.id),
    ],
    [
      'order_lines',
      data.order_lines.filter((l) => l.manager_id === managerId) as unknown as Record<string, unknown>[],
      (r) => String(r.id),
    ],
  ];
  replica.transaction(() => {
    for (const [table, rows, key] of tables)
      for (const r of rows) replica.writeRow(table, key(r), { ...r, version: 1 });
  });
  const changes = createLocalChanges({ replica, user: () => ({ id: managerId, role: 'manager' }) });
  return { replica, changes, data, managerId };
}
