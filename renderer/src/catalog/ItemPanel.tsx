// The item card beside the catalog: attributes, stock per warehouse with lead times, prices per
// price type with VAT, and analogs (click one to open it).
import { ActionIcon, Badge, Divider, Group, ScrollArea, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { formatMoney, formatQuantity, formatTime } from '../shared/format';

export function ItemPanel({
  id,
  onClose,
  onOpenItem,
}: {
  id: number;
  onClose: () => void;
  onOpenItem: (id: number) => void;
}) {
  const { t } = useTranslation();
  const item = useQuery({ queryKey: ['catalog', 'item', id], queryFn: () => unwrap(desk['catalog.item']({ id })) });
  useHotkeys([['Escape', onClose]], []);
  const d = item.data;
  return (
    <ScrollArea
      w={380}
      h="100%"
      style={{ borderLeft: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="item-panel"
    >
      {d && (
        <Stack gap="sm" p="md">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <div>
              <Title order={4} ff="monospace">
                {d.article}
              </Title>
              <Text size="sm">{d.name}</Text>
              <Text size="xs" c="dimmed">
                {d.manufacturer} · {d.group}
              </Text>
            </div>
            <Tooltip label={`${t('item.close')} (Esc)`}>
              <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label={t('item.close')}>
                ✕
              </ActionIcon>
            </Tooltip>
          </Group>
          <Group gap={6}>
            <Badge color={d.lifecycle === 'active' ? 'teal' : 'gray'} variant="light">
              {t(`item.lifecycle.${d.lifecycle}`)}
            </Badge>
            <Badge variant="outline" color="gray">
              {t('item.pack', { pack: d.packSize, unit: d.unit })}
            </Badge>
            <Badge variant="outline" color="gray">
              {t('item.vat', { rate: Number(d.vatRate) })}
            </Badge>
          </Group>
          {d.description && (
            <Text size="xs" style={{ whiteSpace: 'pre-line' }} data-testid="item-description">
              {d.description}
            </Text>
          )}
          <Divider
            label={
              d.stockAsOf
                ? `${t('item.stock')} · ${t('item.asOf', { time: formatTime(d.stockAsOf) })}`
                : t('item.stock')
            }
            labelPosition="left"
            data-testid="item-stock-as-of"
          />
          <Table fz="xs" verticalSpacing={2} horizontalSpacing={4}>
            <Table.Tbody>
              {d.stock.map((s) => (
                <Table.Tr key={s.warehouse.id}>
                  <Table.Td>{s.warehouse.name}</Table.Td>
                  <Table.Td ta="right" className="cell-num" c={s.quantity === 0 ? 'dimmed' : undefined}>
                    {formatQuantity(s.quantity)} {d.unit}
                  </Table.Td>
                  <Table.Td ta="right" c="dimmed">
                    {s.leadDays === null
                      ? ''
                      : s.leadDays === 0
                        ? t('item.today')
                        : t('item.days', { count: s.leadDays })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Divider
            label={
              d.pricesAsOf
                ? `${t('item.prices')} · ${t('item.asOf', { time: formatTime(d.pricesAsOf) })}`
                : t('item.prices')
            }
            labelPosition="left"
          />
          <Table fz="xs" verticalSpacing={2} horizontalSpacing={4}>
            <Table.Tbody>
              {d.prices.map((p) => (
                <Table.Tr key={p.priceType}>
                  <Table.Td>{p.priceType}</Table.Td>
                  <Table.Td ta="right" className="cell-num">
                    {formatMoney(p.price)} ₽
                  </Table.Td>
                  <Table.Td c="dimmed">{p.withVat ? t('item.withVat') : t('item.withoutVat')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Divider label={t('item.attributes')} labelPosition="left" />
          <Table fz="xs" verticalSpacing={2} horizontalSpacing={4}>
            <Table.Tbody>
              {Object.entries(d.attributes).map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Td c="dimmed">{k}</Table.Td>
                  <Table.Td>{v}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Divider label={t('item.analogs')} labelPosition="left" />
          {d.analogs.length === 0 ? (
            <Text size="xs" c="dimmed">
              {t('item.noAnalogs')}
            </Text>
          ) : (
            <Table fz="xs" verticalSpacing={2} horizontalSpacing={4} highlightOnHover>
              <Table.Tbody>
                {d.analogs.map((a) => (
                  <Table.Tr key={a.id} style={{ cursor: 'pointer' }} onClick={() => onOpenItem(a.id)}>
                    <Table.Td ff="monospace">{a.article}</Table.Td>
                    <Table.Td>{a.manufacturer}</Table.Td>
                    <Table.Td ta="right" className="cell-num" c={a.stockTotal === 0 ? 'dimmed' : undefined}>
                      {formatQuantity(a.stockTotal)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </ScrollArea>
  );
}
