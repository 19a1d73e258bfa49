// English texts of quotes: the client whose prices are shown, the quoted list's actions, refusals.
import type { quotesRu } from './quotes-ru';

export const quotesEn: typeof quotesRu = {
  client: 'Client prices',
  clientHint: 'Pick a client: prices become theirs (coefficients, quantity breaks, promotions); Alt+P shows why',
  priceFor: 'Price: {{client}}',
  withVat: 'with VAT',
  withoutVat: 'without VAT',
  take: 'Take',
  takes: { item: 'found item', analog: 'analog', skip: 'skip' },
  price: 'Client price',
  amount: 'Amount',
  total: 'Quote total: {{amount}} ₽ · lines: {{lines}}',
  toNewOrder: 'New order from the list',
  toOpenOrder: 'Into an open order…',
  openOrders: 'The client’s drafts',
  noOpenOrders: 'The client has no drafts',
  exportXlsx: 'Quote to Excel',
  print: 'Print quote',
  printHint: 'Print preview: the quotation for the client. Esc closes.',
  printTitle: 'Quotation of {{date}}',
  printPrices: 'Prices of the price type “{{priceType}}”, {{vat}}',
  availability: 'Availability',
  inStock: 'in stock',
  onRequest: 'on request',
  pickClient: 'Pick a client to make a quote or an order',
  nothingToTake: 'The list has no lines to take',
  done: 'Lines added: {{count}}',
  refused: {
    no_price_type: 'The client has no price type from 1C: no quote can be made',
    quote_other_client: 'That order is another client’s',
  },
};
