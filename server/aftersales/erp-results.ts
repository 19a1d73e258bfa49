// What the ERP's answers do to claims and tickets: a registered claim or ticket gets the ERP's
// number; a decision the ERP took in is marked so; a refusal is kept on the row with the ERP's
// reason (the workflow goes on: the supervisor decides, the ERP is told again by an admin retry).
import type { Audience } from '../audience';
import type { Row } from '../../domain/sync/mutation-def';
import type { SettledMessage } from '../erp/delivery-worker';
import { updateServerRows } from '../row-store';
import type { Query } from '../query';

function changed(before: Row, after: Row): Row | null {
  return Object.keys(after).some((k) => after[k] !== before[k]) ? after : null;
}

export async function applyAftersalesResults(
  query: Query,
  settled: SettledMessage[],
): Promise<{ audiences: Audience[]; head: number }> {
  const claims = new Map<string, (before: Row) => Row | null>();
  const tickets = new Map<string, (before: Row) => Row | null>();
  for (const s of settled) {
    if (s.aggregate.startsWith('claim:')) {
      const id = s.aggregate.slice(6);
      const prev = claims.get(id);
      claims.set(id, (before) => {
        const base = prev?.(before) ?? before;
        const after =
          s.outcome === 'delivered'
            ? {
                ...base,
                erp_number: base.erp_number ?? s.erpId ?? null,
                erp_status:
                  s.method === 'claim.decision'
                    ? 'decision_received'
                    : base.erp_status === 'decision_received'
                      ? base.erp_status
                      : 'registered',
                erp_error: null,
              }
            : { ...base, erp_error: s.reason.slice(0, 1000) };
        return changed(before, after);
      });
    } else if (s.aggregate.startsWith('ticket:')) {
      const id = s.aggregate.slice(7);
      tickets.set(id, (before) =>
        changed(
          before,
          s.outcome === 'delivered'
            ? { ...before, erp_number: before.erp_number ?? s.erpId ?? null, erp_error: null }
            : { ...before, erp_error: s.reason.slice(0, 1000) },
        ),
      );
    }
  }
  const a = claims.size ? await updateServerRows(query, 'claims', claims) : { audiences: [], head: 0 };
  const b = tickets.size ? await updateServerRows(query, 'tickets', tickets) : { audiences: [], head: 0 };
  return { audiences: [...a.audiences, ...b.audiences], head: Math.max(a.head, b.head) };
}
