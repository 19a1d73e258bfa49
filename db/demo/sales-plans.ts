// Demo sales plans (планы продаж), as the ERP hands them over: per client, per product group,
// per calendar month, with the retro bonus percent the client earns once the month's plan is
// met. Set around each client's own buying in that month (their three biggest groups), ±30%, so
// some months are met and some are not, as in life; the current month's plan is for the whole
// month (what was bought so far, stretched to the month's end), so it is usually not met yet;
// months ahead around the average of the last three. The demo's recent weeks hold all the open
// orders and are far busier than a month a year ago: a flat yearly average would be met 4× over.
import type { Row } from '../../domain/sync/mutation-def';

interface Source {
  clients: { id: number; manager_id: number }[];
  orders: { id: string; client_id: number; status: string; submitted_at: string | null }[];
  order_lines: { order_id: string; item_id: number; amount: string }[];
  items: { id: number; group_name: string }[];
}

const SOLD = new Set(['accepted', 'processing', 'assembling', 'shipped', 'closed']);
const BONUS = ['1.50', '2.00', '3.00'];

/** Month starts (YYYY-MM-01) from 11 months before `asOf`'s month to 2 months after it. */
export function planMonths(asOf: string): string[] {
  const d = new Date(asOf);
  const out: string[] = [];
  for (let k = -11; k <= 2; k++) {
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
    out.push(m.toISOString().slice(0, 10));
  }
  return out;
}

const MSK_MS = 3 * 3600_000;
/** The Moscow calendar month (YYYY-MM-01) of an instant. */
const monthOf = (at: string): string => `${new Date(Date.parse(at) + MSK_MS).toISOString().slice(0, 7)}-01`;

export function demoSalesPlans(src: Source, asOf: string, r: () => number): Row[] {
  const groupOf = new Map(src.items.map((i) => [i.id, i.group_name]));
  const sold = new Map(
    src.orders
      .filter((o) => SOLD.has(o.status) && o.submitted_at)
      .map((o) => [o.id, { client: o.client_id, month: monthOf(o.submitted_at!) }]),
  );
  // client → group → month → kopecks
  const bought = new Map<number, Map<string, Map<string, number>>>();
  for (const l of src.order_lines) {
    const o = sold.get(l.order_id);
    if (!o) continue;
    const group = groupOf.get(l.item_id) ?? '';
    const byGroup = bought.get(o.client) ?? new Map<string, Map<string, number>>();
    const byMonth = byGroup.get(group) ?? new Map<string, number>();
    byMonth.set(o.month, (byMonth.get(o.month) ?? 0) + Math.round(Number(l.amount) * 100));
    byGroup.set(group, byMonth);
    bought.set(o.client, byGroup);
  }
  const months = planMonths(asOf);
  const current = monthOf(asOf);
  const now = new Date(Date.parse(asOf) + MSK_MS);
  const daysIn = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const monthShare = Math.min(1, (now.getUTCDate() - 1 + now.getUTCHours() / 24) / daysIn);
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const plans: Row[] = [];
  for (const c of src.clients) {
    const top = [...(bought.get(c.id) ?? new Map<string, Map<string, number>>())]
      .sort((a, b) => total(b[1]) - total(a[1]))
      .slice(0, 3);
    for (const [group, byMonth] of top) {
      const bonus = BONUS[Math.floor(r() * BONUS.length)]!;
      const average = total(byMonth) / 12;
      const recent = months
        .filter((m) => m < current)
        .slice(-3)
        .map((m) => byMonth.get(m) ?? 0);
      const recentAverage = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : average;
      for (const month of months) {
        let base: number;
        if (month < current) base = byMonth.get(month) ?? average;
        else if (month === current)
          base = Math.max(byMonth.get(month) ?? 0, recentAverage * monthShare) / Math.max(monthShare, 0.1);
        else base = recentAverage;
        // ±30% around it, in whole thousands of rubles.
        const rub = Math.max(1000, Math.round(((base / 100) * (0.7 + r() * 0.6)) / 1000) * 1000);
        plans.push({
          id: `${c.id}:${group}:${month}`,
          client_id: c.id,
          manager_id: c.manager_id,
          group_name: group,
          month,
          period: 'month',
          amount: `${rub}.00`,
          bonus_percent: bonus,
          source: 'erp',
          note: '',
          set_by: null,
          set_at: null,
        });
      }
    }
  }
  return plans;
}

/**
 * The supervisors' own plans: each manager's whole book per quarter of the demo's year, set by
 * their supervisor a few days before the quarter began, around what the manager sold in it
 * (-15 % to +25 %, in hundred thousands of rubles); the running quarter's around the pace so far,
 * stretched to its end, so it is usually not met yet.
 */
export function demoTeamPlans(
  src: {
    users: { id: number; role: string; supervisor_id: number | null }[];
    orders: Source['orders'] & { manager_id: number; total: string }[];
  },
  asOf: string,
  r: () => number,
): Row[] {
  const year = Number(new Date(Date.parse(asOf) + MSK_MS).toISOString().slice(0, 4));
  const quarterOf = (at: string) => Math.floor(Number(monthOf(at).slice(5, 7)) / 3.0001);
  const sold = new Map<string, number>();
  for (const o of src.orders) {
    if (!SOLD.has(o.status) || !o.submitted_at || !monthOf(o.submitted_at).startsWith(String(year))) continue;
    const k = `${o.manager_id}|${quarterOf(o.submitted_at)}`;
    sold.set(k, (sold.get(k) ?? 0) + Number(o.total));
  }
  const nowQ = quarterOf(asOf);
  const qStart = Date.UTC(year, nowQ * 3, 1) - MSK_MS;
  const share = Math.min(
    1,
    Math.max(0.1, (Date.parse(asOf) - qStart) / (Date.UTC(year, nowQ * 3 + 3, 1) - MSK_MS - qStart)),
  );
  const plans: Row[] = [];
  for (const m of src.users) {
    if (m.role !== 'manager' || m.supervisor_id === null) continue;
    for (let q = 0; q <= nowQ; q++) {
      const base = (sold.get(`${m.id}|${q}`) ?? 0) / (q === nowQ ? share : 1);
      const rub = Math.max(100_000, Math.round((base * (0.85 + r() * 0.4)) / 100_000) * 100_000);
      const start = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
      plans.push({
        id: `p:${m.id}:0:quarter:${start}:`,
        client_id: 0,
        manager_id: m.id,
        group_name: '',
        month: start,
        period: 'quarter',
        amount: `${rub}.00`,
        bonus_percent: '0.00',
        source: 'desk',
        note: 'План квартала',
        set_by: m.supervisor_id,
        set_at: new Date(Date.UTC(year, q * 3, 1) - 5 * 86_400_000 + 7 * 3600_000).toISOString(),
      });
    }
  }
  return plans;
}
