// Lines coming into an order from outside (a block pasted past the last line, a client's .xlsx):
// each row looked up in the catalog (exact, fuzzy with the match, analog offered for a
// discontinued or out-of-stock item, not found), its quantity read the way people write it and
// rounded up to the pack (the original kept), its price the client's unless the row names one,
// and every problem named so the preview can say it. Nothing here writes: the manager confirms.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import { parseQuantity } from '../../domain/catalog/bulk-search';
import type { LinePreview } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { roundUpToPack } from '../../domain/orders/order';
import type { IncomingRow } from '../../domain/orders/sheet-paste';
import type { DeskPricing } from '../pricing/pricing';
import type { CatalogService } from '../catalog/catalog';

/** Money and percents as people type them: "1 234,50", "12.5 ₽", "5%". */
export function parseDecimal(raw: string): string | null {
  const cleaned = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(₽|руб\.?|р\.|rub|%)$/i, '')
    .replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return new Decimal(cleaned).toString();
}

export interface LineIntake {
  preview(orderId: string, rows: IncomingRow[]): LinePreview[];
}

export function createLineIntake(sqlite: Database.Database, catalog: CatalogService, pricing: DeskPricing): LineIntake {
  return {
    preview(orderId, rows) {
      const order = sqlite
        .prepare(
          `SELECT o.kind, c.coefficient, c.price_type_id FROM orders o JOIN clients c ON c.id = o.client_id WHERE o.id = ?`,
        )
        .get(orderId) as { kind: string; coefficient: string; price_type_id: number } | undefined;
      if (!order) throw new CodedError('not_found', `No order ${orderId}`);
      const inOrder = new Set(
        sqlite.prepare(`SELECT item_id FROM order_lines WHERE order_id = ?`).pluck().all(orderId) as number[],
      );
      const warehouses = sqlite.prepare(`SELECT id, code, name FROM warehouses`).all() as {
        id: number;
        code: string;
        name: string;
      }[];
      const warehouseOf = (text: string): number | null | undefined => {
        const t = text.trim().toLowerCase();
        if (!t) return null;
        return warehouses.find((w) => w.name.toLowerCase() === t || w.code.toLowerCase() === t || String(w.id) === t)
          ?.id;
      };

      const classified = catalog.classify(
        rows.map((r, i) => ({ lineNo: i, article: r.article, quantity: r.quantity })),
      );
      // The preview's prices are the rules' prices for the quantity shown (breaks and promotions too).
      const rules = pricing.forOrder(orderId);
      // Each item's group, VAT rate and base price, from the catalog in memory.
      const facts = pricing.items(
        classified.flatMap((c) => [c.item?.id, c.analog?.id].filter((x): x is number => x !== undefined)),
        rules.priceTypeId,
      );
      const firstRowOfItem = new Map<number, number>();
      return rows.map((row, i): LinePreview => {
        const c = classified[i]!;
        const problems: LinePreview['problems'] = [];
        const warnings: LinePreview['warnings'] = [];
        const target = c.kind === 'analog' ? c.analog : c.item;
        if (!target) problems.push('not_found');

        // Quantity: empty means one pack; text, zero or negative is refused, never guessed.
        const rawQuantity = (row.quantity ?? '').trim();
        const negative = /^-/.test(rawQuantity.replace(/\s/g, ''));
        const parsed = rawQuantity === '' ? null : parseQuantity(rawQuantity.replace(/^-/, ''));
        let quantity: string | null = null;
        let askedItemQuantity: string | null = null;
        let rounded = false;
        let asked: Decimal | undefined;
        if (rawQuantity !== '' && (parsed === null || negative))
          problems.push(negative ? 'negative_quantity' : 'bad_quantity');
        else if (parsed !== null && (asked ??= new Decimal(parsed)).lte(0)) problems.push('zero_quantity');
        else if (parsed !== null && asked!.decimalPlaces() > 3) problems.push('bad_quantity');
        else if (target) {
          const pack = target.packSize ?? 1;
          const base = parsed ?? String(pack);
          quantity = roundUpToPack(base, pack);
          rounded = parsed !== null && quantity !== base && !new Decimal(quantity).eq(base);
          // For an analog offered, the quantity of the item asked for too, should the manager keep it.
          if (c.kind === 'analog' && c.item)
            askedItemQuantity = roundUpToPack(parsed ?? String(c.item.packSize ?? 1), c.item.packSize ?? 1);
        }

        // Price: the client's, unless the row names one (then it is the manager's, shown so).
        let price: string | null = null;
        let priceSource: LinePreview['priceSource'] = 'client';
        if (target) {
          const f = facts.get(target.id);
          price = f ? (pricing.today(rules, f.item, quantity ?? '1', f.base)?.unitPrice ?? null) : null;
          if (price === null) warnings.push('no_price');
        }
        const rawPrice = (row.price ?? '').trim();
        if (rawPrice !== '') {
          const p = parseDecimal(rawPrice);
          const given = p === null ? null : new Decimal(p);
          if (given === null || given.isNegative() || given.decimalPlaces() > 4) problems.push('bad_price');
          else if (price === null || !given.eq(price)) {
            price = given.toFixed(4);
            priceSource = 'manual';
          }
        }
        let discount = '0';
        const rawDiscount = (row.discount ?? '').trim();
        if (rawDiscount !== '') {
          const d = parseDecimal(rawDiscount);
          const given = d === null ? null : new Decimal(d);
          if (given === null || given.isNegative() || given.gt(100) || given.decimalPlaces() > 2)
            problems.push('bad_discount');
          else if (order.kind === 'preorder' && !given.isZero()) problems.push('no_discount_on_preorder');
          else discount = given.toString();
        }
        let warehouseId: number | null = null;
        if (row.warehouse) {
          const w = warehouseOf(row.warehouse);
          if (w === undefined) problems.push('unknown_warehouse');
          else warehouseId = w;
        }
        const comment = (row.comment ?? '').trim().slice(0, 1000);

        if (target) {
          const first = firstRowOfItem.get(target.id);
          if (first !== undefined) warnings.push('duplicate');
          else firstRowOfItem.set(target.id, row.sourceRow);
          if (inOrder.has(target.id)) warnings.push('in_order');
          if (target.lifecycle === 'discontinued') warnings.push('discontinued');
        }
        return {
          sourceRow: row.sourceRow,
          asked: row.article,
          askedQuantity: rawQuantity,
          kind: c.kind,
          item: target
            ? { id: target.id, article: target.article, name: target.name, packSize: target.packSize ?? 1 }
            : null,
          askedItem:
            c.kind === 'analog' && c.item
              ? { id: c.item.id, article: c.item.article, name: c.item.name, packSize: c.item.packSize ?? 1 }
              : null,
          duplicateOf:
            target && firstRowOfItem.get(target.id) !== row.sourceRow ? firstRowOfItem.get(target.id)! : null,
          quantity,
          askedItemQuantity,
          rounded,
          price,
          priceSource,
          discount,
          warehouseId,
          comment,
          problems,
          warnings,
        };
      });
    },
  };
}
