// What the desk shows of a reserve and a preorder beside the order's header: until when 1C holds
// the reserve and how much of it, what the desk asked and awaits; what 1C secured of a preorder,
// what is still waiting, what can become an order now, and the orders made of it so far; a merge
// with another order 1C has, while 1C is asked.
import type Database from 'better-sqlite3';
import type { OrderKindState } from '../../domain/contract';
import { HOLD_STATES, reserveDaysOf, type HoldState } from '../../domain/orders/order-kinds';
import { mergeOf } from '../../domain/orders/order-merge';

interface KindRow {
  kind: string;
  held_until: string | null;
  hold_state: string | null;
  hold_request: string | null;
  from_order_id: string | null;
  agreement: string | null;
  agreements: string | null;
  merge: string | null;
  programme_id: string | null;
}

export interface OrderKindView {
  of(orderId: string): OrderKindState;
}

export function createOrderKindView(sqlite: Database.Database): OrderKindView {
  const head = sqlite.prepare(
    `SELECT o.kind, o.held_until, o.hold_state, o.hold_request, o.from_order_id, o.agreement, c.agreements, o.merge, o.programme_id
     FROM orders o LEFT JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
  );
  // Counted in SQL over the lines as text decimals: CAST is exact enough to compare quantities of up to 15 digits.
  const holdCounts = sqlite.prepare(
    `SELECT count(*) AS lines,
       sum(CASE WHEN CAST(coalesce(held, '0') AS REAL) >= CAST(quantity AS REAL) THEN 1 ELSE 0 END) AS whole,
       sum(CASE WHEN CAST(coalesce(held, '0') AS REAL) > 0 AND CAST(coalesce(held, '0') AS REAL) < CAST(quantity AS REAL) THEN 1 ELSE 0 END) AS part
     FROM order_lines WHERE order_id = ?`,
  );
  const securedCounts = sqlite.prepare(
    `SELECT count(*) AS lines,
       sum(CASE WHEN CAST(coalesce(secured, '0') AS REAL) > 0 THEN 1 ELSE 0 END) AS secured,
       sum(CASE WHEN CAST(coalesce(secured, '0') AS REAL) < CAST(quantity AS REAL) THEN 1 ELSE 0 END) AS waiting,
       sum(CASE WHEN CAST(coalesce(secured, '0') AS REAL) > CAST(converted AS REAL) THEN 1 ELSE 0 END) AS convertible
     FROM order_lines WHERE order_id = ?`,
  );
  const made = sqlite.prepare(`SELECT id, number, status FROM orders WHERE from_order_id = ? ORDER BY created_at`);
  const numberOf = sqlite.prepare(`SELECT number FROM orders WHERE id = ?`).pluck();
  const erpNumberOf = sqlite.prepare(`SELECT number, erp_number AS erp FROM orders WHERE id = ?`);

  return {
    of(orderId) {
      const o = head.get(orderId) as KindRow | undefined;
      const state: OrderKindState = { hold: null, preorder: null, fromOrder: null, merge: null, programmeId: null };
      if (!o) return state;
      state.programmeId = o.programme_id;
      if (o.kind === 'reserve' || o.hold_state) {
        const c = holdCounts.get(orderId) as { lines: number; whole: number | null; part: number | null };
        state.hold = {
          until: o.held_until,
          state: HOLD_STATES.includes(o.hold_state as HoldState) ? (o.hold_state as HoldState) : null,
          request: o.hold_request
            ? (JSON.parse(o.hold_request) as NonNullable<OrderKindState['hold']>['request'])
            : null,
          days: reserveDaysOf(o.agreements ? (JSON.parse(o.agreements) as unknown) : [], o.agreement),
          lines: c.lines,
          heldWhole: c.whole ?? 0,
          heldPart: c.part ?? 0,
        };
      }
      if (o.kind === 'preorder') {
        const c = securedCounts.get(orderId) as Record<string, number | null>;
        state.preorder = {
          lines: c.lines ?? 0,
          secured: c.secured ?? 0,
          waiting: c.waiting ?? 0,
          convertible: c.convertible ?? 0,
          made: made.all(orderId) as { id: string; number: string | null; status: string }[],
        };
      }
      if (o.from_order_id)
        state.fromOrder = { id: o.from_order_id, number: (numberOf.get(o.from_order_id) as string | null) ?? null };
      const merge = mergeOf({ merge: o.merge });
      if (merge) {
        const partner = erpNumberOf.get(merge.partner) as { number: string | null; erp: string | null } | undefined;
        state.merge = {
          role: merge.role,
          partnerId: merge.partner,
          partnerNumber: partner?.erp ?? partner?.number ?? null,
          step: merge.step,
          lines: merge.lines?.length ?? 0,
        };
      }
      return state;
    },
  };
}
