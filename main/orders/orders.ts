// Order reads over the replica: the list in the user's scope (with an article search in any
// spelling), one order's header (client, credit, receivables, warehouse, shipment, approval,
// totals with VAT, weight and volume, ERP state) with its lines, new lines priced for the
// client, and why a line costs what it does. The submit's checks are in order-checks.ts.
import { receivablesOf } from '../clients/receivables';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { OrderDetails, OrderLineRow, OrderListRow, SubmitCheckResult } from '../../domain/contract';
import { articleKeys } from '../../domain/catalog/article';
import { CodedError } from '../../domain/errors';
import {
  linesLockedReason,
  moneyKopecks,
  subtractMoney,
  typedDecimal,
  type OrderStatus,
} from '../../domain/orders/order';
import type { LineInput } from '../../domain/orders/order-line-mutations';
import { approvalOf, type OverrideReason, type SubmitBlock } from '../../domain/pricing/price-floors';
import { lineVatKopecks, rulePrice } from '../../domain/pricing/pricing';
import { createCatalogMemory, type CatalogMemory } from '../catalog/catalog-memory';
import type { DeskPricing } from '../pricing/pricing';
import { createOrderChecks, money } from './order-checks';
import { createLineRows, kopecksText } from './order-line-rows';
import { createOrderKindView } from './order-kind-view';
import { createRetroBonuses } from '../clients/retro-bonuses';

/** A line to add: the item and quantity, and where given, the manager's price, discount, warehouse, comment. */
export interface NewLine {
  itemId: number;
  quantity: string;
  price?: string;
  discount?: string;
  comment?: string;
  warehouseId?: number | null;
  overrideReason?: OverrideReason;
  overrideNote?: string;
}

/** An order without its lines: what the header and the totals bar show. */
export type OrderHeader = Omit<OrderDetails, 'lines' | 'undoLabel' | 'redoLabel'>;

/**
 * Sums over all of an order's lines that the header shows: kopecks of amount and VAT (integers,
 * exact while below 2^53 kopecks, ninety trillion roubles an order), kg and m³.
 */
export interface LineTotals {
  amount: number;
  vat: number;
  kg: number;
  m3: number;
}

export interface PriceExplained {
  article: string;
  quantity: string;
  stored: string;
  storedSource: string;
  now: string | null;
  nowSource: string | null;
  vat: string | null;
  vatRate: string;
  withVat: boolean;
  priceType: string;
  trace: { step: string; rule: string; value: string }[];
}

export interface OrderService {
  list(article?: string): OrderListRow[];
  /** The header, computing the line totals unless given (an open order keeps them up to date). */
  header(id: string, totals?: LineTotals): OrderHeader;
  /** What each line adds to the header's totals (amount and VAT in kopecks, kg, m³), by line id. */
  lineFigures(orderId: string, ids?: readonly string[]): Map<string, LineTotals & { itemId: number }>;
  /** The header's totals over all lines, summed in one statement. */
  lineTotals(orderId: string): LineTotals;
  /** Whether the client's price type includes VAT. */
  withVat(orderId: string): boolean;
  get(id: string, linesLimit?: number, totals?: LineTotals): OrderHeader & { lines: OrderLineRow[] };
  /** Lines of an order with their stock and problems: all, or just these ids (missing: not in the order). */
  lines(orderId: string, ids?: readonly string[]): { lines: OrderLineRow[]; missing: string[] };
  /** The lines numbered in [from, to): a view reads a big order's lines in ranges it asks for at once. */
  numbered(orderId: string, fromLineNo: number, toLineNo: number): OrderLineRow[];
  /** New lines at the client's price, numbered after the last line. */
  newLines(orderId: string, items: NewLine[]): LineInput[];
  explain(orderId: string, lineId: string): PriceExplained;
  warehouseNames(): Map<number, string>;
  submitCheck(id: string): SubmitCheckResult;
  /** What stops the order's submit until reasons are given or a supervisor approves. */
  blocks(id: string): SubmitBlock[];
}

const LIST_SELECT = `SELECT o.id, o.number, o.client_id AS clientId, coalesce(c.name, '') AS clientName,
    coalesce(u.name, '') AS managerName, o.kind, o.status, o.created_at AS createdAt, o.submitted_at AS submittedAt,
    o.erp_number AS erpNumber, o.erp_status_at AS erpStatusAt, o.erp_error AS erpError, o.total, o.cost_total AS costTotal,
    o.lines_count AS linesCount, o.last_line_no AS lastLineNo, o.origin
  FROM orders o LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN users u ON u.id = o.manager_id`;

