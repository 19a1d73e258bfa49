// Plans' and bonuses' part of the contract: the retro bonus board of the user's scope; the team's
// sales plans with what was sold against them, a plan set or taken away (checked first by the same
// rules the server runs, so the supervisor hears why at once), and a plan's history of changes.
import type { HandlersOf, plansMethods } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { planKey, planRefusal } from '../../domain/plans/sales-plan';
import type { DeskSession } from '../session/desk-session';
import { teamManagers } from '../clients/team';
import { createRetroBonusBoard } from './retro-bonus-board';
import { createPlansBoard } from './sales-plans';

export function plansHandlers(s: DeskSession): HandlersOf<typeof plansMethods> {
  const board = createRetroBonusBoard(s.replica.sqlite, () => s.user);
  const plans = createPlansBoard(
    s.replica.sqlite,
    () => s.user,
    () => s.replica.recountTotals(),
  );
  const history = s.replica.sqlite.prepare(
    `SELECT a.at, coalesce(u.name, '#' || a.user_id) AS userName, a.old, a.new FROM price_audit a
     LEFT JOIN users u ON u.id = a.user_id WHERE a.entity = 'plan' AND a.entity_key = ? ORDER BY a.at DESC, a.id DESC`,
  );
  const groups = s.replica.sqlite
    .prepare(`SELECT DISTINCT group_name FROM items WHERE group_name <> '' ORDER BY group_name`)
    .pluck();
  // 1C's plan for the same target (its key is 1C's code, not the target's): 1C keeps that plan.
  const erpPlanFor = s.replica.sqlite
    .prepare(
      `SELECT 1 FROM sales_plans WHERE source = 'erp' AND manager_id = ? AND client_id = ? AND group_name = ? AND period = ? AND month = ?`,
    )
    .pluck();
  const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : (v ?? null));
  return {
    'plans.retroBonuses': (filter) => board.rows(filter),
    'plans.list': (filter) => plans.rows(filter),
    'plans.set': ({ target, amount, note }) => {
      if (s.user.role !== 'supervisor' && s.user.role !== 'admin') throw new CodedError('forbidden', 'plans.set');
      const id = planKey(target);
      const refusal = planRefusal(
        target,
        {
          manager: s.replica.readRow('users', String(target.managerId)),
          client: target.clientId > 0 ? s.replica.readRow('clients', String(target.clientId)) : null,
          existing: s.replica.readRow('sales_plans', id),
        },
        { userId: s.user.id, role: s.user.role },
      );
      if (refusal) throw new CodedError('plan', refusal);
      if (erpPlanFor.get(target.managerId, target.clientId, target.group, target.period, target.start))
        throw new CodedError('plan', 'from_erp');
      if (target.group && !(groups.all() as string[]).includes(target.group))
        throw new CodedError('plan', 'unknown_group');
      if (amount === null && !s.replica.readRow('sales_plans', id)) throw new CodedError('plan', 'no_plan');
      const { seq } = s.mutate('plan.set@1', { target, amount, note });
      return { id, seq };
    },
    'plans.history': ({ id }) => ({
      changes: (history.all(id) as { at: string; userName: string; old: unknown; new: unknown }[]).map((r) => ({
        at: r.at,
        userName: r.userName,
        old: parse(r.old) as { amount: string; note: string } | null,
        new: parse(r.new) as { amount: string; note: string } | null,
      })),
    }),
    'plans.options': () => ({
      managers: teamManagers(s.replica.sqlite, s.user)
        .filter((m) => m.active)
        .map((m) => ({ id: m.id, name: m.name })),
      groups: groups.all() as string[],
    }),
  };
}
