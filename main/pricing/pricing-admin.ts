// The admin's pricing desk: the rules as they stand (floors, quantity breaks, promotions, each
// client's coefficient, category and per-group coefficients) and "what if" before publishing a
// change: the open draft orders it would re-price (count, lines, amount and margin change), the
// overridden lines it would put under or lift over a floor, examples, and a diff against the rule
// as it is. Computed on the replica with the same engine, so it works offline; publishing is the
// ordinary mutation, queued until the connection is back.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import type { PricingChange, PricingRulesView, WhatIfResult } from '../../domain/contract';
import { lineAmount } from '../../domain/orders/order';
import { belowFloor, floorFor, floorPrice, isOverride, type Floor } from '../../domain/pricing/price-floors';
import { pricingRulesFrom, setClientCoefficients, setPriceRule } from '../../domain/pricing/price-rules';
import { compileRules, rulePrice, type CompiledRules, type OrderPricing } from '../../domain/pricing/pricing';
import { today } from './pricing';

export interface PricingAdmin {
  rules(): PricingRulesView;
  whatIf(change: PricingChange): WhatIfResult;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
/** A value as the diff shows it: text as it is, anything else as JSON. */
const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? null));
const OPEN = `('draft', 'rejected')`;

export function createPricingAdmin(sqlite: Database.Database): PricingAdmin {
  const ruleRows = () =>
    sqlite
      .prepare(
        'SELECT id, kind, body, updated_by AS updatedBy, updated_at AS updatedAt FROM price_rules ORDER BY kind, id',
      )
      .all() as { id: string; kind: string; body: string; updatedBy: number; updatedAt: string }[];
  const clientRows = () =>
    sqlite
      .prepare(
        `SELECT id, name, price_type_id, coefficient, client_group, coefficient_rules FROM clients ORDER BY name`,
      )
      .all() as {
      id: number;
      name: string;
      price_type_id: number;
      coefficient: unknown;
      client_group: string | null;
      coefficient_rules: string;
    }[];
  const priceTypes = () =>
    sqlite.prepare('SELECT id, name, with_vat, places FROM price_types ORDER BY id').all() as {
      id: number;
      name: string;
      with_vat: number;
      places: number;
    }[];

  function build(
    rules: { id: string; kind: string; body: unknown }[],
    clients: { id: number; coefficient_rules: unknown }[],
  ): { compiled: CompiledRules; floors: Floor[] } {
    const built = pricingRulesFrom(priceTypes(), rules, clients);
    return { compiled: compileRules(built.rules), floors: built.floors };
  }

  return {
    rules() {
      const names = new Map(
        (sqlite.prepare('SELECT id, name FROM users').all() as { id: number; name: string }[]).map((u) => [
          u.id,
          u.name,
        ]),
      );
      return {
        rules: ruleRows().map((r) => ({
          id: r.id,
          kind: r.kind as 'break' | 'promotion' | 'floor',
          body: json(r.body) as Record<string, unknown>,
          updatedBy: names.get(r.updatedBy) ?? String(r.updatedBy),
          updatedAt: r.updatedAt,
        })),
        clients: clientRows().map((c) => ({
          id: c.id,
          name: c.name,
          priceTypeId: c.price_type_id,
          coefficient: new Decimal(String(c.coefficient)).toFixed(4),
          clientGroup: c.client_group,
          rules: json(c.coefficient_rules) as PricingRulesView['clients'][number]['rules'],
        })),
        priceTypes: priceTypes().map((t) => ({ id: t.id, name: t.name, withVat: t.with_vat === 1, places: t.places })),
        groups: sqlite
          .prepare(`SELECT DISTINCT group_name FROM items WHERE group_name <> '' ORDER BY group_name`)
          .pluck()
          .all() as string[],
        clientGroups: sqlite
          .prepare(`SELECT DISTINCT client_group FROM clients WHERE client_group IS NOT NULL ORDER BY client_group`)
          .pluck()
          .all() as string[],
      };
    },

    whatIf(change) {
      // The change checked as its mutation would check it: a rule that would be refused has no "what if".
      const parsed =
        change.kind === 'rule'
          ? change.rule === null
            ? { success: true as const, error: null }
            : setPriceRule.args.safeParse({ id: change.id, ...change.rule })
          : setClientCoefficients.args.safeParse({
              clientId: change.clientId,
              coefficient: change.coefficient,
              clientGroup: change.clientGroup,
              rules: change.rules,
            });
      if (!parsed.success)
        return {
          valid: false,
          error: parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          diff: [],
          orders: 0,
          lines: 0,
          amountChange: '0.00',
          marginChange: '0.00',
          belowFloorBefore: 0,
          belowFloorAfter: 0,
          examples: [],
        };

      const rules = ruleRows().map((r) => ({ id: r.id, kind: r.kind, body: json(r.body) }));
      const clients = clientRows();
      const diff: WhatIfResult['diff'] = [];
      let nextRules = rules;
      let nextClients = clients;
      let onlyClient: number | null = null;
      if (change.kind === 'rule') {
        const before = rules.find((r) => r.id === change.id);
        nextRules = [
          ...rules.filter((r) => r.id !== change.id),
          ...(change.rule ? [{ id: change.id, kind: change.rule.kind, body: change.rule.body as unknown }] : []),
        ];
        const oldBody = (before?.body ?? {}) as Record<string, unknown>;
        const newBody = (change.rule?.body ?? {}) as Record<string, unknown>;
        for (const field of [...new Set([...Object.keys(oldBody), ...Object.keys(newBody)])]) {
          if (JSON.stringify(oldBody[field] ?? null) !== JSON.stringify(newBody[field] ?? null))
            diff.push({
              field,
              old: before ? shown(oldBody[field]) : null,
              new: change.rule ? shown(newBody[field]) : null,
            });
        }
      } else {
        onlyClient = change.clientId;
        const c = clients.find((x) => x.id === change.clientId);
        if (!c)
          return {
            valid: false,
            error: `No client ${change.clientId}`,
            diff: [],
            orders: 0,
            lines: 0,
            amountChange: '0.00',
            marginChange: '0.00',
            belowFloorBefore: 0,
            belowFloorAfter: 0,
            examples: [],
          };
        const next = {
          ...c,
          ...(change.coefficient === undefined ? {} : { coefficient: change.coefficient }),
          ...(change.clientGroup === undefined ? {} : { client_group: change.clientGroup }),
          ...(change.rules === undefined ? {} : { coefficient_rules: JSON.stringify(change.rules) }),
        };
        nextClients = clients.map((x) => (x.id === c.id ? next : x));
        const fields: [string, unknown, unknown][] = [
          [
            'coefficient',
            new Decimal(String(c.coefficient)).toFixed(4),
            new Decimal(String(next.coefficient)).toFixed(4),
          ],
          ['clientGroup', c.client_group, next.client_group],
          ['rules', json(c.coefficient_rules), json(next.coefficient_rules)],
        ];
        for (const [field, o, n] of fields)
          if (JSON.stringify(o) !== JSON.stringify(n)) diff.push({ field, old: shown(o), new: shown(n) });
      }

      const now = build(
        rules,
        clients.filter((c) => c.coefficient_rules !== '[]'),
      );
      const then = build(
        nextRules,
        nextClients.filter((c) => c.coefficient_rules !== '[]'),
      );
      const clientById = new Map(clients.map((c) => [c.id, c]));
      const nextById = new Map(nextClients.map((c) => [c.id, c]));
      const date = today();
      const lines = sqlite
        .prepare(
          `SELECT o.id AS orderId, o.number, o.kind, o.client_id AS clientId, l.item_id AS itemId, l.quantity, l.price, l.price_source AS source, l.discount, l.cost,
          coalesce(i.article, '') AS article, coalesce(i.group_name, '') AS groupName, coalesce(i.vat_rate, '0') AS vatRate, p.price AS base
        FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN clients c ON c.id = o.client_id LEFT JOIN items i ON i.id = l.item_id
        LEFT JOIN prices p ON p.item_id = l.item_id AND p.price_type_id = c.price_type_id
        WHERE o.status IN ${OPEN}${onlyClient === null ? '' : ' AND o.client_id = ?'}`,
        )
        .all(...(onlyClient === null ? [] : [onlyClient])) as {
        orderId: string;
        number: string | null;
        kind: string;
        clientId: number;
        itemId: number;
        quantity: unknown;
        price: unknown;
        source: string;
        discount: unknown;
        cost: unknown;
        article: string;
        groupName: string;
        vatRate: unknown;
        base: unknown;
      }[];
      const orders = new Set<string>();
      let changedLines = 0;
      let amountChange = new Decimal(0);
      let belowBefore = 0;
      let belowAfter = 0;
      const examples: WhatIfResult['examples'] = [];
      const pricingOf = (
        compiled: CompiledRules,
        c: { id: number; price_type_id: number; coefficient: unknown; client_group: string | null },
        kind: string,
      ): OrderPricing => ({
        rules: compiled,
        date,
        preorder: kind === 'preorder',
        client: {
          id: c.id,
          priceTypeId: c.price_type_id,
          coefficient: String(c.coefficient),
          clientGroup: c.client_group,
        },
      });
      for (const l of lines) {
        const c0 = clientById.get(l.clientId);
        const c1 = nextById.get(l.clientId);
        if (!c0 || !c1) continue;
        const item = { id: l.itemId, group: l.groupName, vatRate: String(l.vatRate) };
        const base = l.base === null ? null : String(l.base);
        const quantity = String(l.quantity);
        const discount = String(l.discount);
        if (isOverride({ price_source: l.source, discount })) {
          // An override keeps its price; what moves is the floor under it.
          const line = { quantity, price: String(l.price), discount };
          const f0 = floorFor(now.floors, l.groupName, c0.client_group);
          const f1 = floorFor(then.floors, l.groupName, c1.client_group);
          if (belowFloor(line, f0 ? floorPrice(f0, String(l.cost), base) : null)) belowBefore++;
          if (belowFloor(line, f1 ? floorPrice(f1, String(l.cost), base) : null)) belowAfter++;
          if (l.source === 'manual') continue;
        }
        const p0 = rulePrice(pricingOf(now.compiled, c0, l.kind), item, quantity, base);
        const p1 = rulePrice(pricingOf(then.compiled, c1, l.kind), item, quantity, base);
        if (!p0 || !p1 || p0.unitPrice === p1.unitPrice) continue;
        changedLines++;
        orders.add(l.orderId);
        amountChange = amountChange
          .plus(lineAmount(quantity, p1.unitPrice, discount))
          .minus(lineAmount(quantity, p0.unitPrice, discount));
        if (examples.length < 20)
          examples.push({ orderNumber: l.number, article: l.article, quantity, old: p0.unitPrice, new: p1.unitPrice });
      }
      // Costs stay: the margin moves by exactly what the amount moves.
      const change2 = amountChange.toFixed(2);
      return {
        valid: true,
        diff,
        orders: orders.size,
        lines: changedLines,
        amountChange: change2,
        marginChange: change2,
        belowFloorBefore: belowBefore,
        belowFloorAfter: belowAfter,
        examples,
      };
    },
  };
}
