// The admin's pricing rules: clients' coefficients (with per-group dated ones and the client's
// category), price floors, quantity breaks and promotions; each edited in a side form, checked by
// "what if" first (the open drafts it re-prices, the amount and margin change, the overrides it
// puts under a floor, a diff against the rule as it is), then published: an ordinary change,
// queued while offline. The history tab lists every rule and coefficient change with who and when.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PricingChange, PricingRulesView, WhatIfResult } from '../../../domain/contract';
import { typedDate } from '../../../domain/orders/order';
import { desk, onDeskEvent, unwrap } from '../desk';
import { DeskGrid } from '../DeskGrid';
import { formatCount, formatMoney, formatTime } from '../format';

type Tab = 'clients' | 'floor' | 'break' | 'promotion' | 'history';
type RuleRow = PricingRulesView['rules'][number];
type ClientRow = PricingRulesView['clients'][number];
type Form = Record<string, string | boolean>;

const RULE_FIELDS: Record<
  'floor' | 'break' | 'promotion',
  { key: string; type: 'text' | 'number' | 'date' | 'group' | 'clientGroup' | 'bool' | 'ids' }[]
> = {
  floor: [
    { key: 'group', type: 'group' },
    { key: 'clientGroup', type: 'clientGroup' },
    { key: 'minMarginPct', type: 'number' },
    { key: 'minPricePct', type: 'number' },
  ],
  break: [
    { key: 'itemId', type: 'number' },
    { key: 'group', type: 'group' },
    { key: 'minQty', type: 'number' },
    { key: 'maxQty', type: 'number' },
    { key: 'discount', type: 'number' },
  ],
  promotion: [
    { key: 'name', type: 'text' },
    { key: 'from', type: 'date' },
    { key: 'to', type: 'date' },
    { key: 'itemIds', type: 'ids' },
    { key: 'group', type: 'group' },
    { key: 'clientGroup', type: 'clientGroup' },
    { key: 'discount', type: 'number' },
    { key: 'stacks', type: 'bool' },
    { key: 'priority', type: 'number' },
  ],
};

