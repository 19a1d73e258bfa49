// The desk contract, clients: the list in the user's scope, a client's card and its edits, the
// reassignment to another manager, and the managers a user may look at.
import { z } from 'zod';
import { Contact, DeliveryAddress } from '../clients/client-mutations';
import { NoInput } from './shared';
import { BONUS_PERIODS } from '../plans/retro-bonus';

export const ClientListRow = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string(),
  managerId: z.number().int().nullable(),
  managerName: z.string(),
  paymentTerms: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  priceType: z.string(),
  pendingChanges: z.number().int(),
});

export type ClientListRow = z.infer<typeof ClientListRow>;

const Money = z.string();

/** A client's receivables on the card: aging buckets as of the ERP's report, each open document with its days overdue. */
export const ClientReceivables = z.object({
  asOf: z.string(),
  buckets: z.object({ notDue: Money, d1_30: Money, d31_60: Money, d61_90: Money, d90plus: Money }),
  open: Money,
  overdue: Money,
  maxDaysOverdue: z.number().int(),
  documents: z.array(
    z.object({
      number: z.string(),
      date: z.string(),
      amount: Money,
      dueDate: z.string(),
      paid: Money,
      open: Money,
      daysOverdue: z.number().int(),
    }),
  ),
  schedule: z.array(z.object({ date: z.string(), amount: Money })),
});
export type ClientReceivables = z.infer<typeof ClientReceivables>;

/** Where a client stands on an agreement's retro bonus scale this period (domain/plans/retro-bonus.ts). */
export const BonusStandingView = z.object({
  percent: z.string().nullable(),
  bonus: Money,
  next: z.object({ needed: Money, percent: z.string() }).nullable(),
});
export type BonusStandingView = z.infer<typeof BonusStandingView>;
export const RetroBonusView = BonusStandingView.extend({
  agreement: z.string(),
  period: z.enum(BONUS_PERIODS),
  /** The period's first day and the first day after it (YYYY-MM-DD, Moscow calendar). */
  from: z.string(),
  to: z.string(),
  /** The client's orders under the agreement taken by 1C in the period (accepted to closed). */
  turnover: Money,
  steps: z.array(z.object({ from: Money, percent: z.string() })),
});
export type RetroBonusView = z.infer<typeof RetroBonusView>;

export const ClientCard = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string(),
  kpp: z.string(),
  legalAddress: z.string(),
  paymentTerms: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  coefficient: z.string(),
  priceType: z.string(),
  managerName: z.string(),
  contacts: z.array(Contact),
  deliveryAddresses: z.array(DeliveryAddress),
  notes: z.string(),
  /** Open documents, their aging and the payment schedule, as the ERP last reported them; null until it did. */
  receivables: ClientReceivables.nullable(),
  /** The ERP's refusal of the last contacts or addresses change sent to it, or null. */
  erpError: z.string().nullable(),
  /** The retro bonus of each agreement that has a scale, this period. */
  retroBonuses: z.array(RetroBonusView),
  /** Row version the card was read at: the base of the next edit. */
  version: z.number().int(),
  pendingChanges: z.number().int(),
});

export type ClientCard = z.infer<typeof ClientCard>;

export const clientsMethods = {
  'clients.list': { input: NoInput, output: z.array(ClientListRow) },
  'clients.card': { input: z.object({ id: z.number().int().positive() }).strict(), output: ClientCard },
  'clients.updateCard': {
    // Validated again by the mutation itself (domain/sync/mutations.ts), on the desk and on the server.
    input: z
      .object({
        clientId: z.number().int().positive(),
        baseVersion: z.number().int().nonnegative(),
        patch: z.record(z.string(), z.unknown()),
      })
      .strict(),
    output: z.object({ seq: z.number().int() }),
  },
  /** The managers this user may look at (a supervisor's team, every manager for an admin, oneself for a manager). */
  'team.managers': {
    input: NoInput,
    output: z.array(z.object({ id: z.number().int(), name: z.string(), active: z.boolean() })),
  },
  'clients.reassign': {
    input: z.object({ clientId: z.number().int().positive(), managerId: z.number().int().positive() }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
} as const;
