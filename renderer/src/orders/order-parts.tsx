// Small pieces the order list and the order editor share: the status badge, the ERP side of an
// order in words, and decimal text for editing.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderListRow } from '../../../domain/contract';
import { formatTime } from '../shared/format';

const STATUS_COLOR: Record<OrderListRow['status'], string> = {
  draft: 'gray',
  submitted: 'orange',
  accepted: 'blue',
  processing: 'indigo',
  assembling: 'violet',
  shipped: 'teal',
  closed: 'dark',
  cancelled: 'gray',
  rejected: 'red',
};

export function OrderStatusBadge({
  order,
  testId = 'order-status',
}: {
  order: Pick<OrderListRow, 'status' | 'submittedAt'>;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[order.status]} variant="light" size="sm" data-testid={testId}>
      {t(`orders.statuses.${order.status}`)}
    </Badge>
  );
}

/** The ERP side of an order in words: its ERP number, "waiting for ERP since 10:42", or the ERP's refusal. */
export function erpText(
  t: (k: string, o?: Record<string, unknown>) => string,
  o: Pick<OrderListRow, 'status' | 'submittedAt' | 'erpNumber' | 'erpError'>,
): string {
  if (o.status === 'submitted') return t('orders.waitingSince', { time: formatTime(o.submittedAt) });
  if (o.erpError) return t('orders.erpRejected', { reason: o.erpError });
  return o.erpNumber ? t('orders.erpNumber', { number: o.erpNumber }) : '';
}

/** Decimal text without trailing zeros, for editing: "20.000" → "20", "58.8900" → "58.89". */
export const plain = (v: unknown): string => {
  const s = String(v ?? '');
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};
