// "Why this price": the pricing engine's steps for one line as a small table (step, rule, value),
// and the line's price as stored against the rules' price today, the change coloured (up red,
// down green). Opened with Alt+P on a line or from the toolbar.
import { Badge, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { priceChange } from '../../../domain/orders/order-figures';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { formatMoney, formatQuantity } from '../shared/format';

/** A coefficient with its four places as the language writes decimals (0,9203). */
const formatCoefficient = (v: string | undefined): string => (v === undefined ? '' : formatMoney(v));

/** A rule as the engine writes it ("k1:1.2", "b1:1000..4999:-3%", "p1:-10%") in words. */
function ruleText(t: TFunction, step: string, rule: string, priceType: string): string {
  const parts = rule.split(':');
  switch (step) {
    case 'base':
      return t('orders.why.rules.base', { type: priceType || parts[1] || '' });
    case 'coefficient':
      return parts[0] === 'client'
        ? t('orders.why.rules.clientCoefficient', { value: formatCoefficient(parts[1]) })
        : t('orders.why.rules.groupCoefficient', { value: formatCoefficient(parts[1]), rule: parts[0] });
    case 'break': {
      const [from, to] = (parts[1] ?? '').split('..');
      return t(to ? 'orders.why.rules.break' : 'orders.why.rules.breakOpen', {
        from: formatQuantity(Number(from)),
        to: to ? formatQuantity(Number(to)) : '',
        discount: (parts[2] ?? '').replace(/^-|%$/g, ''),
      });
    }
    case 'promotion':
      return t('orders.why.rules.promotion', { rule: parts[0], discount: (parts[1] ?? '').replace(/^-|%$/g, '') });
    case 'rounding':
      return t('orders.why.rules.rounding', { places: parts[0] });
    case 'override':
      return t('orders.why.rules.override');
    case 'discount':
      return t('orders.why.rules.discount');
    default:
      return rule;
  }
}

/** Why a line of an order costs what it does, or (a quote) why an item costs a client what it does. */
export type PriceWhyOf = { orderId: string; lineId: string } | { clientId: number; itemId: number };

export function PriceWhy({ onClose, ...of }: PriceWhyOf & { onClose: () => void }) {
  const { t } = useTranslation();
  const why = useQuery({
    queryKey: ['explainPrice', of],
    queryFn: () =>
      'orderId' in of
        ? unwrap(desk['orders.explainPrice']({ orderId: of.orderId, lineId: of.lineId }))
        : unwrap(desk['quotes.explainPrice']({ clientId: of.clientId, itemId: of.itemId })),
  });
  const quote = !('orderId' in of);
  const w = why.data;
  const change = w?.now ? priceChange(w.now, w.stored) : null;
  return (
    // In an order, Escape is the order view's (it closes this first, then leaves the order): one
    // handler, no double step. In the catalog the dialog closes itself.
    <Modal
      opened
      onClose={onClose}
      closeOnEscape={quote}
      title={w ? t('orders.why.title', { article: w.article }) : t('orders.why.titleLoading')}
      size="lg"
      data-testid="price-why"
    >
      {w && (
        <Stack gap="sm">
          <Group gap="lg">
            {!quote && (
              <Text size="sm">
                {t('orders.why.stored')}: <b>{formatMoney(w.stored)}</b> ({t(`orders.sources.${w.storedSource}`)})
              </Text>
            )}
            {w.now !== null && (
              <Text size="sm" data-testid="price-why-now">
                {t('orders.why.now')}: <b>{formatMoney(w.now)}</b>
                {change && change.direction !== 'none' && (
                  <Badge
                    ml={6}
                    size="sm"
                    variant="light"
                    color={change.direction === 'up' ? 'red' : 'green'}
                    data-testid="price-why-change"
                  >
                    {change.direction === 'up' ? '+' : '−'}
                    {formatMoney(change.by)}
                  </Badge>
                )}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('orders.why.quantity', { quantity: formatQuantity(Number(w.quantity)) })}
            </Text>
          </Group>
          {!quote && w.storedSource === 'manual' && (
            <Text size="xs" c="dimmed">
              {t('orders.why.manual')}
            </Text>
          )}
          {w.now === null ? (
            <Text size="sm" c="red.7">
              {t('orders.why.noPrice')}
            </Text>
          ) : (
            <Table withTableBorder withColumnBorders striped fz="sm" data-testid="price-why-trace">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('orders.why.step')}</Table.Th>
                  <Table.Th>{t('orders.why.rule')}</Table.Th>
                  <Table.Th ta="right">{t('orders.why.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {w.trace.map((s, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{t(`orders.why.steps.${s.step}`)}</Table.Td>
                    <Table.Td>{ruleText(t, s.step, s.rule, w.priceType)}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {s.value.endsWith('%') ? s.value : formatMoney(s.value)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {w.vat !== null && (
            <Text size="xs" c="dimmed">
              {t(w.withVat ? 'orders.why.vatIn' : 'orders.why.vatOn', {
                rate: formatQuantity(Number(w.vatRate)),
                vat: formatMoney(w.vat),
              })}
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}
