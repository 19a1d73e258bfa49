// Seasonal programmes' rules: a programme with a backwards window, no goods or a scale that does
// not rise is refused with the reason; a commitment after the window, a seasonal order outside it,
// without a commitment, of another kind or past its draft: refused, nothing written.
import { describe, expect, it } from 'vitest';
import { runMutation } from '../sync/mutations';
import type { Row } from '../sync/mutation-def';
import { ProgrammeFields } from './programme';

const P = '5ea50000-0000-4000-8000-000000000001';
const O = '00000000-0000-4000-8000-000000000009';
const now = '2026-12-06T09:00:00.000Z';
const ctx = (role: 'manager' | 'supervisor' = 'supervisor') => ({ userId: 10, role, now, writeVersion: null });
const programme: Row = { id: P, order_from: '2026-12-01', order_to: '2026-12-31', groups: ['Резисторы'], item_ids: [] };
const fields = {
  name: 'Весна',
  orderFrom: '2026-12-01',
  orderTo: '2026-12-31',
  groups: ['Резисторы'],
  bonusSteps: [
    { from: '80', percent: '1' },
    { from: '100', percent: '3' },
  ],
};

describe('seasonal programme rules', () => {
  it('refuses a backwards window, no goods, a scale that does not rise', () => {
    const issues = (f: object) => ProgrammeFields.safeParse(f).error?.issues.map((i) => i.message) ?? [];
    expect(issues(fields)).toEqual([]);
    expect(issues({ ...fields, orderTo: '2026-11-30' })).toContain('window_backwards');
    expect(issues({ ...fields, groups: [] })).toContain('no_goods');
    expect(
      issues({
        ...fields,
        bonusSteps: [
          { from: '100', percent: '3' },
          { from: '80', percent: '4' },
        ],
      }),
    ).toContain('steps_not_rising');
    expect(runMutation('season.saveProgramme@1', { programmeId: P, fields }, new Map(), ctx('manager'))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('commitments: in units to thousandths, in rubles to kopecks; none after the window', () => {
    const rows = (p: Row | null) =>
      new Map<string, Row | null>([
        [`seasonal_programmes|${P}`, p],
        ['clients|5', { id: 5, manager_id: 100 }],
        [`seasonal_commitments|${P}:5`, null],
      ]);
    const set = (amount: string | null, unit = 'money', p: Row | null = programme) =>
      runMutation('season.setCommitment@1', { programmeId: P, clientId: 5, unit, amount }, rows(p), ctx());
    expect(set('150.5', 'quantity')).toMatchObject({
      ok: true,
      writes: [{ row: { amount: '150.5', manager_id: 100 } }],
    });
    expect(set('1000')).toMatchObject({ ok: true, writes: [{ row: { amount: '1000.00', unit: 'money' } }] });
    expect(set('10.005')).toMatchObject({ ok: false, message: 'amount' });
    expect(set('0')).toMatchObject({ ok: false, code: 'bad_args' });
    expect(set('5', 'money', { ...programme, order_to: '2026-12-05' })).toMatchObject({
      ok: false,
      message: 'window_over',
    });
    expect(set('5', 'money', null)).toMatchObject({ ok: false, message: 'no_programme' });
    expect(set(null)).toMatchObject({ ok: false, message: 'no_commitment' });
  });

  it('a seasonal order goes under a programme in its window, with a commitment, as a draft', () => {
    const order: Row = { id: O, client_id: 5, kind: 'seasonal', status: 'draft' };
    const attach = (o: Row, p: Row | null = programme, commitment: Row | null = { id: `${P}:5` }) =>
      runMutation(
        'order.setProgramme@1',
        { orderId: O, clientId: 5, programmeId: P },
        new Map<string, Row | null>([
          [`orders|${O}`, o],
          [`seasonal_programmes|${P}`, p],
          [`seasonal_commitments|${P}:5`, commitment],
        ]),
        ctx('manager'),
      );
    expect(attach(order)).toMatchObject({ ok: true, writes: [{ row: { programme_id: P } }] });
    expect(attach({ ...order, kind: 'order' })).toMatchObject({ ok: false, message: 'not_seasonal' });
    expect(attach({ ...order, status: 'accepted' })).toMatchObject({ ok: false, code: 'locked', message: 'not_draft' });
    expect(attach(order, { ...programme, order_from: '2026-12-07' })).toMatchObject({
      ok: false,
      message: 'window_closed',
    });
    expect(attach(order, programme, null)).toMatchObject({ ok: false, message: 'no_commitment' });
    // And a seasonal order without a programme is not submitted.
    expect(
      runMutation(
        'order.submit@1',
        { orderId: O, checkDigest: 'x' },
        new Map([[`orders|${O}`, { ...order, lines_count: 2, programme_id: null }]]),
        ctx('manager'),
      ),
    ).toMatchObject({ ok: false, message: 'no_programme' });
  });
});
