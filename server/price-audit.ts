// The price audit: from the rows a change wrote (and the rows as they were), the entries that say
// who changed which price (or sales plan), when, from what to what and why. The server writes them in the same
// transaction as the change, so no override, approval or rule edit escapes the record, whichever
// desk or mutation made it.
import Decimal from 'decimal.js';
import type { Row, RowWrite } from '../domain/sync/mutation-def';

export type AuditEntity = 'line' | 'approval' | 'rule' | 'client' | 'plan';

export interface AuditEntry {
  at: string;
  user_id: number;
  manager_id: number | null;
  entity: AuditEntity;
  entity_key: string;
  order_id: string | null;
  old: unknown;
  new: unknown;
  reason: string;
}

const same = (a: unknown, b: unknown): boolean => {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  try {
    return new Decimal(String(a)).eq(String(b));
  } catch {
    return String(a) === String(b);
  }
};
const json = (v: unknown): unknown => (typeof v === 'string' && /^[[{]/.test(v) ? JSON.parse(v) : v);
const priced = (r: Row) => ({ price: String(r.price), discount: String(r.discount), source: String(r.price_source) });
const CLIENT_PRICING = ['coefficient', 'client_group', 'coefficient_rules'] as const;
const planned = (r: Row) => ({ amount: String(r.amount), note: String(r.note ?? '') });

/** Audit entries for one applied change: `before(table|key)` is the row as it was (null: new). */
export function auditEntries(
  writes: readonly RowWrite[],
  before: (ref: string) => Row | null,
  who: { userId: number; now: string },
): AuditEntry[] {
  const entries: AuditEntry[] = [];
  const base = { at: who.now, user_id: who.userId };
  for (const w of writes) {
    const was = before(`${w.table}|${w.key}`);
    const row = w.row;
    if (w.table === 'order_lines' && row) {
      // A price or discount set by hand, or one taken back to the rules: what the floor and the supervisor care about.
      const manual = row.price_source === 'manual' || !new Decimal(String(row.discount ?? '0')).isZero();
      const wasManual = was
        ? was.price_source === 'manual' || !new Decimal(String(was.discount ?? '0')).isZero()
        : false;
      const moved =
        !was ||
        !same(was.price, row.price) ||
        !same(was.discount, row.discount) ||
        was.price_source !== row.price_source;
      if ((manual || wasManual) && moved) {
        entries.push({
          ...base,
          manager_id: Number(row.manager_id),
          entity: 'line',
          entity_key: w.key,
          order_id: String(row.order_id),
          old: was ? priced(was) : null,
          new: priced(row),
          reason: manual
            ? [String(row.override_reason ?? ''), String(row.override_note ?? '')].filter(Boolean).join(': ')
            : '',
        });
      }
    } else if (w.table === 'price_approvals' && row) {
      if (was && was.status === row.status && was.requested_at === row.requested_at) continue;
      const decided = row.status !== 'pending';
      entries.push({
        ...base,
        manager_id: Number(row.manager_id),
        entity: 'approval',
        entity_key: w.key,
        order_id: w.key,
        old: was ? { status: was.status } : null,
        new: {
          status: row.status,
          lines: (json(row.lines) as unknown[] | null)?.length ?? 0,
          givenAway: String(row.given_away),
          credit: json(row.credit),
        },
        reason: String(decided ? (row.comment ?? '') : (row.note ?? '')),
      });
    } else if (w.table === 'price_rules') {
      entries.push({
        ...base,
        manager_id: null,
        entity: 'rule',
        entity_key: w.key,
        order_id: null,
        old: was ? { kind: was.kind, body: json(was.body) } : null,
        new: row ? { kind: row.kind, body: json(row.body) } : null,
        reason: '',
      });
    } else if (w.table === 'sales_plans') {
      // A supervisor's plan set, changed or taken away (1C's own plans come by its feed, not here).
      const subject = row ?? was;
      if (!subject || (was && row && same(was.amount, row.amount) && was.note === row.note)) continue;
      entries.push({
        ...base,
        manager_id: Number(subject.manager_id),
        entity: 'plan',
        entity_key: w.key,
        order_id: null,
        old: was ? planned(was) : null,
        new: row ? planned(row) : null,
        reason: row ? String(row.note ?? '') : '',
      });
    } else if (w.table === 'clients' && row && was) {
      const changed = CLIENT_PRICING.filter(
        (f) => JSON.stringify(json(was[f]) ?? null) !== JSON.stringify(json(row[f]) ?? null),
      );
      if (changed.length === 0) continue;
      entries.push({
        ...base,
        manager_id: null,
        entity: 'client',
        entity_key: w.key,
        order_id: null,
        old: Object.fromEntries(changed.map((f) => [f, json(was[f]) ?? null])),
        new: Object.fromEntries(changed.map((f) => [f, json(row[f]) ?? null])),
        reason: '',
      });
    }
  }
  return entries;
}
