// The desk contract, plans and bonuses: where the clients of the user's scope stand on their
// agreements' retro bonus scales this period (a row per client and agreement), for the dashboard;
// the team's sales plans for a year beside what was sold against them, set by supervisors.
import { z } from 'zod';
import { RetroBonusView } from './clients';
import { PlanAmount, PlanPeriod, PlanTarget } from '../plans/sales-plan';
import { MoneyText, NoInput } from './shared';

export const RetroBonusRow = RetroBonusView.extend({
  clientId: z.number().int(),
  clientName: z.string(),
  managerId: z.number().int(),
  managerName: z.string(),
});
export type RetroBonusRow = z.infer<typeof RetroBonusRow>;

export const SalesPlanRow = z.object({
  id: z.string(),
  managerId: z.number().int(),
  managerName: z.string(),
  /** The manager has left: the plan is history, nothing new is set for them. */
  managerLeft: z.boolean(),
  /** 0 with a null name: the manager's whole book. */
  clientId: z.number().int(),
  clientName: z.string().nullable(),
  /** '': all groups. */
  group: z.string(),
  period: PlanPeriod,
  start: z.string(),
  amount: MoneyText,
  /** Sold against it so far (orders accepted by 1C and on, in the period's Moscow months). */
  fact: MoneyText,
  /** fact / amount in percent, one decimal, rounded down; null for a zero plan. */
  percent: z.number().nullable(),
  state: z.enum(['past', 'current', 'future']),
  /** 'erp': 1C's plan, read-only here. */
  source: z.enum(['erp', 'desk']),
  note: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
export type SalesPlanRow = z.infer<typeof SalesPlanRow>;

export const PlanChange = z.object({
  at: z.string(),
  userName: z.string(),
  old: z.object({ amount: z.string(), note: z.string() }).nullable(),
  new: z.object({ amount: z.string(), note: z.string() }).nullable(),
});
export type PlanChange = z.infer<typeof PlanChange>;

export const plansMethods = {
  'plans.retroBonuses': {
    input: z
      .object({
        managerId: z.number().int().positive().optional(),
        /** The instant whose periods are shown (now by default): the quarter, month or year around it. */
        at: z.string().datetime({ offset: true }).optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(RetroBonusRow), bonus: z.string(), clients: z.number().int() }),
  },
  /** The team's plans whose period starts in the year, with what was sold against each. */
  'plans.list': {
    input: z
      .object({ year: z.number().int().min(2000).max(2100), managerId: z.number().int().positive().optional() })
      .strict(),
    output: z.object({ rows: z.array(SalesPlanRow), plan: MoneyText, fact: MoneyText }),
  },
  /** Sets (or, with a null amount, takes away) a plan; refused with error code 'plan' and the reason's code. */
  'plans.set': {
    input: z
      .object({ target: PlanTarget, amount: PlanAmount.nullable(), note: z.string().trim().max(500).default('') })
      .strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  /** Who set a plan to what, newest first (from the audit the server writes with each change). */
  'plans.history': {
    input: z.object({ id: z.string().min(1).max(300) }).strict(),
    output: z.object({ changes: z.array(PlanChange) }),
  },
  /** What a new plan may name: the team's managers still working, and product groups. */
  'plans.options': {
    input: NoInput,
    output: z.object({
      managers: z.array(z.object({ id: z.number().int(), name: z.string() })),
      groups: z.array(z.string()),
    }),
  },
} as const;