const decimalText = (v: string) => v.trim().replace(/\s/g, '').replace(',', '.');
const dateText = (v: string) => (v.trim() ? (typedDate(v) ?? v.trim()) : '');
const showDate = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v.slice(8, 10)}.${v.slice(5, 7)}.${v.slice(0, 4)}` : '';

/** A rule's body as the form shows it (text fields), and back (the mutation's shape; empty: null). */
function formOf(kind: 'floor' | 'break' | 'promotion', body: Record<string, unknown>): Form {
  const f: Form = {};
  for (const { key, type } of RULE_FIELDS[kind]) {
    const v = body[key];
    f[key] =
      type === 'bool'
        ? v === true
        : type === 'date'
          ? showDate(v)
          : type === 'ids'
            ? Array.isArray(v)
              ? v.join(', ')
              : ''
            : v === null || v === undefined
              ? ''
              : String(v);
  }
  return f;
}
function bodyOf(kind: 'floor' | 'break' | 'promotion', f: Form): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { key, type } of RULE_FIELDS[kind]) {
    const v = f[key];
    if (type === 'bool') body[key] = v === true;
    else if (type === 'ids')
      body[key] = String(v ?? '').trim()
        ? String(v)
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map(Number)
        : null;
    else if (type === 'date') body[key] = dateText(String(v ?? '')) || null;
    else if (key === 'itemId' || key === 'priority')
      body[key] = String(v ?? '').trim() ? Number(decimalText(String(v))) : key === 'priority' ? 0 : null;
    else if (type === 'number') body[key] = String(v ?? '').trim() ? decimalText(String(v)) : null;
    else body[key] = String(v ?? '').trim() || null;
  }
  return body;
}

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
function PublishBar({
  change,
  publish,
  remove,
}: {
  change: () => PricingChange | null;
  publish: () => Promise<unknown>;
  remove?: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (what: 'whatIf' | 'publish' | 'remove') => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (what === 'whatIf') {
        const c = change();
        if (c) setResult(await unwrap(desk['pricing.whatIf']({ change: c })));
      } else {
        await (what === 'publish' ? publish() : remove!());
        setDone(t(status.data?.connection === 'online' ? 'pricing.published' : 'pricing.queued'));
        await queryClient.invalidateQueries({ queryKey: ['pricing'] });
      }
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => void act('whatIf')}
          loading={busy}
          data-testid="pricing-whatif"
        >
          {t('pricing.whatIf')}
        </Button>
        <Button
          size="xs"
          onClick={() => void act('publish')}
          disabled={busy || (result !== null && !result.valid)}
          data-testid="pricing-publish"
        >
          {t('pricing.publish')}
        </Button>
        {remove && (
          <Button size="xs" color="red" variant="subtle" onClick={() => void act('remove')} disabled={busy}>
            {t('pricing.remove')}
          </Button>
        )}
      </Group>
      {result &&
        (result.valid ? (
          <Stack gap={4} data-testid="pricing-whatif-result">
            <Text size="sm" fw={600}>
              {t('pricing.effect', {
                orders: formatCount(result.orders),
                lines: formatCount(result.lines),
                amount: formatMoney(result.amountChange),
                margin: formatMoney(result.marginChange),
              })}
            </Text>
            <Text size="xs" c={result.belowFloorAfter > result.belowFloorBefore ? 'red.7' : 'dimmed'}>
              {t('pricing.floorEffect', { before: result.belowFloorBefore, after: result.belowFloorAfter })}
            </Text>
            {result.diff.length > 0 && (
              <Table fz="xs" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('pricing.diff.field')}</Table.Th>
                    <Table.Th>{t('pricing.diff.old')}</Table.Th>
                    <Table.Th>{t('pricing.diff.new')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.diff.map((d) => (
                    <Table.Tr key={d.field}>
                      <Table.Td>{t(`pricing.fields.${d.field}`, { defaultValue: d.field })}</Table.Td>
                      <Table.Td c="red.8">{d.old ?? '—'}</Table.Td>
                      <Table.Td c="teal.8">{d.new ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {result.examples.length > 0 && (
              <Table fz="xs" striped>
                <Table.Tbody>
                  {result.examples.slice(0, 8).map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.orderNumber ?? '—'}</Table.Td>
                      <Table.Td className="desk-mono">{e.article}</Table.Td>
                      <Table.Td ta="right">{formatMoney(e.old)}</Table.Td>
                      <Table.Td ta="right" c={Number(e.new) > Number(e.old) ? 'red.7' : 'teal.7'}>
                        {formatMoney(e.new)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        ) : (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs" data-testid="pricing-invalid">
              {t('pricing.invalid', { message: result.error })}
            </Text>
          </Alert>
        ))}
      {done && (
        <Text size="xs" c="teal.8" data-testid="pricing-done">
          {done}
        </Text>
      )}
      {error && (
        <Alert color="red" variant="light" p={6}>
          <Text size="xs">{error}</Text>
        </Alert>
      )}
    </Stack>
  );
}

function RuleForm({
  view,
  kind,
  rule,
  onClose,
}: {
  view: PricingRulesView;
  kind: 'floor' | 'break' | 'promotion';
  rule: RuleRow | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [id, setId] = useState(() => rule?.id ?? `${kind}-${Date.now().toString(36)}`);
  const [form, setForm] = useState<Form>(() =>
    formOf(kind, rule?.body ?? (kind === 'promotion' ? { stacks: true, priority: 0 } : {})),
  );
  const set = (key: string, v: string | boolean) => setForm((f) => ({ ...f, [key]: v }));
  const any = { value: '', label: t('pricing.any') };
  return (
    <Stack gap={6} p="sm" data-testid="rule-form">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {t(`pricing.tabs.${kind}`)}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={onClose}>
          Esc
        </Button>
      </Group>
      <TextInput
        size="xs"
        label={t('pricing.fields.id')}
        value={id}
        onChange={(e) => setId(e.currentTarget.value)}
        disabled={!!rule}
      />
      {RULE_FIELDS[kind].map(({ key, type }) =>
        type === 'bool' ? (
          <Checkbox
            key={key}
            size="xs"
            label={t(`pricing.fields.${key}`)}
            checked={form[key] === true}
            onChange={(e) => set(key, e.currentTarget.checked)}
          />
        ) : type === 'group' || type === 'clientGroup' ? (
          <Select
            key={key}
            size="xs"
            label={t(`pricing.fields.${key}`)}
            value={String(form[key] ?? '')}
            onChange={(v) => set(key, v ?? '')}
            searchable
            comboboxProps={{ withinPortal: true }}
            data={[any, ...(type === 'group' ? view.groups : view.clientGroups).map((g) => ({ value: g, label: g }))]}
            data-testid={`rule-${key}`}
          />
        ) : (
          <TextInput
            key={key}
            size="xs"
            label={t(`pricing.fields.${key}`)}
            value={String(form[key] ?? '')}
            onChange={(e) => set(key, e.currentTarget.value)}
            placeholder={
              type === 'date'
                ? t('orders.header.datePlaceholder')
                : type === 'ids'
                  ? t('pricing.idsPlaceholder')
                  : undefined
            }
            data-testid={`rule-${key}`}
          />
        ),
      )}
      <PublishBar
        change={() => ({ kind: 'rule', id, rule: { kind, body: bodyOf(kind, form) } })}
        publish={() => unwrap(desk['pricing.setRule']({ id, kind, body: bodyOf(kind, form) }))}
        remove={rule ? () => unwrap(desk['pricing.removeRule']({ id })) : undefined}
      />
    </Stack>
  );
}

function ClientPricingForm({
  view,
  client,
  onClose,
}: {
  view: PricingRulesView;
  client: ClientRow;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [coefficient, setCoefficient] = useState(client.coefficient);
  const [clientGroup, setClientGroup] = useState(client.clientGroup ?? '');
  const [rules, setRules] = useState(client.rules.map((r) => ({ ...r, from: showDate(r.from), to: showDate(r.to) })));
  const change = (): PricingChange => ({
    kind: 'client',
    clientId: client.id,
    coefficient: decimalText(coefficient),
    clientGroup: clientGroup.trim() || null,
    rules: rules.map((r) => ({
      ...r,
      coefficient: decimalText(r.coefficient),
      from: dateText(r.from),
      to: dateText(r.to ?? '') || null,
    })),
  });
  const setRule = (i: number, key: 'group' | 'coefficient' | 'from' | 'to', v: string) =>
    setRules((list) => list.map((r, j) => (j === i ? { ...r, [key]: key === 'group' ? v || null : v } : r)));
  return (
    <Stack gap={6} p="sm" data-testid="client-pricing-form">
      <Group justify="space-between">
        <Text fw={600} size="sm">
          {client.name}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={onClose}>
          Esc
        </Button>
      </Group>
      <Group grow>
        <TextInput
          size="xs"
          label={t('pricing.fields.coefficient')}
          value={coefficient}
          onChange={(e) => setCoefficient(e.currentTarget.value)}
          data-testid="client-coefficient"
        />
        <TextInput
          size="xs"
          label={t('pricing.fields.clientGroup')}
          value={clientGroup}
          onChange={(e) => setClientGroup(e.currentTarget.value)}
          placeholder={view.clientGroups.join(', ')}
        />
      </Group>
      <Text size="xs" fw={600}>
        {t('pricing.fields.groupRules')}
      </Text>
      {rules.map((r, i) => (
        <Group key={r.id} gap={4} wrap="nowrap" align="flex-end">
          <Select
            size="xs"
            style={{ flex: 2 }}
            value={r.group ?? ''}
            onChange={(v) => setRule(i, 'group', v ?? '')}
            data={[{ value: '', label: t('pricing.any') }, ...view.groups.map((g) => ({ value: g, label: g }))]}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={r.coefficient}
            onChange={(e) => setRule(i, 'coefficient', e.currentTarget.value)}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={r.from}
            onChange={(e) => setRule(i, 'from', e.currentTarget.value)}
            placeholder={t('pricing.fields.from')}
          />
          <TextInput
            size="xs"
            style={{ flex: 1 }}
            value={r.to ?? ''}
            onChange={(e) => setRule(i, 'to', e.currentTarget.value)}
            placeholder={t('pricing.fields.to')}
          />
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => setRules((list) => list.filter((_, j) => j !== i))}
          >
            ×
          </Button>
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() =>
          setRules((list) => [
            ...list,
            {
              id: `k-${client.id}-${Date.now().toString(36)}`,
              group: null,
              coefficient: coefficient,
              from: showDate(new Date().toISOString().slice(0, 10)),
              to: '',
            },
          ])
        }
      >
        {t('pricing.addGroupRule')}
      </Button>
      <PublishBar
        change={change}
        publish={() => {
          const c = change() as Extract<PricingChange, { kind: 'client' }>;
          return unwrap(
            desk['pricing.setClient']({
              clientId: c.clientId,
              coefficient: c.coefficient,
              clientGroup: c.clientGroup,
              rules: c.rules,
            }),
          );
        }}
      />
    </Stack>
  );
}

function PricingHistory() {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['pricing', 'history'],
    queryFn: async () => {
      const [rules, clients] = await Promise.all([
        unwrap(desk['pricing.audit']({ entity: 'rule', limit: 1000 })),
        unwrap(desk['pricing.audit']({ entity: 'client', limit: 1000 })),
      ]);
      return [...rules, ...clients].sort((a, b) => b.id - a.id);
    },
  });
  type Row = NonNullable<typeof history.data>[number];
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      {
        field: 'at',
        headerName: t('pricing.fields.updatedAt'),
        width: 140,
        valueFormatter: (p) => formatTime(p.value as string),
      },
      { field: 'userName', headerName: t('pricing.fields.updatedBy'), width: 180 },
      {
        field: 'entity',
        headerName: t('pricing.history.what'),
        width: 110,
        valueFormatter: (p) => t(`pricing.history.entities.${p.value as string}`),
      },
      { field: 'entityKey', headerName: t('pricing.fields.id'), width: 150, cellClass: 'desk-mono' },
      {
        colId: 'change',
        headerName: t('pricing.history.change'),
        flex: 1,
        minWidth: 300,
        autoHeight: true,
        wrapText: true,
        valueGetter: (p) => (p.data ? describeChange(p.data.old, p.data.new, t) : ''),
        tooltipValueGetter: (p) => JSON.stringify(p.data?.new ?? p.data?.old),
      },
    ],
    [t],
  );
  return (
    <DeskGrid<Row>
      rowData={history.data ?? []}
      columnDefs={columns}
      getRowId={(p) => String(p.data.id)}
      tooltipShowDelay={300}
    />
  );
}

/** Flattens a rule or client record one level ("body.minPricePct" → "minPricePct"), so a change reads field by field. */
function flatFields(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const put = (k: string, x: unknown) =>
    out.set(k, x === null || x === undefined ? '—' : typeof x === 'object' ? JSON.stringify(x) : String(x));
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x && typeof x === 'object' && !Array.isArray(x))
        for (const [k2, y] of Object.entries(x as Record<string, unknown>)) put(k2, y);
      else put(k, x);
    }
  }
  return out;
}

/** "Не ниже, % от базовой: 70 → 65; …"; a new record lists its fields, a removed one says so. */
function describeChange(old: unknown, next: unknown, t: (key: string, o?: Record<string, unknown>) => string): string {
  const label = (k: string) => t(`pricing.fields.${k}`, { defaultValue: k });
  if (next === null) return t('pricing.history.removed');
  const a = flatFields(old);
  const b = flatFields(next);
  const parts: string[] = [];
  for (const [k, v] of b) {
    if (k === 'kind' || k === 'id') continue;
    if (old === null) {
      if (v !== '—') parts.push(`${label(k)}: ${v}`);
    } else if (a.get(k) !== v) parts.push(`${label(k)}: ${a.get(k) ?? '—'} → ${v}`);
  }
  return parts.join('; ') || t('pricing.history.same');
}
