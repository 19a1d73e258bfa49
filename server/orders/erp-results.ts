// What the ERP's answers and reports do to orders: accepted (with the ERP's number), refused
// (with its reason), and the statuses it reports later (processing, assembling, shipped...), with
// a reserve's hold (extended, made an order, released) and what a preorder has secured.
// Written as ordinary versioned rows, so every desk that sees the order gets them by sync.
import type { Audience } from '../audience';
import { statusAfterErp, type OrderStatus } from '../../domain/orders/order';
import type { Row } from '../../domain/sync/mutation-def';
import type { SettledMessage } from '../erp/delivery-worker';
import { advanceHead, directoryFor, updateServerRows } from '../row-store';
import { enqueueMail } from '../mail/mail-outbox';
import type { Query } from '../query';
import { notify, type Notice } from '../notifications/notify';
import { instantOf, orderAfterReport, type KindReport } from '../../domain/orders/order-kinds';
import { applyLineReports } from './kind-reports';

export interface ErpOrderStatus extends KindReport {
  orderId: string;
  erpId?: string | null;
  status: OrderStatus;
  at: string;
}

type Change = (order: Row) => Row;

/** The news in an order's move that its manager waits for: 1C took it (with its number), refused it, shipped it. */
function noticeOf(before: Row, after: Row): (Omit<Notice, 'params'> & { params: Record<string, unknown> }) | null {
  const base = { userIds: [Number(after.manager_id)], refKind: 'order' as const, refId: String(after.id) };
  const params = { number: after.number ?? null, erpNumber: after.erp_number ?? null, clientId: after.client_id };
  if (after.hold_state === 'released' && before.hold_state !== 'released')
    return { ...base, kind: 'reserve.released', params };
  if (before.hold_request && !after.hold_request && after.erp_error)
    return { ...base, kind: 'reserve.refused', params: { ...params, reason: after.erp_error } };
  if (after.status === before.status) return null;
  if (after.status === 'accepted') return { ...base, kind: 'order.accepted', params };
  if (after.status === 'rejected')
    return { ...base, kind: 'order.refused', params: { ...params, reason: after.erp_error ?? '' } };
  if (after.status === 'shipped') return { ...base, kind: 'order.shipped', params };
  return null;
}

async function changeOrders(
  query: Query,
  changes: Map<string, Change[]>,
  told: Notice[] = [],
): Promise<{ audiences: Audience[]; head: number }> {
  const notices: Notice[] = [...told];
  const written = await updateServerRows(
    query,
    'orders',
    new Map(
      [...changes].map(([id, list]) => [
        id,
        (before: Row) => {
          const after = list.reduce((row, change) => change(row), before);
          if (!Object.keys(after).some((k) => k !== 'version' && after[k] !== before[k])) return null;
          const notice = noticeOf(before, after);
          if (notice) notices.push(notice);
          return after;
        },
      ]),
    ),
  );
  if (!notices.length) return written;
  // The client's name goes with the words, so the notification reads on its own.
  const names = new Map(
    (
      await query<{ id: number; name: string }>(`SELECT id, name FROM clients WHERE id = ANY($1::int[])`, [
        notices.map((n) => Number(n.params.clientId)),
      ])
    ).map((c) => [Number(c.id), c.name]),
  );
  for (const n of notices) n.params.client = names.get(Number(n.params.clientId)) ?? '';
  const at = new Date();
  const said = await notify(query, notices, at);
  // The client gets the confirmation with 1C's number, and the shipment to the contacts who asked,
  // in the same transaction as the status.
  const directory = await directoryFor(query);
  const letters: Audience[] = [];
  for (const n of notices.filter((x) => x.kind === 'order.accepted' || x.kind === 'order.shipped'))
    letters.push(
      ...(await enqueueMail(
        query,
        { kind: n.kind as 'order.accepted' | 'order.shipped', orderId: n.refId },
        directory,
        at,
      )),
    );
  const head = letters.length ? await advanceHead(query) : 0;
  return {
    audiences: [...written.audiences, ...said.audiences, ...letters],
    head: Math.max(written.head, said.head, head),
  };
}

const orderIdOf = (aggregate: string): string | null => (aggregate.startsWith('order:') ? aggregate.slice(6) : null);

function push(map: Map<string, Change[]>, id: string, change: Change): void {
  const list = map.get(id) ?? [];
  list.push(change);
  map.set(id, list);
}

export async function applyDeliveryResults(
  query: Query,
  settled: SettledMessage[],
  now: string,
): Promise<{ audiences: Audience[]; head: number }> {
  const changes = new Map<string, Change[]>();
  for (const s of settled) {
    const id = orderIdOf(s.aggregate);
    if (!id) continue;
    if (s.outcome === 'delivered') {
      if (s.method === 'reserve.extend') {
        const until = s.heldUntil;
        push(changes, id, (o) => ({
          ...o,
          hold_request: null,
          erp_error: null,
          ...(until && instantOf(until) !== instantOf(o.held_until) ? { held_until: until, hold_warned_at: null } : {}),
        }));
      } else if (s.method === 'reserve.convert') {
        // The same document goes on in 1C as an order, its goods still held for it.
        push(changes, id, (o) => ({
          ...o,
          kind: 'order',
          hold_state: 'converted',
          hold_request: null,
          erp_error: null,
        }));
      } else if (s.method === 'order.submit') {
        push(changes, id, (o) => {
          const status = statusAfterErp(o.status as OrderStatus, 'accepted');
          return {
            ...o,
            status,
            erp_number: s.erpId ?? o.erp_number,
            erp_status_at: status !== o.status ? now : o.erp_status_at,
            erp_error: null,
          };
        });
      } else {
        push(changes, id, (o) => ({ ...o, erp_error: null }));
      }
    } else {
      push(changes, id, (o) => ({
        ...o,
        status: s.method === 'order.submit' ? statusAfterErp(o.status as OrderStatus, 'rejected') : o.status,
        // A refused extension or conversion: the reserve stays as 1C holds it, the reason shown.
        hold_request: s.method.startsWith('reserve.') ? null : (o.hold_request ?? null),
        erp_error: s.reason.slice(0, 1000),
        erp_status_at: now,
      }));
    }
  }
  return changeOrders(query, changes);
}

/** Status reports from the ERP's feed; repeated or late reports change nothing (statuses only move forward). */
export async function applyErpStatuses(
  query: Query,
  reports: ErpOrderStatus[],
): Promise<{ audiences: Audience[]; head: number }> {
  const changes = new Map<string, Change[]>();
  for (const r of reports) {
    push(changes, r.orderId, (o) => {
      const status = statusAfterErp(o.status as OrderStatus, r.status);
      const held = orderAfterReport(o, r);
      if (status === o.status && (o.erp_number || !r.erpId)) return held;
      return {
        ...held,
        status,
        erp_number: o.erp_number ?? r.erpId ?? null,
        erp_status_at: status !== o.status ? r.at : o.erp_status_at,
      };
    });
  }
  const lines = await applyLineReports(query, reports);
  const orders = await changeOrders(query, changes, lines.notices);
  return { audiences: [...lines.audiences, ...orders.audiences], head: Math.max(lines.head, orders.head) };
}
