// Price rules as data: the shapes of quantity breaks, promotions and client coefficients (zod,
// so a bad rule is refused at the boundary with the field that is wrong), the mutations admins
// edit them with (offline too, like any change), and the step from stored rows to the rules the
// pricing engine takes. Desk and server build their rules with the same function.
import Decimal from 'decimal.js';
import { z } from 'zod';
import type { MutationDef, MutationOutcome, Row } from '../sync/mutation-def';
import { typedDate } from '../orders/order';
import type { CoefficientRule, PricingRules, Promotion, QuantityBreak } from './pricing';
import { FloorBody, type Floor } from './price-floors';

const reject = (code: 'not_found' | 'invalid', message: string): MutationOutcome => ({ ok: false, code, message });
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => typedDate(d) === d, 'a real date');
const decimal = (places: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`), `a number with at most ${places} decimals`);
const percent = decimal(2).refine((v) => Number(v) < 100, 'under 100 %');
const ruleId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, 'letters, digits, . : _ -');
const datesInOrder = (r: { from: string; to: string | null }) => r.to === null || r.from <= r.to;

export const BreakBody = z
  .object({
    itemId: z.number().int().positive().nullable(),
    group: z.string().trim().min(1).max(200).nullable(),
    minQty: decimal(3),
    maxQty: decimal(3).nullable(),
    discount: percent,
  })
  .strict()
  .refine((b) => b.maxQty === null || new Decimal(b.minQty).lte(b.maxQty), {
    message: 'the range ends before it starts',
    path: ['maxQty'],
  })
  .refine((b) => b.itemId === null || b.group === null, { message: 'an item or a group, not both', path: ['group'] });

export const PromotionBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    from: day,
    to: day.nullable(),
    itemIds: z.array(z.number().int().positive()).max(10_000).nullable(),
    group: z.string().trim().min(1).max(200).nullable(),
    clientGroup: z.string().trim().min(1).max(100).nullable(),
    discount: percent,
    stacks: z.boolean(),
    priority: z.number().int().min(0).max(1000),
  })
  .strict()
  .refine(datesInOrder, { message: 'ends before it starts', path: ['to'] });

export const ClientCoefficient = z
  .object({
    id: ruleId,
    group: z.string().trim().min(1).max(200).nullable(),
    coefficient: decimal(4).refine((v) => Number(v) > 0 && Number(v) <= 100, 'greater than 0, at most 100'),
    from: day,
    to: day.nullable(),
  })
  .strict()
  .refine(datesInOrder, { message: 'ends before it starts', path: ['to'] });
export type ClientCoefficient = z.infer<typeof ClientCoefficient>;

// ---- mutations (admins) ---------------------------------------------------------------------

const SetRuleArgs = z.discriminatedUnion('kind', [
  z.object({ id: ruleId, kind: z.literal('break'), body: BreakBody }).strict(),
  z.object({ id: ruleId, kind: z.literal('promotion'), body: PromotionBody }).strict(),
  z.object({ id: ruleId, kind: z.literal('floor'), body: FloorBody }).strict(),
]);
export type SetPriceRuleArgs = z.input<typeof SetRuleArgs>;

/** Creates or replaces one quantity break, promotion or price floor. */
export const setPriceRule: MutationDef<z.infer<typeof SetRuleArgs>> = {
  name: 'priceRule.set@1',
  args: SetRuleArgs,
  aggregate: (a) => `priceRule:${a.id}`,
  reads: (a) => [{ table: 'price_rules', key: a.id }],
  roles: ['admin'],
  apply(a, rows, ctx) {
    const before = rows.get(`price_rules|${a.id}`);
    if (before && before.kind !== a.kind)
      return reject('invalid', `Rule ${a.id} is a ${String(before.kind)}, not a ${a.kind}`);
    if (before && JSON.stringify(before.body) === JSON.stringify(a.body))
      return { ok: true, writes: [], conflicts: [] };
    return {
      ok: true,
      writes: [
        {
          table: 'price_rules',
          key: a.id,
          row: { id: a.id, kind: a.kind, body: a.body, updated_by: ctx.userId, updated_at: ctx.now },
        },
      ],
      conflicts: [],
    };
  },
};

const RemoveRuleArgs = z.object({ id: ruleId }).strict();
export const removePriceRule: MutationDef<z.infer<typeof RemoveRuleArgs>> = {
  name: 'priceRule.remove@1',
  args: RemoveRuleArgs,
  aggregate: (a) => `priceRule:${a.id}`,
  reads: (a) => [{ table: 'price_rules', key: a.id }],
  roles: ['admin'],
  apply(a, rows) {
    // Removing a rule already gone is fine (set semantics).
    if (!rows.get(`price_rules|${a.id}`)) return { ok: true, writes: [], conflicts: [] };
    return { ok: true, writes: [{ table: 'price_rules', key: a.id, row: null }], conflicts: [] };
  },
};

const SetCoefficientsArgs = z
  .object({
    clientId: z.number().int().positive(),
    /** The client's coefficient for whatever no rule covers. */
    coefficient: decimal(4)
      .refine((v) => Number(v) > 0 && Number(v) <= 100, 'greater than 0, at most 100')
      .optional(),
    clientGroup: z.string().trim().min(1).max(100).nullable().optional(),
    rules: z
      .array(ClientCoefficient)
      .max(500)
      .refine((r) => new Set(r.map((x) => x.id)).size === r.length, 'a rule id appears twice')
      .optional(),
  })
  .strict();
export type SetClientCoefficientsArgs = z.input<typeof SetCoefficientsArgs>;

/** An admin's pricing of one client: its coefficient, its per-group dated coefficients, its group. */
export const setClientCoefficients: MutationDef<z.infer<typeof SetCoefficientsArgs>> = {
  name: 'client.setPricing@1',
  args: SetCoefficientsArgs,
  aggregate: (a) => `client:${a.clientId}`,
  reads: (a) => [{ table: 'clients', key: String(a.clientId) }],
  roles: ['admin'],
  apply(a, rows) {
    const client = rows.get(`clients|${a.clientId}`);
    if (!client) return reject('not_found', `Client ${a.clientId} not found`);
    const next: Row = {
      ...client,
      ...(a.coefficient === undefined ? {} : { coefficient: a.coefficient }),
      ...(a.clientGroup === undefined ? {} : { client_group: a.clientGroup }),
      ...(a.rules === undefined ? {} : { coefficient_rules: a.rules }),
    };
    return { ok: true, writes: [{ table: 'clients', key: String(a.clientId), row: next }], conflicts: [] };
  },
};

export const priceRuleMutations: MutationDef<any>[] = [setPriceRule, removePriceRule, setClientCoefficients];

// ---- rows → engine rules ------------------------------------------------------------------------

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The engine's rules from stored rows: price types, the rules table and the clients' own
 * coefficients. A stored rule that no longer parses is skipped (and reported), never guessed at.
 */
export function pricingRulesFrom(
  priceTypes: { id: number; with_vat: unknown; places: unknown }[],
  ruleRows: { id: string; kind: string; body: unknown }[],
  clients: { id: number; coefficient_rules: unknown }[],
): { rules: PricingRules; floors: Floor[]; skipped: string[] } {
  const skipped: string[] = [];
  const breaks: QuantityBreak[] = [];
  const promotions: Promotion[] = [];
  const floors: Floor[] = [];
  const bodies = { break: BreakBody, promotion: PromotionBody, floor: FloorBody } as const;
  for (const r of ruleRows) {
    const parsed = (bodies[r.kind as keyof typeof bodies] ?? null)?.safeParse(json(r.body));
    if (!parsed?.success) {
      skipped.push(r.id);
      continue;
    }
    if (r.kind === 'break') breaks.push({ id: r.id, ...(parsed.data as z.infer<typeof BreakBody>) });
    else if (r.kind === 'promotion') promotions.push({ id: r.id, ...(parsed.data as z.infer<typeof PromotionBody>) });
    else floors.push({ id: r.id, ...(parsed.data as FloorBody) });
  }
  const coefficients: CoefficientRule[] = [];
  for (const c of clients) {
    const list = json(c.coefficient_rules);
    for (const raw of Array.isArray(list) ? list : []) {
      const parsed = ClientCoefficient.safeParse(raw);
      if (parsed.success) coefficients.push({ ...parsed.data, clientId: c.id });
      else skipped.push(`client:${c.id}`);
    }
  }
  return {
    rules: {
      priceTypes: priceTypes.map((t) => ({
        id: t.id,
        withVat: t.with_vat === true || t.with_vat === 1,
        places: Number(t.places ?? 4),
      })),
      coefficients,
      breaks,
      promotions,
    },
    floors,
    skipped,
  };
}
