// Order reads over the replica: the list in the user's scope, one order with its lines (stock at
// the chosen warehouse, the ERP's "as of" times), and the submit check against the freshest
// prices and stock this desk has, which the manager confirms before the submit is queued.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ErpLinkStatus, OrderDetails, OrderLineRow, OrderListRow, SubmitCheckResult } from '../domain/contract';
import { articleKeys } from '../domain/catalog/article';
import { CodedError } from '../domain/errors';
import {
  addMoney as addMoneyText,
  CREDIT_STATUSES,
  creditPosition,
  lineMargin,
  type CreditPosition,
  linesLockedReason,
  subtractMoney,
  typedDecimal,
  type OrderKind,
  type OrderStatus,
} from '../domain/orders/order';
import type { LineInput } from '../domain/orders/order-mutations';
import { lineVatKopecks, rulePrice } from '../domain/pricing/pricing';
import { checkOrder, type CheckLine } from '../domain/orders/submit-check';
import {
  approvalOf,
  belowFloor,
  floorFor,
  floorPrice,
  isOverride,
  lineApproved,
  submitBlocks,
  type FloorLine,
  type SubmitBlock,
} from '../domain/pricing/price-floors';
import Decimal from 'decimal.js';
import type { DeskPricing } from './pricing';

/** A line to add: the item and quantity, and where given, the manager's price, discount, warehouse, comment. */
export interface NewLine {
  itemId: number;
  quantity: string;
  price?: string;
  discount?: string;
  comment?: string;
  warehouseId?: number | null;
}

export interface OrderService {
  /** The full input of a changed line: the stored line with the manager's patch over it. */
  patchedLine(
    orderId: string,
    lineId: string,
    patch: { quantity?: string; price?: string; discount?: string; comment?: string },
  ): LineInput;
  /** New lines at the client's price, numbered after the last line. */
  newLines(orderId: string, items: NewLine[]): LineInput[];
  list(article?: string): OrderListRow[];
  get(id: string, linesLimit?: number): Omit<OrderDetails, 'undoLabel' | 'redoLabel'>;
  /** Lines of an order with their stock and problems: all, or just these ids. */
  lines(orderId: string, ids?: string[]): { lines: OrderLineRow[]; missing: string[] };
  submitCheck(id: string): SubmitCheckResult;
  /** What stops the order's submit until reasons are given or a supervisor approves. */
  blocks(id: string): SubmitBlock[];
  erpLink(): ErpLinkStatus | null;
}

const LIST_SELECT = `SELECT o.id, o.number, o.client_id AS clientId, coalesce(c.name, '') AS clientName, coalesce(u.name, '') AS managerName, o.kind, o.status,
    o.created_at AS createdAt, o.submitted_at AS submittedAt, o.erp_number AS erpNumber, o.erp_status_at AS erpStatusAt, o.erp_error AS erpError,
    o.total, o.cost_total AS costTotal, o.lines_count AS linesCount
  FROM orders o LEFT JOIN clients c ON c.id = o.client_id LEFT JOIN users u ON u.id = o.manager_id`;

const kopecksText = (k: bigint): string =>
  `${k < 0n ? '-' : ''}${(k < 0n ? -k : k) / 100n}.${String((k < 0n ? -k : k) % 100n).padStart(2, '0')}`;

