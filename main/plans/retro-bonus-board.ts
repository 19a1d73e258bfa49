// The dashboard's retro bonuses: every client of the user's scope (a manager's own, a supervisor's
// team's, everyone's for an admin) with an agreement that has a scale, where it stands this period
// and what its next step needs, the nearest to the next step first: those are the calls to make.
import type Database from 'better-sqlite3';
import type { RetroBonusRow } from '../../domain/contract';
import type { SessionUser } from '../../domain/roles';
import { kopecksText, moneyKopecks } from '../../domain/orders/order';
import { teamManagers } from '../clients/team';
import { createRetroBonuses } from '../clients/retro-bonuses';

export interface RetroBonusBoard {
  rows(filter: { managerId?: number; at?: string }): { rows: RetroBonusRow[]; bonus: string; clients: number };
}

export function createRetroBonusBoard(sqlite: Database.Database, user: () => SessionUser): RetroBonusBoard {
  const bonuses = createRetroBonuses(sqlite);
  // Clients whose agreements name a scale at all: the rest need no reading.
  const withScales = sqlite.prepare(
    `SELECT c.id, c.name, c.manager_id AS managerId FROM clients c
     WHERE c.manager_id IN (SELECT value FROM json_each(?)) AND instr(c.agreements, '"bonusScale"') > 0 ORDER BY c.name`,
  );
  return {
    rows({ managerId, at }) {
      const team = teamManagers(sqlite, user());
      const names = new Map(team.map((m) => [m.id, m.name]));
      const ids = team.map((m) => m.id).filter((id) => managerId === undefined || id === managerId);
      const now = at ?? new Date().toISOString();
      const rows: RetroBonusRow[] = [];
      const clients = withScales.all(JSON.stringify(ids)) as { id: number; name: string; managerId: number }[];
      for (const c of clients)
        for (const b of bonuses.forClient(c.id, now))
          rows.push({
            ...b,
            clientId: c.id,
            clientName: c.name,
            managerId: c.managerId,
            managerName: names.get(c.managerId) ?? '',
          });
      // Nearest to its next step first (a call away from more bonus); those at the top last.
      rows.sort((a, b) =>
        a.next && b.next
          ? Number(moneyKopecks(a.next.needed) - moneyKopecks(b.next.needed))
          : a.next
            ? -1
            : b.next
              ? 1
              : 0,
      );
      const total = rows.reduce((s, r) => s + moneyKopecks(r.bonus), 0n);
      return { rows, bonus: kopecksText(total), clients: new Set(rows.map((r) => r.clientId)).size };
    },
  };
}
