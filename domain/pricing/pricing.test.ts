// The pricing engine: a golden table of hand-computed cases covering every step and their
// combinations, and properties: the break used holds the quantity, a coefficient changed and
// changed back restores every price exactly, the order of the rules does not matter, document
// totals are the exact sums of their lines, and prices with the client's coefficient alone are
// exactly the prices the desk has always given (domain/submit-check's clientPrice).
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakFor,
  compileRules,
  documentTotals,
  priceLine,
  PricingError,
  type PriceRequest,
  type PricingClient,
  type PricingItem,
  type PricingRules,
  type QuantityBreak,
} from './pricing';
import { clientPrice } from '../orders/submit-check';

const items: Record<string, PricingItem> = {
  resistor: { id: 1, group: 'Резисторы', vatRate: '22.00' },
  book: { id: 2, group: 'Техническая литература', vatRate: '10.00' },
  relay: { id: 3, group: 'Реле', vatRate: '22.00' },
};
const clients: Record<string, PricingClient> = {
  dealer: { id: 10, priceTypeId: 1, coefficient: '1.1000', clientGroup: 'dealers' },
  noVat: { id: 11, priceTypeId: 3, coefficient: '1.0000', clientGroup: null },
  plain: { id: 12, priceTypeId: 1, coefficient: '1.0000', clientGroup: null },
};
const rules: PricingRules = {
  priceTypes: [
    { id: 1, withVat: true, places: 4 },
    { id: 3, withVat: false, places: 2 },
  ],
  coefficients: [
    { id: 'k1', clientId: 10, group: null, coefficient: '1.2000', from: '2026-01-01', to: null },
    { id: 'k2', clientId: 10, group: 'Реле', coefficient: '0.9500', from: '2026-06-01', to: '2026-12-31' },
    { id: 'k3', clientId: 10, group: null, coefficient: '1.2500', from: '2026-12-01', to: null },
  ],
  breaks: [
    { id: 'b1', itemId: null, group: 'Резисторы', minQty: '1000', maxQty: '4999', discount: '3' },
    { id: 'b2', itemId: null, group: 'Резисторы', minQty: '5000', maxQty: null, discount: '5' },
    { id: 'b3', itemId: 3, group: null, minQty: '10', maxQty: '19', discount: '2' },
  ],
  promotions: [
    {
      id: 'p1',
      name: 'Реле осенью',
      from: '2026-11-01',
      to: '2026-11-30',
      itemIds: null,
      group: 'Реле',
      clientGroup: null,
      discount: '10',
      stacks: true,
      priority: 1,
    },
    {
      id: 'p2',
      name: 'Дилерам',
      from: '2026-11-15',
      to: '2026-11-30',
      itemIds: [3],
      group: null,
      clientGroup: 'dealers',
      discount: '5',
      stacks: true,
      priority: 2,
    },
    {
      id: 'p3',
      name: 'Чёрная пятница',
      from: '2026-11-20',
      to: '2026-11-22',
      itemIds: null,
      group: null,
      clientGroup: null,
      discount: '12',
      stacks: false,
      priority: 0,
    },
    {
      id: 'p4',
      name: 'Книги',
      from: '2026-11-01',
      to: null,
      itemIds: null,
      group: 'Техническая литература',
      clientGroup: null,
      discount: '20',
      stacks: false,
      priority: 5,
    },
  ],
};
const compiled = compileRules(rules);

interface Golden {
  name: string;
  req: PriceRequest;
  unitPrice: string;
  source: string;
  discount?: string;
  amount: string;
  vat: string;
  gross: string;
  trace: [string, string, string][];
}

