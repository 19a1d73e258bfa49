// The plans board: every sales plan of the user's team for a year (months and quarters, the
// whole book or one client, all groups or one), each beside what has been sold against it so far,
// from the replica (offline too). Sales are summed once for the year, per manager, client, group
// and Moscow month, in integer kopecks (the replica's per-order group totals); each plan then
// adds up the cells it covers, so a year of a team's plans costs one query.
import type Database from 'better-sqlite3';
import type { SalesPlanRow } from '../../domain/contract';
import type { SessionUser } from '../../domain/roles';
import { kopecksText, moneyKopecks } from '../../domain/orders/order';
import { periodMonths, type PlanPeriod } from '../../domain/plans/sales-plan';
import { teamManagers } from '../clients/team';
import { monthStartAt } from '../dashboard/dashboard-sql';
import { salesCells } from '../dashboard/sales-cells';

// One collator for the names: localeCompare builds one per comparison.
const RU = new Intl.Collator('ru');

export interface PlansBoard {
  rows(filter: { year: number; managerId?: number; today?: string }): {
    rows: SalesPlanRow[];
    plan: string;
    fact: string;
  };
}

interface PlanRecord {
  id: string;
  manager_id: number;
  client_id: number;
  group_name: string;
  month: string;
  period: PlanPeriod;
  amount: string;
  source: string;
  note: string;
  set_by: number | null;
  set_at: string | null;
}

export function createPlansBoard(
  sqlite: Database.Database,
  user: () => SessionUser,
  recountTotals: () => void = () => {},
): PlansBoard {
  const plansOf = sqlite.prepare(
    `SELECT id, manager_id, client_id, group_name, month, period, amount, source, note, set_by, set_at
     FROM sales_plans WHERE month >= ? AND month < ? AND manager_id IN (SELECT value FROM json_each(?))`,
  );
  const clientNames = sqlite.prepare(`SELECT id, name FROM clients WHERE id IN (SELECT value FROM json_each(?))`);
  const userNames = sqlite.prepare(`SELECT id, name FROM users WHERE id IN (SELECT value FROM json_each(?))`);
  return {
    rows({ year, managerId, today }) {
      recountTotals();
      const team = teamManagers(sqlite, user());
      const managers = new Map(team.map((m) => [m.id, m]));
      const ids = team.map((m) => m.id).filter((id) => managerId === undefined || id === managerId);
      // Quarters start within the year; the last one's months may not reach past December.
      const plans = plansOf.all(`${year}-01-01`, `${year + 1}-01-01`, JSON.stringify(ids)) as PlanRecord[];
      const sold = yearSales(sqlite, year, ids);
      const names = (stmt: Database.Statement, list: number[]) =>
        new Map(
          (stmt.all(JSON.stringify([...new Set(list)])) as { id: number; name: string }[]).map((r) => [r.id, r.name]),
        );
      const clients = names(
        clientNames,
        plans.map((p) => p.client_id),
      );
      const setters = names(
        userNames,
        plans.flatMap((p) => (p.set_by === null ? [] : [p.set_by])),
      );
      const month = (today ?? new Date(Date.now() + 3 * 3600_000).toISOString()).slice(0, 7);
      let planTotal = 0n;
      let factTotal = 0n;
      const rows = plans.map((p): SalesPlanRow => {
        const months = periodMonths(p.period, p.month);
        const fact = BigInt(months.reduce((s, m) => s + sold(p.manager_id, p.client_id, p.group_name, m), 0));
        const amount = moneyKopecks(p.amount);
        planTotal += amount;
        factTotal += fact;
        const manager = managers.get(p.manager_id);
        const ends = months.at(-1)!.slice(0, 7);
        return {
          id: p.id,
          managerId: p.manager_id,
          managerName: manager?.name ?? `#${p.manager_id}`,
          managerLeft: manager ? !manager.active : false,
          clientId: p.client_id,
          clientName: p.client_id ? (clients.get(p.client_id) ?? `#${p.client_id}`) : null,
          group: p.group_name,
          period: p.period,
          start: p.month,
          amount: kopecksText(amount),
          fact: kopecksText(fact),
          // Tenths of a percent, rounded down: 99.96 % is not yet the plan.
          percent: amount > 0n ? Number((fact * 1000n) / amount) / 10 : null,
          state: ends < month ? 'past' : months[0]!.slice(0, 7) > month ? 'future' : 'current',
          source: p.source === 'desk' ? 'desk' : 'erp',
          note: p.note,
          setBy: p.set_by === null ? null : (setters.get(p.set_by) ?? `#${p.set_by}`),
          setAt: p.set_at,
        };
      });
      // Names ranked once in Russian order, then thousands of rows compared by number.
      const rank = (names: string[]) => new Map([...new Set(names)].sort(RU.compare).map((n, i) => [n, i]));
      const byManager = rank(rows.map((r) => r.managerName));
      const byGroup = rank(rows.map((r) => r.group));
      rows.sort(
        (a, b) =>
          byManager.get(a.managerName)! - byManager.get(b.managerName)! ||
          (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
          (a.period === b.period ? 0 : a.period === 'quarter' ? -1 : 1) ||
          a.clientId - b.clientId ||
          byGroup.get(a.group)! - byGroup.get(b.group)!,
      );
      return { rows, plan: kopecksText(planTotal), fact: kopecksText(factTotal) };
    },
  };
}

/**
 * Kopecks sold in the year per manager, client (0: the whole book), group ('': all groups) and
 * Moscow month (YYYY-MM-01); a month outside the year sold nothing here (quarters start in
 * Jan/Apr/Jul/Oct, so none runs past December). Nested maps of twelve months, not a key string
 * per cell: a year of a team's cells is summed four ways in a few milliseconds.
 */
function yearSales(
  sqlite: Database.Database,
  year: number,
  managers: number[],
): (manager: number, client: number, group: string, month: string) => number {
  const [cells] = salesCells(
    sqlite,
    { sql: ['o.manager_id IN (SELECT value FROM json_each(?))'], params: [JSON.stringify(managers)] },
    [{ fromAt: monthStartAt(`${year}-01-01`), toAt: monthStartAt(`${year + 1}-01-01`), unit: 'month' }],
  );
  // Integer kopecks as numbers: exact below 2^53 (ninety trillion rubles), and far cheaper than BigInt here.
  const sold = new Map<number, Map<number, Map<string, number[]>>>();
  const add = (manager: number, client: number, group: string, month: number, v: number) => {
    let clients = sold.get(manager);
    if (!clients) sold.set(manager, (clients = new Map()));
    let groups = clients.get(client);
    if (!groups) clients.set(client, (groups = new Map()));
    let months = groups.get(group);
    if (!months) groups.set(group, (months = new Array<number>(12).fill(0)));
    months[month]! += v;
  };
  for (const c of cells!) {
    const m = Number(c.bucket.slice(5, 7)) - 1;
    add(c.manager, c.client, c.grp, m, c.sales);
    add(c.manager, c.client, '', m, c.sales);
    add(c.manager, 0, c.grp, m, c.sales);
    add(c.manager, 0, '', m, c.sales);
  }
  const prefix = `${year}-`;
  return (manager, client, group, month) =>
    month.startsWith(prefix) ? (sold.get(manager)?.get(client)?.get(group)?.[Number(month.slice(5, 7)) - 1] ?? 0) : 0;
}
