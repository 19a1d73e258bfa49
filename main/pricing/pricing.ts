// Prices on the desk: the pricing engine (domain/pricing) with the rules this replica holds
// (price types, the rules table, the client's own coefficients), compiled once and again only
// when those rows change. New lines, the "price changed" flags, the submit check and the
// "why this price" panel all price through here, so they agree with each other and the server.
import type Database from 'better-sqlite3';
import { createCatalogMemory, type CatalogMemory } from '../catalog/catalog-memory';
import { CodedError } from '../../domain/errors';
import type { Floor } from '../../domain/pricing/price-floors';
import { pricingRulesFrom } from '../../domain/pricing/price-rules';
import {
  compileRules,
  priceLine,
  rulePrice,
  type CompiledRules,
  type OrderPricing,
  type PricedLine,
  type PricingItem,
} from '../../domain/pricing/pricing';

export interface DeskPricing {
  /** How the order prices its lines today. */
  forOrder(orderId: string): OrderPricing & { priceTypeId: number };
  /** How a client's prices are today, without an order (a quote: not a preorder). */
  forClient(clientId: number): OrderPricing & { priceTypeId: number };
  /** Items' pricing facts (group, VAT) and base prices of one price type, by item id. */
  items(ids: number[], priceTypeId: number): Map<number, { item: PricingItem; base: string | null }>;
  /**
   * A line's unit price by today's rules (no override), or null without a base price: the rules'
   * answer is kept until the rules change, so an order opened again is not priced again line by line.
   */
  today(
    p: OrderPricing,
    item: PricingItem,
    quantity: string,
    base: string | null,
  ): { unitPrice: string; source: PricedLine['source'] } | null;
  /** The price floors in force (admins' rules). */
  floors(): Floor[];
  /** Whether a price type's prices include VAT. */
  withVat(priceTypeId: number): boolean;
  /** One line priced by the rules (with an override, if given), with its trace. */
  explain(
    orderId: string,
    itemId: number,
    quantity: string,
    override?: { price?: string; discount?: string },
  ): PricedLine | null;
  /** One line priced by the rules for a pricing (an order's or a client's), with its trace. */
  explainFor(
    p: OrderPricing & { priceTypeId: number },
    itemId: number,
    quantity: string,
    override?: { price?: string; discount?: string },
  ): PricedLine | null;
}

