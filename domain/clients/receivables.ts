// A client's receivables as the ERP reports them: the open documents (shipments not yet paid in
// full) with their due dates, and the payment schedule agreed with the client; from them the
// aging buckets (not due, 1–30, 31–60, 61–90, over 90 days overdue) as of a day. Money is exact
// decimal: the buckets sum to the open total to the kopeck.
import Decimal from 'decimal.js';
import { z } from 'zod';

const money = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'an amount in roubles, up to 2 decimals');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const ReceivableDocument = z
  .object({
    /** The shipping document's number in the ERP (УПД, накладная). */
    number: z.string().trim().min(1).max(100),
    date: day,
    amount: money,
    dueDate: day,
    /** Paid against it so far (never more than the amount). */
    paid: money.default('0'),
  })
  .refine((d) => new Decimal(d.paid).lte(d.amount), { message: 'paid is more than the amount', path: ['paid'] })
  .refine((d) => d.dueDate >= d.date, { message: 'due before the document date', path: ['dueDate'] });
export type ReceivableDocument = z.infer<typeof ReceivableDocument>;

export const SchedulePayment = z.object({ date: day, amount: money });
export type SchedulePayment = z.infer<typeof SchedulePayment>;

export const Receivables = z.object({
  documents: z.array(ReceivableDocument).max(5000).default([]),
  schedule: z.array(SchedulePayment).max(500).default([]),
});
export type Receivables = z.infer<typeof Receivables>;

export const AGING_BUCKETS = ['notDue', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export interface Aging {
  /** Open amount per bucket, 2 decimals. */
  buckets: Record<AgingBucket, string>;
  /** Everything still open, and the part past its due date. */
  open: string;
  overdue: string;
  /** Days the oldest open document is overdue (0: nothing overdue). */
  maxDaysOverdue: number;
}

/** The calendar day of an instant in the company's time zone (Moscow): due dates are Moscow days. */
export function companyDay(at: string | Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Moscow' }).format(new Date(at));
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), in UTC: no time zone moves a due date. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function daysOverdue(doc: Pick<ReceivableDocument, 'dueDate'>, asOfDay: string): number {
  return Math.max(0, daysBetween(doc.dueDate, asOfDay));
}

export function bucketOf(days: number): AgingBucket {
  if (days <= 0) return 'notDue';
  if (days <= 30) return 'd1_30';
  if (days <= 60) return 'd31_60';
  if (days <= 90) return 'd61_90';
  return 'd90plus';
}

/** The aging of the open documents as of a day (the ERP's "as of", in the company's calendar). */
export function agingOf(documents: readonly ReceivableDocument[], asOfDay: string): Aging {
  const sums = Object.fromEntries(AGING_BUCKETS.map((b) => [b, new Decimal(0)])) as Record<AgingBucket, Decimal>;
  let maxDays = 0;
  for (const d of documents) {
    const open = new Decimal(d.amount).minus(d.paid);
    if (open.lte(0)) continue;
    const days = daysOverdue(d, asOfDay);
    sums[bucketOf(days)] = sums[bucketOf(days)].plus(open);
    if (days > maxDays) maxDays = days;
  }
  const total = AGING_BUCKETS.reduce((s, b) => s.plus(sums[b]), new Decimal(0));
  return {
    buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, sums[b].toFixed(2)])) as Record<AgingBucket, string>,
    open: total.toFixed(2),
    overdue: total.minus(sums.notDue).toFixed(2),
    maxDaysOverdue: maxDays,
  };
}

/** Sums agings (a team's clients on the dashboard). */
export function sumAgings(agings: readonly Aging[]): Aging {
  const add = (pick: (a: Aging) => string) => agings.reduce((s, a) => s.plus(pick(a)), new Decimal(0)).toFixed(2);
  return {
    buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, add((a) => a.buckets[b])])) as Record<AgingBucket, string>,
    open: add((a) => a.open),
    overdue: add((a) => a.overdue),
    maxDaysOverdue: agings.reduce((m, a) => Math.max(m, a.maxDaysOverdue), 0),
  };
}
