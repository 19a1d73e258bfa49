// Claims: every allowed and forbidden move of the workflow by role, what each step needs, step
// deadlines in working time, never more claimed than shipped (across claims, given back on
// rejection), exact amounts, and a refused claim that changes nothing.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, CLAIM_WORKFLOW, claimDeadline, claimLineAmount, claimStep, type ClaimStatus } from './claim';
import { runMutation } from '../sync/mutations';
import { type MutationContext, type Row } from '../sync/mutation-def';
import type { Role } from '../roles';

const manager: MutationContext = { userId: 100, role: 'manager', now: '2026-11-23T07:00:00.000Z', writeVersion: null };
const supervisor: MutationContext = {
  userId: 20,
  role: 'supervisor',
  now: '2026-11-23T08:00:00.000Z',
  writeVersion: 70,
};
const ORDER = '00000000-0000-4000-8000-000000000001';
const L1 = '00000000-0000-4000-8000-0000000000a1';
const L2 = '00000000-0000-4000-8000-0000000000a2';
const CLAIM = '00000000-0000-4000-8000-0000000000c1';
const CLAIM2 = '00000000-0000-4000-8000-0000000000c2';

function state(orderStatus = 'shipped'): Map<string, Row | null> {
  return new Map<string, Row | null>([
    [`orders|${ORDER}`, { id: ORDER, number: '1001', client_id: 5, manager_id: 100, status: orderStatus }],
    [`order_lines|${L1}`, { id: L1, order_id: ORDER, item_id: 7, quantity: '10', amount: '1000.00' }],
    [`order_lines|${L2}`, { id: L2, order_id: ORDER, item_id: 8, quantity: '3', amount: '100.00' }],
    ['items|7', { id: 7, article: 'К561ЛА7', name: 'Микросхема' }],
    ['items|8', { id: 8, article: 'РЭС-47', name: 'Реле' }],
  ]);
}

/** Runs a mutation and writes its rows into the state, like the replica does. */
function run(rows: Map<string, Row | null>, name: string, args: unknown, ctx: MutationContext) {
  const out = runMutation(name, args, rows, ctx);
  if (out.ok) for (const w of out.writes) rows.set(`${w.table}|${w.key}`, w.row);
  return out;
}

const create = (claimId: string, lines: { lineId: string; itemId: number; quantity: string }[]) => ({
  claimId,
  orderId: ORDER,
  lines,
  defectType: 'defect',
  description: 'Не работает 3 шт.',
  attachments: [],
});

describe('claim workflow', () => {
  const roles: Role[] = ['manager', 'supervisor', 'admin'];
  it('allows exactly the listed moves, each to its roles', () => {
    for (const from of CLAIM_STATUSES)
      for (const to of CLAIM_STATUSES)
        for (const role of roles) {
          const step = CLAIM_WORKFLOW[from].find((s) => s.to === to);
          const got = claimStep(from, to, role, { comment: 'why', resolution: true });
          if (!step) expect(got, `${from}→${to}`).toBe('forbidden_step');
          else expect(got, `${role} ${from}→${to}`).toBe(step.roles.includes(role) ? null : 'not_your_step');
        }
  });

  it('a manager cannot decide; review steps need a comment, approval a resolution', () => {
    expect(claimStep('in_review', 'approved', 'manager', { comment: '', resolution: true })).toBe('not_your_step');
    expect(claimStep('in_review', 'rejected', 'supervisor', { comment: ' ', resolution: false })).toBe('needs_comment');
    expect(claimStep('in_review', 'more_info', 'supervisor', { comment: '', resolution: false })).toBe('needs_comment');
    expect(claimStep('in_review', 'approved', 'supervisor', { comment: '', resolution: false })).toBe(
      'needs_resolution',
    );
    expect(claimStep('new', 'approved', 'admin', { comment: 'x', resolution: true })).toBe('forbidden_step');
    expect(claimStep('closed', 'in_review', 'admin', { comment: 'x', resolution: true })).toBe('forbidden_step');
  });

  it('each open step has a deadline in working time; closed has none', () => {
    // Registered on Friday 17:00 Moscow: one working day to take it into review → Monday 17:00.
    expect(claimDeadline('new', '2026-11-20T14:00:00.000Z')).toBe('2026-11-23T14:00:00.000Z');
    expect(claimDeadline('closed', '2026-11-20T14:00:00.000Z')).toBeNull();
  });

  it("a line's claimed amount is its share of the line amount, to kopecks", () => {
    expect(claimLineAmount('1000.00', '3', '1')).toBe('333.33');
    expect(claimLineAmount('1000.00', '3', '2')).toBe('666.67');
    expect(claimLineAmount('1000.00', '3', '3')).toBe('1000.00');
  });
});

