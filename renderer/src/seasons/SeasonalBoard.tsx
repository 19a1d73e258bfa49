// The dashboard's seasonal programmes: for the programmes taking orders now, every client's
// commitment against what was ordered (the furthest behind first) and the sums per manager.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { DashTable } from '../dashboard/dashboard-parts';
import { amountText } from './season-words';

export function SeasonalBoard({ managerId }: { managerId: number | null }) {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: ['seasons', 'board'],
    queryFn: async () => {
      const open = (await unwrap(desk['season.programmes']({}))).filter((p) => p.state === 'open');
      const details = await Promise.all(
        open.map(async (p) => ({ p, d: await unwrap(desk['season.commitments']({ programmeId: p.id })) })),
      );
      return details;
    },
  });
  const data = board.data ?? [];
  if (!data.length) return null;
  const clients = data
    .flatMap(({ p, d }) =>
      d.rows.map((r) => ({
        programme: p.name,
        clientName: r.clientName,
        managerName: r.managerName,
        managerId: r.managerId,
        commitment: amountText(r.amount, r.unit, t),
        ordered: amountText(r.done, r.unit, t),
        done: Number(r.percent),
        seasonBonus: r.bonus,
      })),
    )
    .filter((r) => managerId === null || r.managerId === managerId)
    .sort((a, b) => a.done - b.done);
  const managers = data
    .flatMap(({ p, d }) => d.managers.map((m) => ({ ...m, programme: p.name, seasonBonus: m.bonus })))
    .filter((m) => managerId === null || m.managerId === managerId);
  return (
    <>
      <DashTable
        testId="table-season-clients"
        title={t('dashboard.tables.seasonClients', { programmes: data.map(({ p }) => p.name).join(', ') })}
        rows={clients}
        columns={[
          { key: 'programme', type: 'text', width: 150 },
          { key: 'clientName', type: 'text', flex: 1 },
          { key: 'managerName', type: 'text', width: 130 },
          { key: 'commitment', type: 'text', width: 130 },
          { key: 'ordered', type: 'text', width: 130 },
          { key: 'done', type: 'int', width: 100 },
          { key: 'seasonBonus', type: 'money', width: 110 },
        ]}
      />
      <DashTable
        testId="table-season-managers"
        title={t('dashboard.tables.seasonManagers')}
        rows={managers}
        columns={[
          { key: 'programme', type: 'text', width: 150 },
          { key: 'managerName', type: 'text', flex: 1 },
          { key: 'clients', type: 'int', width: 90 },
          { key: 'committed', type: 'money', width: 130 },
          { key: 'ordered', type: 'money', width: 130 },
          { key: 'met', type: 'int', width: 90 },
          { key: 'seasonBonus', type: 'money', width: 110 },
        ]}
      />
    </>
  );
}
