// Quotes (коммерческое предложение): the whole catalog at one client's prices, the price of one
// pack of each item by the rules in force (coefficients, breaks, promotions), why one costs what it
// does, and a quoted list's lines priced and summed exactly, for a workbook or an order. A client
// without a price type cannot be quoted (1C has not said which prices are theirs): refused, named.
import type Database from 'better-sqlite3';
import type { ClientPrices, QuoteLine } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { addMoney, lineAmount } from '../../domain/orders/order';
import type { CatalogMemory } from './catalog-memory';
import type { DeskPricing } from '../pricing/pricing';
import { rulePrice } from '../../domain/pricing/pricing';
import type { PriceExplained } from '../orders/orders';

export interface QuotedLine {
  itemId: number;
  article: string;
  name: string;
  unit: string;
  quantity: string;
  price: string | null;
  amount: string | null;
  stock: number;
  leadDays: number | null;
}

export interface QuoteService {
  clientPrices(clientId: number): ClientPrices;
  explain(clientId: number, itemId: number, quantity?: string): PriceExplained;
  /** The lines at the client's prices for their quantities, and the total. */
  price(
    clientId: number,
    lines: QuoteLine[],
  ): { client: { name: string; priceType: string; withVat: boolean }; lines: QuotedLine[]; total: string };
}

export function createQuotes(sqlite: Database.Database, memory: CatalogMemory, pricing: DeskPricing): QuoteService {
  const clientOf = sqlite.prepare(
    `SELECT c.name, coalesce(pt.name, '') AS priceType FROM clients c LEFT JOIN price_types pt ON pt.id = c.price_type_id WHERE c.id = ?`,
  );
  const warehouseIds = sqlite.prepare(`SELECT id FROM warehouses ORDER BY id`).pluck();

  function head(clientId: number) {
    const c = clientOf.get(clientId) as { name: string; priceType: string } | undefined;
    if (!c) throw new CodedError('not_found', `No client ${clientId}`);
    const p = pricing.forClient(clientId);
    return { c, p };
  }

  function priceOf(p: ReturnType<DeskPricing['forClient']>, itemId: number, quantity: string) {
    const it = memory.item(itemId);
    if (!it) return null;
    const base = memory.price(itemId, p.priceTypeId)?.price ?? null;
    return pricing.today(p, { id: itemId, group: it.group, vatRate: it.vatRate }, quantity, base);
  }

  const self: QuoteService = {
    clientPrices(clientId) {
      const { c, p } = head(clientId);
      const prices: ClientPrices['prices'] = [];
      for (const it of memory.items()) {
        const base = memory.price(it.id, p.priceTypeId)?.price ?? null;
        // Straight from the rules, not through the desk's price memo: 50,000 answers for one
        // client would push the open orders' remembered prices out of it.
        const priced =
          base === null
            ? null
            : rulePrice(p, { id: it.id, group: it.group, vatRate: it.vatRate }, String(it.packSize || 1), base);
        prices.push([it.id, priced?.unitPrice ?? null, priced?.source ?? null]);
      }
      return {
        clientId,
        clientName: c.name,
        priceType: c.priceType,
        withVat: pricing.withVat(p.priceTypeId),
        prices,
      };
    },
    explain(clientId, itemId, quantity) {
      const { c, p } = head(clientId);
      const it = memory.item(itemId);
      if (!it) throw new CodedError('not_found', `No item ${itemId}`);
      const q = quantity ?? String(it.packSize || 1);
      const now = pricing.explainFor(p, itemId, q);
      return {
        article: it.article,
        quantity: q,
        stored: now?.unitPrice ?? '0',
        storedSource: now?.source ?? 'list',
        now: now?.unitPrice ?? null,
        nowSource: now?.source ?? null,
        vat: now?.vat ?? null,
        vatRate: it.vatRate,
        withVat: pricing.withVat(p.priceTypeId),
        priceType: c.priceType,
        trace: now?.trace ?? [],
      };
    },
    price(clientId, lines) {
      const { c, p } = head(clientId);
      const client = { name: c.name, priceType: c.priceType, withVat: pricing.withVat(p.priceTypeId) };
      const whs = warehouseIds.all() as number[];
      let total = '0.00';
      const out = lines.map((l) => {
        const it = memory.item(l.itemId);
        if (!it) throw new CodedError('not_found', `No item ${l.itemId}`);
        const priced = priceOf(p, l.itemId, l.quantity);
        const amount = priced ? lineAmount(l.quantity, priced.unitPrice, '0') : null;
        if (amount) total = addMoney(total, amount);
        let stock = 0;
        let lead: number | null = null;
        for (const w of whs) {
          const s = memory.stock(l.itemId, w);
          if (!s) continue;
          stock += s.quantity;
          if (s.leadDays !== null) lead = lead === null ? s.leadDays : Math.min(lead, s.leadDays);
        }
        return {
          itemId: l.itemId,
          article: it.article,
          name: it.name,
          unit: it.unit,
          quantity: l.quantity,
          price: priced?.unitPrice ?? null,
          amount,
          stock,
          leadDays: lead,
        };
      });
      return { client, lines: out, total };
    },
  };
  return self;
}
