// What the ERP's answers to client card changes do: a refusal is kept on the client row with the
// ERP's reason (the card shows it, as an order shows its own), and the next change the ERP takes
// clears it.
import type { Row } from '../../domain/sync/mutation-def';
import type { Audience } from '../audience';
import type { SettledMessage } from '../erp/delivery-worker';
import type { Query } from '../query';
import { updateServerRows } from '../row-store';

export async function applyClientResults(
  query: Query,
  settled: SettledMessage[],
): Promise<{ audiences: Audience[]; head: number }> {
  const clients = new Map<string, (before: Row) => Row | null>();
  for (const s of settled) {
    if (!s.aggregate.startsWith('client:')) continue;
    const error = s.outcome === 'delivered' ? null : s.reason.slice(0, 1000);
    clients.set(s.aggregate.slice('client:'.length), (before) =>
      (before.erp_error ?? null) === error ? null : { ...before, erp_error: error },
    );
  }
  return clients.size ? updateServerRows(query, 'clients', clients) : { audiences: [], head: 0 };
}
