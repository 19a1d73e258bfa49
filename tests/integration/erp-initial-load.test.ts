// The ERP owns the master data: a server on an empty store loads all of it from the ERP (here the
// simulator over a small demo set) page by page, then follows the feeds: new records are created,
// changed ones updated, removed ones retired, a client reassigned in 1C moves between desks, and
// what the ERP sends broken is recorded with its position and skipped while the rest is applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../db/demo/generate';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator, type ErpSimulator } from '../../server/erp-sim/simulator';
import { hashPassword } from '../../server/passwords';
import { FAST_ERP, login, startTestCentral, type TestCentral } from '../helpers/central';
import { until } from '../helpers/until';

const kinds: ('pglite' | 'postgres')[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const demo = generateDemoData({ items: 400, clients: 40, managers: 4, supervisors: 2, orders: 0, bigOrders: [] });

describe.each(kinds)('initial load and feeds (%s)', (kind) => {
  let erp: ErpSimulator;
  let central: TestCentral;
  const q = <T>(sql: string, params: unknown[] = []) => central.store.queryObjects<T>(sql, params);

  beforeAll(async () => {
    erp = await startErpSimulator({ data: erpMasterFromDemo(demo) });
    // Changes made in the ERP before the load are in the snapshot; the feeds must not re-apply them wrongly.
    erp.changePrice(1, 1, '777.0000');
    central = await startTestCentral({
      kind,
      empty: true,
      erpUrl: erp.url,
      erp: { ...FAST_ERP, loadPageSize: 70 },
    });
    await central.server.erpLink!.loaded;
  }, 120_000);
  afterAll(async () => {
    await central?.stop();
    await erp?.close();
  });

  it('loads every kind of master data, exactly as the ERP holds it', async () => {
    const count = async (table: string) =>
      (await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE NOT deleted`))[0]!.n;
    expect(await count('warehouses')).toBe(demo.warehouses.length);
    expect(await count('price_types')).toBe(demo.price_types.length);
    expect(await count('users')).toBe(demo.users.length - 1);
    expect(await count('items')).toBe(demo.items.length);
    expect(await count('prices')).toBe(demo.prices.length);
    expect(await count('stock')).toBe(demo.stock.length);
    expect(await count('clients')).toBe(demo.clients.length);
    const [item] = await q<Record<string, unknown>>(
      `SELECT article, name, pack_size, vat_rate::text AS vat_rate, cost::text AS cost, attributes, analog_group FROM items WHERE id = 2`,
    );
    const source = demo.items[1]!;
    expect(item).toMatchObject({
      article: source.article,
      name: source.name,
      pack_size: source.pack_size,
      attributes: source.attributes,
      analog_group: source.analog_group,
    });
    expect(Number(item!.vat_rate)).toBe(Number(source.vat_rate));
    expect(Number(item!.cost)).toBe(Number(source.cost));
    const [price] = await q<{ price: string }>(
      `SELECT price::text AS price FROM prices WHERE item_id = 1 AND price_type_id = 1`,
    );
    expect(price!.price).toBe('777.0000');
    const client = demo.clients[5]!;
    const [row] = await q<Record<string, unknown>>(
      `SELECT name, inn, kpp, manager_id, price_type_id, credit_limit::text AS credit_limit, agreements, contacts, overdue::text AS overdue FROM clients WHERE id = $1`,
      [client.id],
    );
    expect(row).toMatchObject({
      name: client.name,
      inn: client.inn,
      kpp: client.kpp,
      manager_id: client.manager_id,
      price_type_id: client.price_type_id,
      agreements: client.agreements,
      contacts: client.contacts,
    });
    expect(Number(row!.credit_limit)).toBe(Number(client.credit_limit));
    // Debts are read right after the load.
    await until(async () => {
      const [r] = await q<{ overdue: string }>(`SELECT overdue::text AS overdue FROM clients WHERE id = $1`, [
        client.id,
      ]);
      return Number(r!.overdue) === Number(client.overdue);
    }, 10_000);
    const state = await central.server.erpLink!.initialLoad.state();
    expect(state).toMatchObject({ status: 'done', read: { items: demo.items.length, prices: demo.prices.length } });
  });

  it('feeds create, change and retire; a new item and a new client reach the store, the item on a desk', async () => {
    const item = { ...erpMasterFromDemo(demo).items[3]!, id: 90_001, article: 'НОВ-90001', name: 'Новинка из 1С' };
    erp.master.items.put(item);
    erp.master.prices.put({ itemId: 90_001, priceTypeId: 1, price: '12.5000' });
    erp.master.stock.put({ itemId: 90_001, warehouseId: 2, quantity: '40', leadDays: 1 });
    const manager = demo.users.find((u) => u.role === 'manager')!;
    erp.master.clients.put({
      ...erpMasterFromDemo(demo).clients[0]!,
      id: 9001,
      name: 'ООО «Новый из 1С»',
      inn: '7707083893',
      managerId: manager.id,
    });
    await until(
      async () =>
        (await q(`SELECT 1 FROM stock WHERE item_id = 90001 AND warehouse_id = 2 AND NOT deleted`)).length === 1,
      15_000,
    );
    await until(async () => (await q(`SELECT 1 FROM clients WHERE id = 9001 AND NOT deleted`)).length === 1, 15_000);
    const [p] = await q<{ price: string }>(`SELECT price::text AS price FROM prices WHERE item_id = 90001`);
    expect(p!.price).toBe('12.5000');
    // Retired in 1C: the price goes, the item is discontinued (old orders still name it).
    erp.master.prices.retire('90001:1');
    erp.master.items.retire('90001');
    await until(
      async () => (await q(`SELECT 1 FROM items WHERE id = 90001 AND lifecycle = 'discontinued'`)).length === 1,
      15_000,
    );
    await until(
      async () => (await q(`SELECT 1 FROM prices WHERE item_id = 90001 AND NOT deleted`)).length === 0,
      15_000,
    );
  });

  it("a client reassigned in 1C leaves the old manager's desk scope and enters the new one's", async () => {
    const [from, to] = demo.users.filter((u) => u.role === 'manager');
    const client = demo.clients.find((c) => c.manager_id === from!.id)!;
    const record = erp.master.clients.get(String(client.id))!;
    erp.master.clients.put({ ...record, managerId: to!.id });
    await until(
      async () =>
        (await q(`SELECT 1 FROM clients WHERE id = $1 AND manager_id = $2`, [client.id, to!.id])).length === 1,
      15_000,
    );
    const exits = await q(`SELECT 1 FROM scope_exits WHERE user_id = $1 AND table_name = 'clients' AND row_key = $2`, [
      from!.id,
      String(client.id),
    ]);
    expect(exits.length).toBe(1);
  });

  it('broken records are recorded with their position and skipped; the rest of the page is applied', async () => {
    const good = erpMasterFromDemo(demo).items[7]!;
    const kind = erp.master.items;
    // An invalid VAT rate, a client with a broken INN, a stock row in an unknown warehouse, a change without data.
    kind.log.add({ op: 'put', data: { ...good, id: 90_002, article: 'ПЛОХ-1', vatRate: '18' } });
    kind.put({ ...good, id: 90_003, article: 'ХОР-1', name: 'Хорошая позиция' });
    erp.master.clients.log.add({ op: 'put', data: { ...erp.master.clients.get('1')!, id: 9002, inn: '7707083894' } });
    erp.master.stock.log.add({ op: 'put', data: { itemId: 1, warehouseId: 99, quantity: '5', leadDays: null } });
    kind.log.add({ op: 'put' });
    await until(async () => (await q(`SELECT 1 FROM items WHERE id = 90003`)).length === 1, 15_000);
    await until(async () => (await q(`SELECT 1 FROM erp_inbound_errors`)).length >= 4, 15_000);
    expect((await q(`SELECT 1 FROM items WHERE id = 90002`)).length).toBe(0);
    expect((await q(`SELECT 1 FROM clients WHERE id = 9002`)).length).toBe(0);
    expect((await q(`SELECT 1 FROM stock WHERE warehouse_id = 99`)).length).toBe(0);
    const errors = await q<{ feed: string; record_key: string | null; message: string; position: string }>(
      `SELECT feed, record_key, message, position FROM erp_inbound_errors ORDER BY id`,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          feed: 'catalog.changes',
          record_key: '90002',
          message: expect.stringContaining('VAT'),
        }),
        expect.objectContaining({
          feed: 'clients.changes',
          record_key: '9002',
          message: expect.stringContaining('INN'),
        }),
        expect.objectContaining({ feed: 'stock.changes', record_key: '1:99', message: 'unknown warehouse 99' }),
      ]),
    );
    for (const e of errors) expect(Number(e.position)).toBeGreaterThan(0);
    // The admin sees them; a manager may not.
    const admin = await loginAdmin(central);
    const view = await (
      await fetch(`${central.server.url}/api/erp/inbound`, { headers: { authorization: `Bearer ${admin}` } })
    ).json();
    expect(view.load.status).toBe('done');
    expect(view.counts.find((c: { feed: string }) => c.feed === 'catalog.changes').count).toBeGreaterThanOrEqual(2);
    const manager = await login(central.server.url, demo.users.find((u) => u.role === 'manager')!.login, 'pw-manager');
    const forbidden = await fetch(`${central.server.url}/api/erp/inbound`, {
      headers: { authorization: `Bearer ${manager.token}` },
    });
    expect(forbidden.status).toBe(403);
  });
});

/** Staff from the ERP have no password until someone sets one; the admin is the server's own account. */
async function loginAdmin(central: TestCentral): Promise<string> {
  const hash = await hashPassword('pw-admin');
  await central.store.queryObjects(
    `INSERT INTO users (id, login, name, role, active, password_hash) VALUES (1, 'admin', 'Администратор', 'admin', true, $1) ON CONFLICT (id) DO NOTHING`,
    [hash],
  );
  const managerHash = await hashPassword('pw-manager');
  await central.store.queryObjects(`UPDATE users SET password_hash = $1 WHERE role = 'manager'`, [managerHash]);
  return (await login(central.server.url, 'admin', 'pw-admin')).token;
}
