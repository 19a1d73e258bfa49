// Seasonal programmes on the desk: each programme with where the clients of the user's scope stand
// against their commitments, per client and per manager, from the replica (offline too). What
// counts is summed in SQLite in integer kopecks and thousandths of a unit (exact): the
// in-programme lines of each client's seasonal orders under the programme that went to 1C.
import type Database from 'better-sqlite3';
import type { CommitmentRow, ManagerCommitments, ProgrammeRow } from '../../domain/contract';
import type { SessionUser } from '../../domain/roles';
import { kopecksText, moneyKopecks } from '../../domain/orders/order';
import { fulfilment, mskDay, type CommitmentUnit, type SeasonBonusSteps } from '../../domain/seasonal/programme';
import { teamManagers } from '../clients/team';

/** Statuses in which a seasonal order counts: it went to 1C and was not cancelled or refused. */
const COUNTED = `'submitted','accepted','processing','assembling','shipped','closed'`;

interface ProgrammeRaw {
  id: string;
  name: string;
  season: string;
  order_from: string;
  order_to: string;
  groups: string;
  item_ids: string;
  bonus_steps: string;
}

interface CommitmentRaw {
  client_id: number;
  client_name: string | null;
  manager_id: number;
  unit: CommitmentUnit;
  amount: string;
  note: string;
}

export interface Seasonal {
  programmes(): ProgrammeRow[];
  commitments(programmeId: string): { rows: CommitmentRow[]; managers: ManagerCommitments[] };
  forClient(clientId: number): { programme: ProgrammeRow; commitment: CommitmentRow }[];
}

const thousandths = (n: bigint): string => {
  const s = (n < 0n ? -n : n).toString().padStart(4, '0');
  const text = `${s.slice(0, -3)}.${s.slice(-3)}`.replace(/\.?0+$/, '');
  return `${n < 0n ? '-' : ''}${text || '0'}`;
};