// Each case worked out by hand (see the comments), not by running the engine.
const golden: Golden[] = [
  {
    // 1234.5678 → 2 places (type 3) = 1234.57; ×2 = 2469.14; VAT on top 10 % = 246.914 → 246.91.
    name: 'base only, price type without VAT rounding to kopecks',
    req: { item: items.book!, client: clients.noVat!, quantity: '2', date: '2026-10-01', basePrice: '1234.5678' },
    unitPrice: '1234.57',
    source: 'client',
    amount: '2469.14',
    vat: '246.91',
    gross: '2716.05',
    trace: [
      ['base', 'type:3', '1234.5678'],
      ['rounding', '2', '1234.57'],
    ],
  },
  {
    // 2.5 × 1.2 (k1) = 3; 1000 is in b1 (1000..4999): −3 % = 2.91; 2910.00; VAT inside 22/122 = 524.754… → 524.75.
    name: 'coefficient for all groups, quantity break at its lower end',
    req: { item: items.resistor!, client: clients.dealer!, quantity: '1000', date: '2026-11-10', basePrice: '2.5000' },
    unitPrice: '2.9100',
    source: 'client',
    amount: '2910.00',
    vat: '524.75',
    gross: '2910.00',
    trace: [
      ['base', 'type:1', '2.5'],
      ['coefficient', 'k1:1.2', '3'],
      ['break', 'b1:1000..4999:-3%', '2.91'],
    ],
  },
  {
    // 4999 still in b1 (upper end inclusive): 2.91 × 4999 = 14547.09; VAT 320035.98 / 122 = 2623.2457… → 2623.25.
    name: 'quantity break at its upper end',
    req: { item: items.resistor!, client: clients.dealer!, quantity: '4999', date: '2026-11-10', basePrice: '2.5000' },
    unitPrice: '2.9100',
    source: 'client',
    amount: '14547.09',
    vat: '2623.25',
    gross: '14547.09',
    trace: [
      ['base', 'type:1', '2.5'],
      ['coefficient', 'k1:1.2', '3'],
      ['break', 'b1:1000..4999:-3%', '2.91'],
    ],
  },
  {
    // 5000: b2 (5000..): 3 × 0.95 = 2.85; 14250.00; VAT 313500 / 122 = 2569.67…
    name: "the next break past the previous one's end",
    req: { item: items.resistor!, client: clients.dealer!, quantity: '5000', date: '2026-11-10', basePrice: '2.5000' },
    unitPrice: '2.8500',
    source: 'client',
    amount: '14250.00',
    vat: '2569.67',
    gross: '14250.00',
    trace: [
      ['base', 'type:1', '2.5'],
      ['coefficient', 'k1:1.2', '3'],
      ['break', 'b2:5000..:-5%', '2.85'],
    ],
  },
  {
    // 999: below every break: 3.0000; 2997.00; VAT 65934 / 122 = 540.44…
    name: 'below the first break',
    req: { item: items.resistor!, client: clients.dealer!, quantity: '999', date: '2026-11-10', basePrice: '2.5000' },
    unitPrice: '3.0000',
    source: 'client',
    amount: '2997.00',
    vat: '540.44',
    gross: '2997.00',
    trace: [
      ['base', 'type:1', '2.5'],
      ['coefficient', 'k1:1.2', '3'],
    ],
  },
  {
    // Group coefficient k2 (0.95) over k1: 950; item break b3 (10..19) −2 % = 931; p1 −10 % = 837.9, p2 (dealers) −5 % = 796.005;
    // p3 alone would be 931 × 0.88 = 819.28, dearer: the stacked pair wins. 7960.05; VAT 175121.1 / 122 = 1435.418… → 1435.42.
    name: 'group coefficient, item break, stacking promotions beat a non-stacking one',
    req: { item: items.relay!, client: clients.dealer!, quantity: '10', date: '2026-11-21', basePrice: '1000.0000' },
    unitPrice: '796.0050',
    source: 'promo',
    amount: '7960.05',
    vat: '1435.42',
    gross: '7960.05',
    trace: [
      ['base', 'type:1', '1000'],
      ['coefficient', 'k2:0.95', '950'],
      ['break', 'b3:10..19:-2%', '931'],
      ['promotion', 'p1:-10%', '837.9'],
      ['promotion', 'p2:-5%', '796.005'],
    ],
  },
  {
    // Not a dealer: coefficient 1 (no step); b3 → 980; p1 alone stacks to 882; p3 (not stacking) 980 × 0.88 = 862.4 is lower: p3 alone.
    // 8624.00; VAT 189728 / 122 = 1555.147… → 1555.15.
    name: 'a non-stacking promotion alone beats the stacking ones',
    req: { item: items.relay!, client: clients.plain!, quantity: '10', date: '2026-11-21', basePrice: '1000.0000' },
    unitPrice: '862.4000',
    source: 'promo',
    amount: '8624.00',
    vat: '1555.15',
    gross: '8624.00',
    trace: [
      ['base', 'type:1', '1000'],
      ['break', 'b3:10..19:-2%', '980'],
      ['promotion', 'p3:-12%', '862.4'],
    ],
  },
  {
    // The manager's price replaces the computed one; line discount 1.5 %: 100 × 2.7 × 0.985 = 265.95; VAT 5850.9 / 122 = 47.958… → 47.96.
    name: 'manager override: price and line discount',
    req: {
      item: items.resistor!,
      client: clients.dealer!,
      quantity: '100',
      date: '2026-11-10',
      basePrice: '2.5000',
      override: { price: '2.7', discount: '1.5' },
    },
    unitPrice: '2.7000',
    source: 'manual',
    discount: '1.5',
    amount: '265.95',
    vat: '47.96',
    gross: '265.95',
    trace: [
      ['base', 'type:1', '2.5'],
      ['override', 'manual', '2.7'],
      ['discount', 'manual', '1.5%'],
    ],
  },
  {
    // Preorder: coefficient k2 → 950, no break, no promotion, the line discount ignored. 9500.00; VAT 209000 / 122 = 1713.11…
    name: 'preorder: no breaks, promotions or discounts',
    req: {
      item: items.relay!,
      client: clients.dealer!,
      quantity: '10',
      date: '2026-11-21',
      basePrice: '1000.0000',
      noDiscounts: true,
      override: { discount: '5' },
    },
    unitPrice: '950.0000',
    source: 'client',
    amount: '9500.00',
    vat: '1713.11',
    gross: '9500.00',
    trace: [
      ['base', 'type:1', '1000'],
      ['coefficient', 'k2:0.95', '950'],
    ],
  },
  {
    // On 5 December k3 (from 1 Dec) is the latest of the all-group coefficients: 0.3334 × 1.25 = 0.41675 → 0.4168 half up;
    // × 3 = 1.2504 → 1.25; VAT 27.5 / 122 = 0.2254… → 0.23.
    name: 'latest coefficient by date, half-up rounding of the unit price',
    req: { item: items.resistor!, client: clients.dealer!, quantity: '3', date: '2026-12-05', basePrice: '0.3334' },
    unitPrice: '0.4168',
    source: 'client',
    amount: '1.25',
    vat: '0.23',
    gross: '1.25',
    trace: [
      ['base', 'type:1', '0.3334'],
      ['coefficient', 'k3:1.25', '0.41675'],
      ['rounding', '4', '0.4168'],
    ],
  },
  {
    // A book for a client of type 3 (without VAT) during p4 (−20 %, for the group): 500 → 400.00; ×1 = 400.00; VAT 10 % on top = 40.00.
    name: 'group promotion, price type without VAT',
    req: { item: items.book!, client: clients.noVat!, quantity: '1', date: '2026-11-10', basePrice: '500' },
    unitPrice: '400.00',
    source: 'promo',
    amount: '400.00',
    vat: '40.00',
    gross: '440.00',
    trace: [
      ['base', 'type:3', '500'],
      ['promotion', 'p4:-20%', '400'],
    ],
  },
];

