// Quote figures for `npm run bench`: the whole catalog (50,000 items) with one client's prices, as
// the catalog grid gets it (the catalog page and the client's price of a pack of each item), beside
// the same catalog without a client, in the same run on the replica of the initial sync. Each round
// takes a client not priced before, so no answer is reused from an earlier round.
// Run alone on a replica file: `npx tsx bench/quotes.ts path/to/replica.sqlite`.
import { pathToFileURL } from 'node:url';
import { createCatalogMemory } from '../main/catalog/catalog-memory';
import { createCatalogService } from '../main/catalog/catalog';
import { createQuotes } from '../main/catalog/quotes';
import { createDeskPricing } from '../main/pricing/pricing';
import { openReplica } from '../main/sync/replica';

export function quoteFigures(replicaFile: string, rounds = 5) {
  const db = openReplica(replicaFile);
  try {
    const memory = createCatalogMemory(db.sqlite);
    const catalog = createCatalogService(db.sqlite, memory);
    const pricing = createDeskPricing(db.sqlite, memory);
    const quotes = createQuotes(db.sqlite, memory, pricing);
    const clients = db.sqlite
      .prepare(`SELECT id FROM clients ORDER BY id LIMIT ?`)
      .pluck()
      .all(rounds + 1) as number[];
    // Warm: the catalog in memory and the rules compiled, as on a desk that has been open a while.
    catalog.page();
    quotes.clientPrices(clients[0]!);
    const plain: number[] = [];
    const withClient: number[] = [];
    let priced = 0;
    for (let i = 1; i <= rounds; i++) {
      const t0 = performance.now();
      catalog.page();
      plain.push(performance.now() - t0);
      const t1 = performance.now();
      catalog.page();
      const p = quotes.clientPrices(clients[i]!);
      withClient.push(performance.now() - t1);
      priced = p.prices.filter(([, price]) => price !== null).length;
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    return { plainMs: median(plain), clientMs: median(withClient), items: memory.items().length, priced };
  } finally {
    db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(quoteFigures(process.argv[2]!), null, 2));
}
