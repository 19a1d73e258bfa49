// Orders the simulated 1C takes itself (by phone, from a field rep, through the client portal):
// kept whole, sent in `orders.changes` when placed and at every status they move to, as the
// server's desks would see them arrive from a real 1C.
import Decimal from 'decimal.js';
import type { ErpOrder } from '../../domain/erp/erp-orders';
import type { ErpItem } from '../../domain/erp/master-data';
import { ChangeLog, type MasterStore } from './master-store';

const NEXT: Record<string, ErpOrder['status']> = {
  accepted: 'processing',
  processing: 'assembling',
  assembling: 'shipped',
};

export class ErpOrderBook {
  readonly log = new ChangeLog();
  readonly orders = new Map<string, ErpOrder & { statusAt: number }>();

  /** `changed`: each placed order and each status it moves to (its documents are issued there). */
  constructor(private readonly changed: (order: ErpOrder) => void = () => undefined) {}

  /** Orders taken before the feed's readers came: in the feed from its start, without documents. */
  remember(orders: ErpOrder[]): void {
    for (const order of orders) {
      this.orders.set(order.erpId, { ...order, statusAt: Date.now() });
      this.log.add({ op: 'put', data: order });
    }
  }

  place(order: ErpOrder): void {
    this.orders.set(order.erpId, { ...order, statusAt: Date.now() });
    this.log.add({ op: 'put', data: order });
    this.changed(order);
  }

  /** Moves accepted orders on, one status per `stepMs`, each move a change in the feed. */
  progress(now: number, stepMs: number): void {
    for (const o of this.orders.values()) {
      const next = NEXT[o.status];
      if (!next || now - o.statusAt < stepMs) continue;
      o.status = next;
      o.statusAt = now;
      const { statusAt: _at, ...order } = o;
      this.log.add({ op: 'put', data: order });
      this.changed(order);
    }
  }
}

const startOfToday = (): number => {
  const d = new Date();
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
};

/** A small deterministic generator (xorshift32). */
function seeded(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** One to eight lines of the given items at the client's prices, a few packs each. */
function orderLines(
  master: MasterStore,
  random: () => number,
  priceTypeId: number,
  items: ErpItem[],
): ErpOrder['lines'] {
  const lines: ErpOrder['lines'] = [];
  const want = 1 + Math.floor(random() * 8);
  for (let tries = 0; lines.length < want && tries < want * 4; tries++) {
    const item = items[Math.floor(random() * items.length)]!;
    const price = master.prices.get(`${item.id}:${priceTypeId}`);
    if (!price || lines.some((l) => l.itemId === item.id)) continue;
    const quantity = String(item.packSize * (1 + Math.floor(random() * 10)));
    lines.push({
      lineNo: lines.length + 1,
      itemId: item.id,
      quantity,
      price: price.price,
      discount: '0',
      amount: new Decimal(quantity).times(price.price).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    });
  }
  return lines;
}

/**
 * The orders 1C held before the desks went live: `count` of them over the past year, shipped or
 * closed, 1 to 8 lines each, in the order they were taken; the orders feed hands them over from
 * position 0, so a new server reads the clients' history after its initial load.
 */
export function historyOrders(master: MasterStore, count: number, now = startOfToday()): ErpOrder[] {
  // Its own seeded generator and today's start: a restarted simulator holds the same history,
  // as 1C would, and the server re-reading it changes nothing.
  const random = seeded(count);
  const clients = [...master.clients.rows.values()];
  const warehouses = [...master.warehouses.rows.values()];
  const items = [...master.items.rows.values()];
  if (clients.length === 0 || warehouses.length === 0 || items.length === 0) return [];
  const YEAR = 365 * 86_400_000;
  const out: ErpOrder[] = [];
  for (let n = 0; n < count; n++) {
    const client = clients[Math.floor(random() * clients.length)]!;
    const at = now - YEAR + Math.floor((n / count) * (YEAR - 7 * 86_400_000));
    const lines = orderLines(master, random, client.priceTypeId, items);
    if (lines.length === 0) continue;
    out.push({
      erpId: `ЗТ-${String(n + 1).padStart(6, '0')}`,
      clientId: client.id,
      kind: 'order',
      status: now - at < 30 * 86_400_000 && random() < 0.5 ? 'shipped' : 'closed',
      source: random() < 0.6 ? 'phone' : random() < 0.7 ? 'field' : 'portal',
      createdAt: new Date(at).toISOString(),
      warehouseId: warehouses[Math.floor(random() * warehouses.length)]!.id,
      deliveryDate: null,
      comment: '',
      lines,
    });
  }
  return out;
}

/** A phone order of a random client: a few lines of items the client's price type prices. */
export function phoneOrder(master: MasterStore, random: () => number, erpId: string): ErpOrder | null {
  const clients = [...master.clients.rows.values()];
  const client = clients[Math.floor(random() * clients.length)];
  const warehouse = [...master.warehouses.rows.values()][0];
  const items = [...master.items.rows.values()].filter((i) => i.lifecycle === 'active');
  if (!client || !warehouse || items.length === 0) return null;
  const lines = orderLines(master, random, client.priceTypeId, items);
  if (lines.length === 0) return null;
  return {
    erpId,
    clientId: client.id,
    kind: 'order',
    status: 'accepted',
    source: random() < 0.7 ? 'phone' : 'field',
    createdAt: new Date().toISOString(),
    warehouseId: warehouse.id,
    deliveryDate: null,
    comment: 'Принят по телефону',
    lines,
  };
}
