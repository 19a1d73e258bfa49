// The retro bonus a client has earned this period under each agreement with a scale, and what the
// next threshold needs: the turnover is the client's orders under the agreement that 1C took in
// the period (accepted through closed, by when they were submitted), summed in exact kopecks.
// Orders without an agreement count toward the client's first one (the one a new order takes).
import type Database from 'better-sqlite3';
import type { RetroBonusView } from '../../domain/contract';
import { kopecksText, moneyKopecks } from '../../domain/orders/order';
import { BonusScale, bonusPeriod, bonusStanding, mskDayStart } from '../../domain/plans/retro-bonus';

const SOLD = `('accepted', 'processing', 'assembling', 'shipped', 'closed')`;

export interface RetroBonuses {
  forClient(clientId: number, now: string): RetroBonusView[];
  /** The bonus of one order's agreement, with that order counted too when it is not 1C's yet. */
  forOrder(
    orderId: string,
    now: string,
  ): (RetroBonusView & { withOrder: ReturnType<typeof bonusStanding> | null }) | null;
}

export function createRetroBonuses(sqlite: Database.Database): RetroBonuses {
  const agreementsOf = sqlite.prepare(`SELECT agreements FROM clients WHERE id = ?`).pluck();
  // Totals are 2-decimal texts: ×100 and rounded they are exact integers (far below 2^53).
  const turnover = sqlite
    .prepare(
      `SELECT coalesce(sum(CAST(round(CAST(total AS REAL) * 100) AS INTEGER)), 0) FROM orders
       WHERE client_id = ? AND status IN ${SOLD} AND submitted_at >= ? AND submitted_at < ?
         AND (agreement = ? OR (agreement IS NULL AND ?))`,
    )
    .pluck()
    .safeIntegers(true);
  const orderRow = sqlite.prepare(`SELECT client_id, agreement, status, total FROM orders WHERE id = ?`);

  function forClient(clientId: number, now: string): RetroBonusView[] {
    const raw = agreementsOf.get(clientId) as string | undefined;
    const list = raw ? (JSON.parse(raw) as { number: string; bonusScale?: unknown }[]) : [];
    return list.flatMap((a, i) => {
      const scale = BonusScale.safeParse(a.bonusScale);
      if (!scale.success) return [];
      const { from, to } = bonusPeriod(now, scale.data.period);
      const kop = turnover.get(clientId, mskDayStart(from), mskDayStart(to), a.number, i === 0 ? 1 : 0) as bigint;
      return [
        {
          agreement: a.number,
          period: scale.data.period,
          from,
          to,
          turnover: kopecksText(kop),
          steps: scale.data.steps,
          ...bonusStanding(scale.data, kop),
        },
      ];
    });
  }

  return {
    forClient,
    forOrder(orderId, now) {
      const o = orderRow.get(orderId) as
        { client_id: number; agreement: string | null; status: string; total: string } | undefined;
      if (!o) return null;
      const all = forClient(o.client_id, now);
      const mine = (o.agreement ? all.find((b) => b.agreement === o.agreement) : all[0]) ?? null;
      if (!mine) return null;
      // An order 1C has not taken yet adds to the turnover once it does.
      const pending = o.status === 'draft' || o.status === 'rejected' || o.status === 'submitted';
      const scale = BonusScale.parse({ period: mine.period, steps: mine.steps });
      const withOrder = pending
        ? bonusStanding(scale, moneyKopecks(mine.turnover) + moneyKopecks(String(o.total)))
        : null;
      return { ...mine, withOrder };
    },
  };
}