describe('claim mutations', () => {
  it('registers a claim on shipped lines with its amount, deadline and an ERP message', () => {
    const rows = state();
    const out = run(
      rows,
      'claim.create@1',
      create(CLAIM, [
        { lineId: L1, itemId: 7, quantity: '3' },
        { lineId: L2, itemId: 8, quantity: '1' },
      ]),
      manager,
    );
    expect(out.ok).toBe(true);
    const claim = rows.get(`claims|${CLAIM}`)!;
    expect(claim.status).toBe('new');
    expect(claim.amount).toBe('333.33');
    expect(claim.manager_id).toBe(100);
    expect(claim.deadline_at).toBe(claimDeadline('new', manager.now));
    expect(rows.get(`order_claims|${ORDER}`)!.claimed).toEqual({ [L1]: '3', [L2]: '1' });
    expect(out.ok && out.erp).toEqual([{ method: 'claim.submit', aggregate: `claim:${CLAIM}`, claimId: CLAIM }]);
  });

  it('refuses an empty claim, an order not shipped, a line of another order, more than shipped — and changes nothing', () => {
    const cases: [unknown, Map<string, Row | null>][] = [
      [create(CLAIM, []), state()],
      [{ ...create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '1' }]), description: '' }, state()],
      [create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '1' }]), state('processing')],
      [create(CLAIM, [{ lineId: L1, itemId: 8, quantity: '1' }]), state()],
      [create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '10.001' }]), state()],
      [create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '0' }]), state()],
      [
        create(CLAIM, [
          { lineId: L1, itemId: 7, quantity: '1' },
          { lineId: L1, itemId: 7, quantity: '1' },
        ]),
        state(),
      ],
    ];
    for (const [args, rows] of cases) {
      const before = new Map(rows);
      const out = run(rows, 'claim.create@1', args, manager);
      expect(out.ok, JSON.stringify(args)).toBe(false);
      expect(rows).toEqual(before);
    }
  });

  it('never claims more than shipped across claims; a rejection gives the quantity back', () => {
    const rows = state();
    expect(run(rows, 'claim.create@1', create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '7' }]), manager).ok).toBe(
      true,
    );
    const over = run(rows, 'claim.create@1', create(CLAIM2, [{ lineId: L1, itemId: 7, quantity: '4' }]), manager);
    expect(over.ok).toBe(false);
    expect(!over.ok && over.message).toBe(`over_shipped:${L1}:4:3:10`);
    expect(
      run(rows, 'claim.move@1', { claimId: CLAIM, orderId: ORDER, from: 'new', to: 'in_review' }, supervisor).ok,
    ).toBe(true);
    expect(
      run(
        rows,
        'claim.move@1',
        { claimId: CLAIM, orderId: ORDER, from: 'in_review', to: 'rejected', comment: 'Брак не подтверждён' },
        supervisor,
      ).ok,
    ).toBe(true);
    expect(rows.get(`order_claims|${ORDER}`)!.claimed).toEqual({});
    expect(run(rows, 'claim.create@1', create(CLAIM2, [{ lineId: L1, itemId: 7, quantity: '10' }]), manager).ok).toBe(
      true,
    );
  });

  it('approval records the resolution; a replacement is worth the claim; a refund cannot exceed it', () => {
    const rows = state();
    run(rows, 'claim.create@1', create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '3' }]), manager);
    run(rows, 'claim.move@1', { claimId: CLAIM, orderId: ORDER, from: 'new', to: 'in_review' }, supervisor);
    const tooMuch = run(
      rows,
      'claim.move@1',
      {
        claimId: CLAIM,
        orderId: ORDER,
        from: 'in_review',
        to: 'approved',
        resolution: { kind: 'refund', amount: '300.01' },
      },
      supervisor,
    );
    expect(tooMuch.ok).toBe(false);
    const byManager = run(
      rows,
      'claim.move@1',
      {
        claimId: CLAIM,
        orderId: ORDER,
        from: 'in_review',
        to: 'approved',
        resolution: { kind: 'refund', amount: '100' },
      },
      manager,
    );
    expect(!byManager.ok && byManager.code).toBe('forbidden');
    const ok = run(
      rows,
      'claim.move@1',
      {
        claimId: CLAIM,
        orderId: ORDER,
        from: 'in_review',
        to: 'approved',
        resolution: { kind: 'replacement', amount: '1' },
      },
      supervisor,
    );
    expect(ok.ok && ok.erp?.[0]?.method).toBe('claim.decision');
    const claim = rows.get(`claims|${CLAIM}`)!;
    expect([claim.status, claim.resolution, claim.resolution_amount]).toEqual(['approved', 'replacement', '300.00']);
    expect((claim.history as { status: string; by: number }[]).map((h) => `${h.status}:${h.by}`)).toEqual([
      'new:100',
      'in_review:20',
      'approved:20',
    ]);
    // Approved claims keep their quantity: the goods are being replaced.
    expect(rows.get(`order_claims|${ORDER}`)!.claimed).toEqual({ [L1]: '3' });
    expect(
      run(rows, 'claim.move@1', { claimId: CLAIM, orderId: ORDER, from: 'approved', to: 'closed' }, manager).ok,
    ).toBe(true);
    expect(
      run(
        rows,
        'claim.attach@1',
        { claimId: CLAIM, attachments: [{ sha256: 'a'.repeat(64), name: 'x.pdf', mime: 'application/pdf', size: 10 }] },
        manager,
      ).ok,
    ).toBe(false);
  });

  it('a move made on a stale claim is refused; the same move re-run (rebase) changes nothing', () => {
    const rows = state();
    run(rows, 'claim.create@1', create(CLAIM, [{ lineId: L1, itemId: 7, quantity: '1' }]), manager);
    const move = { claimId: CLAIM, orderId: ORDER, from: 'new', to: 'in_review' };
    expect(run(rows, 'claim.move@1', move, supervisor).ok).toBe(true);
    const again = runMutation('claim.move@1', move, rows, supervisor);
    expect(again.ok && again.writes).toEqual([]);
    const stale = run(rows, 'claim.move@1', { ...move, from: 'new', to: 'in_review' }, { ...supervisor, userId: 21 });
    expect(!stale.ok && stale.message).toBe('stale:in_review');
  });

  it('whatever the sequence of moves, claimed never exceeds shipped and never goes negative', () => {
    const step = fc.record({
      kind: fc.constantFrom('create', 'move'),
      qty: fc.integer({ min: 1, max: 12 }),
      to: fc.constantFrom(...CLAIM_STATUSES),
      who: fc.constantFrom(manager, supervisor),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const rows = state();
        let n = 0;
        for (const s of steps) {
          if (s.kind === 'create')
            run(
              rows,
              'claim.create@1',
              create(`00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, [
                { lineId: L1, itemId: 7, quantity: String(s.qty) },
              ]),
              s.who,
            );
          else
            for (let i = 1; i <= n; i++) {
              const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
              const c = rows.get(`claims|${id}`);
              if (c)
                run(
                  rows,
                  'claim.move@1',
                  {
                    claimId: id,
                    orderId: ORDER,
                    from: c.status as ClaimStatus,
                    to: s.to,
                    comment: 'x',
                    resolution: { kind: 'refund', amount: '1' },
                  },
                  s.who,
                );
            }
        }
        const claimed = new Decimal(
          ((rows.get(`order_claims|${ORDER}`)?.claimed ?? {}) as Record<string, string>)[L1] ?? '0',
        );
        expect(claimed.gte(0) && claimed.lte(10)).toBe(true);
        // The ledger equals what the claims that hold quantity claim.
        let held = new Decimal(0);
        for (let i = 1; i <= n; i++) {
          const c = rows.get(`claims|00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
          if (c && c.status !== 'rejected' && !(c.status === 'closed' && c.resolution === null))
            held = held.plus((c.lines as { quantity: string }[])[0]!.quantity);
        }
        expect(claimed.toString()).toBe(held.toString());
      }),
      { numRuns: 200 },
    );
  });
});
