// The pricing engine: one line's price for one client on one date, exact (decimal.js, never
// binary floats) and explained. Steps, in order: base price of the client's price type →
// client coefficient (per client, optionally per product group, with effective dates) →
// quantity break (the one whose range holds the quantity) → promotions (explicit stacking) →
// manager's override → rounding (unit price per the price type's rule, amount to kopecks, half
// up). Every step that fired is in the trace. The desk runs it optimistically and the server
// authoritatively: same rules in, same prices out.
import Decimal from 'decimal.js';
import { lineAmount } from '../orders/order';

export interface PricingItem {
  id: number;
  group: string;
  vatRate: string;
}
export interface PricingClient {
  id: number;
  priceTypeId: number;
  coefficient: string;
  clientGroup: string | null;
}
/** A price type: whether its prices include VAT, and the places a unit price is rounded to. */
export interface PriceTypeRule {
  id: number;
  withVat: boolean;
  places: number;
}
/** A client's coefficient, for all groups (group null) or one product group, from a date (to a date, inclusive). */
export interface CoefficientRule {
  id: string;
  clientId: number;
  group: string | null;
  coefficient: string;
  from: string;
  to: string | null;
}
/**
 * A quantity break: percent off the client's price for quantities from minQty to maxQty
 * (inclusive; null: no upper end), for one item, one product group, or everything.
 */
export interface QuantityBreak {
  id: string;
  itemId: number | null;
  group: string | null;
  minQty: string;
  maxQty: string | null;
  discount: string;
}
/**
 * A promotion: percent off, in effect from..to (inclusive), for items (ids) or a product group or
 * everything, for one client group or all clients. Stacking is explicit: promotions that stack
 * compound in priority order; one that does not stack applies alone. The engine takes whichever
 * of (the best non-stacking promotion) and (all stacking ones compounded) gives the lower price.
 */
export interface Promotion {
  id: string;
  name: string;
  from: string;
  to: string | null;
  itemIds: number[] | null;
  group: string | null;
  clientGroup: string | null;
  discount: string;
  stacks: boolean;
  priority: number;
}
export interface PricingRules {
  priceTypes: PriceTypeRule[];
  coefficients: CoefficientRule[];
  breaks: QuantityBreak[];
  promotions: Promotion[];
}

/** The manager's override: a unit price (replaces the computed one) and/or a line discount, percent. */
export interface PriceOverride {
  price?: string;
  discount?: string;
}

export interface PriceRequest {
  item: PricingItem;
  client: PricingClient;
  quantity: string;
  /** YYYY-MM-DD: rules in effect on this day. */
  date: string;
  /** The base price of the client's price type for this item; null: the item has none. */
  basePrice: string | null;
  /** Preorders take no breaks and no promotions (DOMAIN: no discounts on preorders). */
  noDiscounts?: boolean;
  override?: PriceOverride;
}

export type PriceStep = 'base' | 'coefficient' | 'break' | 'promotion' | 'override' | 'rounding' | 'discount';
export interface TraceStep {
  step: PriceStep;
  rule: string;
  value: string;
}

export interface PricedLine {
  unitPrice: string;
  source: 'list' | 'client' | 'promo' | 'manual';
  /** The manager's line discount, percent. */
  discount: string;
  amount: string;
  /** VAT in the amount (price type with VAT) or on top of it (without), per line, kopecks. */
  vat: string;
  /** The amount with VAT. */
  gross: string;
  trace: TraceStep[];
}

export class PricingError extends Error {
  constructor(
    readonly code: 'no_price',
    message: string,
  ) {
    super(message);
  }
}

const HUNDRED = new Decimal(100);
const ONE = new Decimal(1);
const inEffect = (date: string, from: string, to: string | null): boolean =>
  from <= date && (to === null || date <= to);
const fixed = (d: Decimal): string => d.toFixed();

/** The rules indexed for pricing many lines: by client, by item and by group. */
export interface CompiledRules {
  priceType(id: number): PriceTypeRule;
  coefficientsOf(clientId: number): CoefficientRule[];
  breaksFor(item: PricingItem): QuantityBreak[];
  promotionsFor(item: PricingItem): Promotion[];
  /** Answers kept for the life of these rules (they never change once compiled). */
  memo: {
    coefficient(key: string, make: () => { value: Decimal; rule: string }): { value: Decimal; rule: string };
    /** Live promotions for an item: kept per group (or per item, for items with promotions of their own). */
    promotions(item: PricingItem, date: string, clientGroup: string | null, make: () => Promotion[]): Promotion[];
    breakNumbers(b: QuantityBreak): { min: Decimal; max: Decimal | null; factor: Decimal };
    promoFactor(p: Promotion): Decimal;
  };
}

