// Floors and approvals: the most specific floor decides; a price under it is flagged with the
// money given away; an override needs a reason; the supervisor approves exactly the prices asked
// for (a price changed afterwards is blocked again); credit over the limit needs a release up to
// the exposure; decisions are refused on a request that changed; everything the audit must record.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import { type MutationContext, type Row } from '../sync/mutation-def';
import {
  approvalOf,
  belowFloor,
  floorFor,
  floorPrice,
  netPrice,
  submitBlocks,
  type ApprovalLine,
  type Floor,
  type FloorLine,
} from './price-floors';
import { lineVat, lineVatKopecks } from './pricing';

const manager: MutationContext = { userId: 100, role: 'manager', now: '2026-11-22T10:00:00.000Z', writeVersion: 50 };
const supervisor: MutationContext = {
  userId: 20,
  role: 'supervisor',
  now: '2026-11-22T11:00:00.000Z',
  writeVersion: 60,
};
const ORDER = '00000000-0000-4000-8000-000000000001';
const LINE = '00000000-0000-4000-8000-0000000000a1';
const LINE2 = '00000000-0000-4000-8000-0000000000a2';

const floors: Floor[] = [
  { id: 'all', group: null, clientGroup: null, minMarginPct: '10', minPricePct: null },
  { id: 'dealers', group: null, clientGroup: 'dealers', minMarginPct: '3', minPricePct: null },
  { id: 'relays', group: 'Реле', clientGroup: null, minMarginPct: '10', minPricePct: '80' },
  { id: 'relays-dealers', group: 'Реле', clientGroup: 'dealers', minMarginPct: '5', minPricePct: null },
];

describe('floors', () => {
  it('takes the most specific floor: group and category, then group, then category, then all', () => {
    expect(floorFor(floors, 'Реле', 'dealers')?.id).toBe('relays-dealers');
    expect(floorFor(floors, 'Реле', null)?.id).toBe('relays');
    expect(floorFor(floors, 'Диоды', 'dealers')?.id).toBe('dealers');
    expect(floorFor(floors, 'Диоды', null)?.id).toBe('all');
    expect(floorFor([], 'Диоды', null)).toBeNull();
  });

  it('a floor price is the higher of cost + margin and the share of the base price, to 4 places', () => {
    expect(floorPrice(floors[0]!, '100', '200')).toBe('110.0000');
    expect(floorPrice(floors[2]!, '100', '200')).toBe('160.0000');
    expect(floorPrice(floors[2]!, '100', null)).toBe('110.0000');
    // No cost known and no share of base: no floor at all rather than a floor of zero.
    expect(floorPrice(floors[0]!, '0', '200')).toBeNull();
    expect(floorPrice(floors[0]!, '33.3333', null)).toBe('36.6666');
  });

  it('below the floor: net price after the discount, and the money given away under it', () => {
    expect(belowFloor({ quantity: '10', price: '120', discount: '10' }, '110.0000')).toEqual({
      net: '108.0000',
      floor: '110.0000',
      givenAway: '20.00',
    });
    expect(belowFloor({ quantity: '10', price: '120', discount: '5' }, '110.0000')).toBeNull();
    expect(belowFloor({ quantity: '10', price: '1', discount: '0' }, null)).toBeNull();
  });

  it('the net price never drops below the floor unnoticed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (price4, disc, floor4) => {
          const price = new Decimal(price4).dividedBy(10_000).toFixed(4);
          const discount = new Decimal(disc).dividedBy(100).toFixed(2);
          const floor = new Decimal(floor4).dividedBy(10_000).toFixed(4);
          const below = belowFloor({ quantity: '3', price, discount }, floor);
          expect(below !== null).toBe(netPrice(price, discount).lt(floor));
        },
      ),
    );
  });
});

const line = (over: Partial<FloorLine> = {}): FloorLine => ({
  id: LINE,
  line_no: 1,
  item_id: 7,
  article: 'РЭС-1',
  quantity: '10',
  price: '100',
  discount: '0',
  price_source: 'manual',
  cost: '100',
  override_reason: 'competitor',
  override_note: '',
  ...over,
});

