// A client's receivables for the card: the ERP's open documents and schedule (as stored on the
// client row) with the aging as of the day the ERP reported them, each document's open amount
// and days overdue; exact decimals throughout (domain/clients/receivables.ts).
import Decimal from 'decimal.js';
import type { ClientReceivables } from '../../domain/contract';
import { agingOf, companyDay, daysOverdue, Receivables } from '../../domain/clients/receivables';

export function receivablesOf(json: unknown, asOf: unknown): ClientReceivables | null {
  if (json === null || json === undefined || asOf === null || asOf === undefined) return null;
  const parsed = Receivables.safeParse(typeof json === 'string' ? JSON.parse(json) : json);
  if (!parsed.success) return null;
  const at = String(asOf);
  const day = companyDay(at);
  const aging = agingOf(parsed.data.documents, day);
  return {
    asOf: at,
    ...aging,
    documents: parsed.data.documents
      .map((d) => ({
        ...d,
        open: new Decimal(d.amount).minus(d.paid).toFixed(2),
        daysOverdue: daysOverdue(d, day),
      }))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    schedule: parsed.data.schedule,
  };
}
