// What a reserve and a preorder are beyond their label. A reserve (резерв) asks 1C to hold stock
// for a period: 1C says per line what it could hold and until when, may extend it or refuse, turns
// it into an order on request, and releases it when the time is up. A preorder (предзаказ) orders
// goods not in stock yet: 1C reports per line how much is secured (обеспечено: arrived or
// allocated), and the secured part becomes an order of its own, once. Pure and exact: the
// server applies 1C's reports with these rules, the desk decides what a manager may ask with them.
import Decimal from 'decimal.js';
import type { Row } from '../sync/mutation-def';

import { DEFAULT_RESERVE_DAYS, MAX_RESERVE_DAYS } from './order-kind-terms';

export * from './order-kind-terms';

/** The hold period of a reserve under the client's agreement (its `reserveDays`), or the default. */
export function reserveDaysOf(agreements: unknown, agreement: string | null): number {
  const list = Array.isArray(agreements) ? (agreements as { number?: string; reserveDays?: unknown }[]) : [];
  const a = list.find((x) => x.number === agreement) ?? list[0];
  const days = Number(a?.reserveDays);
  return Number.isInteger(days) && days >= 1 && days <= MAX_RESERVE_DAYS ? days : DEFAULT_RESERVE_DAYS;
}

/** An instant as milliseconds, whether the store hands it over as text or as a Date. */
export const instantOf = (v: unknown): number =>
  v instanceof Date ? v.getTime() : v === null || v === undefined ? NaN : Date.parse(String(v));

const dec = (v: unknown): Decimal => new Decimal(v === null || v === undefined || v === '' ? 0 : String(v));
const text = (d: Decimal): string => d.toString();

/** What 1C says it holds of a line, never more than the line asks (a late report after a cut is clamped). */
export function heldOf(reported: string, quantity: string): string {
  return text(Decimal.max(0, Decimal.min(dec(reported), dec(quantity))));
}

/**
 * A line's secured quantity after 1C reports `reported`: reports are totals, not increments, so a
 * repeated report changes nothing; secured goods stay secured (a stale, smaller report is not a
 * loss); never above the quantity, never below what was already made an order.
 */
export function securedAfter(current: unknown, reported: string, quantity: string, converted: unknown): string {
  const next = Decimal.max(dec(current), Decimal.min(dec(reported), dec(quantity)));
  return text(Decimal.max(next, dec(converted)));
}

/** The secured part of a preorder line not made an order yet. */
export function securedLeft(line: Row): string {
  return text(Decimal.max(0, dec(line.secured).minus(dec(line.converted))));
}

/** A line's kind fields after its quantity changed: nothing held or secured beyond what is asked. */
export function kindFieldsAfterEdit(before: Row | null, quantity: string): Row {
  if (!before) return { held: null, secured: null, converted: '0', from_line_id: null };
  const q = dec(quantity);
  const clamp = (v: unknown) => (v === null || v === undefined ? null : text(Decimal.min(dec(v), q)));
  return {
    held: clamp(before.held),
    secured: clamp(before.secured),
    converted: text(dec(before.converted)),
    from_line_id: before.from_line_id ?? null,
  };
}

/** Whether a preorder line may be cut to `quantity`: not below what already became an order. */
export function belowConverted(before: Row | null, quantity: string): boolean {
  return !!before && dec(quantity).lt(dec(before.converted));
}

export type ReserveRefusal = 'not_reserve' | 'not_held' | 'expired' | 'pending';

/** Why the desk cannot ask 1C to extend or convert this reserve now, or null when it can. */
export function reserveRefusal(order: Row, now: string): ReserveRefusal | null {
  if (order.kind !== 'reserve') return 'not_reserve';
  if (order.hold_state !== 'held' || !order.held_until) return 'not_held';
  if (instantOf(order.held_until) <= Date.parse(now)) return 'expired';
  if (order.hold_request) return 'pending';
  return null;
}

/** 1C's report of a reserve or preorder, beside its status. */
export interface KindReport {
  heldUntil?: string | null;
  released?: boolean;
  lines?: { lineId: string; held?: string; secured?: string }[];
}

/** A reserve's header after 1C's report: held until a new time, or released. */
export function orderAfterReport(order: Row, r: KindReport): Row {
  if (order.kind === 'reserve') {
    // A request still waiting keeps waiting: 1C's refusal of it comes with its reason.
    if (r.released) return { ...order, hold_state: 'released' };
    if (r.heldUntil && order.hold_state !== 'released' && order.hold_state !== 'converted') {
      const moved = instantOf(r.heldUntil) !== instantOf(order.held_until);
      if (!moved && order.hold_state === 'held') return order;
      return {
        ...order,
        held_until: r.heldUntil,
        hold_state: 'held',
        // A new end is told again a day before it.
        hold_warned_at: moved ? null : (order.hold_warned_at ?? null),
      };
    }
  }
  return order;
}

/** A line after 1C's report: held (reserve) or secured (preorder), by the rules above. */
export function lineAfterReport(order: Row, line: Row, r: { held?: string; secured?: string }, released = false): Row {
  const quantity = String(line.quantity);
  if (order.kind === 'reserve') {
    if (released) return { ...line, held: '0' };
    if (r.held !== undefined) return { ...line, held: heldOf(r.held, quantity) };
  }
  if (order.kind === 'preorder' && r.secured !== undefined)
    return { ...line, secured: securedAfter(line.secured, r.secured, quantity, line.converted) };
  return line;
}
