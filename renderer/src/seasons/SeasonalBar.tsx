// A seasonal order's programme under its header: which of the client's commitments it fills
// (chosen while a draft), and where the client stands: done of committed, the bonus earned, what
// the next step needs. The order counts once it goes to 1C.
import { Group, Select, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { refusalText } from '../shared/refusal';
import { formatMoney } from '../shared/format';
import { amountText, percentText } from './season-words';

export function SeasonalBar({ order }: { order: OrderHeaderView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const mine = useQuery({
    queryKey: ['seasons', 'forClient', order.clientId],
    queryFn: () => unwrap(desk['season.forClient']({ clientId: order.clientId })),
  });
  const draft = order.status === 'draft' || order.status === 'rejected';
  const current = mine.data?.find((x) => x.programme.id === order.kindState.programmeId) ?? null;
  const choices = (mine.data ?? []).filter((x) => x.programme.state === 'open' || x === current);
  const choose = async (programmeId: string | null) => {
    setError(null);
    try {
      await unwrap(desk['orders.setProgramme']({ id: order.id, programmeId }));
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
    } catch (e) {
      setError(refusalText(t, e, 'season', 'seasons.refused'));
    }
  };
  const c = current?.commitment;
  const left = c?.nextNeeds ?? null;
  // Nothing to choose from: said in full (a disabled list would cut it short), with who can help.
  if (mine.isSuccess && !choices.length && !current)
    return (
      <Text size="xs" c={draft ? 'orange.8' : 'dimmed'} data-testid="seasonal-bar">
        {t('seasons.order.none')}
      </Text>
    );
  return (
    <Group gap="xs" wrap="nowrap" data-testid="seasonal-bar">
      <Select
        size="xs"
        w={280}
        data-testid="seasonal-programme"
        aria-label={t('seasons.order.label')}
        placeholder={t('seasons.order.choose')}
        disabled={!draft}
        clearable={draft}
        value={order.kindState.programmeId}
        onChange={(v) => void choose(v)}
        data={choices.map((x) => ({ value: x.programme.id, label: x.programme.name }))}
      />
      {c && (
        <Text size="xs" c={Number(c.percent) >= 100 ? 'teal.8' : 'dimmed'} data-testid="seasonal-state">
          {t('seasons.order.state', {
            done: amountText(c.done, c.unit, t),
            amount: amountText(c.amount, c.unit, t),
            percent: percentText(c.percent),
            bonus: c.bonusPercent ? `${percentText(c.bonusPercent)} (${formatMoney(c.bonus)} ₽)` : '—',
          })}
          {left !== null && c.nextFrom
            ? t('seasons.order.next', { from: percentText(c.nextFrom), left: amountText(left, c.unit, t) })
            : ''}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" data-testid="seasonal-error">
          {error}
        </Text>
      )}
    </Group>
  );
}
