// The desk contract, quotes (коммерческое предложение): a client's prices over the whole catalog
// (coefficients, breaks at one pack, promotions) and why one costs what it does; a quoted list
// made a new order, or added to an open one, written to .xlsx, or printed for the client.
import { z } from 'zod';
import { FileData, OrderId } from './shared';
import { PriceExplanation } from './orders';

const ClientId = z.number().int().positive();
export const QuoteLine = z
  .object({ itemId: z.number().int().positive(), quantity: z.string().trim().min(1).max(30) })
  .strict();
export type QuoteLine = z.infer<typeof QuoteLine>;

export const ClientPrices = z.object({
  clientId: z.number().int(),
  clientName: z.string(),
  priceType: z.string(),
  withVat: z.boolean(),
  /** Per item: [item id, the client's unit price for one pack (null: no base price), its source]. */
  prices: z.array(z.tuple([z.number().int(), z.string().nullable(), z.string().nullable()])),
});
export type ClientPrices = z.infer<typeof ClientPrices>;

export const quotesMethods = {
  'quotes.clientPrices': { input: z.object({ clientId: ClientId }).strict(), output: ClientPrices },
  'quotes.explainPrice': {
    input: z
      .object({ clientId: ClientId, itemId: z.number().int().positive(), quantity: z.string().max(30).optional() })
      .strict(),
    output: PriceExplanation,
  },
  // The lines at the client's prices for their quantities, each amount and the total (exact, on the desk core).
  'quotes.price': {
    input: z.object({ clientId: ClientId, lines: z.array(QuoteLine).max(20_000) }).strict(),
    output: z.object({
      total: z.string(),
      lines: z.array(
        z.object({ itemId: z.number().int(), price: z.string().nullable(), amount: z.string().nullable() }),
      ),
    }),
  },
  // A new order for the client (orderId absent) or more lines in an open one of theirs.
  'quotes.toOrder': {
    input: z
      .object({ clientId: ClientId, orderId: OrderId.optional(), lines: z.array(QuoteLine).min(1).max(5000) })
      .strict(),
    output: z.object({ id: z.string(), added: z.number().int() }),
  },
  // The quote as the client reads it (print): each line with its article, name, price, amount and availability.
  'quotes.document': {
    input: z.object({ clientId: ClientId, lines: z.array(QuoteLine).min(1).max(20_000) }).strict(),
    output: z.object({
      clientName: z.string(),
      priceType: z.string(),
      withVat: z.boolean(),
      total: z.string(),
      lines: z.array(
        z.object({
          article: z.string(),
          name: z.string(),
          unit: z.string(),
          quantity: z.string(),
          price: z.string().nullable(),
          amount: z.string().nullable(),
          stock: z.number(),
          leadDays: z.number().nullable(),
        }),
      ),
    }),
  },
  'quotes.exportXlsx': {
    input: z
      .object({
        clientId: ClientId,
        lines: z.array(QuoteLine).min(1).max(20_000),
        lang: z.enum(['ru', 'en']).optional(),
      })
      .strict(),
    output: FileData,
  },
} as const;
