// Demo orders: the first manager's drafts and big orders, and a year of history across statuses
// and kinds, priced the way the desk prices them (integer kopecks, half up), with shipping terms.
import { Faker, base, en, ru } from '@faker-js/faker';
import { addMoney, lineAmount } from '../../domain/orders/order';
import { clientPrice } from '../../domain/orders/submit-check';
import { DemoClient, DemoItem, DemoOptions, DemoOrder, DemoOrderLine, DemoPrice } from './demo-types';

/** The first manager's first clients pay in advance: the big demo orders are theirs. */
export const PROJECT_CLIENTS = 3;

export function demoOrders(
  o: DemoOptions,
  clients: DemoClient[],
  items: DemoItem[],
  prices: DemoPrice[],
): { orders: DemoOrder[]; order_lines: DemoOrderLine[] } {
  const f = new Faker({ locale: [ru, en, base] });
  f.seed(o.seed + 1);
  const orders: DemoOrder[] = [];
  const order_lines: DemoOrderLine[] = [];
  if (items.length === 0 || clients.length === 0) return { orders, order_lines };
  const priceOf = new Map(prices.map((p) => [`${p.item_id}:${p.price_type_id}`, p.price]));
  const byManager = new Map<number, DemoClient[]>();
  for (const c of clients) byManager.set(c.manager_id, [...(byManager.get(c.manager_id) ?? []), c]);
  const statuses: { status: string; erp: boolean }[] = [
    { status: 'draft', erp: false },
    { status: 'draft', erp: false },
    { status: 'draft', erp: false },
    { status: 'processing', erp: true },
    { status: 'shipped', erp: true },
    { status: 'closed', erp: true },
  ];
  const asOf = Date.parse(o.asOf);
  for (const [managerId, own] of byManager) {
    for (const [i, st] of statuses.entries()) {
      const client = own[i % own.length]!;
      const id = f.string.uuid();
      const created = new Date(asOf - f.number.int({ min: 1, max: 30 * 24 * 60 }) * 60_000).toISOString();
      const count = f.number.int({ min: 5, max: 40 });
      const used = new Set<number>();
      let total = '0.00';
      let costKop = 0;
      for (let n = 1; n <= count; n++) {
        const item = items[f.number.int({ min: 0, max: items.length - 1 })]!;
        if (used.has(item.id)) continue;
        used.add(item.id);
        const price = clientPrice(priceOf.get(`${item.id}:${client.price_type_id}`) ?? '0', client.coefficient);
        const quantity = String(item.pack_size * f.number.int({ min: 1, max: 20 }));
        const amount = lineAmount(quantity, price, '0');
        total = addMoney(total, amount);
        costKop += lineCostKop(Number(quantity), item.cost);
        order_lines.push({
          id: f.string.uuid(),
          order_id: id,
          manager_id: managerId,
          line_no: n,
          item_id: item.id,
          quantity,
          price,
          price_source: 'client',
          discount: '0',
          amount,
          warehouse_id: null,
          comment: '',
          cost: item.cost,
          override_reason: '',
          override_note: '',
        });
      }
      orders.push({
        id,
        number: `ДМ-${String(orders.length + 1).padStart(4, '0')}`,
        client_id: client.id,
        manager_id: managerId,
        kind: i === 2 ? 'reserve' : 'order',
        status: st.status,
        warehouse_id: 1,
        delivery_date: null,
        comment: '',
        lines_count: used.size,
        last_line_no: count,
        total,
        created_at: created,
        submitted_at: st.erp ? created : null,
        erp_number: st.erp ? `ЗК-${String(90_000 + orders.length)}` : null,
        erp_status_at: st.erp ? created : null,
        erp_error: null,
        cost_total: fixed(costKop, 2),
        ...shipping(client),
      });
    }
  }
  historicalOrders(o, clients, items, prices, orders, order_lines);
  return { orders, order_lines };
}

/** Unit weight (grams) and volume (cm³) ranges per product group, for the demo's weights and volumes. */

export function shipping(client: DemoClient): Pick<DemoOrder, 'agreement' | 'delivery_method' | 'delivery_address'> {
  return {
    agreement: client.agreements[0]?.number ?? null,
    delivery_method: 'delivery',
    delivery_address: client.delivery_addresses[0]?.address ?? '',
  };
}

/** A line's cost in kopecks: quantity × unit cost (4 places), half up, as domain/orders/order.ts's lineCost. */
export function lineCostKop(quantity: number, cost: string): number {
  const [whole, frac = ''] = cost.split('.');
  const cost4 = Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
  return Math.floor((quantity * cost4 + 50) / 100);
}

/** An integer amount in units of 10^-places as a decimal string: fixed(12345, 2) = "123.45". */
export function fixed(units: number, places: number): string {
  const text = String(units).padStart(places + 1, '0');
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
}

