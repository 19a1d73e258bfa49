// The simulated 1C's own life, so a newcomer sees data arrive as it would from a real one: every
// so often prices and stock move, a new item enters the range (with its prices and stock), a new
// client is signed and given to a manager, and clients pay part of their debt. Every change goes
// through the master store, so it reaches the server by the feeds.
import Decimal from 'decimal.js';
import type { ErpItem } from '../../domain/erp/master-data';
import type { MasterStore } from './master-store';
import { overdueOf, pay } from './receivables';

export interface LivingOptions {
  everyMs: number;
  random: () => number;
  /** A client phones in an order. */
  placeOrder?: () => unknown;
}

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];

/** A company's taxpayer number with a valid check digit. */
export function companyInn(random: () => number): string {
  const d = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(random() * 9) : Math.floor(random() * 10)));
  return [...d, (W10.reduce((s, w, i) => s + w * d[i]!, 0) % 11) % 10].join('');
}

const pick = <T>(list: T[], random: () => number): T | undefined => list[Math.floor(random() * list.length)];

export function startLiving(master: MasterStore, options: LivingOptions): { stop(): void } {
  const { random } = options;
  let tick = 0;
  const priceList = [...master.prices.rows.values()];
  const stockList = [...master.stock.rows.values()];

  const drift = (): void => {
    for (let i = 0; i < 5 && priceList.length; i++) {
      const p = pick(priceList, random)!;
      const now = master.prices.get(`${p.itemId}:${p.priceTypeId}`) ?? p;
      const price = new Decimal(now.price)
        .times(0.95 + random() * 0.1)
        .toDecimalPlaces(2)
        .toFixed(4);
      master.prices.put({ ...now, price });
    }
    for (let i = 0; i < 20 && stockList.length; i++) {
      const s = pick(stockList, random)!;
      const now = master.stock.get(`${s.itemId}:${s.warehouseId}`) ?? s;
      master.stock.put({ ...now, quantity: String(Math.floor(random() * 500)) });
    }
  };

  const newItem = (): void => {
    const items = [...master.items.rows.values()];
    const template = pick(items, random);
    if (!template) return;
    const id = items.reduce((m, i) => Math.max(m, i.id), 0) + 1;
    const item: ErpItem = {
      ...template,
      id,
      article: `${template.article}-Н${id}`,
      name: `${template.name} (новинка)`,
      lifecycle: 'active',
    };
    master.items.put(item);
    for (const t of master.priceTypes.rows.values()) {
      const base = master.prices.get(`${template.id}:${t.id}`);
      if (base) master.prices.put({ itemId: id, priceTypeId: t.id, price: base.price });
    }
    const warehouse = pick([...master.warehouses.rows.values()], random);
    if (warehouse)
      master.stock.put({
        itemId: id,
        warehouseId: warehouse.id,
        quantity: String(template.packSize * (10 + Math.floor(random() * 90))),
        leadDays: 0,
      });
  };

  const newClient = (): void => {
    const managers = [...master.staff.rows.values()].filter((s) => s.role === 'manager' && s.active);
    const priceTypes = [...master.priceTypes.rows.values()];
    const manager = pick(managers, random);
    const priceType = pick(priceTypes, random);
    if (!manager || !priceType) return;
    const id = [...master.clients.rows.values()].reduce((m, c) => Math.max(m, c.id), 0) + 1;
    master.clients.put({
      id,
      name: `ООО «Новый клиент ${id}»`,
      inn: companyInn(random),
      kpp: '770101001',
      legalAddress: 'г. Москва, ул. Новая, д. 1',
      priceTypeId: priceType.id,
      category: null,
      creditLimit: '100000.00',
      paymentTerms: 'Предоплата 100%',
      managerId: manager.id,
      contacts: [],
      deliveryAddresses: [],
      agreements: [],
    });
  };

  const payment = (): void => {
    const debtors = [...master.receivables.entries()].filter(([, r]) => new Decimal(overdueOf(r, new Date())).gt(0));
    const debtor = pick(debtors, random);
    if (debtor) pay(debtor[1], 0.2 + random() * 0.5, new Date());
  };

  const timer = setInterval(() => {
    tick++;
    drift();
    if (tick % 2 === 0) newItem();
    if (tick % 10 === 0) newClient();
    if (tick % 3 === 0) payment();
    if (tick % 4 === 0) options.placeOrder?.();
  }, options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
