// Pricing figures for `npm run bench`: the desk's rule engine over the 20,000-line order with the
// demo rules, on the replica of the initial sync (best of three), and again after an admin changed
// the client's coefficient (rules compiled again, every line priced again).
import { compileRules, rulePrice, type CompiledRules } from '../domain/pricing/pricing';
import { pricingRulesFrom } from '../domain/pricing/price-rules';
import { createDeskPricing } from '../main/pricing/pricing';
import { openReplica } from '../main/sync/replica';

export function pricingFigures(replicaFile: string) {
  const db = openReplica(replicaFile);
  try {
    // The desk's own path: rules from the replica (price types, rules table, client coefficients).
    const pricing = createDeskPricing(db.sqlite);
    const order = db.sqlite.prepare(`SELECT o.id FROM orders o WHERE o.lines_count = 20000 LIMIT 1`).get() as {
      id: string;
    };
    const p = pricing.forOrder(order.id);
    const tRead = performance.now();
    const lines = db.sqlite
      .prepare(`SELECT item_id, quantity FROM order_lines WHERE order_id = ?`)
      .raw()
      .all(order.id) as [number, string][];
    const facts = pricing.items(
      lines.map(([id]) => id),
      p.priceTypeId,
    );
    const readMs = performance.now() - tRead;
    const run = (rules: CompiledRules) =>
      lines.map(([id, quantity]) => {
        const f = facts.get(id)!;
        return rulePrice({ ...p, rules }, f.item, String(quantity), f.base);
      });
    let priceMs = Infinity;
    let first: ReturnType<typeof run> = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      first = run(p.rules);
      priceMs = Math.min(priceMs, performance.now() - t);
    }
    // An admin's new coefficient for this client: the rules compiled again and every line priced again.
    const client = db.sqlite.prepare(`SELECT id, coefficient_rules FROM clients WHERE id = ?`).get(p.client.id) as {
      id: number;
      coefficient_rules: string;
    };
    const tRe = performance.now();
    const changedRules = pricingRulesFrom(
      db.sqlite.prepare('SELECT id, with_vat, places FROM price_types').all() as {
        id: number;
        with_vat: number;
        places: number;
      }[],
      db.sqlite.prepare('SELECT id, kind, body FROM price_rules').all() as { id: string; kind: string; body: string }[],
      [
        {
          id: client.id,
          coefficient_rules: [
            ...(JSON.parse(client.coefficient_rules) as unknown[]),
            { id: 'k-bench', group: null, coefficient: '1.1500', from: '2026-01-02', to: null },
          ],
        },
      ],
    ).rules;
    const again = run(compileRules(changedRules));
    const repriceMs = performance.now() - tRe;
    const changed = again.filter((x, i) => x?.unitPrice !== first[i]?.unitPrice).length;
    return { lines: lines.length, readMs, priceMs, repriceMs, changed };
  } finally {
    db.close();
  }
}