/**
 * The pricing day, YYYY-MM-DD: the UTC date, as on the server, so a submit checked on the desk
 * and re-checked on the server a moment later sees the same rules in force (one zone for both).
 */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function createDeskPricing(
  sqlite: Database.Database,
  catalog: CatalogMemory = createCatalogMemory(sqlite),
): DeskPricing {
  let cached: { key: string; rules: CompiledRules; floors: Floor[] } | null = null;
  const rulesKey = sqlite
    .prepare(
      `SELECT (SELECT coalesce(max(version), 0) FROM price_rules) || ':' || (SELECT count(*) FROM price_rules) || ':' ||
    (SELECT coalesce(max(version), 0) FROM price_types) || ':' || (SELECT coalesce(max(version), 0) FROM clients)`,
    )
    .pluck();

  /** Every client's coefficients are in the rules (a manager's few hundred clients; an admin's all). */
  function rules(): CompiledRules {
    return compiled().rules;
  }
  function compiled(): { key: string; rules: CompiledRules; floors: Floor[] } {
    const key = String(rulesKey.get());
    if (cached?.key === key) return cached;
    const built = pricingRulesFrom(
      sqlite.prepare('SELECT id, with_vat, places FROM price_types').all() as {
        id: number;
        with_vat: number;
        places: number;
      }[],
      sqlite.prepare('SELECT id, kind, body FROM price_rules').all() as { id: string; kind: string; body: string }[],
      sqlite.prepare(`SELECT id, coefficient_rules FROM clients WHERE coefficient_rules <> '[]'`).all() as {
        id: number;
        coefficient_rules: string;
      }[],
    );
    cached = { key, rules: compileRules(built.rules), floors: built.floors };
    return cached;
  }

  // Rule prices already worked out, per compiled rules (rules that change are compiled anew and
  // their answers start over), then per order's pricing (client, day, preorder), then per line.
  const todayMemo = new WeakMap<
    CompiledRules,
    Map<string, Map<string, { unitPrice: string; source: PricedLine['source'] } | null>>
  >();
  let memoSize = 0;

  const orderRow =
    sqlite.prepare(`SELECT o.kind, c.id AS clientId, c.price_type_id AS priceTypeId, c.coefficient, c.client_group AS clientGroup
    FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = ?`);

  const clientRow = sqlite.prepare(
    `SELECT c.id AS clientId, pt.id AS priceTypeId, c.coefficient, c.client_group AS clientGroup
     FROM clients c LEFT JOIN price_types pt ON pt.id = c.price_type_id WHERE c.id = ?`,
  );

  const self: DeskPricing = {
    forClient(clientId) {
      const c = clientRow.get(clientId) as
        { clientId: number; priceTypeId: number | null; coefficient: string; clientGroup: string | null } | undefined;
      if (!c) throw new CodedError('not_found', `No client ${clientId}`);
      // A client without a price type (or with one this desk does not know) cannot be quoted: 1C
      // has not said which prices are theirs.
      if (c.priceTypeId === null) throw new CodedError('bad_input', 'no_price_type');
      return {
        rules: rules(),
        date: today(),
        preorder: false,
        priceTypeId: c.priceTypeId,
        client: {
          id: c.clientId,
          priceTypeId: c.priceTypeId,
          coefficient: String(c.coefficient),
          clientGroup: c.clientGroup,
        },
      };
    },
    forOrder(orderId) {
      const o = orderRow.get(orderId) as
        | { kind: string; clientId: number; priceTypeId: number; coefficient: string; clientGroup: string | null }
        | undefined;
      if (!o) throw new CodedError('not_found', `No order ${orderId}`);
      return {
        rules: rules(),
        date: today(),
        preorder: o.kind === 'preorder',
        priceTypeId: o.priceTypeId,
        client: {
          id: o.clientId,
          priceTypeId: o.priceTypeId,
          coefficient: String(o.coefficient),
          clientGroup: o.clientGroup,
        },
      };
    },
    items(ids, priceTypeId) {
      const out = new Map<number, { item: PricingItem; base: string | null }>();
      for (const id of ids) {
        if (out.has(id)) continue;
        const item = catalog.item(id);
        if (!item) continue;
        out.set(id, {
          item: { id, group: item.group, vatRate: item.vatRate },
          base: catalog.price(id, priceTypeId)?.price ?? null,
        });
      }
      return out;
    },
    today(p, item, quantity, base) {
      if (base === null) return null;
      let byOrder = todayMemo.get(p.rules);
      if (!byOrder) todayMemo.set(p.rules, (byOrder = new Map()));
      const orderKey = `${p.client.id}|${p.client.priceTypeId}|${p.client.coefficient}|${p.date}|${p.preorder ? 1 : 0}`;
      let memo = byOrder.get(orderKey);
      if (!memo) byOrder.set(orderKey, (memo = new Map()));
      const key = `${item.id}|${quantity}|${base}`;
      let priced = memo.get(key);
      if (priced === undefined) {
        // Bounded: a desk pricing many orders does not grow this without end.
        if (++memoSize > 300_000) {
          byOrder.clear();
          byOrder.set(orderKey, (memo = new Map()));
          memoSize = 1;
        }
        priced = rulePrice(p, item, quantity, base);
        memo.set(key, priced);
      }
      return priced;
    },
    floors: () => compiled().floors,
    withVat: (priceTypeId) => rules().priceType(priceTypeId).withVat,
    explain(orderId, itemId, quantity, override) {
      return self.explainFor(self.forOrder(orderId), itemId, quantity, override);
    },
    explainFor(p, itemId, quantity, override) {
      const info = self.items([itemId], p.priceTypeId).get(itemId);
      if (!info) throw new CodedError('not_found', `No item ${itemId}`);
      if (info.base === null && override?.price === undefined) return null;
      return priceLine(
        {
          item: info.item,
          client: p.client,
          quantity,
          date: p.date,
          basePrice: info.base,
          noDiscounts: p.preorder,
          override,
        },
        p.rules,
      );
    },
  };
  return self;
}
