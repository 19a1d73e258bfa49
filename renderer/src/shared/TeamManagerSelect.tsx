// Picks one manager of the user's team (or the whole team): the filter of the supervisor's and
// admin's queues and dashboards. Not shown to a manager, whose team is themselves.
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from './desk';

export function TeamManagerSelect({
  value,
  onChange,
  testId,
}: {
  value: number | null;
  onChange: (id: number | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const team = useQuery({ queryKey: ['team.managers'], queryFn: () => unwrap(desk['team.managers']({})) });
  return (
    <Select
      size="xs"
      w={210}
      clearable
      searchable
      data-testid={testId}
      aria-label={t('team.manager')}
      placeholder={t('team.everyone')}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      data={(team.data ?? []).map((m) => ({
        value: String(m.id),
        label: m.active ? m.name : `${m.name} (${t('team.inactive')})`,
      }))}
      nothingFoundMessage={t('team.nobody')}
    />
  );
}
