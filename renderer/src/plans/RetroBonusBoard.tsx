// The dashboard's retro bonuses: the clients of the scope (or of one manager) on their agreements'
// scales this period, the nearest to the next step first, with what each has earned (.xlsx too).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { formatMoney } from '../shared/format';
import { DashTable } from '../dashboard/dashboard-parts';

export function RetroBonusBoard({ managerId }: { managerId: number | null }) {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: ['plans', 'retroBonuses', managerId],
    queryFn: () => unwrap(desk['plans.retroBonuses']({ ...(managerId ? { managerId } : {}) })),
  });
  const rows = (board.data?.rows ?? []).map((r) => ({
    ...r,
    percent: r.percent ?? '—',
    earned: r.bonus,
    needed: r.next?.needed ?? null,
    nextPercent: r.next?.percent ?? '—',
  }));
  return (
    <DashTable
      testId="table-retro-bonuses"
      title={t('dashboard.tables.retroBonuses', { bonus: formatMoney(board.data?.bonus ?? '0') })}
      rows={rows}
      columns={[
        { key: 'managerName', type: 'text', width: 130 },
        { key: 'clientName', type: 'text', flex: 1 },
        { key: 'agreement', type: 'text', width: 110 },
        { key: 'turnover', type: 'money', width: 120 },
        { key: 'percent', type: 'text', width: 90 },
        { key: 'earned', type: 'money', width: 100 },
        { key: 'needed', type: 'money', width: 120 },
        { key: 'nextPercent', type: 'text', width: 90 },
      ]}
    />
  );
}