/** A small fast seeded generator (mulberry32): hundreds of thousands of lines in a second or two. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HISTORY_STATUSES: [string, number][] = [
  ['closed', 52],
  ['shipped', 14],
  ['cancelled', 5],
  ['assembling', 3],
  ['processing', 6],
  ['accepted', 3],
  ['submitted', 1],
  ['draft', 14],
  ['rejected', 2],
];
export const HISTORY_KINDS: [string, number][] = [
  ['order', 70],
  ['reserve', 15],
  ['preorder', 10],
  ['seasonal', 5],
];

export function pick<T>(r: number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/**
 * The order history: `orders` orders over the past year (most small, a long tail to 200 lines),
 * and the first manager's big orders (5,000, 20,000, 50,000 lines; drafts, so they can be worked on).
 */
export function historicalOrders(
  o: DemoOptions,
  clients: DemoClient[],
  items: DemoItem[],
  prices: DemoPrice[],
  orders: DemoOrder[],
  lines: DemoOrderLine[],
): void {
  if (items.length === 0 || clients.length === 0) return;
  const r = prng(o.seed + 2);
  const uuid = (): string => {
    const hex = (n: number) =>
      Math.floor(r() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  };
  const priceOf = new Map(prices.map((p) => [`${p.item_id}:${p.price_type_id}`, p.price]));
  const asOf = Date.parse(o.asOf);
  const add = (client: DemoClient, count: number, status: string, kind: string, created: number): void => {
    const id = uuid();
    let totalKop = 0;
    let costKop = 0;
    // Consecutive items from a random start: no item twice in one order.
    const start = Math.floor(r() * items.length);
    const n = Math.min(count, items.length);
    const coef = Math.round(Number(client.coefficient) * 10_000);
    for (let k = 0; k < n; k++) {
      const item = items[(start + k * 7919) % items.length]!;
      // Integer arithmetic, exactly domain/orders/order.ts's rules (half up; a test compares them): the
      // Decimal versions would take ten seconds over 800,000 lines.
      const baseKop = Math.round(Number(priceOf.get(`${item.id}:${client.price_type_id}`) ?? '0') * 100);
      const price4 = Math.floor((baseKop * coef + 50) / 100);
      const qty = item.pack_size * (1 + Math.floor(r() * r() * 10));
      const disc = kind === 'preorder' || r() < 0.85 ? 0 : Math.floor(r() * 10);
      const amountKop = Math.floor((qty * price4 * (100 - disc) + 5000) / 10_000);
      totalKop += amountKop;
      costKop += lineCostKop(qty, item.cost);
      lines.push({
        id: uuid(),
        order_id: id,
        manager_id: client.manager_id,
        line_no: k + 1,
        item_id: item.id,
        quantity: String(qty),
        price: fixed(price4, 4),
        price_source: 'client',
        discount: String(disc),
        amount: fixed(amountKop, 2),
        warehouse_id: null,
        comment: '',
        cost: item.cost,
        // A manager's discount always has its reason (domain/pricing/price-floors): demo discounts are for volume.
        override_reason: disc ? 'volume' : '',
        override_note: '',
      });
    }
    const total = fixed(totalKop, 2);
    const sent = status !== 'draft';
    const at = new Date(created).toISOString();
    orders.push({
      id,
      number: `ДМ-${String(orders.length + 1).padStart(5, '0')}`,
      client_id: client.id,
      manager_id: client.manager_id,
      kind,
      status,
      warehouse_id: 1 + Math.floor(r() * r() * 5),
      delivery_date: null,
      comment: '',
      lines_count: n,
      last_line_no: n,
      total,
      created_at: at,
      submitted_at: sent ? at : null,
      erp_number:
        sent && status !== 'submitted' && status !== 'rejected' ? `ЗК-${String(10_000 + orders.length)}` : null,
      erp_status_at: sent ? new Date(created + 3600_000).toISOString() : null,
      erp_error: status === 'rejected' ? 'Документ отклонён: превышен кредитный лимит' : null,
      cost_total: fixed(costKop, 2),
      ...shipping(client),
    });
  };
  // Wide range of sizes, mostly small: 5 + 195 × r⁵ lines (median about 11, mean about 37).
  for (let i = 0; i < o.orders; i++) {
    const status = pick(r(), HISTORY_STATUSES);
    // Drafts and open orders are recent; closed ones spread over the year.
    const ageDays = status === 'closed' || status === 'cancelled' ? 20 + r() * 345 : r() * 20;
    add(
      clients[Math.floor(r() * clients.length)]!,
      5 + Math.floor(195 * r() ** 5),
      status,
      pick(r(), HISTORY_KINDS),
      asOf - ageDays * 86_400_000,
    );
  }
  const firstManagers = clients.filter((c) => c.manager_id === Math.min(...clients.map((x) => x.manager_id)));
  for (const [i, count] of o.bigOrders.entries()) {
    // Project-sized orders go to the clients that pay in advance (generate.ts: PROJECT_CLIENTS).
    const client = firstManagers[i % Math.min(PROJECT_CLIENTS, firstManagers.length)]!;
    add(client, count, 'draft', 'order', asOf - (3 + i) * 86_400_000);
  }
}