export function createOrderService(sqlite: Database.Database, pricing: DeskPricing): OrderService {
  const pendingByOrder = (): Map<string, number> =>
    new Map(
      (
        sqlite
          .prepare(
            `SELECT aggregate, count(*) AS n FROM outbox WHERE status = 'pending' AND aggregate LIKE 'order:%' GROUP BY aggregate`,
          )
          .all() as { aggregate: string; n: number }[]
      ).map((r) => [r.aggregate.slice(6), r.n]),
    );
  const money = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : String(v ?? '0'));

  /** A list row as read: the margin is the total less the lines' costs the order keeps. */
  type ListRaw = Omit<OrderListRow, 'pendingChanges' | 'margin'> & { costTotal: unknown };
  const listRow = ({ costTotal, ...r }: ListRaw): Omit<OrderListRow, 'pendingChanges'> => ({
    ...r,
    total: money(r.total),
    margin: subtractMoney(money(r.total), money(costTotal)),
  });

  function header(id: string): (Omit<OrderListRow, 'pendingChanges'> & Record<string, unknown>) | null {
    const r = sqlite.prepare(`${LIST_SELECT} WHERE o.id = ?`).get(id) as ListRaw | undefined;
    return r ? listRow(r) : null;
  }

  /**
   * Lines with what the grid shows beside them: stock at the line's warehouse, the client's
   * price today, and the line's problems. Read in line order; by ids in bounded IN lists.
   */
  function readLines(orderId: string, ids: string[] | null, limit?: number): OrderLineRow[] {
    const ctx = sqlite
      .prepare(
        `SELECT o.kind, o.warehouse_id, c.coefficient, c.price_type_id, c.client_group FROM orders o LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
      )
      .get(orderId) as
      | {
          kind: string;
          warehouse_id: number;
          coefficient: string | null;
          price_type_id: number | null;
          client_group: string | null;
        }
      | undefined;
    if (!ctx) throw new CodedError('not_found', `No order ${orderId}`);
    const floors = pricing.floors();
    const withVat = ctx.price_type_id === null ? true : pricing.withVat(ctx.price_type_id);
    const approval = approvalOf(approvalRow.get(orderId) as Record<string, unknown> | undefined);
    const asked = new Map(approval?.lines.map((l) => [l.lineId, l]) ?? []);
    const rules = ctx.coefficient === null ? null : pricing.forOrder(orderId);
    const select = `SELECT l.id, l.line_no AS lineNo, l.item_id AS itemId, coalesce(i.article, '?') AS article, coalesce(i.name, '') AS name, coalesce(i.unit, '') AS unit,
        coalesce(i.pack_size, 1) AS packSize, l.quantity, l.price, l.price_source AS priceSource, l.discount, l.amount, l.warehouse_id AS warehouseId,
        s.quantity AS stock, s.lead_days AS leadDays, l.comment, i.lifecycle, p.price AS base, l.cost, coalesce(i.weight_kg, '0') AS unitWeight, coalesce(i.volume_m3, '0') AS unitVolume,
        coalesce(i.group_name, '') AS groupName, coalesce(i.vat_rate, '0') AS vatRate, l.override_reason AS overrideReason, l.override_note AS overrideNote
      FROM order_lines l LEFT JOIN items i ON i.id = l.item_id
      LEFT JOIN stock s ON s.item_id = l.item_id AND s.warehouse_id = coalesce(l.warehouse_id, ?)
      LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = ?`;
    type Raw = Omit<
      OrderLineRow,
      'problems' | 'currentPrice' | 'margin' | 'weightKg' | 'volumeM3' | 'floor' | 'approval' | 'vat' | 'vatRate'
    > & {
      lifecycle: string | null;
      base: string | null;
      cost: string;
      unitWeight: string;
      unitVolume: string;
      groupName: string;
      vatRate: string;
    };
    let raw: Raw[] = [];
    if (ids === null) {
      raw = sqlite
        .prepare(`${select} WHERE l.order_id = ? ORDER BY l.line_no, l.id${limit === undefined ? '' : ' LIMIT ?'}`)
        .all(...[ctx.warehouse_id, ctx.price_type_id, orderId, ...(limit === undefined ? [] : [limit])]) as Raw[];
    } else {
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        raw.push(
          ...(sqlite
            .prepare(`${select} WHERE l.order_id = ? AND l.id IN (${part.map(() => '?').join(',')})`)
            .all(ctx.warehouse_id, ctx.price_type_id, orderId, ...part) as Raw[]),
        );
      }
    }
    const preorder = ctx.kind === 'preorder';
    return raw.map(({ lifecycle, base, cost, unitWeight, unitVolume, groupName, vatRate, ...l }) => {
      const problems: OrderLineRow['problems'] = [];
      const quantity = Number(l.quantity);
      if (!preorder && quantity > (l.stock ?? 0)) problems.push('no_stock');
      if (l.packSize > 1 && quantity % l.packSize !== 0) problems.push('not_pack');
      if (lifecycle === 'discontinued') problems.push('discontinued');
      let currentPrice: string | null = null;
      // The price the rules give today (coefficients, breaks, promotions); a manual price is the manager's.
      if (base !== null && rules && l.priceSource !== 'manual') {
        const today = rulePrice(
          rules,
          { id: l.itemId, group: groupName, vatRate: String(vatRate) },
          String(l.quantity),
          String(base),
        )!.unitPrice;
        if (Number(today) !== Number(l.price)) {
          currentPrice = today;
          problems.push('price_changed');
        }
      }
      const amount = String(l.amount);
      // Overrides: a reason is required; under the floor, the supervisor's approval of this very price.
      let floor: string | null = null;
      let lineApproval: OrderLineRow['approval'] = null;
      const line = {
        id: l.id,
        price: String(l.price),
        discount: String(l.discount),
        quantity: String(l.quantity),
        price_source: l.priceSource,
      };
      if (isOverride(line)) {
        if (!l.overrideReason) problems.push('no_reason');
        const f = floors.length ? floorFor(floors, groupName, ctx.client_group) : null;
        floor = f ? floorPrice(f, String(cost), base === null ? null : String(base)) : null;
        if (belowFloor(line, floor)) {
          const a = asked.get(l.id);
          lineApproval = lineApproved(approval, line)
            ? 'approved'
            : a &&
                approval &&
                approval.status !== 'approved' &&
                new Decimal(a.price).eq(line.price) &&
                new Decimal(a.discount).eq(line.discount)
              ? approval.status
              : null;
          if (lineApproval !== 'approved') problems.push('below_floor');
        } else floor = null;
      }
      return {
        ...l,
        quantity: String(l.quantity),
        price: String(l.price),
        discount: String(l.discount),
        amount,
        problems,
        currentPrice,
        floor,
        approval: lineApproval,
        vatRate: String(vatRate),
        vat: kopecksText(lineVatKopecks(amount, String(vatRate), withVat)),
        margin: lineMargin(amount, String(l.quantity), String(cost)),
        // Weight and volume are shipping figures, not money: binary floats, shown rounded.
        weightKg: (quantity * Number(unitWeight)).toFixed(3),
        volumeM3: (quantity * Number(unitVolume)).toFixed(6),
      };
    });
  }

  /** The client's credit with this order: its limit against the order, the other open orders and the overdue. */
  function creditOf(id: string, clientId: number, total: string): CreditPosition {
    const c = sqlite
      .prepare(
        `SELECT coalesce(credit_limit, '0') AS creditLimit, coalesce(overdue, '0') AS overdue, coalesce(payment_terms, '') AS paymentTerms FROM clients WHERE id = ?`,
      )
      .get(clientId) as { creditLimit: unknown; overdue: unknown; paymentTerms: string } | undefined;
    return creditPosition({
      limit: money(c?.creditLimit ?? '0'),
      overdue: money(c?.overdue ?? '0'),
      thisOrder: total,
      paymentTerms: c?.paymentTerms ?? '',
      // The client's other open orders (not this one): summed exactly from their totals.
      openOrders: (
        sqlite
          .prepare(
            `SELECT total FROM orders WHERE client_id = ? AND id <> ? AND status IN (${CREDIT_STATUSES.map(() => '?').join(',')})`,
          )
          .pluck()
          .all(clientId, id, ...CREDIT_STATUSES) as (string | number)[]
      ).reduce<string>((sum, t) => addMoneyText(sum, money(t)), '0'),
    });
  }

  /** What stops the submit (domain/pricing/price-floors), from the order's overridden lines as the replica has them. */
  function blocksOf(id: string): SubmitBlock[] {
    const o = sqlite
      .prepare(
        `SELECT o.client_id, o.total, c.price_type_id, c.client_group FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
      )
      .get(id) as { client_id: number; total: unknown; price_type_id: number; client_group: string | null } | undefined;
    if (!o) throw new CodedError('not_found', `No order ${id}`);
    const lines = sqlite
      .prepare(
        `SELECT l.id, l.line_no, l.item_id, coalesce(i.article, '') AS article, l.quantity, l.price, l.discount, l.price_source, l.cost, l.override_reason, l.override_note,
        coalesce(i.group_name, '') AS group_name, p.price AS base
      FROM order_lines l LEFT JOIN items i ON i.id = l.item_id LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = ?
      WHERE l.order_id = ? AND (l.price_source = 'manual' OR CAST(l.discount AS REAL) <> 0)`,
      )
      .all(o.price_type_id, id) as (FloorLine & { group_name: string; base: unknown })[];
    const floors = pricing.floors();
    const byId = new Map(lines.map((l) => [l.id, l]));
    const text = lines.map((l) => ({
      ...l,
      quantity: String(l.quantity),
      price: String(l.price),
      discount: String(l.discount),
      cost: String(l.cost),
    }));
    return submitBlocks(
      text,
      (line) => {
        const l = byId.get(line.id)!;
        const f = floorFor(floors, l.group_name, o.client_group);
        return f ? floorPrice(f, String(l.cost), l.base === null ? null : String(l.base)) : null;
      },
      approvalOf(approvalRow.get(id) as Record<string, unknown> | undefined),
      creditOf(id, o.client_id, money(o.total)),
    );
  }
  const approvalRow = sqlite.prepare(`SELECT * FROM price_approvals WHERE order_id = ?`);

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

  /** VAT of the whole order as the ERP computes it: per line at the item's rate, then summed. */
  function vatOf(id: string): { vat: string; gross: string; withVat: boolean } {
    const typeId = sqlite
      .prepare(`SELECT c.price_type_id FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = ?`)
      .pluck()
      .get(id) as number | undefined;
    const withVat = typeId === undefined ? true : pricing.withVat(typeId);
    let vat = 0n;
    let amount = 0n;
    for (const [a, rate] of sqlite
      .prepare(
        `SELECT l.amount, coalesce(i.vat_rate, '0') FROM order_lines l LEFT JOIN items i ON i.id = l.item_id WHERE l.order_id = ?`,
      )
      .raw()
      .all(id) as [unknown, unknown][]) {
      const text = money(a);
      vat += lineVatKopecks(text, String(rate), withVat);
      amount += BigInt(text.replace('.', '').replace(/^(-?)0+(?=\d)/, '$1'));
    }
    const gross = withVat ? amount : amount + vat;
    return { vat: kopecksText(vat), gross: kopecksText(gross), withVat };
  }
  const userName = sqlite.prepare(`SELECT name FROM users WHERE id = ?`).pluck();

  return {
    blocks: blocksOf,
    patchedLine(orderId, lineId, patch) {
      const l = sqlite
        .prepare(
          `SELECT id, line_no, item_id, quantity, price, price_source, discount, warehouse_id, comment FROM order_lines WHERE id = ? AND order_id = ?`,
        )
        .get(lineId, orderId) as
        | {
            id: string;
            line_no: number;
            item_id: number;
            quantity: string;
            price: string;
            price_source: LineInput['priceSource'];
            discount: string;
            warehouse_id: number | null;
            comment: string;
          }
        | undefined;
      if (!l) throw new CodedError('not_found', `No line ${lineId} in order ${orderId}`);
      return {
        id: l.id,
        lineNo: l.line_no,
        itemId: l.item_id,
        quantity: patch.quantity === undefined ? String(l.quantity) : typedDecimal(patch.quantity),
        // A typed price is the manager's: its source becomes "manual".
        price: patch.price === undefined ? String(l.price) : typedDecimal(patch.price),
        priceSource: patch.price === undefined ? l.price_source : 'manual',
        discount: patch.discount === undefined ? String(l.discount) : typedDecimal(patch.discount),
        warehouseId: l.warehouse_id,
        comment: patch.comment ?? l.comment,
      };
    },
    newLines(orderId, items) {
      const order = sqlite
        .prepare(
          `SELECT (SELECT coalesce(max(line_no), 0) FROM order_lines WHERE order_id = o.id) AS last FROM orders o WHERE o.id = ?`,
        )
        .get(orderId) as { last: number } | undefined;
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
          priceSource: manual
            ? ('manual' as const)
            : ruled?.source === 'promo'
              ? ('promo' as const)
              : ('client' as const),
          discount: it.discount ? typedDecimal(it.discount) : '0',
          warehouseId: it.warehouseId ?? null,
          comment: it.comment ?? '',
        };
      });
    },
    list(article) {
      const pending = pendingByOrder();
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
      const rows = sqlite.prepare(`${LIST_SELECT} ${where} ORDER BY o.created_at DESC`).all(...params) as ListRaw[];
      return rows.map((r) => ({ ...listRow(r), pendingChanges: pending.get(r.id) ?? 0 }));
    },
    get(id, linesLimit) {
      const h = header(id);
      if (!h) throw new CodedError('not_found', `No order ${id}`);
      const extra = sqlite
        .prepare(
          `SELECT o.warehouse_id AS warehouseId, coalesce(w.name, '') AS warehouseName, w.stock_as_of AS stockAsOf, o.delivery_date AS deliveryDate, o.comment,
          coalesce(c.credit_limit, '0') AS creditLimit, coalesce(c.overdue, '0') AS overdue, c.receivables_as_of AS receivablesAsOf,
          o.agreement, o.delivery_method AS deliveryMethod, o.delivery_address AS deliveryAddress, coalesce(c.payment_terms, '') AS paymentTerms,
          coalesce(c.agreements, '[]') AS agreements, coalesce(c.delivery_addresses, '[]') AS addresses
        FROM orders o LEFT JOIN warehouses w ON w.id = o.warehouse_id LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
        )
        .get(id) as Record<string, unknown>;
      // Shipping figures of the whole order, whatever part of its lines is sent now.
      const size = sqlite
        .prepare(
          `SELECT total(l.quantity * i.weight_kg) AS kg, total(l.quantity * i.volume_m3) AS m3 FROM order_lines l JOIN items i ON i.id = l.item_id WHERE l.order_id = ?`,
        )
        .get(id) as { kg: number; m3: number };
      return {
        ...h,
        pendingChanges: pendingByOrder().get(id) ?? 0,
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
        weightKg: size.kg.toFixed(3),
        volumeM3: size.m3.toFixed(4),
        credit: creditOf(id, h.clientId, h.total),
        approval: approvalSummary(id),
        ...vatOf(id),
        receivablesAsOf: (extra.receivablesAsOf as string | null) ?? null,
        lockedReason: linesLockedReason(h.status as OrderStatus),
        lines: readLines(id, null, linesLimit),
      };
    },
    lines(orderId, ids) {
      const lines = readLines(orderId, ids ?? null);
      if (!ids) return { lines, missing: [] };
      const found = new Set(lines.map((l) => l.id));
      return { lines, missing: ids.filter((x) => !found.has(x)) };
    },
    submitCheck(id) {
      const order = sqlite
        .prepare(
          `SELECT o.kind, o.warehouse_id, c.coefficient, c.price_type_id, w.stock_as_of FROM orders o JOIN clients c ON c.id = o.client_id
        LEFT JOIN warehouses w ON w.id = o.warehouse_id WHERE o.id = ?`,
        )
        .get(id) as
        | {
            kind: OrderKind;
            warehouse_id: number;
            coefficient: string;
            price_type_id: number;
            stock_as_of: string | null;
          }
        | undefined;
      if (!order) throw new CodedError('not_found', `No order ${id}`);
      const rows = sqlite
        .prepare(
          `SELECT l.id, l.item_id, coalesce(i.article, '') AS article, l.quantity, l.price, l.price_source, l.warehouse_id, p.price AS base, p.as_of AS price_as_of, s.quantity AS available,
          coalesce(i.group_name, '') AS group_name, coalesce(i.vat_rate, '0') AS vat_rate
        FROM order_lines l LEFT JOIN items i ON i.id = l.item_id
        LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = ?
        LEFT JOIN stock s ON s.item_id = l.item_id AND s.warehouse_id = coalesce(l.warehouse_id, ?)
        WHERE l.order_id = ?`,
        )
        .all(order.price_type_id, order.warehouse_id, id) as (CheckLine & {
        base: string | null;
        price_as_of: string | null;
        available: number | null;
        group_name: string;
        vat_rate: string;
      })[];
      const byId = new Map(rows.map((r) => [r.id, r]));
      const p = pricing.forOrder(id);
      const stock = new Map(
        rows.map((r) => [
          `${r.item_id}:${r.warehouse_id ?? order.warehouse_id}`,
          r.available === null ? null : String(r.available),
        ]),
      );
      const check = checkOrder(
        rows.map((r) => ({ ...r, quantity: String(r.quantity), price: String(r.price) })),
        {
          kind: order.kind,
          warehouseId: order.warehouse_id,
          price: (line) => {
            const r = byId.get(line.id)!;
            return (
              rulePrice(
                p,
                { id: r.item_id, group: r.group_name, vatRate: String(r.vat_rate) },
                String(r.quantity),
                r.base === null ? null : String(r.base),
              )?.unitPrice ?? null
            );
          },
          stock: (itemId, wh) => stock.get(`${itemId}:${wh}`) ?? null,
        },
      );
      const pricesAsOf = rows.reduce<string | null>(
        (latest, r) => (r.price_as_of && (!latest || r.price_as_of > latest) ? r.price_as_of : latest),
        null,
      );
      return { ...check, pricesAsOf, stockAsOf: order.stock_as_of, blocks: blocksOf(id) };
    },
    erpLink() {
      const r = sqlite
        .prepare(
          `SELECT state, since, pending, parked, oldest_pending_at AS oldestPendingAt, checked_at AS checkedAt, last_error AS lastError FROM erp_link WHERE id = 1`,
        )
        .get() as ErpLinkStatus | undefined;
      return r ?? null;
    },
  };
}
