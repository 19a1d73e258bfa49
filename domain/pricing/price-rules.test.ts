// Price rules as data: only admins change them; a rule that does not make sense is refused with
// the field that is wrong and changes nothing; stored rows become the engine's rules, and a row
// that no longer parses is skipped and reported, never guessed at.
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import { type MutationContext, type Row } from '../sync/mutation-def';
import { pricingRulesFrom } from './price-rules';

const admin: MutationContext = { userId: 1, role: 'admin', now: '2026-11-22T10:00:00.000Z', writeVersion: 9 };
const manager: MutationContext = { ...admin, userId: 100, role: 'manager' };
const promo = {
  name: 'Осень',
  from: '2026-11-01',
  to: '2026-11-30',
  itemIds: null,
  group: 'Реле',
  clientGroup: null,
  discount: '7',
  stacks: true,
  priority: 1,
};

describe('price rule mutations', () => {
  it('admins set and remove breaks and promotions; managers may not; set twice writes once', () => {
    const rows = new Map<string, Row | null>();
    const set = (ctx: MutationContext, args: unknown) => runMutation('priceRule.set@1', args, rows, ctx);
    expect(set(manager, { id: 'p1', kind: 'promotion', body: promo })).toMatchObject({ ok: false, code: 'forbidden' });
    const ok = set(admin, { id: 'p1', kind: 'promotion', body: promo });
    expect(ok).toMatchObject({
      ok: true,
      writes: [{ table: 'price_rules', key: 'p1', row: { kind: 'promotion', updated_by: 1, updated_at: admin.now } }],
    });
    if (ok.ok) rows.set('price_rules|p1', ok.writes[0]!.row);
    expect(set(admin, { id: 'p1', kind: 'promotion', body: promo })).toMatchObject({ ok: true, writes: [] });
    expect(
      set(admin, {
        id: 'p1',
        kind: 'break',
        body: { itemId: null, group: null, minQty: '1', maxQty: null, discount: '1' },
      }),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(runMutation('priceRule.remove@1', { id: 'p1' }, rows, admin)).toMatchObject({
      ok: true,
      writes: [{ key: 'p1', row: null }],
    });
    expect(runMutation('priceRule.remove@1', { id: 'gone' }, rows, admin)).toMatchObject({ ok: true, writes: [] });
  });

  it('refuses rules that make no sense, saying which field', () => {
    const rows = new Map<string, Row | null>();
    const bad = [
      [{ kind: 'break', body: { itemId: null, group: null, minQty: '10', maxQty: '5', discount: '3' } }, 'maxQty'],
      [{ kind: 'break', body: { itemId: 3, group: 'Реле', minQty: '1', maxQty: null, discount: '3' } }, 'group'],
      [{ kind: 'break', body: { itemId: null, group: null, minQty: '1', maxQty: null, discount: '100' } }, 'discount'],
      [{ kind: 'promotion', body: { ...promo, to: '2026-10-01' } }, 'to'],
      [{ kind: 'promotion', body: { ...promo, from: '2026-02-30' } }, 'from'],
      [{ kind: 'promotion', body: { ...promo, discount: '-5' } }, 'discount'],
    ] as const;
    for (const [args, field] of bad) {
      const out = runMutation('priceRule.set@1', { id: 'x', ...args }, rows, admin);
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.message).toContain(field);
    }
    expect(rows.size).toBe(0);
  });

  it('client pricing: coefficient, group and dated per-group coefficients, admins only', () => {
    const rows = new Map<string, Row | null>([
      ['clients|5', { id: 5, manager_id: 100, coefficient: '1.1000', client_group: null, coefficient_rules: [] }],
    ]);
    const args = {
      clientId: 5,
      coefficient: '1.2000',
      clientGroup: 'dealers',
      rules: [{ id: 'k1', group: 'Реле', coefficient: '0.9500', from: '2026-01-01', to: null }],
    };
    expect(runMutation('client.setPricing@1', args, rows, manager)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(runMutation('client.setPricing@1', args, rows, admin)).toMatchObject({
      ok: true,
      writes: [{ row: { coefficient: '1.2000', client_group: 'dealers', coefficient_rules: args.rules } }],
    });
    expect(runMutation('client.setPricing@1', { clientId: 5, coefficient: '0' }, rows, admin)).toMatchObject({
      ok: false,
      code: 'bad_args',
    });
    expect(
      runMutation('client.setPricing@1', { clientId: 5, rules: [args.rules[0], args.rules[0]] }, rows, admin),
    ).toMatchObject({ ok: false, code: 'bad_args' });
  });

  it("stored rows become the engine's rules; a row that no longer parses is skipped and reported", () => {
    const { rules, skipped } = pricingRulesFrom(
      [
        { id: 1, with_vat: 1, places: 4 },
        { id: 3, with_vat: false, places: 2 },
      ],
      [
        {
          id: 'b1',
          kind: 'break',
          body: JSON.stringify({ itemId: null, group: 'Реле', minQty: '10', maxQty: null, discount: '2' }),
        },
        { id: 'p1', kind: 'promotion', body: promo },
        { id: 'broken', kind: 'break', body: { minQty: 'many' } },
      ],
      [
        {
          id: 5,
          coefficient_rules: JSON.stringify([
            { id: 'k1', group: null, coefficient: '1.3000', from: '2026-01-01', to: null },
          ]),
        },
        { id: 6, coefficient_rules: [{ id: 'k2' }] },
      ],
    );
    expect(rules.priceTypes).toEqual([
      { id: 1, withVat: true, places: 4 },
      { id: 3, withVat: false, places: 2 },
    ]);
    expect(rules.breaks.map((b) => b.id)).toEqual(['b1']);
    expect(rules.promotions.map((p) => p.id)).toEqual(['p1']);
    expect(rules.coefficients).toEqual([
      { id: 'k1', clientId: 5, group: null, coefficient: '1.3000', from: '2026-01-01', to: null },
    ]);
    expect(skipped).toEqual(['broken', 'client:6']);
  });
});
