// The check at submit: an order's lines against the freshest prices and stock known (the desk's
// replica before sending, the server's store when the submit arrives). It lists every difference
// for the manager to confirm, and a digest of that list: the server accepts the submit only when
// its own list has the digest the manager confirmed, so no price changes silently in between.
import Decimal from 'decimal.js';
import type { OrderKind } from './order';

export interface CheckLine {
  id: string;
  item_id: number;
  article: string;
  quantity: string;
  price: string;
  price_source: string;
  warehouse_id: number | null;
}

export interface CheckContext {
  kind: OrderKind;
  warehouseId: number;
  /** The line's unit price by today's rules (domain/pricing), or null when the item has no price. */
  price(line: CheckLine): string | null;
  /** Free stock of the item at the warehouse, or null when unknown there. */
  stock(itemId: number, warehouseId: number): string | null;
}

export type CheckDifference =
  | { lineId: string; article: string; kind: 'price'; old: string; new: string; effect: string }
  | { lineId: string; article: string; kind: 'no_price' }
  | { lineId: string; article: string; kind: 'stock'; quantity: string; available: string };

export interface SubmitCheck {
  differences: CheckDifference[];
  /** Sum over price differences of (new − old) × quantity, in roubles. */
  totalEffect: string;
  digest: string;
}

/** Base price × client coefficient, to 4 places, half up: the engine's price when no other rule applies. */
export function clientPrice(basePrice: string, coefficient: string): string {
  return new Decimal(basePrice).times(coefficient).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

export function checkOrder(lines: readonly CheckLine[], ctx: CheckContext): SubmitCheck {
  const differences: CheckDifference[] = [];
  let effect = new Decimal(0);
  const sorted = [...lines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const line of sorted) {
    // A manual price is the manager's decision (with its reason): the ERP's list price does not change it.
    if (line.price_source !== 'manual') {
      const now = ctx.price(line);
      if (now === null) differences.push({ lineId: line.id, article: line.article, kind: 'no_price' });
      else {
        if (!new Decimal(now).equals(line.price)) {
          const lineEffect = new Decimal(now)
            .minus(line.price)
            .times(line.quantity)
            .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
          effect = effect.plus(lineEffect);
          differences.push({
            lineId: line.id,
            article: line.article,
            kind: 'price',
            old: new Decimal(line.price).toFixed(4),
            new: new Decimal(now).toFixed(4),
            effect: lineEffect.toFixed(2),
          });
        }
      }
    }
    // A preorder is for goods not yet in stock: stock is not its business.
    if (ctx.kind !== 'preorder') {
      const available = ctx.stock(line.item_id, line.warehouse_id ?? ctx.warehouseId) ?? '0';
      if (new Decimal(line.quantity).greaterThan(available)) {
        differences.push({
          lineId: line.id,
          article: line.article,
          kind: 'stock',
          quantity: new Decimal(line.quantity).toString(),
          available: new Decimal(available).toString(),
        });
      }
    }
  }
  return { differences, totalEffect: effect.toFixed(2), digest: digestOf(differences) };
}

/** FNV-1a over the canonical text of the differences: equal lists, equal digests (not a secret). */
export function digestOf(differences: readonly CheckDifference[]): string {
  const text = JSON.stringify(differences.map((d) => Object.entries(d).sort(([a], [b]) => (a < b ? -1 : 1))));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${differences.length}-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
