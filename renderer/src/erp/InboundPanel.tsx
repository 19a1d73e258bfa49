// What came in from the ERP, for supervisors and admins: the initial load of the master data
// (progress per kind while it runs, what it read and refused when done) and the records the ERP
// sent that could not be taken, each with the feed, the ERP's position and key, so they can be
// found and fixed in 1C. Reads the server directly, refreshed every few seconds.
import { Alert, Group, Progress, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { inboundMessage } from './inbound-messages';
import type { InboundView } from '../../../domain/contract';
import { desk, errorText, unwrap } from '../shared/desk';
import { formatCount, formatTime } from '../shared/format';
import { DeskGrid } from '../shared/DeskGrid';

type InboundError = InboundView['recent'][number];

const KINDS = ['warehouses', 'priceTypes', 'staff', 'items', 'prices', 'stock', 'clients'] as const;

export function InboundPanel() {
  const { t } = useTranslation();
  const view = useQuery({
    queryKey: ['erp-inbound'],
    queryFn: () => unwrap(desk['erp.inbound']({})),
    refetchInterval: (q) => (q.state.data?.load?.status === 'loading' ? 1000 : 5000),
    retry: false,
  });
  const columns = useMemo<ColDef<InboundError>[]>(
    () => [
      {
        field: 'at',
        headerName: t('inbound.columns.at'),
        width: 120,
        valueFormatter: (p) => formatTime(p.value as string),
      },
      { field: 'feed', headerName: t('inbound.columns.feed'), width: 170 },
      { field: 'position', headerName: t('inbound.columns.position'), width: 130 },
      { field: 'key', headerName: t('inbound.columns.key'), width: 110 },
      {
        field: 'message',
        headerName: t('inbound.columns.message'),
        flex: 1,
        minWidth: 300,
        valueFormatter: (p) => inboundMessage(t, p.value as string),
        tooltipField: 'message',
        cellStyle: { color: 'var(--mantine-color-red-8)' },
      },
    ],
    [t],
  );
  const load = view.data?.load ?? null;
  const sum = (counts: Record<string, number> | undefined) => Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
  const errors = view.data?.counts.reduce((a, c) => a + c.count, 0) ?? 0;
  return (
    <>
      <Group px="md" py={4} gap="lg" wrap="nowrap" data-testid="inbound-load">
        {!load && <Text size="xs">{t('inbound.noLoad')}</Text>}
        {load?.status === 'loading' && (
          <>
            <Text size="xs" fw={600}>
              {t('inbound.loading', { kind: t(`inbound.kinds.${load.entity}`) })}
            </Text>
            <Progress
              value={(100 * (KINDS.indexOf(load.entity as (typeof KINDS)[number]) + 1)) / KINDS.length}
              size="sm"
              w={160}
            />
            <Text size="xs" c="dimmed">
              {t('inbound.read', { count: sum(load.read), total: formatCount(sum(load.totals)) })}
            </Text>
          </>
        )}
        {load?.status === 'done' && (
          <Text size="xs">
            {t('inbound.done', {
              at: formatTime(load.finishedAt),
              read: formatCount(sum(load.read)),
              refused: formatCount(sum(load.refused)),
            })}
          </Text>
        )}
        <Text size="xs" c={errors ? 'red.8' : 'dimmed'} ml="auto" data-testid="inbound-error-count">
          {t('inbound.errors', { count: errors })}
        </Text>
      </Group>
      {view.error && (
        <Alert color="red" variant="light" mx="md" p={6}>
          <Text size="xs">{errorText(t, view.error)}</Text>
        </Alert>
      )}
      <div className="desk-grid" data-testid="inbound-grid">
        <DeskGrid<InboundError>
          rowData={view.data?.recent ?? []}
          columnDefs={columns}
          overlayNoRowsTemplate={t('inbound.empty')}
        />
      </div>
    </>
  );
}
