// Demo sales plans (планы продаж), as the ERP hands them over: per client, per product group,
// per calendar month, with the retro bonus percent the client earns once the month's plan is
// met. Set from each client's own buying over the year (their three biggest groups), so some
// months are met and some are not, as in life.
import type { Row } from '../../domain/mutations';

interface Source {
  clients: { id: number; manager_id: number }[];
  orders: { id: string; client_id: number; status: string }[];
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

export function demoSalesPlans(src: Source, asOf: string, r: () => number): Row[] {
  const groupOf = new Map(src.items.map((i) => [i.id, i.group_name]));
  const orderClient = new Map(src.orders.filter((o) => SOLD.has(o.status)).map((o) => [o.id, o.client_id]));
  const yearKop = new Map<number, Map<string, number>>();
  for (const l of src.order_lines) {
    const client = orderClient.get(l.order_id);
    if (client === undefined) continue;
    const group = groupOf.get(l.item_id) ?? '';
    const byGroup = yearKop.get(client) ?? new Map<string, number>();
    byGroup.set(group, (byGroup.get(group) ?? 0) + Math.round(Number(l.amount) * 100));
    yearKop.set(client, byGroup);
  }
  const months = planMonths(asOf);
  const plans: Row[] = [];
  for (const c of src.clients) {
    const top = [...(yearKop.get(c.id) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 3);
    for (const [group, kop] of top) {
      const bonus = BONUS[Math.floor(r() * BONUS.length)]!;
      for (const month of months) {
        // About the monthly average, ±30%, in whole thousands of rubles.
        const rub = Math.max(1000, Math.round((kop / 100 / 12) * (0.7 + r() * 0.6) / 1000) * 1000);
        plans.push({ id: `${c.id}:${group}:${month}`, client_id: c.id, manager_id: c.manager_id, group_name: group, month, amount: `${rub}.00`, bonus_percent: bonus });
      }
    }
  }
  return plans;
}
