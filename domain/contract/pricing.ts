// The desk contract, the admin's pricing: client coefficients, floors, breaks and promotions,
// what a change would do before it is published, and the price audit.
import { z } from 'zod';
import { NoInput, OrderId } from './shared';

export const PriceAuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  userName: z.string(),
  entity: z.string(),
  entityKey: z.string(),
  orderId: z.string().nullable(),
  old: z.unknown(),
  new: z.unknown(),
  reason: z.string(),
});

export type PriceAuditRow = z.infer<typeof PriceAuditRow>;

const CoefficientRuleView = z
  .object({
    id: z.string().max(64),
    group: z.string().max(200).nullable(),
    coefficient: z.string().max(20),
    from: z.string().max(10),
    to: z.string().max(10).nullable(),
  })
  .strict();

/** The admin's view of the pricing rules: floors, breaks, promotions, and each client's pricing. */
export const PricingRulesView = z.object({
  rules: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['break', 'promotion', 'floor']),
      body: z.record(z.string(), z.unknown()),
      updatedBy: z.string(),
      updatedAt: z.string(),
    }),
  ),
  clients: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      priceTypeId: z.number().int(),
      coefficient: z.string(),
      clientGroup: z.string().nullable(),
      rules: z.array(CoefficientRuleView),
    }),
  ),
  priceTypes: z.array(
    z.object({ id: z.number().int(), name: z.string(), withVat: z.boolean(), places: z.number().int() }),
  ),
  groups: z.array(z.string()),
  clientGroups: z.array(z.string()),
});

export type PricingRulesView = z.infer<typeof PricingRulesView>;

/** A change an admin is about to publish: one rule (null: removed), or one client's pricing. */
export const PricingChange = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rule'),
      id: z.string().max(64),
      rule: z
        .object({ kind: z.enum(['break', 'promotion', 'floor']), body: z.record(z.string(), z.unknown()) })
        .nullable(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('client'),
      clientId: z.number().int().positive(),
      coefficient: z.string().max(20).optional(),
      clientGroup: z.string().max(100).nullable().optional(),
      rules: z.array(CoefficientRuleView).max(500).optional(),
    })
    .strict(),
]);

export type PricingChange = z.infer<typeof PricingChange>;

export const WhatIfResult = z.object({
  valid: z.boolean(),
  error: z.string().optional(),
  diff: z.array(z.object({ field: z.string(), old: z.string().nullable(), new: z.string().nullable() })),
  orders: z.number().int(),
  lines: z.number().int(),
  amountChange: z.string(),
  marginChange: z.string(),
  belowFloorBefore: z.number().int(),
  belowFloorAfter: z.number().int(),
  examples: z.array(
    z.object({
      orderNumber: z.string().nullable(),
      article: z.string(),
      quantity: z.string(),
      old: z.string(),
      new: z.string(),
    }),
  ),
});

export type WhatIfResult = z.infer<typeof WhatIfResult>;

export const pricingMethods = {
  // Admins' pricing (offline too: each is a mutation). Bodies are checked by domain/pricing/price-rules.
  'pricing.setClient': {
    input: z
      .object({
        clientId: z.number().int().positive(),
        coefficient: z.string().max(20).optional(),
        clientGroup: z.string().max(100).nullable().optional(),
        rules: z
          .array(
            z
              .object({
                id: z.string().max(64),
                group: z.string().max(200).nullable(),
                coefficient: z.string().max(20),
                from: z.string().max(10),
                to: z.string().max(10).nullable(),
              })
              .strict(),
          )
          .max(500)
          .optional(),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'pricing.setRule': {
    input: z
      .object({
        id: z.string().max(64),
        kind: z.enum(['break', 'promotion', 'floor']),
        body: z.record(z.string(), z.unknown()),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'pricing.removeRule': {
    input: z.object({ id: z.string().max(64) }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'pricing.rules': { input: NoInput, output: PricingRulesView },
  /** The effect of a change on open draft orders, before it is published. */
  'pricing.whatIf': { input: z.object({ change: PricingChange }).strict(), output: WhatIfResult },
  /** The price audit: of an order's lines (orderId), one line (lineId), or rule changes (entity rule/client). */
  'pricing.audit': {
    input: z
      .object({
        orderId: OrderId.optional(),
        lineId: z.string().uuid().optional(),
        entity: z.enum(['rule', 'client']).optional(),
        limit: z.number().int().positive().max(5000).default(500),
      })
      .strict(),
    output: z.array(PriceAuditRow),
  },
} as const;
