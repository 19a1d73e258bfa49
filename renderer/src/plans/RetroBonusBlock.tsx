// A client's retro bonus under an agreement, this period: the turnover so far, the percent it
// reached and the bonus it gives, the scale with the step reached marked, and in one line what the
// next threshold needs ("23 400 ₽ more this quarter gives 3 %"). The order header uses the line.
import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BonusStandingView, RetroBonusView } from '../../../domain/contract';
import { formatDate, formatMoney } from '../shared/format';

/** "23 400 ₽ more this quarter gives 3 %", or the top of the scale reached. */
export function bonusNextText(
  t: (k: string, o?: Record<string, unknown>) => string,
  b: Pick<RetroBonusView, 'period'> & BonusStandingView,
): string {
  return b.next
    ? t('retroBonus.next', {
        needed: formatMoney(b.next.needed),
        period: t(`retroBonus.periods.${b.period}`),
        percent: b.next.percent,
      })
    : t('retroBonus.top');
}

export function RetroBonusBlock({ b }: { b: RetroBonusView }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="retro-bonus">
      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('retroBonus.title', { agreement: b.agreement })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('retroBonus.period', {
            from: formatDate(b.from),
            to: formatDate(new Date(Date.parse(b.to) - 86_400_000).toISOString()),
          })}
        </Text>
      </Group>
      <Text size="xs">
        {t('retroBonus.standing', {
          turnover: formatMoney(b.turnover),
          percent: b.percent ?? '0',
          bonus: formatMoney(b.bonus),
        })}
      </Text>
      <Text size="xs" c={b.next ? 'blue.8' : 'teal.8'} fw={600} data-testid="retro-bonus-next">
        {bonusNextText(t, b)}
      </Text>
      <Table fz="xs" verticalSpacing={1} horizontalSpacing={4} withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td c="dimmed">{t('retroBonus.from')}</Table.Td>
            {b.steps.map((s) => (
              <Table.Td key={s.from} ta="right" fw={s.percent === b.percent ? 700 : undefined}>
                {formatMoney(s.from)}
              </Table.Td>
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('retroBonus.percent')}</Table.Td>
            {b.steps.map((s) => (
              <Table.Td key={s.from} ta="right" fw={s.percent === b.percent ? 700 : undefined}>
                {s.percent} %
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
