// Open orders follow the replica without being read again: for each order a view opened (the few
// opened last), every change of its rows (an edit here, a batch from the server) becomes one
// delta event with only the lines that changed, the lines gone and the header as it is now.
// The header's sums over all lines (VAT per line as the ERP computes it, weight, volume) are kept
// per open order and moved by the changed lines alone, so a one-cell edit of a 20,000-line order
// costs that one line, not 20,000.
import type { OrderDelta, OrderDetails } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import type { DeskEvents } from '../session/desk-events';
import type { ChangedRows } from '../sync/local-changes';
import type { LineTotals, OrderHeader, OrderService } from './orders';

/** The few orders open in views at once (an editor and the order it was split from, say). */
const OPEN_ORDERS = 4;

type Figures = Map<string, LineTotals & { itemId: number }>;

interface OpenOrder {
  id: string;
  /** Each line's part of the totals: read when the order first changes, not when it opens. */
  figures: Figures | null;
  /** What makes every line's figures change when it changes (stock is per warehouse, prices per client). */
  warehouseId: number;
  clientId: number;
  status: string;
}

export interface OrderDeltas {
  /** Reads an order for a view and follows it from now on. */
  open(orderId: string, linesLimit?: number): OrderDetails;
  /** Rows changed in the replica (here or from the server): deltas of the open orders they touch. */
  changed(changed: ChangedRows): void;
}

export type UndoLabels = (orderId: string) => { undoLabel: string | null; redoLabel: string | null };

function sum(figures: Figures): LineTotals {
  const s: LineTotals = { amount: 0, vat: 0, kg: 0, m3: 0 };
  for (const f of figures.values()) {
    s.amount += f.amount;
    s.vat += f.vat;
    s.kg += f.kg;
    s.m3 += f.m3;
  }
  return s;
}

/** Item ids of changed stock ("item:warehouse") and price ("item:priceType") rows. */
function itemsOf(changed: ChangedRows): Set<number> {
  const items = new Set<number>();
  for (const table of ['stock', 'prices'] as const)
    for (const key of changed.get(table) ?? []) items.add(Number(key.split(':')[0]));
  for (const key of changed.get('items') ?? []) items.add(Number(key));
  return items;
}

export function createOrderDeltas(orders: OrderService, events: DeskEvents, labels: UndoLabels): OrderDeltas {
  const open = new Map<string, OpenOrder>();

  const figuresOf = (o: OpenOrder): Figures => (o.figures ??= orders.lineFigures(o.id));
  const headerOf = (o: OpenOrder): OrderDelta['order'] => ({
    ...orders.header(o.id, sum(figuresOf(o))),
    ...labels(o.id),
  });

  function follow(h: OrderHeader, figures: Figures | null): OpenOrder {
    open.delete(h.id);
    const o: OpenOrder = { id: h.id, figures, warehouseId: h.warehouseId, clientId: h.clientId, status: h.status };
    open.set(h.id, o);
    while (open.size > OPEN_ORDERS) open.delete(open.keys().next().value!);
    return o;
  }

  function deltaOf(o: OpenOrder, changed: ChangedRows): OrderDelta | null {
    const orderChanged = changed.get('orders')?.has(o.id) ?? false;
    const approvalChanged = changed.get('price_approvals')?.has(o.id) ?? false;
    const clientChanged = changed.get('clients')?.has(String(o.clientId)) ?? false;
    // Rules, price types and the client's coefficients price every line anew.
    const rulesChanged = changed.has('price_rules') || changed.has('price_types') || clientChanged;
    const lineKeys = changed.get('order_lines');
    const items = itemsOf(changed);
    if (!orderChanged && !approvalChanged && !rulesChanged && !lineKeys?.size && !items.size) return null;

    let header: OrderHeader;
    try {
      header = orders.header(o.id, sum(figuresOf(o)));
    } catch (err) {
      if (!(err instanceof CodedError) || err.code !== 'not_found') throw err;
      open.delete(o.id);
      return { orderId: o.id, lines: [], removed: [], order: null, reload: false };
    }
    // Another warehouse, status or client terms: every line's stock, lock or flags may differ.
    if (
      rulesChanged ||
      approvalChanged ||
      header.warehouseId !== o.warehouseId ||
      header.status !== o.status ||
      header.clientId !== o.clientId
    ) {
      const fresh = follow(header, null);
      return { orderId: o.id, lines: [], removed: [], order: headerOf(fresh), reload: true };
    }

    const touched = new Set<string>();
    const removed: string[] = [];
    if (lineKeys?.size) {
      // Changed lines of any order: those of this one come back; those it had and that are gone, left it.
      const found = orders.lineFigures(o.id, [...lineKeys]);
      const figures = figuresOf(o);
      for (const key of lineKeys) {
        const f = found.get(key);
        if (f) {
          figures.set(key, f);
          touched.add(key);
        } else if (figures.delete(key)) removed.push(key);
      }
    }
    if (items.size) for (const [id, f] of figuresOf(o)) if (items.has(f.itemId)) touched.add(id);
    if (!touched.size && !removed.length && !orderChanged) return null;
    const lines = touched.size ? orders.lines(o.id, [...touched]).lines : [];
    return { orderId: o.id, lines, removed, order: headerOf(o), reload: false };
  }

  return {
    open(orderId, linesLimit) {
      const order = orders.get(orderId, linesLimit);
      follow(order, null);
      return { ...order, ...labels(orderId) };
    },
    changed(changed) {
      for (const o of [...open.values()]) {
        const delta = deltaOf(o, changed);
        if (delta) events.emit('orders.delta', delta);
      }
    },
  };
}
