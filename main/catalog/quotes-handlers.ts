// Quotes' part of the contract: a client's prices over the catalog, why one costs what it does, a
// quoted list made an order (new, or an open one of the client's), a workbook or a print for the client.
import { randomUUID } from 'node:crypto';
import type { HandlersOf, quotesMethods } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import type { DeskSession } from '../session/desk-session';
import { quoteTexts, writeQuote } from '../excel/quote-workbook';

export function quotesHandlers(s: DeskSession): HandlersOf<typeof quotesMethods> {
  const firstWarehouse = s.replica.sqlite.prepare(`SELECT min(id) FROM warehouses`).pluck();
  return {
    'quotes.clientPrices': ({ clientId }) => s.quotes.clientPrices(clientId),
    'quotes.explainPrice': ({ clientId, itemId, quantity }) => s.quotes.explain(clientId, itemId, quantity),
    'quotes.price': ({ clientId, lines }) => {
      const q = s.quotes.price(clientId, lines);
      return { total: q.total, lines: q.lines.map((l) => ({ itemId: l.itemId, price: l.price, amount: l.amount })) };
    },
    'quotes.toOrder': ({ clientId, orderId, lines }) => {
      let id = orderId;
      if (id) {
        const order = s.orders.header(id);
        // Lines of one client's quote go to that client's order, one the manager may still change.
        if (order.clientId !== clientId) throw new CodedError('bad_input', 'quote_other_client');
        if (order.lockedReason) throw new CodedError('locked', order.lockedReason);
      } else {
        const warehouseId = Number(firstWarehouse.get() ?? 0);
        if (!warehouseId) throw new CodedError('not_found', 'No warehouse');
        id = randomUUID();
        s.mutate('order.create@1', { orderId: id, clientId, kind: 'order', warehouseId });
      }
      let added = 0;
      // A mutation carries at most 1,000 lines: a long list goes in several, each whole.
      for (let i = 0; i < lines.length; i += 1000) {
        const inputs = s.orders.newLines(id, lines.slice(i, i + 1000));
        s.editing.apply(id, 'add', { set: inputs, remove: [] });
        added += inputs.length;
      }
      return { id, added };
    },
    'quotes.document': ({ clientId, lines }) => {
      const q = s.quotes.price(clientId, lines);
      return {
        clientName: q.client.name,
        priceType: q.client.priceType,
        withVat: q.client.withVat,
        total: q.total,
        lines: q.lines.map(({ article, name, unit, quantity, price, amount, stock, leadDays }) => ({
          article,
          name,
          unit,
          quantity,
          price,
          amount,
          stock,
          leadDays,
        })),
      };
    },
    'quotes.exportXlsx': async ({ clientId, lines, lang }) => {
      const q = s.quotes.price(clientId, lines);
      const texts = quoteTexts(lang ?? s.options.locale);
      const data = await writeQuote(
        { clientName: q.client.name, priceType: q.client.priceType, at: new Date(), lines: q.lines, total: q.total },
        { ...texts, vat: q.client.withVat ? texts.vat : lang === 'en' ? 'prices exclude VAT' : 'цены без НДС' },
      );
      return { fileName: texts.fileName(q.client.name), data: data.toString('base64') };
    },
  };
}