describe('pricing: golden table', () => {
  for (const g of golden) {
    it(g.name, () => {
      const priced = priceLine(g.req, compiled);
      expect({
        unitPrice: priced.unitPrice,
        source: priced.source,
        discount: priced.discount,
        amount: priced.amount,
        vat: priced.vat,
        gross: priced.gross,
      }).toEqual({
        unitPrice: g.unitPrice,
        source: g.source,
        discount: g.discount ?? '0',
        amount: g.amount,
        vat: g.vat,
        gross: g.gross,
      });
      expect(priced.trace.map((s) => [s.step, s.rule, s.value])).toEqual(g.trace);
    });
  }

  it('an item without a price is refused, unless the manager gives one', () => {
    const req: PriceRequest = {
      item: items.resistor!,
      client: clients.dealer!,
      quantity: '1',
      date: '2026-11-10',
      basePrice: null,
    };
    expect(() => priceLine(req, compiled)).toThrow(PricingError);
    expect(priceLine({ ...req, override: { price: '5' } }, compiled)).toMatchObject({
      unitPrice: '5.0000',
      source: 'manual',
      amount: '5.00',
    });
  });

  it('document totals are the per-line amounts and VAT summed, as the ERP sums them', () => {
    const lines = golden.map((g) => priceLine(g.req, compiled));
    const totals = documentTotals(lines);
    expect(totals.amount).toBe(golden.reduce((s, g) => s.plus(g.amount), new Decimal(0)).toFixed(2));
    expect(totals.vat).toBe(golden.reduce((s, g) => s.plus(g.vat), new Decimal(0)).toFixed(2));
    expect(totals.gross).toBe(golden.reduce((s, g) => s.plus(g.gross), new Decimal(0)).toFixed(2));
  });
});

