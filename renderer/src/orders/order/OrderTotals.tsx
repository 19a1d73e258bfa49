// The bar under an order's lines: amount and lines, margin with its percent, VAT and the total
// with VAT (as the ERP sums them), the VAT basis the grid shows prices in, weight and volume, the
// lines with remarks, the last notice, and the selected range's count, sum and average.
import { SegmentedControl, Text, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView } from '../../../../domain/contract';
import { marginPercent, type VatBasis } from '../../../../domain/orders/order-figures';
import { formatCount, formatMoney, formatPercent, formatQuantity, formatVolume } from '../../shared/format';

export interface RangeFigures {
  lines: number;
  count: number;
  sum: string;
  avg: string | null;
}

export function OrderTotals({
  order: o,
  shownBasis,
  onBasis,
  problemLines,
  loadingLines,
  notice,
  figures,
}: {
  order: OrderHeaderView;
  shownBasis: VatBasis;
  onBasis(basis: VatBasis): void;
  problemLines: number;
  loadingLines: boolean;
  notice: string | null;
  figures: RangeFigures | null;
}) {
  const { t } = useTranslation();
  return (
    <Group px="md" py={4} gap="lg" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
      <Text size="sm" fw={600} data-testid="order-totals">
        {t('orders.totals', { amount: formatMoney(o.total), lines: formatCount(o.linesCount) })}
      </Text>
      <Text size="xs" c={Number(o.margin) < 0 ? 'red.7' : 'dimmed'} data-testid="order-margin">
        {t('orders.marginTotal', {
          amount: formatMoney(o.margin),
          percent: formatPercent(marginPercent(o.margin, o.total)),
        })}
      </Text>
      <Text size="xs" c="dimmed" data-testid="order-vat">
        {t('orders.vatTotal', { vat: formatMoney(o.vat), gross: formatMoney(o.gross) })}
      </Text>
      <SegmentedControl
        size="xs"
        value={shownBasis}
        data-testid="vat-view"
        onChange={(v) => onBasis(v as VatBasis)}
        data={(['with', 'without'] as const).map((v) => ({ value: v, label: t(`orders.vatView.${v}`) }))}
      />
      <Text size="xs" c="dimmed" data-testid="order-size">
        {t('orders.sizeTotal', { kg: formatQuantity(Number(o.weightKg)), m3: formatVolume(Number(o.volumeM3)) })}
      </Text>
      {problemLines > 0 && (
        <Text size="xs" c="orange.8" data-testid="order-problems">
          {t('orders.problemLines', { count: problemLines })}
        </Text>
      )}
      {loadingLines && (
        <Text size="xs" c="dimmed">
          {t('orders.loadingLines', { count: formatCount(o.linesCount) })}
        </Text>
      )}
      {notice && (
        <Text size="xs" c="dimmed" data-testid="order-notice">
          {notice}
        </Text>
      )}
      {figures && (
        <Text size="xs" ml="auto" data-testid="selection-figures">
          {t('orders.figures', {
            lines: formatCount(figures.lines),
            count: formatCount(figures.count),
            sum: formatQuantity(Number(figures.sum)),
            avg: figures.avg === null ? '—' : formatQuantity(Number(figures.avg)),
          })}
        </Text>
      )}
    </Group>
  );
}
