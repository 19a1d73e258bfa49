// Demo price rules: per-group coefficients for some clients, quantity breaks per product group,
// and a few promotions (one for dealers, one that does not stack). Deterministic: the same
// clients and groups give the same rules. The benchmark prices orders with them; the admin
// screens of the pricing issue will seed their tables from here. Floors: a minimum margin for
// everyone, lower for dealers, and a minimum share of the base price in one group.
import type { Floor } from '../../domain/pricing/price-floors';
import type { CoefficientRule, PricingRules, Promotion, QuantityBreak } from '../../domain/pricing/pricing';

export function demoPricingRules(
  clients: { id: number; coefficient: string }[],
  groups: string[],
  asOf: string,
): PricingRules & { floors: Floor[] } {
  const year = asOf.slice(0, 4);
  const coefficients: CoefficientRule[] = [];
  for (const c of clients) {
    // Every third client has a group of its own priced differently (a contract for that line).
    if (c.id % 3 === 0 && groups.length) {
      const group = groups[c.id % groups.length]!;
      coefficients.push({
        id: `k-${c.id}-g`,
        clientId: c.id,
        group,
        coefficient: (Number(c.coefficient) - 0.05).toFixed(4),
        from: `${year}-01-01`,
        to: null,
      });
    }
  }
  const breaks: QuantityBreak[] = groups.flatMap((group, g) => [
    { id: `b-${g}-1`, itemId: null, group, minQty: '100', maxQty: '999', discount: '2' },
    { id: `b-${g}-2`, itemId: null, group, minQty: '1000', maxQty: '9999', discount: '4' },
    { id: `b-${g}-3`, itemId: null, group, minQty: '10000', maxQty: null, discount: '6' },
  ]);
  const promotions: Promotion[] = [
    {
      id: 'promo-autumn',
      name: 'Осенняя распродажа',
      from: `${year}-11-01`,
      to: `${year}-11-30`,
      itemIds: null,
      group: groups[0] ?? null,
      clientGroup: null,
      discount: '7',
      stacks: true,
      priority: 1,
    },
    {
      id: 'promo-dealers',
      name: 'Дилерам',
      from: `${year}-01-01`,
      to: null,
      itemIds: null,
      group: groups[1] ?? null,
      clientGroup: 'dealers',
      discount: '3',
      stacks: true,
      priority: 2,
    },
    {
      id: 'promo-friday',
      name: 'Чёрная пятница',
      from: `${year}-11-27`,
      to: `${year}-11-29`,
      itemIds: null,
      group: null,
      clientGroup: null,
      discount: '10',
      stacks: false,
      priority: 0,
    },
  ];
  // Floors: 5 % over cost for everyone, 2 % for dealers; the first group also never below 70 % of its base price.
  const floors: Floor[] = [
    { id: 'floor-all', group: null, clientGroup: null, minMarginPct: '5', minPricePct: null },
    { id: 'floor-dealers', group: null, clientGroup: 'dealers', minMarginPct: '2', minPricePct: null },
    ...(groups[0]
      ? [{ id: 'floor-g0', group: groups[0], clientGroup: null, minMarginPct: '5', minPricePct: '70' }]
      : []),
  ];
  return {
    floors,
    priceTypes: [
      { id: 1, withVat: true, places: 4 },
      { id: 2, withVat: true, places: 4 },
      { id: 3, withVat: false, places: 4 },
    ],
    coefficients,
    breaks,
    promotions,
  };
}
