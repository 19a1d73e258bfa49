// Sales plans (планы продаж): what a manager is to sell in a month or a quarter, for their whole
// book or one client, in all groups or one. A supervisor sets them for their team (an admin for
// anyone), offline like everything else; 1C may supply them in its plans feed instead, and then
// they are 1C's and read-only here. One plan per target and period: its key is made from them,
// so two supervisors setting the same plan offline end with one row (the later wins).
import Decimal from 'decimal.js';
import { z } from 'zod';
import { lookUp, reject, type MutationDef, type Row } from '../sync/mutation-def';

export const PlanPeriod = z.enum(['month', 'quarter']);
export type PlanPeriod = z.infer<typeof PlanPeriod>;

/** A month start, YYYY-MM-01. */
export const MonthStart = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-01$/, 'month start');

/** A plan's amount: rubles with at most two decimals, not negative, below a trillion. */
export const PlanAmount = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'amount');

export const PlanTarget = z
  .object({
    managerId: z.number().int().positive(),
    /** 0: the manager's whole book. */
    clientId: z.number().int().nonnegative(),
    /** '': all groups. */
    group: z.string().trim().max(200),
    period: PlanPeriod,
    /** The first month of the period (for a quarter: January, April, July or October). */
    start: MonthStart,
  })
  .strict()
  .refine((t) => t.period === 'month' || (Number(t.start.slice(5, 7)) - 1) % 3 === 0, {
    message: 'quarter_start',
    path: ['start'],
  });
export type PlanTarget = z.infer<typeof PlanTarget>;

/** The one key of a target and period (the group last: a group's name may hold any character). */
export const planKey = (t: PlanTarget): string => `p:${t.managerId}:${t.clientId}:${t.period}:${t.start}:${t.group}`;

/** The month starts a period covers. */
export function periodMonths(period: PlanPeriod, start: string): string[] {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  const n = period === 'quarter' ? 3 : 1;
  return Array.from({ length: n }, (_, k) => {
    const mm = m + k;
    return `${y + Math.floor((mm - 1) / 12)}-${String(((mm - 1) % 12) + 1).padStart(2, '0')}-01`;
  });
}

/** The quarter's first month (YYYY-MM-01) of a month start. */
export const quarterOf = (month: string): string =>
  `${month.slice(0, 4)}-${String(Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/**
 * Why this plan cannot be set by this person now, as a code the screens translate, or null.
 * `manager` and `client` are the rows as the store has them; `existing` the plan's row if any.
 */
export function planRefusal(
  t: PlanTarget,
  rows: { manager: Row | null; client: Row | null; existing: Row | null },
  actor: { userId: number; role: string },
): string | null {
  const m = rows.manager;
  if (!m || m.role !== 'manager') return 'not_a_manager';
  // A person who left keeps their past plans, but gets no new ones.
  if (m.active === false || m.active === 0) return 'manager_left';
  if (actor.role === 'supervisor' && Number(m.supervisor_id) !== actor.userId) return 'not_your_team';
  if (t.clientId > 0 && (!rows.client || Number(rows.client.manager_id) !== t.managerId)) return 'not_their_client';
  if (rows.existing && rows.existing.source === 'erp') return 'from_erp';
  return null;
}

const SetPlanArgs = z
  .object({
    target: PlanTarget,
    /** The new amount, or null to take the plan away. */
    amount: PlanAmount.nullable(),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type SetPlanArgs = z.infer<typeof SetPlanArgs>;

export const setPlan: MutationDef<SetPlanArgs> = {
  name: 'plan.set@1',
  args: SetPlanArgs,
  aggregate: (a) => `plan:${planKey(a.target)}`,
  reads: (a) => [
    { table: 'sales_plans', key: planKey(a.target) },
    lookUp('users', String(a.target.managerId)),
    ...(a.target.clientId > 0 ? [lookUp('clients', String(a.target.clientId))] : []),
  ],
  roles: ['supervisor', 'admin'],
  apply(a, rows, ctx) {
    const key = planKey(a.target);
    const existing = rows.get(`sales_plans|${key}`) ?? null;
    const refusal = planRefusal(
      a.target,
      {
        manager: rows.get(`users|${a.target.managerId}`) ?? null,
        client: a.target.clientId > 0 ? (rows.get(`clients|${a.target.clientId}`) ?? null) : null,
        existing,
      },
      ctx,
    );
    if (refusal) return reject(refusal === 'not_your_team' ? 'out_of_scope' : 'invalid', refusal);
    if (a.amount === null) {
      if (!existing) return reject('not_found', 'no_plan');
      return { ok: true, writes: [{ table: 'sales_plans', key, row: null }], conflicts: [] };
    }
    const row: Row = {
      id: key,
      client_id: a.target.clientId,
      manager_id: a.target.managerId,
      group_name: a.target.group,
      month: a.target.start,
      period: a.target.period,
      amount: new Decimal(a.amount).toFixed(2),
      bonus_percent: existing?.bonus_percent ?? '0.00',
      source: 'desk',
      note: a.note,
      set_by: ctx.userId,
      set_at: ctx.now,
    };
    return { ok: true, writes: [{ table: 'sales_plans', key, row }], conflicts: [] };
  },
};
