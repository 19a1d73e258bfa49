// Seasonal programmes on the desk against an independent recomputation in Decimal: each client's
// commitment beside the in-programme lines of their seasonal orders under it that went to 1C
// (drafts, cancelled orders, other kinds, other programmes and goods outside it do not count),
// the share done, the bonus step and its money, to the kopeck; sums per manager likewise.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { fulfilment } from '../../domain/seasonal/programme';
import { seededReplica } from '../sync/test-replica';
import { createSeasonal } from './seasonal';

const COUNTED = new Set(['submitted', 'accepted', 'processing', 'assembling', 'shipped', 'closed']);

describe('seasonal programmes on the desk', () => {
  it('counts what each client ordered under the programme, exactly', () => {
    const t = seededReplica({ items: 300, orders: 400 });
    const db = t.replica.sqlite;
    const programmeId = '5ea50000-0000-4000-8000-00000000aaaa';
    const other = '5ea50000-0000-4000-8000-00000000bbbb';
    const groups = [...new Set(t.data.items.map((i) => i.group_name))].slice(0, 2);
    const single = t.data.items.find((i) => !groups.includes(i.group_name))!;
    const steps = [
      { from: '50', percent: '1' },
      { from: '100', percent: '2.5' },
    ];
    t.replica.writeRow('seasonal_programmes', programmeId, {
      id: programmeId,
      name: 'Весна',
      season: '',
      order_from: '2000-01-01',
      order_to: '2100-01-01',
      groups,
      item_ids: [single.id],
      bonus_steps: steps,
      updated_by: 1,
      updated_at: null,
      version: 1,
    });
    // Half the manager's orders are seasonal under this programme, some under another.
    const mine = t.data.orders.filter((o) => o.manager_id === t.managerId);
    mine.forEach((o, i) => {
      const kind = i % 2 === 0 ? 'seasonal' : o.kind;
      const programme = i % 2 === 0 ? (i % 6 === 0 ? other : programmeId) : null;
      t.replica.writeRow('orders', o.id, { ...o, kind, programme_id: programme, version: 1 });
    });
    const clients = [...new Set(mine.map((o) => o.client_id))];
    clients.forEach((clientId, i) =>
      t.replica.writeRow('seasonal_commitments', `${programmeId}:${clientId}`, {
        id: `${programmeId}:${clientId}`,
        programme_id: programmeId,
        client_id: clientId,
        manager_id: t.managerId,
        unit: i % 3 === 2 ? 'quantity' : 'money',
        amount: i % 3 === 2 ? '150.5' : `${(i + 1) * 70_000}.00`,
        note: '',
        set_by: 1,
        set_at: null,
        version: 1,
      }),
    );
    const seasonal = createSeasonal(db, () => ({ id: t.managerId, role: 'manager', name: 'm', login: 'm' }) as never);
    const { rows, managers } = seasonal.commitments(programmeId);
    expect(rows).toHaveLength(clients.length);

    const inProgramme = (itemId: number) =>
      groups.includes(t.data.items.find((i) => i.id === itemId)!.group_name) || itemId === single.id;
    let counted = 0;
    for (const r of rows) {
      const orders = mine.filter(
        (o, i) => o.client_id === r.clientId && i % 2 === 0 && i % 6 !== 0 && COUNTED.has(o.status),
      );
      let amount = new Decimal(0);
      let quantity = new Decimal(0);
      for (const l of t.data.order_lines)
        if (orders.some((o) => o.id === l.order_id) && inProgramme(l.item_id)) {
          amount = amount.plus(l.amount);
          quantity = quantity.plus(l.quantity);
        }
      expect(r.orderedAmount).toBe(amount.toFixed(2));
      expect(new Decimal(r.orderedQuantity).eq(quantity)).toBe(true);
      const done = r.unit === 'money' ? amount : quantity;
      const share = done.times(100).div(r.amount);
      expect(r.percent).toBe(share.toDecimalPlaces(1, Decimal.ROUND_DOWN).toFixed(1));
      const step = [...steps].reverse().find((s) => share.gte(s.from));
      expect(r.bonusPercent).toBe(step?.percent ?? null);
      expect(r.bonus).toBe(
        step ? amount.times(step.percent).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : '0.00',
      );
      if (amount.gt(0)) counted++;
    }
    expect(counted).toBeGreaterThan(0);
    const money = rows.filter((r) => r.unit === 'money');
    expect(managers).toEqual([
      expect.objectContaining({
        managerId: t.managerId,
        clients: rows.length,
        committed: money.reduce((s, r) => s.plus(r.amount), new Decimal(0)).toFixed(2),
        ordered: money.reduce((s, r) => s.plus(r.orderedAmount), new Decimal(0)).toFixed(2),
        met: rows.filter((r) => Number(r.percent) >= 100).length,
      }),
    ]);
    // The client's programmes for an order's header.
    const [own] = seasonal.forClient(rows[0]!.clientId);
    expect(own?.commitment).toEqual(rows[0]);
    expect(own?.programme).toMatchObject({ id: programmeId, state: 'open', clients: 1 });
  });

  it('the next step says what is still to order, rounded up', () => {
    const f = fulfilment([{ from: '100', percent: '3' }], '1000.00', { amount: '333.33', quantity: '0' }, 'money');
    expect(f).toMatchObject({ percent: '33.3', bonusPercent: null, nextFrom: '100', nextNeeds: '666.67' });
    const q = fulfilment([{ from: '80', percent: '2' }], '10', { amount: '5000.00', quantity: '8.001' }, 'quantity');
    expect(q).toMatchObject({ percent: '80.0', bonusPercent: '2', bonus: '100.00', nextFrom: null, nextNeeds: null });
  });
});