export function createSeasonal(sqlite: Database.Database, user: () => SessionUser, now = () => new Date()): Seasonal {
  const all = sqlite.prepare(`SELECT * FROM seasonal_programmes ORDER BY order_from DESC, name`);
  const one = sqlite.prepare(`SELECT * FROM seasonal_programmes WHERE id = ?`);
  const commitmentsOf = sqlite.prepare(
    `SELECT s.client_id, c.name AS client_name, s.manager_id, s.unit, s.amount, s.note FROM seasonal_commitments s
     LEFT JOIN clients c ON c.id = s.client_id
     WHERE s.programme_id = ? AND s.manager_id IN (SELECT value FROM json_each(?))`,
  );
  // The in-programme lines of counted seasonal orders, per client, exactly.
  const orderedOf = sqlite.prepare(
    `SELECT o.client_id AS client, SUM(CAST(ROUND(l.amount * 100) AS INTEGER)) AS kop,
       SUM(CAST(ROUND(l.quantity * 1000) AS INTEGER)) AS milli, COUNT(DISTINCT o.id) AS orders
     FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN items i ON i.id = l.item_id
     WHERE o.programme_id = ? AND o.kind = 'seasonal' AND o.status IN (${COUNTED})
       AND (i.group_name IN (SELECT value FROM json_each(?)) OR i.id IN (SELECT value FROM json_each(?)))
     GROUP BY o.client_id`,
  );
  const clientProgrammes = sqlite.prepare(`SELECT programme_id FROM seasonal_commitments WHERE client_id = ?`).pluck();

  const scope = () => {
    const team = teamManagers(sqlite, user());
    return { ids: JSON.stringify(team.map((m) => m.id)), names: new Map(team.map((m) => [m.id, m.name])) };
  };

  function detail(p: ProgrammeRaw, s: ReturnType<typeof scope>, onlyClient?: number) {
    const steps = JSON.parse(p.bonus_steps) as SeasonBonusSteps;
    const ordered = new Map(
      (
        orderedOf.all(p.id, p.groups, p.item_ids) as { client: number; kop: number; milli: number; orders: number }[]
      ).map((r) => [r.client, r]),
    );
    const rows: CommitmentRow[] = [];
    for (const c of commitmentsOf.all(p.id, s.ids) as CommitmentRaw[]) {
      if (onlyClient !== undefined && c.client_id !== onlyClient) continue;
      const o = ordered.get(c.client_id);
      const amount = kopecksText(BigInt(o?.kop ?? 0));
      const quantity = thousandths(BigInt(o?.milli ?? 0));
      const f = fulfilment(steps, c.amount, { amount, quantity }, c.unit);
      rows.push({
        clientId: c.client_id,
        clientName: c.client_name ?? `#${c.client_id}`,
        managerId: c.manager_id,
        managerName: s.names.get(c.manager_id) ?? `#${c.manager_id}`,
        unit: c.unit,
        amount: String(c.amount),
        orderedAmount: amount,
        orderedQuantity: quantity,
        orders: o?.orders ?? 0,
        done: f.done,
        percent: f.percent,
        bonusPercent: f.bonusPercent,
        bonus: f.bonus,
        nextFrom: f.nextFrom,
        nextNeeds: f.nextNeeds,
        note: c.note,
      });
    }
    // The furthest behind first: those are the calls to make.
    rows.sort((a, b) => Number(a.percent) - Number(b.percent) || a.clientName.localeCompare(b.clientName, 'ru'));
    return rows;
  }

  function row(p: ProgrammeRaw, commitments: CommitmentRow[]): ProgrammeRow {
    const day = mskDay(now().toISOString());
    const money = commitments.filter((c) => c.unit === 'money');
    const sum = (xs: string[]) => kopecksText(xs.reduce((t, x) => t + moneyKopecks(x), 0n));
    return {
      id: p.id,
      name: p.name,
      season: p.season,
      orderFrom: p.order_from,
      orderTo: p.order_to,
      state: day < p.order_from ? 'upcoming' : day > p.order_to ? 'over' : 'open',
      groups: JSON.parse(p.groups) as string[],
      itemIds: JSON.parse(p.item_ids) as number[],
      bonusSteps: JSON.parse(p.bonus_steps) as SeasonBonusSteps,
      clients: commitments.length,
      committed: sum(money.map((c) => c.amount)),
      ordered: sum(money.map((c) => c.orderedAmount)),
    };
  }

  return {
    programmes() {
      const s = scope();
      return (all.all() as ProgrammeRaw[]).map((p) => row(p, detail(p, s)));
    },
    commitments(programmeId) {
      const p = one.get(programmeId) as ProgrammeRaw | undefined;
      if (!p) return { rows: [], managers: [] };
      const rows = detail(p, scope());
      const byManager = new Map<number, ManagerCommitments & { k: bigint[] }>();
      for (const r of rows) {
        const m = byManager.get(r.managerId) ?? {
          managerId: r.managerId,
          managerName: r.managerName,
          clients: 0,
          committed: '0.00',
          ordered: '0.00',
          met: 0,
          bonus: '0.00',
          k: [0n, 0n, 0n],
        };
        m.clients += 1;
        if (Number(r.percent) >= 100) m.met += 1;
        if (r.unit === 'money') {
          m.k[0]! += moneyKopecks(r.amount);
          m.k[1]! += moneyKopecks(r.orderedAmount);
        }
        m.k[2]! += moneyKopecks(r.bonus);
        byManager.set(r.managerId, m);
      }
      const managers = [...byManager.values()]
        .map(({ k, ...m }) => ({
          ...m,
          committed: kopecksText(k[0]!),
          ordered: kopecksText(k[1]!),
          bonus: kopecksText(k[2]!),
        }))
        .sort((a, b) => a.managerName.localeCompare(b.managerName, 'ru'));
      return { rows, managers };
    },
    forClient(clientId) {
      const s = scope();
      return (clientProgrammes.all(clientId) as string[]).flatMap((id) => {
        const p = one.get(id) as ProgrammeRaw | undefined;
        if (!p) return [];
        const [commitment] = detail(p, s, clientId);
        return commitment ? [{ programme: row(p, [commitment]), commitment }] : [];
      });
    },
  };
}
