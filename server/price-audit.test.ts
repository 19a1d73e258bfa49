// The price audit the server writes with every change: overrides with old, new and why; rule
// and client pricing changes for admins.
import { describe, expect, it } from 'vitest';
import type { Row } from '../domain/sync/mutation-def';
import { auditEntries } from './price-audit';

const ORDER = '00000000-0000-4000-8000-000000000001';
const LINE = '00000000-0000-4000-8000-0000000000a1';

describe('price audit', () => {
  const who = { userId: 100, now: '2026-11-22T10:00:00.000Z' };
  it('records an override with old, new and why; a rule-priced edit of quantity is not a price event', () => {
    const was: Row = {
      id: LINE,
      order_id: ORDER,
      manager_id: 100,
      price: '120.0000',
      discount: '0',
      price_source: 'client',
      quantity: '1',
    };
    const now: Row = {
      ...was,
      price: '100.0000',
      price_source: 'manual',
      override_reason: 'competitor',
      override_note: 'у конкурента',
    };
    expect(auditEntries([{ table: 'order_lines', key: LINE, row: now }], () => was, who)).toEqual([
      {
        at: who.now,
        user_id: 100,
        manager_id: 100,
        entity: 'line',
        entity_key: LINE,
        order_id: ORDER,
        old: { price: '120.0000', discount: '0', source: 'client' },
        new: { price: '100.0000', discount: '0', source: 'manual' },
        reason: 'competitor: у конкурента',
      },
    ]);
    expect(auditEntries([{ table: 'order_lines', key: LINE, row: { ...was, quantity: '5' } }], () => was, who)).toEqual(
      [],
    );
    // Taking an override back to the rules is recorded too.
    expect(auditEntries([{ table: 'order_lines', key: LINE, row: was }], () => now, who)).toMatchObject([
      { old: { source: 'manual' }, new: { source: 'client' }, reason: '' },
    ]);
  });

  it('records rule changes and client pricing changes for admins (no manager)', () => {
    expect(
      auditEntries(
        [{ table: 'price_rules', key: 'f1', row: { id: 'f1', kind: 'floor', body: { minMarginPct: '5' } } }],
        () => null,
        who,
      ),
    ).toMatchObject([
      { entity: 'rule', manager_id: null, old: null, new: { kind: 'floor', body: { minMarginPct: '5' } } },
    ]);
    const client: Row = { id: 3, coefficient: '1.1000', client_group: null, coefficient_rules: '[]', notes: 'x' };
    expect(
      auditEntries([{ table: 'clients', key: '3', row: { ...client, coefficient: '1.0500' } }], () => client, who),
    ).toMatchObject([{ entity: 'client', old: { coefficient: '1.1000' }, new: { coefficient: '1.0500' } }]);
    expect(auditEntries([{ table: 'clients', key: '3', row: { ...client, notes: 'y' } }], () => client, who)).toEqual(
      [],
    );
  });
});
