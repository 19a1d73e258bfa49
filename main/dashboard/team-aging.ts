// The team's receivables by age for the supervisors' dashboard: each client's open documents aged
// as of the day the ERP reported them (as on the client card), summed in exact decimals; null
// while the ERP has reported no client's documents.
import { sumAgings, type Aging } from '../../domain/clients/receivables';
import { receivablesOf } from '../clients/receivables';

export function teamAging(
  rows: readonly { json: string; asOf: string | null }[],
): (Pick<Aging, 'buckets' | 'open' | 'overdue' | 'maxDaysOverdue'> & { asOf: string }) | null {
  const each = rows.flatMap((r) => {
    const one = receivablesOf(r.json, r.asOf);
    return one ? [one] : [];
  });
  if (each.length === 0) return null;
  const total = sumAgings(each);
  // The oldest report among them: the figure is no fresher than that.
  const asOf = each.reduce((oldest, r) => (r.asOf < oldest ? r.asOf : oldest), each[0]!.asOf);
  return {
    buckets: total.buckets,
    open: total.open,
    overdue: total.overdue,
    maxDaysOverdue: total.maxDaysOverdue,
    asOf,
  };
}
