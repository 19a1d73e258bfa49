// The simulator's control room over HTTP, for tests and the demo (never part of the ERP protocol):
// faults switched at run time, 1C's users changing master data, the ledger of writes received,
// and goods arriving for a preorder or a reserve's time running out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErpFaults, ErpOrder, LedgerEntry } from './sim-types';
import type { MasterEntity } from '../../domain/erp/master-feeds';
import type { MasterKind, MasterStore } from './master-store';
import type { ErpOrderBook } from './erp-orders';
import type { ReservationBook } from './reservations';

export interface SimAdminState {
  faults: ErpFaults;
  master: MasterStore;
  ledger: Map<string, LedgerEntry>;
  applied: LedgerEntry[];
  orders: Map<string, ErpOrder>;
  erpOrders: ErpOrderBook;
  reservations: ReservationBook;
}

/** JSON body of a POST, then `handle` answers; a body that does not parse is a 400. */
function withBody(req: IncomingMessage, res: ServerResponse, handle: (body: Record<string, unknown>) => unknown): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    try {
      const answer = handle(JSON.parse(body || '{}') as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (err) {
      res.writeHead(400).end(err instanceof Error ? err.message : 'bad request');
    }
  });
}

/** Answers an /admin/ request; false when the request is not one. */
export function adminRoute(req: IncomingMessage, res: ServerResponse, s: SimAdminState): boolean {
  const { faults, master, ledger, applied, orders, erpOrders, reservations } = s;
  // A reserve or preorder by the desk's id, or by 1C's number (what a 1C operator sees).
  const orderOf = (b: Record<string, unknown>): string =>
    b.orderId ? String(b.orderId) : (reservations.orderIdOf(String(b.erpId)) ?? '');
  if (req.url === '/admin/secure' && req.method === 'POST') {
    // Goods arrived for a preorder: {orderId or erpId, lineId?, quantity?} (a line or all; a part or whole).
    withBody(req, res, (b) => ({
      secured: reservations.secure(
        orderOf(b),
        b.lineId ? String(b.lineId) : undefined,
        b.quantity ? String(b.quantity) : undefined,
      ),
    }));
    return true;
  }
  if (req.url === '/admin/expire' && req.method === 'POST') {
    // A reserve's time is up now: {orderId or erpId}.
    withBody(req, res, (b) => ({ released: reservations.expire(orderOf(b)) }));
    return true;
  }
  if (req.url?.startsWith('/admin/faults') && req.method === 'POST') {
    withBody(req, res, (b) => Object.assign(faults, b));
    return true;
  }
  if (req.url === '/admin/master' && req.method === 'POST') {
    // 1C's users at work: {entity, op: "put", data} or {entity, op: "retire", key: "812"}.
    withBody(req, res, (b) => {
      const change = b as { entity: MasterEntity; op: 'put' | 'retire'; data?: object; key?: string };
      const kind = master[change.entity] as MasterKind<object> | undefined;
      if (!kind) throw new Error('unknown entity');
      if (change.op === 'put' && change.data) kind.put(change.data);
      else if (change.op === 'retire' && change.key) kind.retire(change.key);
      else throw new Error('op is put with data or retire with key');
      return { position: kind.log.position };
    });
    return true;
  }
  if (req.url === '/admin/ledger') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        applied: applied.length,
        entries: [...ledger.values()],
        orders: [...orders.values()],
        erpOrders: erpOrders.orders.size,
      }),
    );
    return true;
  }
  return false;
}
