// A plan's history: who set it to what and when, newest first, from the audit the server writes
// with each change (1C's plans have none here: 1C keeps theirs).
import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { formatMoney, formatTime } from '../shared/format';

export function PlanHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['plans', 'history', id],
    queryFn: () => unwrap(desk['plans.history']({ id })),
  });
  const changes = history.data?.changes ?? [];
  if (history.isSuccess && changes.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {t('plans.noHistory')}
      </Text>
    );
  return (
    <Stack gap={6}>
      {changes.map((c, i) => (
        <div key={i} data-testid="plan-change">
          <Text size="xs" c="dimmed">
            {formatTime(c.at)} · {c.userName}
          </Text>
          <Text size="sm">
            {c.new === null
              ? t('plans.removed', { amount: formatMoney(c.old?.amount ?? '0') })
              : c.old === null
                ? t('plans.created', { amount: formatMoney(c.new.amount) })
                : t('plans.changed', { from: formatMoney(c.old.amount), to: formatMoney(c.new.amount) })}
          </Text>
          {c.new?.note && (
            <Text size="xs" fs="italic">
              {c.new.note}
            </Text>
          )}
        </div>
      ))}
    </Stack>
  );
}
