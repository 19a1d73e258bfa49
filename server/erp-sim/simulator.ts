// The ERP simulator: a stand-in for 1C speaking the JSON-RPC 2.0 methods of docs/erp-protocol.md
// over a generated data set. It keeps orders and moves accepted ones through processing →
// assembling → shipped over time, changes prices and stock now and then, keeps a ledger of every
// write it received (so tests can check exactly-once), and injects faults at run time: down,
// slow, error rate, answers lost after the work was done, duplicate delivery.
import { createServer, type Server } from 'node:http';
import Decimal from 'decimal.js';
import { JSONRPCErrorException, JSONRPCServer } from 'json-rpc-2.0';
import { ERP_WRITE_METHODS, ErpErrorCode, ErpWriteParams, type ErpWriteResult } from '../../domain/erp/erp-protocol';
import { lineVat } from '../../domain/pricing/pricing';
import { MASTER_ENTITIES, MASTER_METHODS, SnapshotParams } from '../../domain/erp/master-feeds';
import { startLiving } from './living';
import { ReservationBook } from './reservations';
import { adminRoute } from './sim-admin';
import type { ErpFaults, ErpOrder, LedgerEntry } from './sim-types';

export type { ErpFaults, ErpOrder, LedgerEntry } from './sim-types';
import { overdueOf } from './receivables';
import { ErpOrderBook, historyOrders, phoneOrder } from './erp-orders';
import { DocumentBook, documentLines } from './documents';
import { DocumentPdfParams } from '../../domain/erp/erp-documents';
import {
  ChangeLog,
  createMasterStore,
  emptyMasterData,
  type ErpMasterData,
  type MasterKind,
  type MasterStore,
} from './master-store';

export type { ErpMasterData } from './master-store';

export interface ErpSimulator {
  url: string;
  port: number;
  faults: ErpFaults;
  ledger: Map<string, LedgerEntry>;
  /** Effects in the order the ERP applied them. */
  applied: LedgerEntry[];
  orders: Map<string, ErpOrder>;
  /** Changes a price now (as the ERP's price department would); returns the new price. */
  /** The ERP's master data: change it as 1C's users would (each change goes to its feed). */
  master: MasterStore;
  changePrice(itemId: number, priceTypeId: number, price: string): void;
  changeStock(itemId: number, warehouseId: number, quantity: string): void;
  /** Orders 1C took itself (phone, field rep), and taking one now. */
  erpOrders: ErpOrderBook;
  placeOrder(): string | null;
  /** The clients' documents (invoices, УПД, reconciliation acts) and their print forms. */
  documents: DocumentBook;
  /** Reserves held and preorders waiting for goods. */
  reservations: ReservationBook;
  close(): Promise<void>;
}

export interface ErpSimulatorOptions {
  port?: number;
  host?: string;
  faults?: Partial<ErpFaults>;
  random?: () => number;
  /** Largest request body accepted. */
  maxBodyBytes?: number;
  data?: ErpMasterData;
  /** Time an accepted order spends in each status before the next (processing, assembling, shipped). */
  progressMs?: number;
  /** Every so often some prices and stock change (0: never). */
  driftMs?: number;
  /** Orders 1C took before the desks (shipped, closed), in the orders feed from its start. */
  historyOrders?: number;
  /** Every so often one waiting line of each preorder is secured (0: only on request). */
  secureEveryMs?: number;
  /** A 1C that keeps no sales plans: its plans methods do not exist ("method not found"). */
  withoutPlans?: boolean;
}

const FeedParams = (raw: unknown): { since: number; limit: number } => {
  const p = (raw ?? {}) as { since?: unknown; limit?: unknown };
  const since = Number(p.since ?? 0);
  const limit = Math.min(10_000, Number(p.limit ?? 1000));
  if (!Number.isInteger(since) || since < 0 || !Number.isInteger(limit) || limit < 1)
    throw new JSONRPCErrorException('Invalid params: since/limit', ErpErrorCode.invalidParams);
  return { since, limit };
};

