// The header of the claims and tickets screens: the queues with their counts, a manager of the
// team (supervisors and admins), a quick search over the list, the "new" button, the keys hint.
import { Button, Group, SegmentedControl, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../domain/roles';
import { formatCount } from '../shared/format';
import { TeamManagerSelect } from '../shared/TeamManagerSelect';

export interface QueueFilters {
  managerId: number | null;
  search: string;
}

export function QueueHeader<Q extends string>({
  kind,
  queues,
  queue,
  onQueue,
  counts,
  role,
  filters,
  onFilters,
  newTestId,
  onNew,
}: {
  kind: 'claims' | 'tickets';
  queues: Q[];
  queue: Q;
  onQueue: (q: Q) => void;
  counts: Partial<Record<Q, number>> | undefined;
  role: Role;
  filters: QueueFilters;
  onFilters: (f: QueueFilters) => void;
  newTestId: string;
  onNew: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group px="md" py={6} gap="md" wrap="nowrap">
      <Title order={5}>{t(`${kind}.title`)}</Title>
      <SegmentedControl
        size="xs"
        value={queue}
        onChange={(v) => onQueue(v as Q)}
        data-testid={`${kind}-queues`}
        data={queues.map((q) => ({
          value: q,
          label: `${t(`${kind}.queues.${q}`)} · ${formatCount(counts?.[q] ?? 0)}`,
        }))}
      />
      {role !== 'manager' && (
        <TeamManagerSelect
          value={filters.managerId}
          onChange={(managerId) => onFilters({ ...filters, managerId })}
          testId={`${kind}-manager`}
        />
      )}
      <TextInput
        size="xs"
        w={200}
        placeholder={t(`${kind}.search`)}
        aria-label={t(`${kind}.search`)}
        value={filters.search}
        onChange={(e) => onFilters({ ...filters, search: e.currentTarget.value })}
        data-testid={`${kind}-search`}
      />
      <Button onClick={onNew} data-testid={newTestId}>
        {t(`${kind}.new.button`)}
      </Button>
      <Text size="xs" c="dimmed" ml="auto">
        {t(`${kind}.hint`)}
      </Text>
    </Group>
  );
}