export function compileRules(rules: PricingRules): CompiledRules {
  const types = new Map(rules.priceTypes.map((t) => [t.id, t]));
  const byClient = new Map<number, CoefficientRule[]>();
  for (const c of rules.coefficients) byClient.set(c.clientId, [...(byClient.get(c.clientId) ?? []), c]);
  const index = <T extends { group: string | null }>(list: T[], itemIds: (r: T) => number[] | null) => {
    const byItem = new Map<number, T[]>();
    const byGroup = new Map<string, T[]>();
    const all: T[] = [];
    for (const r of list) {
      const ids = itemIds(r);
      if (ids?.length) for (const id of ids) byItem.set(id, [...(byItem.get(id) ?? []), r]);
      else if (r.group !== null) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
      else all.push(r);
    }
    return { byItem, byGroup, all };
  };
  const breaks = index(rules.breaks, (b) => (b.itemId === null ? null : [b.itemId]));
  const promos = index(rules.promotions, (p) => p.itemIds);
  // Pricing 20,000 lines asks the same questions again and again (same client, same day, a few
  // groups): the answers are kept, so each line costs only its own arithmetic.
  const coefficientMemo = new Map<string, { value: Decimal; rule: string }>();
  const promoMemo = new Map<string, Promotion[]>();
  const breakNumbers = new Map<QuantityBreak, { min: Decimal; max: Decimal | null; factor: Decimal }>();
  for (const b of rules.breaks)
    breakNumbers.set(b, {
      min: new Decimal(b.minQty),
      max: b.maxQty === null ? null : new Decimal(b.maxQty),
      factor: HUNDRED.minus(b.discount).dividedBy(HUNDRED),
    });
  const promoFactor = new Map<Promotion, Decimal>(
    rules.promotions.map((p) => [p, HUNDRED.minus(p.discount).dividedBy(HUNDRED)]),
  );
  return {
    priceType: (id) => types.get(id) ?? { id, withVat: true, places: 4 },
    coefficientsOf: (clientId) => byClient.get(clientId) ?? [],
    // The most specific scope that has breaks decides: the item's own, else its group's, else general ones.
    breaksFor: (item) => breaks.byItem.get(item.id) ?? breaks.byGroup.get(item.group) ?? breaks.all,
    promotionsFor: (item) => [
      ...(promos.byItem.get(item.id) ?? []),
      ...(promos.byGroup.get(item.group) ?? []),
      ...promos.all,
    ],
    memo: {
      coefficient(key, make) {
        let v = coefficientMemo.get(key);
        if (!v) coefficientMemo.set(key, (v = make()));
        return v;
      },
      promotions(item, date, clientGroup, make) {
        const key = `${promos.byItem.has(item.id) ? `i${item.id}` : `g${item.group}`}|${date}|${clientGroup ?? ''}`;
        let v = promoMemo.get(key);
        if (!v) promoMemo.set(key, (v = make()));
        return v;
      },
      breakNumbers: (b) =>
        breakNumbers.get(b) ?? {
          min: new Decimal(b.minQty),
          max: b.maxQty === null ? null : new Decimal(b.maxQty),
          factor: HUNDRED.minus(b.discount).dividedBy(HUNDRED),
        },
      promoFactor: (p) => promoFactor.get(p) ?? HUNDRED.minus(p.discount).dividedBy(HUNDRED),
    },
  };
}

/** The coefficient in effect: per group over all groups; among those, the latest start. */
function coefficientFor(req: PriceRequest, rules: CompiledRules): { value: Decimal; rule: string } {
  return rules.memo.coefficient(`${req.client.id}|${req.client.coefficient}|${req.item.group}|${req.date}`, () =>
    findCoefficient(req, rules),
  );
}

function findCoefficient(req: PriceRequest, rules: CompiledRules): { value: Decimal; rule: string } {
  let best: CoefficientRule | null = null;
  for (const c of rules.coefficientsOf(req.client.id)) {
    if (!inEffect(req.date, c.from, c.to) || (c.group !== null && c.group !== req.item.group)) continue;
    const better =
      !best ||
      (c.group !== null && best.group === null) ||
      ((c.group === null) === (best.group === null) && c.from > best.from);
    if (better) best = c;
  }
  return best
    ? { value: new Decimal(best.coefficient), rule: best.id }
    : { value: new Decimal(req.client.coefficient), rule: 'client' };
}

