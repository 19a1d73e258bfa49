// Approvals on the desk: the manager's request (built from what blocks the order now: lines below
// floor not yet approved at their price, credit over the limit), the supervisor's queue and the
// request's details with the margin each line gives away, and the price audit as the server wrote
// it. Everything reads the replica, so the queue works offline and decisions queue like any change.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import type { ApprovalDetails, ApprovalQueueRow, PriceAuditRow } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import {
  approvalOf,
  type ApprovalLine,
  type ApprovalRow,
  type OverrideReason,
  type RequestApprovalArgs,
} from '../../domain/pricing/price-floors';
import type { OrderService } from '../orders/orders';

export interface ApprovalService {
  /** The request the order needs now, or a bad_input error when nothing needs approval. */
  requestFor(orderId: string, note: string): RequestApprovalArgs;
  list(status: 'pending' | 'decided' | 'all'): ApprovalQueueRow[];
  get(orderId: string): ApprovalDetails;
  audit(filter: { orderId?: string; lineId?: string; entity?: 'rule' | 'client'; limit: number }): PriceAuditRow[];
}

const money = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : String(v ?? '0'));

export function createApprovalService(sqlite: Database.Database, orders: OrderService): ApprovalService {
  const queueSelect = `SELECT a.*, o.number, o.total, o.cost_total, coalesce(c.name, '') AS client_name, coalesce(u.name, '') AS manager_name, coalesce(d.name, '') AS decided_name
    FROM price_approvals a LEFT JOIN orders o ON o.id = a.order_id LEFT JOIN clients c ON c.id = o.client_id
    LEFT JOIN users u ON u.id = a.manager_id LEFT JOIN users d ON d.id = a.decided_by`;
  type QueueRaw = Record<string, unknown> & {
    number: string | null;
    total: unknown;
    cost_total: unknown;
    client_name: string;
    manager_name: string;
    decided_name: string;
  };

  const queueRow = (raw: QueueRaw): ApprovalQueueRow & { full: ApprovalRow } => {
    const a = approvalOf(raw)!;
    return {
      full: a,
      orderId: a.order_id,
      orderNumber: raw.number,
      clientName: raw.client_name,
      managerName: raw.manager_name,
      status: a.status,
      requestedAt: a.requested_at,
      lines: a.lines.length,
      givenAway: money(a.given_away),
      orderTotal: money(raw.total),
      orderMargin: new Decimal(money(raw.total)).minus(money(raw.cost_total)).toFixed(2),
      credit: a.credit,
      note: a.note,
      reasons: [...new Set(a.lines.map((l) => l.reason))],
      decidedBy: a.decided_by === null ? null : raw.decided_name,
      decidedAt: a.decided_at,
      comment: a.comment,
    };
  };

  return {
    requestFor(orderId, note) {
      const blocks = orders.blocks(orderId);
      const noReason = blocks.filter((b) => b.kind === 'no_reason');
      // A supervisor decides on reasons: every override gives one before anything is asked.
      if (noReason.length)
        throw new CodedError(
          'bad_input',
          `no_reason: ${noReason.map((b) => (b.kind === 'no_reason' ? b.lineNo : 0)).join(', ')}`,
        );
      const below = blocks.filter((b) => b.kind === 'below_floor');
      const credit = blocks.find((b) => b.kind === 'credit');
      if (!below.length && !credit) throw new CodedError('bad_input', 'nothing_to_approve');
      const ids = below.map((b) => b.lineId);
      type Facts = {
        id: string;
        item_id: number;
        quantity: unknown;
        price: unknown;
        discount: unknown;
        cost: unknown;
        override_reason: string;
        override_note: string;
      };
      const facts = new Map<string, Facts>();
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        const rows = sqlite
          .prepare(
            `SELECT id, item_id, quantity, price, discount, cost, override_reason, override_note FROM order_lines WHERE id IN (${part.map(() => '?').join(',')})`,
          )
          .all(...part) as Facts[];
        for (const r of rows) facts.set(r.id, r);
      }
      const lines: ApprovalLine[] = below.map((b) => {
        const f = facts.get(b.lineId)!;
        return {
          lineId: b.lineId,
          lineNo: b.lineNo,
          itemId: f.item_id,
          article: b.article,
          quantity: String(f.quantity),
          price: new Decimal(String(f.price)).toFixed(4),
          discount: new Decimal(String(f.discount)).toFixed(2),
          net: b.net,
          floor: b.floor,
          cost: new Decimal(String(f.cost)).toFixed(4),
          givenAway: b.givenAway,
          reason: f.override_reason as OverrideReason,
          note: f.override_note,
        };
      });
      return {
        orderId,
        lines,
        credit: credit ? { exposure: credit.exposure, limit: credit.limit, over: credit.over } : null,
        note,
      };
    },
    list(status) {
      const where =
        status === 'pending' ? `WHERE a.status = 'pending'` : status === 'decided' ? `WHERE a.status <> 'pending'` : '';
      return (
        sqlite.prepare(`${queueSelect} ${where} ORDER BY a.status = 'pending' DESC, a.requested_at`).all() as QueueRaw[]
      ).map((r) => {
        const { full: _f, ...row } = queueRow(r);
        return row;
      });
    },
    get(orderId) {
      const raw = sqlite.prepare(`${queueSelect} WHERE a.order_id = ?`).get(orderId) as QueueRaw | undefined;
      if (!raw) throw new CodedError('not_found', `No approval request for order ${orderId}`);
      const { full, ...row } = queueRow(raw);
      const names = new Map<number, string>();
      const ids = [...new Set(full.lines.map((l) => l.itemId))];
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        for (const r of sqlite
          .prepare(`SELECT id, name FROM items WHERE id IN (${part.map(() => '?').join(',')})`)
          .all(...part) as { id: number; name: string }[])
          names.set(r.id, r.name);
      }
      return {
        ...row,
        linesCount: full.lines.length,
        lines: full.lines.map((l) => ({
          lineId: l.lineId,
          lineNo: l.lineNo,
          article: l.article,
          name: names.get(l.itemId) ?? '',
          quantity: l.quantity,
          price: l.price,
          discount: l.discount,
          net: l.net,
          floor: l.floor,
          cost: l.cost,
          givenAway: l.givenAway,
          reason: l.reason,
          note: l.note,
          // Margin over cost at the asked price, percent, for the supervisor to weigh.
          marginPct: new Decimal(l.cost).gt(0)
            ? new Decimal(l.net)
                .minus(l.cost)
                .dividedBy(l.cost)
                .times(100)
                .toDecimalPlaces(1, Decimal.ROUND_HALF_UP)
                .toFixed(1)
            : null,
        })),
      };
    },
    audit({ orderId, lineId, entity, limit }) {
      const where: string[] = [];
      const params: unknown[] = [];
      const filters: [unknown, string][] = [
        [orderId, 'a.order_id = ?'],
        [lineId, `a.entity = 'line' AND a.entity_key = ?`],
        [entity, 'a.entity = ?'],
      ];
      for (const [value, sql] of filters) {
        if (value === undefined) continue;
        where.push(sql);
        params.push(value);
      }
      const rows = sqlite
        .prepare(
          `SELECT a.id, a.at, coalesce(u.name, a.user_id) AS userName, a.entity, a.entity_key AS entityKey, a.order_id AS orderId, a.old, a.new, a.reason
        FROM price_audit a LEFT JOIN users u ON u.id = a.user_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`,
        )
        .all(...params, limit) as (PriceAuditRow & { old: string | null; new: string | null })[];
      return rows.map((r) => ({
        ...r,
        userName: String(r.userName),
        old: r.old === null ? null : JSON.parse(r.old),
        new: r.new === null ? null : JSON.parse(r.new),
      }));
    },
  };
}
