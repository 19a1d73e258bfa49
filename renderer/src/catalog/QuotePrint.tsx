// The print view of a quote (коммерческое предложение) for the client: every line with its article,
// name, quantity, the client's price and amount, availability and lead time, the total, the price
// type and whether prices include VAT; the same page layout as an order's print.
import { Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { QuoteLine } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { formatDate, formatMoney, formatQuantity } from '../shared/format';
import { PrintSheet } from '../shared/PrintSheet';
import { quoteRefusal } from './quote-refusal';

export function QuotePrint({
  clientId,
  lines,
  onClose,
}: {
  clientId: number;
  lines: QuoteLine[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const quote = useQuery({
    queryKey: ['quotes', 'document', clientId, lines],
    queryFn: () => unwrap(desk['quotes.document']({ clientId, lines })),
  });
  const q = quote.data;
  return (
    <PrintSheet hint={t('quotes.printHint')} ready={!!q} onClose={onClose} testId="quote-print">
      {!q ? (
        quote.error ? (
          <Text c="red.7">{quoteRefusal(t, quote.error)}</Text>
        ) : (
          <Loader size="sm" />
        )
      ) : (
        <>
          <Title order={3}>{t('quotes.printTitle', { date: formatDate(new Date().toISOString()) })}</Title>
          <Text size="sm">
            {t('orders.client')}: {q.clientName}
          </Text>
          <Text size="sm">
            {t('quotes.printPrices', {
              priceType: q.priceType,
              vat: t(q.withVat ? 'quotes.withVat' : 'quotes.withoutVat'),
            })}
          </Text>
          <table className="desk-print-table">
            <thead>
              <tr>
                <th>{t('orders.lines.no')}</th>
                <th>{t('orders.lines.article')}</th>
                <th>{t('orders.lines.name')}</th>
                <th>{t('orders.lines.quantity')}</th>
                <th>{t('orders.lines.unit')}</th>
                <th>{t('orders.lines.price')}</th>
                <th>{t('orders.lines.amount')}</th>
                <th>{t('quotes.availability')}</th>
                <th>{t('orders.lines.lead')}</th>
              </tr>
            </thead>
            <tbody>
              {q.lines.map((l, i) => (
                <tr key={i}>
                  <td>{i + 1}</td>
                  <td>{l.article}</td>
                  <td>{l.name}</td>
                  <td className="num">{formatQuantity(Number(l.quantity))}</td>
                  <td>{l.unit}</td>
                  <td className="num">{l.price === null ? t('quotes.onRequest') : formatMoney(l.price)}</td>
                  <td className="num">{l.amount === null ? '' : formatMoney(l.amount)}</td>
                  <td>{l.stock > 0 ? t('quotes.inStock') : ''}</td>
                  <td>{l.stock > 0 || l.leadDays === null ? '' : t('orders.lines.days', { count: l.leadDays })}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={6}>{t('orders.print.total', { lines: q.lines.length })}</td>
                <td className="num" data-testid="quote-print-total">
                  {formatMoney(q.total)}
                </td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </PrintSheet>
  );
}
