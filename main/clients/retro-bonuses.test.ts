// A client's retro bonus on the desk: this quarter's orders under the agreement that 1C took count
// (drafts, cancelled orders, other agreements and last quarter do not), summed to the kopeck; an
// order not yet 1C's shows what the client would stand at with it.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { bonusPeriod, mskDayStart } from '../../domain/plans/retro-bonus';
import { seededReplica } from '../sync/test-replica';
import { createRetroBonuses } from './retro-bonuses';
import { createRetroBonusBoard } from '../plans/retro-bonus-board';

describe('retro bonuses on the desk', () => {
  it('counts the quarter’s orders 1C took under the agreement, exactly, and shows the next step', () => {
    const t = seededReplica({ items: 200, orders: 0 });
    const db = t.replica.sqlite;
    const clientId = t.data.clients.find((c) => c.manager_id === t.managerId)!.id;
    // Only the scales this test gives (the demo gives some clients scales of their own).
    db.prepare(`UPDATE clients SET agreements = '[]'`).run();
    const scale = {
      period: 'quarter',
      steps: [
        { from: '1000.00', percent: '2' },
        { from: '5000.00', percent: '3.5' },
      ],
    };
    db.prepare(`UPDATE clients SET agreements = ? WHERE id = ?`).run(
      JSON.stringify([
        { number: 'Д-1', date: '2025-01-01', terms: '', bonusScale: scale },
        { number: 'Д-2', date: '2025-01-01', terms: '' },
      ]),
      clientId,
    );
    const now = '2026-12-06T10:00:00.000Z';
    const q = bonusPeriod(now, 'quarter');
    const inQuarter = new Date(Date.parse(mskDayStart(q.from)) + 3600_000).toISOString();
    const before = new Date(Date.parse(mskDayStart(q.from)) - 60_000).toISOString();
    const add = (id: string, status: string, total: string, agreement: string | null, at: string) =>
      t.replica.writeRow('orders', id, {
        id,
        number: id,
        client_id: clientId,
        manager_id: t.managerId,
        kind: 'order',
        status,
        warehouse_id: 1,
        delivery_date: null,
        comment: '',
        lines_count: 0,
        total,
        created_at: at,
        submitted_at: status === 'draft' ? null : at,
        erp_number: null,
        erp_status_at: null,
        erp_error: null,
        cost_total: '0',
        agreement,
        delivery_method: 'delivery',
        delivery_address: '',
        last_line_no: 0,
        origin: 'desk',
        held_until: null,
        hold_state: null,
        hold_request: null,
        hold_warned_at: null,
        from_order_id: null,
        version: 1,
      });
    add('a', 'shipped', '1234.56', 'Д-1', inQuarter);
    add('b', 'accepted', '0.01', null, now); // no agreement: the first one's
    add('c', 'closed', '999.99', 'Д-1', now);
    add('x1', 'cancelled', '50000.00', 'Д-1', now);
    add('x2', 'shipped', '50000.00', 'Д-2', now);
    add('x3', 'shipped', '50000.00', 'Д-1', before);
    add('d', 'draft', '2000.00', 'Д-1', now);
    const bonuses = createRetroBonuses(db);
    const [b] = bonuses.forClient(clientId, now);
    const turnover = new Decimal('1234.56').plus('0.01').plus('999.99');
    expect(b).toMatchObject({
      agreement: 'Д-1',
      period: 'quarter',
      from: q.from,
      to: q.to,
      turnover: turnover.toFixed(2),
      percent: '2',
      bonus: turnover.times(2).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      next: { needed: new Decimal(5000).minus(turnover).toFixed(2), percent: '3.5' },
    });
    expect(bonuses.forClient(clientId, now)).toHaveLength(1);
    // The draft is not 1C's yet: with it, the client would be 765.44 short of 3.5 %.
    const draft = bonuses.forOrder('d', now)!;
    expect(draft.withOrder).toEqual({
      percent: '2',
      bonus: turnover.plus(2000).times(2).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      next: { needed: '765.44', percent: '3.5' },
    });
    expect(bonuses.forOrder('a', now)!.withOrder).toBeNull();
    expect(bonuses.forOrder('x2', now)).toBeNull();

    // The board: the manager's clients with a scale, nearest to the next step first, the bonus summed.
    const other = t.data.clients.filter((c) => c.manager_id === t.managerId)[1]!.id;
    db.prepare(`UPDATE clients SET agreements = ? WHERE id = ?`).run(
      JSON.stringify([{ number: 'Д-9', date: '2025-01-01', terms: '', bonusScale: { ...scale, period: 'month' } }]),
      other,
    );
    const board = createRetroBonusBoard(
      db,
      () => ({ id: t.managerId, role: 'manager', login: 'm', name: 'M' }) as never,
    );
    const { rows, bonus, clients } = board.rows({ at: now });
    expect(rows.map((r) => [r.clientId, r.agreement, r.next?.needed])).toEqual([
      [other, 'Д-9', '1000.00'],
      [clientId, 'Д-1', new Decimal(5000).minus(turnover).toFixed(2)],
    ]);
    expect(bonus).toBe(b!.bonus);
    expect(clients).toBe(2);
    t.replica.close();
  });
});