const decimalText = (maxUnits: number, places: number) =>
  fc.integer({ min: 1, max: maxUnits }).map((n) => new Decimal(n).dividedBy(10 ** places).toFixed());

describe('pricing: properties', () => {
  it('the break used is the one whose range holds the quantity; none when no range does (no "past max")', () => {
    const rangeArb = fc.tuple(
      fc.integer({ min: 1, max: 1000 }),
      fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
      fc.integer({ min: 1, max: 50 }),
    );
    fc.assert(
      fc.property(fc.array(rangeArb, { maxLength: 6 }), fc.integer({ min: 1, max: 2500 }), (ranges, q) => {
        const breaks: QuantityBreak[] = ranges.map(([min, width, d], i) => ({
          id: `b${i}`,
          itemId: null,
          group: null,
          minQty: String(min),
          maxQty: width === null ? null : String(min + width),
          discount: String(d),
        }));
        const used = breakFor(new Decimal(q), breaks);
        const holding = breaks.filter((b) => q >= Number(b.minQty) && (b.maxQty === null || q <= Number(b.maxQty)));
        if (holding.length === 0) expect(used).toBeNull();
        else {
          expect(used).not.toBeNull();
          expect(q).toBeGreaterThanOrEqual(Number(used!.minQty));
          if (used!.maxQty !== null) expect(q).toBeLessThanOrEqual(Number(used!.maxQty));
        }
      }),
    );
  });

  it('a coefficient changed and changed back restores every price exactly; the engine is deterministic and rule order does not matter', () => {
    fc.assert(
      fc.property(
        decimalText(10_000_000, 4),
        decimalText(100_000, 3),
        decimalText(30_000, 4),
        fc.constantFrom('2026-11-10', '2026-11-21', '2026-12-05'),
        fc.constantFrom(...Object.values(items)),
        fc.constantFrom(...Object.values(clients)),
        (base, quantity, coefficient, date, item, client) => {
          const req: PriceRequest = { item, client, quantity, date, basePrice: base };
          const before = priceLine(req, compiled);
          const changed = compileRules({
            ...rules,
            coefficients: [
              ...rules.coefficients,
              { id: 'k9', clientId: client.id, group: null, coefficient, from: '2026-01-02', to: null },
            ],
          });
          priceLine(req, changed);
          expect(priceLine(req, compileRules(rules))).toEqual(before);
          const shuffled = compileRules({
            ...rules,
            coefficients: [...rules.coefficients].reverse(),
            breaks: [...rules.breaks].reverse(),
            promotions: [...rules.promotions].reverse(),
          });
          expect(priceLine(req, shuffled)).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with the client's coefficient alone the price is exactly the desk's client price of before", () => {
    const bare = compileRules({
      priceTypes: [{ id: 1, withVat: true, places: 4 }],
      coefficients: [],
      breaks: [],
      promotions: [],
    });
    fc.assert(
      fc.property(decimalText(10_000_000, 2), decimalText(20_000, 4), (base, coefficient) => {
        const priced = priceLine(
          {
            item: items.resistor!,
            client: { id: 1, priceTypeId: 1, coefficient, clientGroup: null },
            quantity: '1',
            date: '2026-11-10',
            basePrice: base,
          },
          bare,
        );
        expect(priced.unitPrice).toBe(clientPrice(base, coefficient));
      }),
      { numRuns: 500 },
    );
  });

  it('the document amount is always the exact sum of its line amounts, and VAT never exceeds the amount', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(decimalText(1_000_000, 2), decimalText(10_000, 0), fc.constantFrom(...Object.values(items))),
          { minLength: 1, maxLength: 40 },
        ),
        (lines) => {
          const priced = lines.map(([base, qty, item]) =>
            priceLine({ item, client: clients.dealer!, quantity: qty, date: '2026-11-21', basePrice: base }, compiled),
          );
          const totals = documentTotals(priced);
          expect(totals.amount).toBe(priced.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2));
          for (const l of priced) expect(new Decimal(l.vat).lte(l.amount)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
