// Retro bonus scales come from 1C with the client's agreements: a scale whose thresholds overlap
// is refused with the reason (the client's record stays as it was, nothing half-applied); a good
// one reaches the desk, whose client card shows where the client stands this period.
import { afterEach, describe, expect, it } from 'vitest';
import { startErpDesk, type ErpDesk } from '../helpers/erp-desk';
import { until } from '../helpers/until';

let env: ErpDesk | null = null;
afterEach(async () => {
  await env?.stop();
  env = null;
});

describe('retro bonus scales from 1C', () => {
  it('an overlapping scale is refused with the reason; a good one shows on the card', async () => {
    env = await startErpDesk('manager1');
    const { core, erp, central } = env;
    const clients = await core.handlers['clients.list']({});
    const id = clients[0]!.id;
    const record = erp.master.clients.get(String(id))!;
    const before = (await core.handlers['clients.card']({ id })).retroBonuses;
    const agreement = { number: 'Д-БОНУС', date: '2026-01-01', terms: '' };
    // 1C's user gives the client an agreement with a scale (first with its second threshold below the first).
    const withScale = (second: string) =>
      erp.master.clients.put({
        ...record,
        agreements: [
          {
            ...agreement,
            bonusScale: {
              period: 'quarter',
              steps: [
                { from: '100000', percent: '2' },
                { from: second, percent: '3' },
              ],
            },
          },
        ],
      });
    withScale('50000');
    await until(
      async () =>
        (
          await central.store.queryObjects(
            `SELECT 1 FROM erp_inbound_errors WHERE record_key = $1 AND message LIKE '%thresholds overlap%'`,
            [String(id)],
          )
        ).length > 0,
      20_000,
    );
    const [kept] = await central.store.queryObjects<{ agreements: { number: string }[] }>(
      `SELECT agreements FROM clients WHERE id = $1`,
      [id],
    );
    expect(kept!.agreements.map((a) => a.number)).not.toContain('Д-БОНУС');
    expect((await core.handlers['clients.card']({ id })).retroBonuses).toEqual(before);

    withScale('500000');
    await until(async () => (await core.handlers['clients.card']({ id })).retroBonuses.length === 1, 20_000);
    const [b] = (await core.handlers['clients.card']({ id })).retroBonuses;
    expect(b).toMatchObject({
      agreement: 'Д-БОНУС',
      period: 'quarter',
      turnover: '0.00',
      percent: null,
      bonus: '0.00',
    });
    expect(b!.next).toEqual({ needed: '100000.00', percent: '2' });
  }, 120_000);
});
