// The client's receivables on the card, as the ERP last reported them: the aging buckets (not
// due, 1–30, 31–60, 61–90, over 90 days), the open documents with their days overdue, and the
// payment schedule, all with the report's "as of".
import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientReceivables } from '../../../domain/contract';
import { formatDate, formatMoney, formatTime } from '../shared/format';

/** The aging buckets in order (as domain/clients/receivables.ts, without its decimal arithmetic). */
export const AGING_BUCKETS = ['notDue', 'd1_30', 'd31_60', 'd61_90', 'd90plus'] as const;

export function ReceivablesBlock({ r }: { r: ClientReceivables }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="receivables">
      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('receivables.title')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('receivables.asOf', { at: formatTime(r.asOf) })}
        </Text>
      </Group>
      <Table fz="xs" verticalSpacing={2} horizontalSpacing={4} withTableBorder data-testid="aging">
        <Table.Thead>
          <Table.Tr>
            {AGING_BUCKETS.map((b) => (
              <Table.Th key={b} ta="right">
                {t(`receivables.buckets.${b}`)}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('receivables.open')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            {AGING_BUCKETS.map((b) => (
              <Table.Td
                key={b}
                ta="right"
                c={b !== 'notDue' && Number(r.buckets[b]) > 0 ? 'red.7' : undefined}
                data-testid={`aging-${b}`}
              >
                {formatMoney(r.buckets[b])}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={600}>
              {formatMoney(r.open)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {r.documents.length > 0 && (
        <Table fz="xs" verticalSpacing={1} horizontalSpacing={4} data-testid="receivable-documents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('receivables.columns.number')}</Table.Th>
              <Table.Th>{t('receivables.columns.date')}</Table.Th>
              <Table.Th ta="right">{t('receivables.columns.amount')}</Table.Th>
              <Table.Th>{t('receivables.columns.due')}</Table.Th>
              <Table.Th ta="right">{t('receivables.columns.paid')}</Table.Th>
              <Table.Th ta="right">{t('receivables.columns.days')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.documents.map((d) => (
              <Table.Tr key={d.number}>
                <Table.Td>{d.number}</Table.Td>
                <Table.Td>{formatDate(d.date)}</Table.Td>
                <Table.Td ta="right">{formatMoney(d.amount)}</Table.Td>
                <Table.Td>{formatDate(d.dueDate)}</Table.Td>
                <Table.Td ta="right">{formatMoney(d.paid)}</Table.Td>
                <Table.Td ta="right" c={d.daysOverdue > 0 ? 'red.7' : 'dimmed'}>
                  {d.daysOverdue > 0 ? d.daysOverdue : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {r.schedule.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="payment-schedule">
          {t('receivables.schedule')}:{' '}
          {r.schedule.map((p) => `${formatDate(p.date)} — ${formatMoney(p.amount)} ₽`).join('; ')}
        </Text>
      )}
    </Stack>
  );
}