export async function startErpSimulator(options: ErpSimulatorOptions = {}): Promise<ErpSimulator> {
  const random = options.random ?? Math.random;
  const faults: ErpFaults = {
    down: false,
    latencyMs: 0,
    errorRate: 0,
    timeoutAfterCommitRate: 0,
    duplicateRate: 0,
    answerDelayMs: 0,
    rejectRate: 0,
    brokenPdf: false,
    ...options.faults,
  };
  const ledger = new Map<string, LedgerEntry>();
  const applied: LedgerEntry[] = [];
  const orders = new Map<string, ErpOrder>();
  const master = createMasterStore(options.data ?? emptyMasterData());
  const clientIds = {
    has: (id: number) => master.clients.rows.has(String(id)),
    get size() {
      return master.clients.rows.size;
    },
  };
  const itemIds = {
    has: (id: number) => master.items.rows.has(String(id)),
    get size() {
      return master.items.rows.size;
    },
  };
  const vatRates = { get: (id: number) => master.items.get(String(id))?.vatRate };
  const withVatOf = { get: (id: number) => master.priceTypes.get(String(id))?.withVat };
  const priceTypeOf = { get: (id: number) => master.clients.get(String(id))?.priceTypeId };
  /** The document's VAT as this ERP computes it (per line, then summed), or null when it lacks the facts. */
  const ownVat = (clientId: number, lines: { itemId?: number; amount?: string }[]): string | null => {
    const withVat = withVatOf.get(priceTypeOf.get(clientId) ?? -1);
    if (withVat === undefined) return null;
    let sum = new Decimal(0);
    for (const l of lines) {
      const rate = vatRates.get(Number(l.itemId));
      if (rate === undefined || typeof l.amount !== 'string') return null;
      sum = sum.plus(lineVat(l.amount, rate, withVat).vat);
    }
    return sum.toFixed(2);
  };
  const feeds = { statuses: new ChangeLog() };
  const documents = new DocumentBook(master);
  documents.issueOpening(new Date());
  // A phone order's documents: the invoice when it is taken, the УПД when it ships.
  const erpOrders = new ErpOrderBook((order) => {
    const kind = order.status === 'shipped' ? 'upd' : order.status === 'accepted' ? 'invoice' : null;
    if (kind)
      documents.issueForOrder({ clientId: order.clientId, erpOrderId: order.erpId, documentLines: order.lines }, kind);
  });
  /** An order taken in 1C itself (by phone): returns its number, or null when there is nothing to order. */
  if (options.historyOrders) erpOrders.remember(historyOrders(master, options.historyOrders));
  const placeOrder = (): string | null => {
    const order = phoneOrder(master, random, `ЗТ-${++erpNumber}`);
    if (order) erpOrders.place(order);
    return order?.erpId ?? null;
  };
  let erpNumber = 100_000;
  const progressMs = options.progressMs ?? 20_000;
  const issueFor = (order: ErpOrder, kind: 'invoice' | 'upd'): void => {
    // Documents name the desk's order by the id it was submitted with (a UUID from a real server).
    if (clientIds.has(order.clientId) && /^[0-9a-f-]{36}$/i.test(order.orderId)) documents.issueForOrder(order, kind);
  };

  // Per HTTP request: whether it did any write (a lost answer matters only then).
  const rpc = new JSONRPCServer<{ wrote: { value: boolean } }>({ errorListener: () => undefined });
  const maybeFail = (): void => {
    if (random() < faults.errorRate) throw new JSONRPCErrorException('Temporary failure', ErpErrorCode.busy);
  };

  rpc.addMethod('erp.ping', () => ({ ok: true, time: new Date().toISOString() }));

  // ---- writes --------------------------------------------------------------------------------
  const refuse = (message: string): never => {
    throw new JSONRPCErrorException(message, ErpErrorCode.rejected);
  };
  const reservations = new ReservationBook(master, feeds.statuses, refuse);
  /**
   * The order a message is about. 1C remembers every order it took; this simulator only while it
   * runs. An order the server knows by a number this 1C gave it (before a restart, or in the demo's
   * history) is one it took: remembered from the message, as accepted.
   */
  const knownOrder = (p: ErpWriteParams): ErpOrder | null => {
    const header = (
      p.payload as { order?: { orderId?: string; erpNumber?: unknown; clientId?: unknown; linesCount?: unknown } }
    ).order;
    const orderId = header?.orderId ?? '';
    const known = orders.get(orderId);
    if (known || typeof header?.erpNumber !== 'string' || !header.erpNumber) return known ?? null;
    const taken: ErpOrder = {
      orderId,
      erpId: header.erpNumber,
      clientId: Number(header.clientId),
      status: 'accepted',
      statusAt: Date.now(),
      lines: Number(header.linesCount ?? 0),
      vat: null,
      documentLines: [],
    };
    orders.set(orderId, taken);
    return taken;
  };
  const orderOf = (p: ErpWriteParams): ErpOrder =>
    knownOrder(p) ?? refuse(`Заказ ${(p.payload as { order?: { orderId?: string } }).order?.orderId ?? ''} не найден`);
  const effects: Record<
    string,
    (p: ErpWriteParams, erpId: () => string) => string | { erpId: string; heldUntil: string }
  > = {
    'order.submit': (p, newId) => {
      const payload = p.payload as {
        order?: { orderId?: string; clientId?: number; vat?: string };
        lines?: { itemId?: number; amount?: string }[];
        reject?: boolean;
      };
      if (payload.reject === true) refuse('Документ отклонён: контрагент не найден');
      const orderId = payload.order?.orderId;
      if (typeof orderId !== 'string' || !Array.isArray(payload.lines))
        throw new JSONRPCErrorException('Invalid params: order and lines are required', ErpErrorCode.invalidParams);
      if (clientIds.size && !clientIds.has(Number(payload.order?.clientId)))
        refuse(`Контрагент ${String(payload.order?.clientId)} не найден`);
      const unknown = itemIds.size ? payload.lines.find((l) => !itemIds.has(Number(l.itemId))) : undefined;
      if (unknown) refuse(`Номенклатура ${String(unknown.itemId)} не найдена`);
      // The ERP's own VAT of the document: a desk whose totals differ by a kopeck is refused, not silently corrected.
      const vat = ownVat(Number(payload.order?.clientId), payload.lines);
      if (vat !== null && typeof payload.order?.vat === 'string' && !new Decimal(payload.order.vat).eq(vat))
        refuse(`Сумма НДС в документе ${payload.order.vat} не сходится с расчётом 1С ${vat}`);
      const erpId = newId();
      // Before anything is kept: an order of a preorder's secured part may be refused here.
      reservations.take(payload, erpId);
      const lines = documentLines(payload.lines);
      orders.set(orderId, {
        orderId,
        erpId,
        clientId: Number(payload.order?.clientId),
        status: 'accepted',
        statusAt: Date.now(),
        lines: payload.lines.length,
        vat: vat ?? payload.order?.vat ?? null,
        documentLines: lines,
      });
      issueFor(orders.get(orderId)!, 'invoice');
      feeds.statuses.add({ orderId, erpId, status: 'accepted' });
      // After the accepted status, so a desk reads the hold on an order it knows 1C has.
      reservations.report(orderId);
      return erpId;
    },
    'reserve.extend': (p) => {
      const order = orderOf(p);
      const days = Number((p.payload as { days?: unknown }).days);
      return { erpId: order.erpId, heldUntil: reservations.extend(order.orderId, days) };
    },
    'reserve.convert': (p) => {
      const order = orderOf(p);
      reservations.convert(order.orderId);
      return order.erpId;
    },
    'order.change': (p) => {
      const order = orderOf(p);
      if (order.status !== 'accepted' && order.status !== 'processing')
        refuse(`Заказ ${order.erpId} уже в статусе ${order.status}: изменения невозможны`);
      reservations.change(p.payload);
      return order.erpId;
    },
    'client.update': (p) => {
      // 1C takes the card's contacts and addresses into its record; the change goes to its feed.
      const c = (p.payload as { client?: { clientId?: number; contacts?: unknown; deliveryAddresses?: unknown } })
        .client;
      const record = master.clients.get(String(c?.clientId)) ?? refuse(`Контрагент ${String(c?.clientId)} не найден`);
      if (!Array.isArray(c?.contacts) || !Array.isArray(c?.deliveryAddresses))
        throw new JSONRPCErrorException(
          'Invalid params: contacts and deliveryAddresses are lists',
          ErpErrorCode.invalidParams,
        );
      master.clients.put({
        ...record,
        contacts: c.contacts as typeof record.contacts,
        deliveryAddresses: c.deliveryAddresses as typeof record.deliveryAddresses,
      });
      return '';
    },
    'order.cancel': (p) => {
      const order = knownOrder(p);
      // Never taken: nothing to cancel.
      if (!order) return '';
      const orderId = order.orderId;
      if (order.status === 'shipped' || order.status === 'closed') refuse(`Заказ ${order.erpId} уже отгружен`);
      // The warehouse has started picking it: 1C cancels it only through the warehouse.
      if (order.status === 'assembling') refuse(`Заказ ${order.erpId} уже собирается на складе: отмена невозможна`);
      reservations.cancel(orderId);
      order.status = 'cancelled';
      order.statusAt = Date.now();
      feeds.statuses.add({ orderId, erpId: order.erpId, status: 'cancelled' });
      return order.erpId;
    },
  };
  for (const method of ERP_WRITE_METHODS) {
    rpc.addMethod(method, (raw, ctx): ErpWriteResult => {
      maybeFail();
      const parsed = ErpWriteParams.safeParse(raw);
      if (!parsed.success)
        throw new JSONRPCErrorException(
          `Invalid params: ${parsed.error.issues[0]?.message ?? ''}`,
          ErpErrorCode.invalidParams,
        );
      const p = parsed.data;
      // A duplicated delivery arrives twice: the second is just another repeat of the key.
      const copies = random() < faults.duplicateRate ? 2 : 1;
      let answer: ErpWriteResult | null = null;
      for (let copy = 0; copy < copies; copy++) {
        const seen = ledger.get(p.idempotencyKey);
        if (seen) {
          seen.received++;
          answer ??= { status: 'already_done', ...(seen.erpId ? { erpId: seen.erpId } : {}) };
          continue;
        }
        if (random() < faults.rejectRate) refuse('Документ отклонён: период закрыт для изменений');
        const prefix = method.startsWith('claim') ? 'РК' : method.startsWith('ticket') ? 'ОБ' : 'ЗК';
        const effect = effects[method];
        const done = effect ? effect(p, () => `${prefix}-${++erpNumber}`) : `${prefix}-${++erpNumber}`;
        const erpId = typeof done === 'string' ? done : done.erpId;
        const order = (p.payload as { order?: unknown } | null)?.order;
        const entry: LedgerEntry = {
          idempotencyKey: p.idempotencyKey,
          method,
          aggregate: p.aggregate,
          seq: p.seq,
          received: 1,
          firstAt: Date.now(),
          erpId,
          ...(order ? { order } : {}),
        };
        ledger.set(p.idempotencyKey, entry);
        applied.push(entry);
        answer = {
          status: 'done',
          ...(erpId ? { erpId } : {}),
          ...(typeof done === 'string' ? {} : { heldUntil: done.heldUntil }),
        };
      }
      ctx.wrote.value = true;
      return answer!;
    });
  }

  // ---- feeds ---------------------------------------------------------------------------------
  const serveFeed = (log: ChangeLog) => (raw: unknown) => {
    maybeFail();
    const { since, limit } = FeedParams(raw);
    return log.read(since, limit, random() < faults.duplicateRate);
  };
  rpc.addMethod('orderStatus.changes', serveFeed(feeds.statuses));
  rpc.addMethod('orders.changes', serveFeed(erpOrders.log));
  rpc.addMethod('documents.changes', serveFeed(documents.log));
  rpc.addMethod('document.pdf', async (raw) => {
    maybeFail();
    const p = DocumentPdfParams.safeParse(raw);
    if (!p.success) throw new JSONRPCErrorException('Invalid params: id', ErpErrorCode.invalidParams);
    const bytes = await documents.pdf(p.data.id);
    if (!bytes) refuse(`Документ ${p.data.id} не найден`);
    // A broken print form: 1C hands over an HTML error page for a PDF.
    const body = faults.brokenPdf
      ? Buffer.from('<html><body>Ошибка формирования печатной формы</body></html>')
      : bytes!;
    return { id: p.data.id, sha256: DocumentBook.sha256(body), base64: body.toString('base64') };
  });
  for (const entity of MASTER_ENTITIES) {
    if (entity === 'plans' && options.withoutPlans) continue;
    const kind = master[entity] as MasterKind<object>;
    rpc.addMethod(MASTER_METHODS[entity].changes, serveFeed(kind.log));
    rpc.addMethod(MASTER_METHODS[entity].snapshot, (raw) => {
      maybeFail();
      const p = SnapshotParams.safeParse(raw);
      if (!p.success)
        throw new JSONRPCErrorException(
          'Invalid params: after (a key or null) and limit (1..10000)',
          ErpErrorCode.invalidParams,
        );
      const { rows, next } = kind.page(p.data.after, p.data.limit, random() < faults.duplicateRate);
      return { rows, next, position: kind.log.position, total: kind.rows.size, asOf: new Date().toISOString() };
    });
  }
  rpc.addMethod('stock.snapshot', (raw) => {
    maybeFail();
    const warehouseId = Number((raw as { warehouseId?: unknown } | undefined)?.warehouseId);
    if (!master.warehouses.rows.has(String(warehouseId)))
      throw new JSONRPCErrorException(`Invalid params: unknown warehouse ${warehouseId}`, ErpErrorCode.invalidParams);
    const items: [number, string, number | null][] = [];
    for (const s of master.stock.rows.values())
      if (s.warehouseId === warehouseId) items.push([s.itemId, s.quantity, s.leadDays]);
    return { warehouseId, asOf: new Date().toISOString(), items };
  });
  rpc.addMethod('receivables.get', (raw) => {
    maybeFail();
    const ids = (raw as { clientIds?: unknown } | undefined)?.clientIds;
    const wanted = Array.isArray(ids) ? new Set(ids.map(Number)) : null;
    return {
      asOf: new Date().toISOString(),
      clients: [...master.clients.rows.values()]
        .filter((c) => !wanted || wanted.has(c.id))
        .map((c) => {
          const r = master.receivables.get(c.id) ?? { documents: [], schedule: [] };
          return { clientId: c.id, overdue: overdueOf(r, new Date()), documents: r.documents, schedule: r.schedule };
        }),
    };
  });

  // ---- the ERP's own life: orders move on, prices and stock change -----------------------------
  const NEXT: Record<string, string> = { accepted: 'processing', processing: 'assembling', assembling: 'shipped' };
  const progress = setInterval(
    () => {
      const now = Date.now();
      reservations.tick();
      if (options.secureEveryMs) reservations.arrive(options.secureEveryMs, random);
      for (const order of orders.values()) {
        // A held reserve and a waiting preorder go nowhere until they become orders.
        if (reservations.waits(order.orderId)) continue;
        const next = NEXT[order.status];
        if (next && now - order.statusAt >= progressMs) {
          order.status = next;
          order.statusAt = now;
          feeds.statuses.add({ orderId: order.orderId, erpId: order.erpId, status: next });
          if (next === 'shipped') issueFor(order, 'upd');
        }
      }
      erpOrders.progress(now, progressMs);
    },
    Math.max(20, Math.min(1000, progressMs / 4)),
  );
  progress.unref();

  const changePrice = (itemId: number, priceTypeId: number, price: string): void =>
    master.prices.put({ itemId, priceTypeId, price });
  const changeStock = (itemId: number, warehouseId: number, quantity: string): void => {
    const s = master.stock.get(`${itemId}:${warehouseId}`);
    master.stock.put({ itemId, warehouseId, quantity, leadDays: s?.leadDays ?? null });
  };
  const living = options.driftMs ? startLiving(master, { everyMs: options.driftMs, random, placeOrder }) : null;

  // ---- HTTP ----------------------------------------------------------------------------------
  const maxBody = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const http: Server = createServer((req, res) => {
    if (adminRoute(req, res, { faults, master, ledger, applied, orders, erpOrders, reservations })) return;
    if (faults.down) {
      // Down: the connection drops, as when 1C or its web server is off.
      req.socket.destroy();
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBody) req.socket.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const wrote = { value: false };
      setTimeout(() => {
        void rpc.receiveJSON(Buffer.concat(chunks).toString('utf8'), { wrote }).then((answer) =>
          setTimeout(() => {
            // The work is done; the answer to the whole request is lost on its way back.
            if (wrote.value && random() < faults.timeoutAfterCommitRate) return void req.socket.destroy();
            res.writeHead(200, { 'content-type': 'application/json' }).end(answer ? JSON.stringify(answer) : '');
          }, faults.answerDelayMs),
        );
      }, faults.latencyMs);
    });
  });
  await new Promise<void>((resolve) => http.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    faults,
    ledger,
    applied,
    orders,
    master,
    changePrice,
    changeStock,
    erpOrders,
    placeOrder,
    documents,
    reservations,
    async close() {
      clearInterval(progress);
      living?.stop();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