/** The break whose range holds the quantity; overlapping ranges (an admin's slip): the higher threshold. */
export function breakFor(
  quantity: Decimal,
  breaks: QuantityBreak[],
  numbers?: CompiledRules['memo']['breakNumbers'],
): QuantityBreak | null {
  let best: QuantityBreak | null = null;
  let bestMin: Decimal | null = null;
  for (const b of breaks) {
    const n = numbers
      ? numbers(b)
      : { min: new Decimal(b.minQty), max: b.maxQty === null ? null : new Decimal(b.maxQty) };
    if (quantity.lt(n.min) || (n.max !== null && quantity.gt(n.max))) continue;
    if (!bestMin || n.min.gt(bestMin)) {
      best = b;
      bestMin = n.min;
    }
  }
  return best;
}

/** The promotions that apply and the price after each, in the order they apply. */
function promotionsApplied(
  req: PriceRequest,
  rules: CompiledRules,
  price: Decimal,
): { promo: Promotion; price: Decimal }[] {
  const live = rules.memo.promotions(req.item, req.date, req.client.clientGroup, () =>
    rules
      .promotionsFor(req.item)
      .filter(
        (p) => inEffect(req.date, p.from, p.to) && (p.clientGroup === null || p.clientGroup === req.client.clientGroup),
      )
      .sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  if (live.length === 0) return [];
  const off = (p: Decimal, promo: Promotion) => p.times(rules.memo.promoFactor(promo));
  const stacked: { promo: Promotion; price: Decimal }[] = [];
  for (const promo of live.filter((p) => p.stacks))
    stacked.push({ promo, price: off(stacked[stacked.length - 1]?.price ?? price, promo) });
  let alone: { promo: Promotion; price: Decimal } | null = null;
  for (const promo of live.filter((x) => !x.stacks)) {
    const v = off(price, promo);
    if (!alone || v.lt(alone.price)) alone = { promo, price: v };
  }
  // Ties go to the stacking set (it is what the promotions' authors meant to combine).
  const stackedPrice = stacked[stacked.length - 1]?.price;
  return alone && (!stackedPrice || alone.price.lt(stackedPrice)) ? [alone] : stacked;
}

/** VAT of a line amount at a rate: inside the amount (price with VAT) or on top of it, kopecks, half up. */
export function lineVat(amount: string, rate: string, withVat: boolean): { vat: string; gross: string } {
  const a = new Decimal(amount);
  const r = new Decimal(rate);
  const vat = (withVat ? a.times(r).dividedBy(HUNDRED.plus(r)) : a.times(r).dividedBy(HUNDRED)).toDecimalPlaces(
    2,
    Decimal.ROUND_HALF_UP,
  );
  return { vat: vat.toFixed(2), gross: (withVat ? a : a.plus(vat)).toFixed(2) };
}

/**
 * The same VAT in kopecks, summed over many lines without building a Decimal per line (the order
 * header sums it over 50,000 lines): exact integer arithmetic while the numbers are safe, Decimal
 * beyond. Returns kopecks of VAT for a line amount (text, 2 places) at a rate (text, whole or
 * decimal percent).
 */
export function lineVatKopecks(amount: string, rate: string, withVat: boolean): bigint {
  const a = /^(\d+)\.(\d{2})$/.exec(amount);
  // The rate in hundredths of a percent: "22", "22.00" and "22.5" alike (the store writes "22.00").
  const r = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(rate);
  if (a && r) {
    const kop = Number(a[1]! + a[2]!);
    const rt = Number(r[1]! + (r[2] ?? '').padEnd(2, '0'));
    const den = withVat ? 10_000 + rt : 10_000;
    // Half up of kop × rt / den for non-negative numbers: floor((2·kop·rt + den) / (2·den)).
    const num = 2 * kop * rt + den;
    // Below a billion roubles a line the quotient is far from float rounding trouble.
    if (kop < 1e11) return BigInt(Math.floor(num / (2 * den)));
  }
  return BigInt(new Decimal(lineVat(amount, rate, withVat).vat).times(100).toFixed(0));
}

/**
 * The unit price by the steps, rounded: shared by priceLine (with its trace) and rulePrice (the
 * bulk path: 20,000 lines, no trace strings built).
 */
function unitPrice(
  req: PriceRequest,
  rules: CompiledRules,
  trace: TraceStep[] | null,
): { price: Decimal; source: PricedLine['source']; type: PriceTypeRule } {
  const type = rules.priceType(req.client.priceTypeId);
  let price: Decimal;
  let source: PricedLine['source'];
  if (req.override?.price !== undefined) {
    price = new Decimal(req.override.price);
    source = 'manual';
    if (req.basePrice !== null)
      trace?.push({ step: 'base', rule: `type:${type.id}`, value: fixed(new Decimal(req.basePrice)) });
    trace?.push({ step: 'override', rule: 'manual', value: fixed(price) });
  } else {
    if (req.basePrice === null)
      throw new PricingError('no_price', `Item ${req.item.id} has no price of type ${type.id}`);
    price = new Decimal(req.basePrice);
    trace?.push({ step: 'base', rule: `type:${type.id}`, value: fixed(price) });
    const coefficient = coefficientFor(req, rules);
    if (!coefficient.value.eq(ONE)) {
      price = price.times(coefficient.value);
      trace?.push({
        step: 'coefficient',
        rule: `${coefficient.rule}:${fixed(coefficient.value)}`,
        value: fixed(price),
      });
    }
    source = 'client';
    if (!req.noDiscounts) {
      const breaks = rules.breaksFor(req.item);
      const br = breaks.length ? breakFor(new Decimal(req.quantity), breaks, rules.memo.breakNumbers) : null;
      if (br && !new Decimal(br.discount).isZero()) {
        price = price.times(rules.memo.breakNumbers(br).factor);
        trace?.push({
          step: 'break',
          rule: `${br.id}:${br.minQty}..${br.maxQty ?? ''}:-${br.discount}%`,
          value: fixed(price),
        });
      }
      for (const applied of promotionsApplied(req, rules, price)) {
        price = applied.price;
        source = 'promo';
        trace?.push({
          step: 'promotion',
          rule: `${applied.promo.id}:-${applied.promo.discount}%`,
          value: fixed(price),
        });
      }
    }
  }
  const rounded = price.toDecimalPlaces(type.places, Decimal.ROUND_HALF_UP);
  if (trace && !rounded.eq(price)) trace.push({ step: 'rounding', rule: `${type.places}`, value: fixed(rounded) });
  return { price: rounded, source, type };
}

/** Prices one line with its trace, amount and VAT. Throws PricingError('no_price') when the item has no base price and no override price. */
export function priceLine(req: PriceRequest, rules: CompiledRules): PricedLine {
  const trace: TraceStep[] = [];
  const { price, source, type } = unitPrice(req, rules, trace);
  const unit = price.toFixed(Math.max(type.places, 2));
  const discount =
    req.override?.discount !== undefined && !req.noDiscounts ? fixed(new Decimal(req.override.discount)) : '0';
  if (discount !== '0') trace.push({ step: 'discount', rule: 'manual', value: `${discount}%` });
  const amount = lineAmount(new Decimal(req.quantity).toFixed(), unit, discount);
  return { unitPrice: unit, source, discount, amount, ...lineVat(amount, req.item.vatRate, type.withVat), trace };
}

/** A document's totals as the ERP sums them: amounts and VAT per line, then summed. */
export function documentTotals(lines: Pick<PricedLine, 'amount' | 'vat' | 'gross'>[]): {
  amount: string;
  vat: string;
  gross: string;
} {
  let amount = new Decimal(0);
  let vat = new Decimal(0);
  let gross = new Decimal(0);
  for (const l of lines) {
    amount = amount.plus(l.amount);
    vat = vat.plus(l.vat);
    gross = gross.plus(l.gross);
  }
  return { amount: amount.toFixed(2), vat: vat.toFixed(2), gross: gross.toFixed(2) };
}

/** What an order prices its lines with: the client, today's date, the rules, whether it is a preorder. */
export interface OrderPricing {
  rules: CompiledRules;
  client: PricingClient;
  date: string;
  preorder: boolean;
}

/** A line's unit price by the rules (no override), or null when the item has no base price: the bulk path, no trace. */
export function rulePrice(
  p: OrderPricing,
  item: PricingItem,
  quantity: string,
  basePrice: string | null,
): { unitPrice: string; source: PricedLine['source'] } | null {
  if (basePrice === null) return null;
  const { price, source, type } = unitPrice(
    { item, client: p.client, quantity, date: p.date, basePrice, noDiscounts: p.preorder },
    p.rules,
    null,
  );
  return { unitPrice: price.toFixed(Math.max(type.places, 2)), source };
}