/** The overdue buckets of the client's debt, for the order header's credit check. */
function agingForHeader(json: unknown, asOf: unknown) {
  const r = receivablesOf(json, asOf);
  if (!r) return null;
  const { notDue: _n, ...buckets } = r.buckets;
  return { ...buckets, maxDaysOverdue: r.maxDaysOverdue };
}

export function createOrderService(
  sqlite: Database.Database,
  pricing: DeskPricing,
  catalog: CatalogMemory = createCatalogMemory(sqlite),
): OrderService {
  const rows = createLineRows(sqlite, pricing, catalog);
  const checks = createOrderChecks(sqlite, pricing);
  const kinds = createOrderKindView(sqlite);
  const bonuses = createRetroBonuses(sqlite);
  const pendingByOrder = sqlite
    .prepare(
      `SELECT substr(aggregate, 7) AS id, count(*) AS n FROM outbox WHERE status = 'pending' AND aggregate LIKE 'order:%'
      GROUP BY aggregate`,
    )
    .raw();
  const pendingOfOrder = sqlite
    .prepare(`SELECT count(*) FROM outbox WHERE status = 'pending' AND aggregate = ?`)
    .pluck();
  const oneOrder = sqlite.prepare(`${LIST_SELECT} WHERE o.id = ?`);
  const details = sqlite.prepare(
    `SELECT o.warehouse_id AS warehouseId, coalesce(w.name, '') AS warehouseName, w.stock_as_of AS stockAsOf,
      o.delivery_date AS deliveryDate, o.comment, coalesce(c.credit_limit, '0') AS creditLimit,
      coalesce(c.overdue, '0') AS overdue, c.receivables_as_of AS receivablesAsOf, o.agreement,
      o.delivery_method AS deliveryMethod, o.delivery_address AS deliveryAddress,
      coalesce(c.payment_terms, '') AS paymentTerms, coalesce(c.agreements, '[]') AS agreements,
      coalesce(c.delivery_addresses, '[]') AS addresses, c.receivables
    FROM orders o LEFT JOIN warehouses w ON w.id = o.warehouse_id LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
  );
  const priceTypeOf = sqlite
    .prepare(`SELECT c.price_type_id FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = ?`)
    .pluck();
  const FIGURES = `SELECT l.id, l.item_id, l.amount, coalesce(i.vat_rate, '0'), l.quantity, coalesce(i.weight_kg, 0),
      coalesce(i.volume_m3, 0) FROM order_lines l LEFT JOIN items i ON i.id = l.item_id WHERE l.order_id = ?`;
  const allFigures = sqlite.prepare(FIGURES).raw();
  // By id (`+l.order_id` keeps SQLite off the order index): a delta of one line reads one line.
  const someFigures = sqlite
    .prepare(`${FIGURES.replace('WHERE l.order_id', 'WHERE +l.order_id')} AND l.id IN (SELECT value FROM json_each(?))`)
    .raw();
  const approvalRow = sqlite.prepare(`SELECT * FROM price_approvals WHERE order_id = ?`);
  const userName = sqlite.prepare(`SELECT name FROM users WHERE id = ?`).pluck();
  const lastLineNo = sqlite.prepare(
    `SELECT (SELECT coalesce(max(line_no), 0) FROM order_lines WHERE order_id = o.id) AS last FROM orders o WHERE o.id = ?`,
  );

  /** A list row as read: the margin is the total less the lines' costs the order keeps. */
  type ListRaw = Omit<OrderListRow, 'pendingChanges' | 'margin'> & { costTotal: unknown; lastLineNo: number };
  const listRow = ({ costTotal, lastLineNo: _last, ...r }: ListRaw): Omit<OrderListRow, 'pendingChanges'> => ({
    ...r,
    total: money(r.total),
    margin: subtractMoney(money(r.total), money(costTotal)),
  });

  function withVat(orderId: string): boolean {
    const typeId = priceTypeOf.get(orderId) as number | undefined;
    return typeId === undefined ? true : pricing.withVat(typeId);
  }

  function lineFigures(orderId: string, ids?: readonly string[]): Map<string, LineTotals & { itemId: number }> {
    const vatIncluded = withVat(orderId);
    const raw = (ids ? someFigures.all(orderId, JSON.stringify(ids)) : allFigures.all(orderId)) as [
      string,
      number,
      unknown,
      unknown,
      unknown,
      unknown,
      unknown,
    ][];
    const out = new Map<string, LineTotals & { itemId: number }>();
    for (const [id, itemId, amount, rate, quantity, kg, m3] of raw) {
      const text = money(amount);
      // Weight and volume are shipping figures, not money: binary floats, shown rounded.
      const q = Number(quantity);
      out.set(id, {
        itemId,
        amount: Number(moneyKopecks(text)),
        vat: Number(lineVatKopecks(text, String(rate), vatIncluded)),
        kg: q * Number(kg),
        m3: q * Number(m3),
      });
    }
    return out;
  }

  // The header's sums over every line: the lines' amounts and quantities read as they are, the
  // items' VAT rates, weights and volumes from the catalog in memory, VAT per line as the ERP
  // computes it (integers, exact), summed.
  const amountsOf = sqlite.prepare(`SELECT item_id, amount, quantity FROM order_lines WHERE order_id = ?`).raw();

  function lineTotals(orderId: string): LineTotals {
    const vatIncluded = withVat(orderId);
    const sum: LineTotals = { amount: 0, vat: 0, kg: 0, m3: 0 };
    for (const [itemId, a, q] of amountsOf.all(orderId) as [number, unknown, unknown][]) {
      const item = catalog.item(itemId);
      const text = money(a);
      const qty = Number(q);
      sum.amount += Number(moneyKopecks(text));
      sum.vat += Number(lineVatKopecks(text, item?.vatRate ?? '0', vatIncluded));
      sum.kg += qty * Number(item?.weightKg ?? 0);
      sum.m3 += qty * Number(item?.volumeM3 ?? 0);
    }
    return sum;
  }

  function approvalSummary(id: string): OrderDetails['approval'] {
    const a = approvalOf(approvalRow.get(id) as Record<string, unknown> | undefined);
    if (!a) return null;
    return {
      status: a.status,
      requestedAt: a.requested_at,
      requestedBy: String(userName.get(a.requested_by) ?? a.requested_by),
      decidedAt: a.decided_at,
      decidedBy: a.decided_by === null ? null : String(userName.get(a.decided_by) ?? a.decided_by),
      comment: a.comment,
      lines: a.lines.length,
      givenAway: money(a.given_away),
      credit: a.credit !== null,
    };
  }

  function header(id: string, given?: LineTotals): OrderHeader {
    const raw = oneOrder.get(id) as ListRaw | undefined;
    if (!raw) throw new CodedError('not_found', `No order ${id}`);
    const h = listRow(raw);
    const lastLineNo = raw.lastLineNo;
    const extra = details.get(id) as Record<string, unknown>;
    const totals = given ?? lineTotals(id);
    const kindState = kinds.of(id);
    const vatIncluded = withVat(id);
    return {
      ...h,
      pendingChanges: Number(pendingOfOrder.get(`order:${id}`) ?? 0),
      warehouseId: Number(extra.warehouseId),
      warehouseName: String(extra.warehouseName),
      stockAsOf: (extra.stockAsOf as string | null) ?? null,
      deliveryDate: (extra.deliveryDate as string | null) ?? null,
      comment: String(extra.comment ?? ''),
      creditLimit: String(extra.creditLimit),
      overdue: String(extra.overdue),
      agreement: (extra.agreement as string | null) ?? null,
      deliveryMethod: extra.deliveryMethod === 'pickup' ? 'pickup' : 'delivery',
      deliveryAddress: String(extra.deliveryAddress ?? ''),
      paymentTerms: String(extra.paymentTerms),
      clientAgreements: JSON.parse(String(extra.agreements)) as OrderDetails['clientAgreements'],
      clientAddresses: JSON.parse(String(extra.addresses)) as OrderDetails['clientAddresses'],
      weightKg: totals.kg.toFixed(3),
      volumeM3: totals.m3.toFixed(4),
      credit: checks.credit(id, h.clientId, h.total),
      approval: approvalSummary(id),
      // VAT as the ERP computes it: per line at the item's rate, then summed.
      vat: kopecksText(BigInt(totals.vat)),
      gross: kopecksText(BigInt(vatIncluded ? totals.amount : totals.amount + totals.vat)),
      withVat: vatIncluded,
      receivablesAsOf: (extra.receivablesAsOf as string | null) ?? null,
      overdueAging: agingForHeader(extra.receivables, extra.receivablesAsOf),
      // An order made in 1C is changed there; the desk reads it (and raises claims against it).
      lockedReason:
        h.origin === 'erp' ? 'made_in_erp' : kindState.merge ? 'merging' : linesLockedReason(h.status as OrderStatus),
      lastLineNo,
      kindState,
      retroBonus: bonuses.forOrder(id, new Date().toISOString()),
    };
  }

  return {
    list(article) {
      const pending = new Map(pendingByOrder.all() as [string, number][]);
      let where = '';
      const params: unknown[] = [];
      if (article?.trim()) {
        // Items whose article keys start with the typed spelling's keys: "к561" finds К561ЛА7 in any spelling.
        const [a, b] = articleKeys(article);
        if (!a) return [];
        where = `WHERE o.id IN (SELECT l.order_id FROM order_lines l JOIN items i ON i.id = l.item_id
          WHERE (i.key_lookalike >= ? AND i.key_lookalike < ?) OR (i.key_translit >= ? AND i.key_translit < ?))`;
        params.push(a, `${a}\uffff`, b, `${b}\uffff`);
      }
      const found = sqlite.prepare(`${LIST_SELECT} ${where} ORDER BY o.created_at DESC`).all(...params) as ListRaw[];
      return found.map((r) => ({ ...listRow(r), pendingChanges: pending.get(r.id) ?? 0 }));
    },
    header,
    lineFigures,
    lineTotals,
    withVat,
    get: (id, linesLimit, totals) => ({
      ...header(id, totals),
      lines: rows.read(id, linesLimit === undefined ? { all: true } : { first: linesLimit }),
    }),
    numbered: (orderId, fromLineNo, toLineNo) => rows.read(orderId, { fromLineNo, toLineNo }),
    lines(orderId, ids) {
      const lines = rows.read(orderId, ids ? { ids } : { all: true });
      if (!ids) return { lines, missing: [] };
      const found = new Set(lines.map((l) => l.id));
      return { lines, missing: ids.filter((x) => !found.has(x)) };
    },
    newLines(orderId, items) {
      const order = lastLineNo.get(orderId) as { last: number } | undefined;
      if (!order) throw new CodedError('not_found', `No order ${orderId}`);
      const p = pricing.forOrder(orderId);
      const info = pricing.items(
        items.map((it) => it.itemId),
        p.priceTypeId,
      );
      return items.map((it, i) => {
        const facts = info.get(it.itemId);
        const ruled = facts ? rulePrice(p, facts.item, typedDecimal(it.quantity) || '0', facts.base) : null;
        const client = ruled?.unitPrice ?? '0';
        // A price given with the line (from a file) that differs from the client's is the manager's.
        const manual =
          it.price !== undefined && typedDecimal(it.price) !== '' && Number(typedDecimal(it.price)) !== Number(client);
        return {
          id: randomUUID(),
          lineNo: order.last + i + 1,
          itemId: it.itemId,
          quantity: typedDecimal(it.quantity),
          price: manual ? typedDecimal(it.price!) : client,
          priceSource: manual ? 'manual' : ruled?.source === 'promo' ? 'promo' : 'client',
          discount: it.discount ? typedDecimal(it.discount) : '0',
          warehouseId: it.warehouseId ?? null,
          comment: it.comment ?? '',
          overrideReason: it.overrideReason ?? '',
          overrideNote: it.overrideNote ?? '',
        };
      });
    },
    explain(orderId, lineId) {
      const line = sqlite
        .prepare(
          `SELECT l.item_id AS itemId, l.quantity, l.price, l.price_source AS priceSource, i.article, i.vat_rate AS vatRate,
            pt.with_vat AS withVat, coalesce(pt.name, '') AS priceType
          FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN clients c ON c.id = o.client_id
          LEFT JOIN items i ON i.id = l.item_id LEFT JOIN price_types pt ON pt.id = c.price_type_id
          WHERE l.id = ? AND l.order_id = ?`,
        )
        .get(lineId, orderId) as
        | {
            itemId: number;
            quantity: string;
            price: string;
            priceSource: string;
            article: string | null;
            vatRate: string | null;
            withVat: number | null;
            priceType: string;
          }
        | undefined;
      if (!line) throw new CodedError('not_found', `No line ${lineId} in order ${orderId}`);
      const now = pricing.explain(orderId, line.itemId, String(line.quantity));
      return {
        article: line.article ?? '?',
        quantity: String(line.quantity),
        stored: String(line.price),
        storedSource: line.priceSource,
        now: now?.unitPrice ?? null,
        nowSource: now?.source ?? null,
        vat: now?.vat ?? null,
        vatRate: String(line.vatRate ?? '0'),
        withVat: line.withVat !== 0,
        priceType: line.priceType,
        trace: now?.trace ?? [],
      };
    },
    warehouseNames: () =>
      new Map(
        (sqlite.prepare('SELECT id, name FROM warehouses').all() as { id: number; name: string }[]).map((w) => [
          w.id,
          w.name,
        ]),
      ),
    submitCheck: (id) => checks.submitCheck(id),
    blocks: (id) => checks.blocks(id),
  };
}