describe('submit blocks', () => {
  const floorOf = () => '110.0000';
  it('an override without a reason blocks; rule prices never do', () => {
    expect(submitBlocks([line({ override_reason: '', price: '200' })], floorOf, null, null)).toEqual([
      { kind: 'no_reason', lineId: LINE, lineNo: 1, article: 'РЭС-1' },
    ]);
    expect(
      submitBlocks([line({ price_source: 'client', override_reason: '', price: '50' })], floorOf, null, null),
    ).toEqual([]);
  });

  it('below floor blocks until that very price is approved', () => {
    const blocks = submitBlocks([line()], floorOf, null, null);
    expect(blocks).toMatchObject([
      { kind: 'below_floor', net: '100.0000', floor: '110.0000', givenAway: '100.00', approval: 'none' },
    ]);
    const approval = approvalOf({
      order_id: ORDER,
      status: 'approved',
      lines: [],
      approved: [{ lineId: LINE, price: '100.0000', discount: '0.00' }],
      credit: null,
      credit_up_to: null,
    } as Row)!;
    expect(submitBlocks([line()], floorOf, approval, null)).toEqual([]);
    expect(submitBlocks([line({ price: '99' })], floorOf, approval, null)).toMatchObject([
      { kind: 'below_floor', approval: 'none' },
    ]);
  });

  it('credit over the limit blocks unless released up to at least this exposure; prepayment never', () => {
    const over = { exposure: '1500.00', limit: '1000.00', over: '500.00', prepayment: false };
    expect(submitBlocks([], floorOf, null, over)).toEqual([
      { kind: 'credit', exposure: '1500.00', limit: '1000.00', over: '500.00', approval: 'none' },
    ]);
    const released = approvalOf({
      order_id: ORDER,
      status: 'approved',
      lines: [],
      approved: [],
      credit: null,
      credit_up_to: '1500.00',
    } as Row)!;
    expect(submitBlocks([], floorOf, released, over)).toEqual([]);
    expect(submitBlocks([], floorOf, released, { ...over, exposure: '1500.01', over: '500.01' })).toHaveLength(1);
    expect(submitBlocks([], floorOf, null, { ...over, over: null, prepayment: true })).toEqual([]);
  });
});

