// The admin's pricing rules: clients' coefficients (with per-group dated ones and the client's
// category), price floors, quantity breaks and promotions; each edited in a side form, checked by
// "what if" first (the open drafts it re-prices, the amount and margin change, the overrides it
// puts under a floor, a diff against the rule as it is), then published: an ordinary change,
// queued while offline. The history tab lists every rule and coefficient change with who and when.
import { Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { formatTime } from '../shared/format';

import {
  ClientPricingForm,
  RULE_FIELDS,
  RuleForm,
  showDate,
  type ClientRow,
  type RuleRow,
  type Tab,
} from './pricing-forms';
import { PricingHistory } from './PricingHistory';

export function PricingScreen() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>('clients');
  const [selected, setSelected] = useState<string | null>(null);
  const view = useQuery({ queryKey: ['pricing', 'rules'], queryFn: () => unwrap(desk['pricing.rules']({})) });
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.includes('price_rules') || tables.includes('clients') || tables.includes('price_audit'))
          void queryClient.invalidateQueries({ queryKey: ['pricing'] });
      }),
    [queryClient],
  );
  const data = view.data;

  const ruleColumns = useMemo<ColDef<RuleRow>[]>(() => {
    if (tab === 'clients' || tab === 'history') return [];
    return [
      { field: 'id', headerName: t('pricing.fields.id'), width: 150, cellClass: 'desk-mono' },
      ...RULE_FIELDS[tab].map((f): ColDef<RuleRow> => ({
        colId: f.key,
        headerName: t(`pricing.fields.${f.key}`),
        width: f.key === 'name' ? 200 : 120,
        valueGetter: (p) => {
          const v = p.data?.body[f.key];
          return f.type === 'bool'
            ? v
              ? '✓'
              : ''
            : f.type === 'date'
              ? showDate(v)
              : v === null || v === undefined
                ? t('pricing.any')
                : Array.isArray(v)
                  ? v.join(', ')
                  : String(v);
        },
      })),
      { field: 'updatedBy', headerName: t('pricing.fields.updatedBy'), width: 170 },
      {
        field: 'updatedAt',
        headerName: t('pricing.fields.updatedAt'),
        width: 130,
        valueFormatter: (p) => formatTime(p.value as string),
      },
    ];
  }, [t, tab]);
  const clientColumns = useMemo<ColDef<ClientRow>[]>(
    () => [
      { field: 'name', headerName: t('pricing.fields.client'), flex: 1, minWidth: 220 },
      {
        colId: 'priceType',
        headerName: t('pricing.fields.priceType'),
        width: 130,
        valueGetter: (p) => data?.priceTypes.find((x) => x.id === p.data?.priceTypeId)?.name ?? '',
      },
      { field: 'clientGroup', headerName: t('pricing.fields.clientGroup'), width: 130 },
      { field: 'coefficient', headerName: t('pricing.fields.coefficient'), width: 110, type: 'numericColumn' },
      {
        colId: 'rules',
        headerName: t('pricing.fields.groupRules'),
        width: 260,
        valueGetter: (p) =>
          (p.data?.rules ?? []).map((r) => `${r.group ?? t('pricing.any')} × ${r.coefficient}`).join('; '),
      },
    ],
    [t, data],
  );

  return (
    <div className="desk-screen" data-testid="pricing-screen">
      <Group px="md" py={6} gap="md" wrap="nowrap">
        <Title order={5}>{t('pricing.title')}</Title>
        <SegmentedControl
          size="xs"
          transitionDuration={0}
          value={tab}
          onChange={(v) => {
            setTab(v as Tab);
            setSelected(null);
          }}
          data-testid="pricing-tabs"
          data={(['clients', 'floor', 'break', 'promotion', 'history'] as const).map((v) => ({
            value: v,
            label: t(`pricing.tabs.${v}`),
          }))}
        />
        {tab !== 'clients' && tab !== 'history' && (
          <Button size="xs" variant="light" onClick={() => setSelected(`new:${tab}`)} data-testid="pricing-new">
            {t('pricing.new')}
          </Button>
        )}
        <Text size="xs" c="dimmed" ml="auto">
          {t('pricing.hint')}
        </Text>
      </Group>
      <Group align="stretch" gap={0} wrap="nowrap" style={{ flex: 1, minHeight: 0 }}>
        <div className="desk-grid" style={{ flex: 1 }} data-testid="pricing-grid">
          {tab === 'history' ? (
            <PricingHistory />
          ) : tab === 'clients' ? (
            <DeskGrid<ClientRow>
              rowData={data?.clients ?? []}
              columnDefs={clientColumns}
              getRowId={(p) => String(p.data.id)}
              onRowClicked={(e) => e.data && setSelected(`client:${e.data.id}`)}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data)
                  setSelected(`client:${e.data.id}`);
              }}
            />
          ) : (
            <DeskGrid<RuleRow>
              rowData={(data?.rules ?? []).filter((r) => r.kind === tab)}
              columnDefs={ruleColumns}
              getRowId={(p) => p.data.id}
              onRowClicked={(e) => e.data && setSelected(e.data.id)}
              onCellKeyDown={(e) => {
                if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) setSelected(e.data.id);
              }}
            />
          )}
        </div>
        {data && selected && tab !== 'history' && (
          <div style={{ width: 460, borderLeft: '1px solid var(--mantine-color-gray-3)', overflow: 'auto' }}>
            {tab === 'clients' ? (
              <ClientPricingForm
                key={selected}
                view={data}
                client={data.clients.find((c) => `client:${c.id}` === selected)!}
                onClose={() => setSelected(null)}
              />
            ) : (
              <RuleForm
                key={selected}
                view={data}
                kind={tab}
                rule={data.rules.find((r) => r.id === selected) ?? null}
                onClose={() => setSelected(null)}
              />
            )}
          </div>
        )}
      </Group>
    </div>
  );
}

/** What if, then publish: shared by the rule form and the client form. */
