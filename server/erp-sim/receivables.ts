// The simulated ERP's receivables: for each client, open shipping documents with due dates and
// a payment schedule, made from the demo's overdue sum (split over one to three documents 5–120
// days past due) plus shipments not yet due; payments close the oldest first. The overdue sum the
// ERP reports is always its documents' aging, so the two never disagree.
import Decimal from 'decimal.js';
import { agingOf, companyDay, type Receivables } from '../../domain/clients/receivables';

const day = (d: Date): string => companyDay(d);
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

/** A small deterministic generator per client: the same client gets the same documents. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

export function clientReceivables(clientId: number, overdue: string, creditLimit: string, today: Date): Receivables {
  const random = prng(clientId * 2654435761);
  const documents: Receivables['documents'] = [];
  let n = 0;
  const doc = (amount: Decimal, due: Date): void => {
    const issued = addDays(due, -[7, 14, 30][Math.floor(random() * 3)]!);
    documents.push({
      number: `УПД-${clientId}-${String(++n).padStart(3, '0')}`,
      date: day(issued),
      amount: amount.toFixed(2),
      dueDate: day(due),
      paid: '0.00',
    });
  };
  const late = new Decimal(overdue);
  if (late.gt(0)) {
    const parts = 1 + Math.floor(random() * 3);
    let left = late;
    for (let i = 0; i < parts; i++) {
      const amount = i === parts - 1 ? left : left.times(0.3 + random() * 0.4).toDecimalPlaces(2);
      left = left.minus(amount);
      doc(amount, addDays(today, -(5 + Math.floor(random() * 115))));
    }
  }
  const fresh = Math.floor(random() * 3);
  const ceiling = Decimal.max(10_000, new Decimal(creditLimit).div(5));
  for (let i = 0; i < fresh; i++)
    doc(ceiling.times(0.1 + random() * 0.9).toDecimalPlaces(2), addDays(today, 1 + Math.floor(random() * 30)));
  const schedule = late.gt(0)
    ? [
        { date: day(addDays(today, 7)), amount: late.div(2).toDecimalPlaces(2).toFixed(2) },
        { date: day(addDays(today, 21)), amount: late.minus(late.div(2).toDecimalPlaces(2)).toFixed(2) },
      ]
    : [];
  return { documents, schedule };
}

/** A payment of part of what is overdue, against the oldest documents first. */
export function pay(r: Receivables, share: number, today: Date): void {
  let amount = new Decimal(agingOf(r.documents, day(today)).overdue).times(share).toDecimalPlaces(2);
  for (const d of [...r.documents].sort((a, b) => a.dueDate.localeCompare(b.dueDate))) {
    if (amount.lte(0)) break;
    const open = new Decimal(d.amount).minus(d.paid);
    const part = Decimal.min(open, amount);
    d.paid = new Decimal(d.paid).plus(part).toFixed(2);
    amount = amount.minus(part);
  }
  r.documents = r.documents.filter((d) => new Decimal(d.amount).gt(d.paid));
}

export const overdueOf = (r: Receivables, today: Date): string => agingOf(r.documents, day(today)).overdue;