describe('approval mutations', () => {
  const asked: ApprovalLine = {
    lineId: LINE,
    lineNo: 1,
    itemId: 7,
    article: 'РЭС-1',
    quantity: '10',
    price: '100.0000',
    discount: '0.00',
    net: '100.0000',
    floor: '110.0000',
    cost: '100.0000',
    givenAway: '100.00',
    reason: 'competitor',
    note: 'у конкурента 100',
  };
  const rows = (): Map<string, Row | null> =>
    new Map<string, Row | null>([
      [`orders|${ORDER}`, { id: ORDER, status: 'draft', manager_id: 100 }],
      [`order_lines|${LINE}`, { id: LINE, order_id: ORDER, price: '100.0000', discount: '0.00' }],
      [`price_approvals|${ORDER}`, null],
    ]);

  it('request → supervisor approves → the approved prices are recorded; a second approve of the same decision is a no-op', () => {
    const state = rows();
    const req = runMutation(
      'priceApproval.request@1',
      {
        orderId: ORDER,
        lines: [asked],
        credit: { exposure: '1500.00', limit: '1000.00', over: '500.00' },
        note: 'срочно',
      },
      state,
      manager,
    );
    expect(req).toMatchObject({
      ok: true,
      writes: [
        {
          table: 'price_approvals',
          row: { status: 'pending', given_away: '100.00', manager_id: 100, requested_by: 100 },
        },
      ],
    });
    if (!req.ok) return;
    state.set(`price_approvals|${ORDER}`, req.writes[0]!.row);
    expect(
      runMutation(
        'priceApproval.decide@1',
        { orderId: ORDER, requestedAt: manager.now, decision: 'approve' },
        state,
        manager,
      ),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    // A supervisor who asked for their own order does not decide it.
    expect(
      runMutation('priceApproval.decide@1', { orderId: ORDER, requestedAt: manager.now, decision: 'approve' }, state, {
        ...supervisor,
        userId: 100,
      }),
    ).toMatchObject({ ok: false, code: 'forbidden', message: 'You cannot decide your own request' });
    expect(
      runMutation(
        'priceApproval.decide@1',
        { orderId: ORDER, requestedAt: 'earlier', decision: 'approve' },
        state,
        supervisor,
      ),
    ).toMatchObject({ ok: false, code: 'invalid' });
    const dec = runMutation(
      'priceApproval.decide@1',
      { orderId: ORDER, requestedAt: manager.now, decision: 'approve', comment: 'ок' },
      state,
      supervisor,
    );
    expect(dec).toMatchObject({
      ok: true,
      writes: [
        {
          row: {
            status: 'approved',
            decided_by: 20,
            credit_up_to: '1500.00',
            approved: [{ lineId: LINE, price: '100.0000', discount: '0.00' }],
          },
        },
      ],
    });
    if (!dec.ok) return;
    state.set(`price_approvals|${ORDER}`, dec.writes[0]!.row);
    expect(
      runMutation(
        'priceApproval.decide@1',
        { orderId: ORDER, requestedAt: manager.now, decision: 'approve', comment: 'ок' },
        state,
        supervisor,
      ),
    ).toMatchObject({ ok: true, writes: [] });
    expect(
      runMutation(
        'priceApproval.decide@1',
        { orderId: ORDER, requestedAt: manager.now, decision: 'reject', comment: 'нет' },
        state,
        supervisor,
      ),
    ).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('refuses: a rejection without a comment, a request for a line changed since, an empty request, a submitted order', () => {
    const state = rows();
    expect(
      runMutation(
        'priceApproval.request@1',
        { orderId: ORDER, lines: [{ ...asked, price: '90.0000' }], credit: null },
        state,
        manager,
      ),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      runMutation('priceApproval.request@1', { orderId: ORDER, lines: [], credit: null }, state, manager),
    ).toMatchObject({ ok: false, code: 'bad_args' });
    expect(
      runMutation(
        'priceApproval.request@1',
        { orderId: ORDER, lines: [{ ...asked, lineId: LINE2 }], credit: null },
        state,
        manager,
      ),
    ).toMatchObject({ ok: false, code: 'not_found' });
    state.set(`orders|${ORDER}`, { id: ORDER, status: 'submitted', manager_id: 100 });
    expect(
      runMutation('priceApproval.request@1', { orderId: ORDER, lines: [asked], credit: null }, state, manager),
    ).toMatchObject({ ok: false, code: 'locked' });
    state.set(`price_approvals|${ORDER}`, {
      order_id: ORDER,
      status: 'pending',
      requested_at: 't',
      lines: [asked],
      approved: [],
    });
    expect(
      runMutation(
        'priceApproval.decide@1',
        { orderId: ORDER, requestedAt: 't', decision: 'reject' },
        state,
        supervisor,
      ),
    ).toMatchObject({ ok: false, code: 'bad_args' });
  });

  it('a new request keeps what was approved before; a rejection keeps it too', () => {
    const state = rows();
    state.set(`price_approvals|${ORDER}`, {
      order_id: ORDER,
      manager_id: 100,
      status: 'approved',
      requested_at: 't0',
      lines: [],
      approved: [{ lineId: LINE2, price: '5.0000', discount: '0.00' }],
      credit: null,
      credit_up_to: '10.00',
    });
    const req = runMutation(
      'priceApproval.request@1',
      { orderId: ORDER, lines: [asked], credit: null },
      state,
      manager,
    );
    expect(req).toMatchObject({
      ok: true,
      writes: [{ row: { status: 'pending', approved: [{ lineId: LINE2 }], credit_up_to: '10.00' } }],
    });
    if (!req.ok) return;
    state.set(`price_approvals|${ORDER}`, req.writes[0]!.row);
    const rej = runMutation(
      'priceApproval.decide@1',
      { orderId: ORDER, requestedAt: manager.now, decision: 'reject', comment: 'слишком низко' },
      state,
      supervisor,
    );
    expect(rej).toMatchObject({
      ok: true,
      writes: [{ row: { status: 'rejected', comment: 'слишком низко', approved: [{ lineId: LINE2 }] } }],
    });
  });
});

describe('VAT per line in kopecks', () => {
  it('equals the Decimal computation for any amount and rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999_999_999 }),
        // As rates come from the store ("22.00") and from people ("22", "22.5").
        fc.constantFrom('0', '10', '20', '22', '0.00', '10.00', '22.00', '22.5', '7.25'),
        fc.boolean(),
        (kop, rate, withVat) => {
          const amount = new Decimal(kop).dividedBy(100).toFixed(2);
          expect(lineVatKopecks(amount, rate, withVat)).toBe(
            BigInt(new Decimal(lineVat(amount, rate, withVat).vat).times(100).toFixed(0)),
          );
        },
      ),
    );
  });
});
