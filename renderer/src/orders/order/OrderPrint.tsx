// The print view of an order: a plain paginated table of every line (the grid shows only what
// fits the screen), with the header and totals, in the print stylesheet's page layout.
import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView, OrderLineRow } from '../../../../domain/contract';
import { formatMoney, formatQuantity, formatTime } from '../../shared/format';
import { PrintSheet } from '../../shared/PrintSheet';

export function OrderPrint({
  order,
  lines,
  warehouseName,
  onClose,
}: {
  order: OrderHeaderView;
  lines: OrderLineRow[];
  warehouseName: (id: number | null) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <PrintSheet hint={t('orders.print.hint')} onClose={onClose} testId="order-print">
      <Title order={3}>
        {t('orders.print.title', {
          number: order.number ?? t('orders.notNumbered'),
          date: formatTime(order.createdAt),
        })}
      </Title>
      <Text size="sm">
        {t('orders.client')}: {order.clientName}
      </Text>
      <Text size="sm">
        {t('orders.warehouse')}: {order.warehouseName} · {t(`orders.statuses.${order.status}`)}
        {order.erpNumber ? ` · ${t('orders.erpNumber', { number: order.erpNumber })}` : ''}
      </Text>
      <Text size="sm">
        {order.agreement ? `${t('orders.header.agreement')} ${order.agreement}` : t('orders.header.noAgreement')}
        {' · '}
        {t(`orders.header.methods.${order.deliveryMethod}`)}
        {order.deliveryMethod === 'delivery' && order.deliveryAddress ? `: ${order.deliveryAddress}` : ''}
        {order.deliveryDate
          ? ` · ${t('orders.header.date')}: ${order.deliveryDate.split('-').reverse().join('.')}`
          : ''}
      </Text>
      {order.comment && (
        <Text size="sm">
          {t('orders.comment')}: {order.comment}
        </Text>
      )}
      <table className="desk-print-table">
        <thead>
          <tr>
            <th>{t('orders.lines.no')}</th>
            <th>{t('orders.lines.article')}</th>
            <th>{t('orders.lines.name')}</th>
            <th>{t('orders.lines.quantity')}</th>
            <th>{t('orders.lines.unit')}</th>
            <th>{t('orders.lines.price')}</th>
            <th>{t('orders.lines.discount')}</th>
            <th>{t('orders.lines.amount')}</th>
            <th>{t('orders.warehouse')}</th>
            <th>{t('orders.lines.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id}>
              <td>{l.lineNo}</td>
              <td>{l.article}</td>
              <td>{l.name}</td>
              <td className="num">{formatQuantity(Number(l.quantity))}</td>
              <td>{l.unit}</td>
              <td className="num">{formatMoney(l.price)}</td>
              <td className="num">{Number(l.discount) ? formatQuantity(Number(l.discount)) : ''}</td>
              <td className="num">{formatMoney(l.amount)}</td>
              <td>{warehouseName(l.warehouseId)}</td>
              <td>{l.comment}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={7}>{t('orders.print.total', { lines: lines.length })}</td>
            <td className="num">{formatMoney(order.total)}</td>
            <td colSpan={2}>
              {t('orders.sizeTotal', {
                kg: formatQuantity(Number(order.weightKg)),
                m3: formatQuantity(Number(order.volumeM3)),
              })}
            </td>
          </tr>
        </tfoot>
      </table>
    </PrintSheet>
  );
}
