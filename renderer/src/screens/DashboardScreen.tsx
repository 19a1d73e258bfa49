// Dashboards (Alt+0): the supervisor's team, the admin's company, the manager's own numbers, for
// a period (today, week, month, quarter, custom) and filters (manager, client, product group,
// warehouse). Every number opens the rows behind it with the same filters; every table exports
// to .xlsx. Computed on the desk's replica, so it works offline and says how fresh it is.
import { AreaChart, BarChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DashboardData, DashboardDrill, DashboardFilter, DashboardRows } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { isoDay, periodOf, type Preset } from '../../../domain/dashboard/dashboard-period';
import { saveFile } from '../aftersales/Attachments';
import { desk, unwrap } from '../desk';
import { DeskGrid } from '../DeskGrid';
import { formatCount, formatDate, formatMoney, formatTime } from '../format';
import { intlLocale } from '../i18n';
import { TeamManagerSelect } from '../TeamManagerSelect';
import { OrderView } from './OrderView';

type Tile = DashboardDrill['tile'];
type ColumnType = 'text' | 'int' | 'money' | 'datetime' | 'date';
interface Column {
  key: string;
  type: ColumnType;
  width?: number;
  flex?: number;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const format = (type: ColumnType, v: unknown): string => {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'money':
      return formatMoney(String(v));
    case 'int':
      return formatCount(Number(v));
    case 'datetime':
      return formatTime(String(v));
    case 'date':
      return formatDate(String(v));
    default:
      return String(v);
  }
};

/** Saves a table as .xlsx, its columns typed (numbers stay numbers in Excel). */
async function exportTable(
  t: TFunction,
  title: string,
  columns: Column[],
  rows: Record<string, unknown>[],
  header: (key: string) => string,
  statuses: string,
): Promise<void> {
  const { base64 } = await unwrap(
    desk['table.exportXlsx']({
      title,
      columns: columns.map((c) => ({ header: header(c.key), type: c.type })),
      rows: rows.map((r) =>
        columns.map((c) => {
          const v = r[c.key];
          return v === undefined || v === null
            ? null
            : typeof v === 'number'
              ? v
              : c.type === 'text'
                ? translatedCell(t, c.key, String(v), statuses)
                : String(v);
        }),
      ),
    }),
  );
  saveFile(`${title}.xlsx`, XLSX_MIME, base64);
}

/** Codes shown as words: statuses (of orders, claims, tickets or approvals), reasons, categories. */
function translatedCell(t: TFunction, key: string, v: string, statuses = 'orders'): string {
  switch (key) {
    case 'status':
      return t(`${statuses}.statuses.${v}`, { defaultValue: v });
    case 'reason':
      return t(`claims.defects.${v}`, { defaultValue: v });
    case 'category':
      return t(`tickets.categories.${v}`, { defaultValue: v });
    case 'kind':
      return t(`orders.kinds.${v}`, { defaultValue: v });
    case 'bucket':
      return t(`dashboard.ages.${v}`, { defaultValue: v });
    default:
      return v;
  }
}

function DashTable({
  title,
  columns,
  rows,
  onOpen,
  testId,
  height = 210,
  statuses = 'orders',
  titled = true,
}: {
  title: string;
  columns: Column[];
  rows: Record<string, unknown>[];
  onOpen?: (row: Record<string, unknown>) => void;
  testId: string;
  height?: number;
  statuses?: string;
  titled?: boolean;
}) {
  const { t } = useTranslation();
  const defs = useMemo<ColDef<Record<string, unknown>>[]>(
    () =>
      columns.map((c) => ({
        field: c.key,
        headerName: t(`dashboard.columns.${c.key}`),
        width: c.width,
        flex: c.flex,
        minWidth: c.flex ? 150 : undefined,
        tooltipValueGetter:
          c.type === 'text' ? (p) => translatedCell(t, c.key, String(p.value ?? ''), statuses) : undefined,
        type: c.type === 'money' || c.type === 'int' ? 'rightAligned' : undefined,
        valueFormatter: (p) =>
          c.type === 'text' ? translatedCell(t, c.key, String(p.value ?? ''), statuses) : format(c.type, p.value),
        comparator:
          c.type === 'money' || c.type === 'int'
            ? (a: unknown, b: unknown) => Number(a ?? 0) - Number(b ?? 0)
            : undefined,
      })),
    [columns, t, statuses],
  );
  return (
    <Paper withBorder radius="sm" p={6} data-testid={testId}>
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Text size="sm" fw={600} truncate>
          {titled ? title : ''}
        </Text>
        <Tooltip label={t('dashboard.exportHint')}>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => void exportTable(t, title, columns, rows, (k) => t(`dashboard.columns.${k}`), statuses)}
            data-testid={`${testId}-export`}
          >
            .xlsx
          </Button>
        </Tooltip>
      </Group>
      <div className="desk-grid" style={{ height }}>
        <DeskGrid<Record<string, unknown>>
          rowData={rows}
          columnDefs={defs}
          onRowDoubleClicked={(e) => e.data && onOpen?.(e.data)}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) onOpen?.(e.data);
          }}
          overlayNoRowsTemplate={`<span>${t('dashboard.empty')}</span>`}
        />
      </div>
    </Paper>
  );
}

function TileCard({
  label,
  value,
  sub,
  onOpen,
  testId,
  tone,
}: {
  label: string;
  value: string;
  sub?: string;
  onOpen?: () => void;
  testId: string;
  tone?: 'red' | 'orange';
}) {
  return (
    <UnstyledButton onClick={onOpen} data-testid={testId} style={{ display: 'block' }}>
      <Paper withBorder radius="sm" px="sm" py={6} className="dash-tile">
        <Text size="xs" c="dimmed" truncate>
          {label}
        </Text>
        <Text
          size="lg"
          fw={600}
          c={tone ? `${tone}.7` : undefined}
          data-testid={`${testId}-value`}
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {value}
        </Text>
        {sub && (
          <Text size="xs" c="dimmed" truncate>
            {sub}
          </Text>
        )}
      </Paper>
    </UnstyledButton>
  );
}

const DRILL_COLUMNS: Record<DashboardRows['kind'], Column[]> = {
  orders: [
    { key: 'number', type: 'text', width: 110 },
    { key: 'client', type: 'text', flex: 1 },
    { key: 'manager', type: 'text', width: 160 },
    { key: 'status', type: 'text', width: 120 },
    { key: 'kind', type: 'text', width: 100 },
    { key: 'lines', type: 'int', width: 80 },
    { key: 'total', type: 'money', width: 130 },
    { key: 'margin', type: 'money', width: 120 },
    { key: 'submittedAt', type: 'datetime', width: 130 },
    { key: 'erpNumber', type: 'text', width: 110 },
  ],
  clients: [
    { key: 'name', type: 'text', flex: 1 },
    { key: 'inn', type: 'text', width: 120 },
    { key: 'manager', type: 'text', width: 160 },
    { key: 'overdue', type: 'money', width: 140 },
    { key: 'creditLimit', type: 'money', width: 140 },
    { key: 'terms', type: 'text', width: 160 },
    { key: 'asOf', type: 'datetime', width: 130 },
  ],
  claims: [
    { key: 'number', type: 'text', width: 100 },
    { key: 'client', type: 'text', flex: 1 },
    { key: 'manager', type: 'text', width: 160 },
    { key: 'orderNumber', type: 'text', width: 110 },
    { key: 'status', type: 'text', width: 120 },
    { key: 'reason', type: 'text', width: 140 },
    { key: 'amount', type: 'money', width: 120 },
    { key: 'createdAt', type: 'datetime', width: 130 },
    { key: 'deadlineAt', type: 'datetime', width: 130 },
  ],
  tickets: [
    { key: 'number', type: 'text', width: 100 },
    { key: 'client', type: 'text', flex: 1 },
    { key: 'category', type: 'text', width: 160 },
    { key: 'subject', type: 'text', width: 200 },
    { key: 'status', type: 'text', width: 120 },
    { key: 'assignee', type: 'text', width: 160 },
    { key: 'createdAt', type: 'datetime', width: 130 },
  ],
  approvals: [
    { key: 'number', type: 'text', width: 110 },
    { key: 'client', type: 'text', flex: 1 },
    { key: 'manager', type: 'text', width: 160 },
    { key: 'status', type: 'text', width: 120 },
    { key: 'lines', type: 'int', width: 80 },
    { key: 'givenAway', type: 'money', width: 130 },
    { key: 'requestedAt', type: 'datetime', width: 130 },
  ],
};

function DrillView({
  drill,
  title,
  onClose,
  onOpenOrder,
}: {
  drill: DashboardDrill;
  title: string;
  onClose: () => void;
  onOpenOrder: (id: string) => void;
}) {
  const { t } = useTranslation();
  const rows = useQuery({
    queryKey: ['dashboard', 'rows', drill],
    queryFn: () => unwrap(desk['dashboard.rows'](drill)),
  });
  const kind = rows.data?.kind ?? 'orders';
  return (
    <Modal opened onClose={onClose} size="90%" title={<Text fw={600}>{title}</Text>}>
      <Stack gap={6} data-testid="dashboard-drill">
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="drill-count">
            {t('dashboard.rowsCount', { count: rows.data?.rows.length ?? 0 })}
          </Text>
          {kind === 'orders' && (
            <Text size="xs" c="dimmed">
              {t('dashboard.openOrderHint')}
            </Text>
          )}
        </Group>
        <DashTable
          title={title}
          columns={DRILL_COLUMNS[kind]}
          rows={rows.data?.rows ?? []}
          height={480}
          titled={false}
          testId="drill-table"
          statuses={kind === 'clients' ? 'orders' : kind}
          onOpen={kind === 'orders' || kind === 'approvals' ? (r) => onOpenOrder(String(r.id)) : undefined}
        />
      </Stack>
    </Modal>
  );
}

export function DashboardScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const [preset, setPreset] = useState<Preset>('month');
  const [custom, setCustom] = useState(() => ({ from: `${isoDay(new Date()).slice(0, 8)}01`, to: isoDay(new Date()) }));
  const [managerId, setManagerId] = useState<number | null>(null);
  const [clientId, setClientId] = useState<number | null>(null);
  const [group, setGroup] = useState<string | null>(null);
  const [warehouseId, setWarehouseId] = useState<number | null>(null);
  const [drill, setDrill] = useState<{ tile: Tile; key?: string; title: string } | null>(null);
  const [order, setOrder] = useState<string | null>(null);
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const options = useQuery({
    queryKey: ['dashboard', 'options'],
    queryFn: () => unwrap(desk['dashboard.options']({})),
  });
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const customOk =
    /^\d{4}-\d{2}-\d{2}$/.test(custom.from) && /^\d{4}-\d{2}-\d{2}$/.test(custom.to) && custom.from <= custom.to;
  const filter: DashboardFilter | null =
    preset === 'custom' && !customOk
      ? null
      : {
          ...periodOf(preset, new Date(), custom),
          ...(managerId ? { managerId } : {}),
          ...(clientId ? { clientId } : {}),
          ...(group ? { group } : {}),
          ...(warehouseId ? { warehouseId } : {}),
        };
  const data = useQuery({
    queryKey: ['dashboard', 'data', filter],
    queryFn: () => unwrap(desk['dashboard.get'](filter!)),
    enabled: filter !== null,
    placeholderData: (prev) => prev,
  });
  const d = data.data;
  const open = (tile: Tile, title: string, key?: string) =>
    setDrill({ tile, title, ...(key === undefined ? {} : { key }) });
  const offline = status.data?.connection !== 'online';

  if (order) return <OrderView key={order} id={order} onBack={() => setOrder(null)} onOpen={setOrder} />;

  const margin = d ? (Number(d.totals.sales) > 0 ? (Number(d.totals.margin) / Number(d.totals.sales)) * 100 : 0) : 0;
  const scopeTitle = t(`dashboard.scope.${role}`);
  return (
    <div className="desk-screen" data-testid="dashboard-screen" style={{ overflow: 'auto' }}>
      <Group px="md" py={6} gap="sm" wrap="wrap">
        <Title order={5}>{scopeTitle}</Title>
        <SegmentedControl
          size="xs"
          value={preset}
          onChange={(v) => setPreset(v as Preset)}
          data-testid="dashboard-period"
          data={(['today', 'week', 'month', 'quarter', 'custom'] as Preset[]).map((p) => ({
            value: p,
            label: t(`dashboard.periods.${p}`),
          }))}
        />
        {preset === 'custom' && (
          <Group gap={4} wrap="nowrap">
            <TextInput
              size="xs"
              type="date"
              w={140}
              aria-label={t('dashboard.from')}
              value={custom.from}
              onChange={(e) => setCustom((c) => ({ ...c, from: e.currentTarget.value }))}
              data-testid="dashboard-from"
            />
            <Text size="xs">—</Text>
            <TextInput
              size="xs"
              type="date"
              w={140}
              aria-label={t('dashboard.to')}
              value={custom.to}
              onChange={(e) => setCustom((c) => ({ ...c, to: e.currentTarget.value }))}
              data-testid="dashboard-to"
              error={customOk ? undefined : t('dashboard.badPeriod')}
            />
          </Group>
        )}
        {role !== 'manager' && (
          <TeamManagerSelect value={managerId} onChange={setManagerId} testId="dashboard-manager" />
        )}
        <Select
          size="xs"
          w={220}
          searchable
          clearable
          placeholder={t('dashboard.allClients')}
          aria-label={t('dashboard.columns.client')}
          data-testid="dashboard-client"
          value={clientId ? String(clientId) : null}
          onChange={(v) => setClientId(v ? Number(v) : null)}
          limit={50}
          data={(clients.data ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
        />
        <Select
          size="xs"
          w={200}
          searchable
          clearable
          placeholder={t('dashboard.allGroups')}
          aria-label={t('dashboard.columns.group')}
          data-testid="dashboard-group"
          value={group}
          onChange={setGroup}
          data={options.data?.groups ?? []}
        />
        <Select
          size="xs"
          w={190}
          clearable
          placeholder={t('dashboard.allWarehouses')}
          aria-label={t('dashboard.warehouse')}
          data-testid="dashboard-warehouse"
          value={warehouseId ? String(warehouseId) : null}
          onChange={(v) => setWarehouseId(v ? Number(v) : null)}
          data={(options.data?.warehouses ?? []).map((w) => ({ value: String(w.id), label: w.name }))}
        />
        <Group gap={6} ml="auto" wrap="nowrap">
          {offline && (
            <Badge color="orange" variant="light" data-testid="dashboard-offline">
              {t('dashboard.offline')}
            </Badge>
          )}
          <Tooltip label={d ? asOfText(t, d) : ''} multiline w={320}>
            <Text size="xs" c="dimmed" data-testid="dashboard-as-of">
              {t('dashboard.asOf', { time: formatTime(d?.asOf.replica ?? null) || '—' })}
            </Text>
          </Tooltip>
        </Group>
      </Group>
      {d && (
        <Stack gap="sm" px="md" pb="md" style={{ opacity: data.isFetching ? 0.7 : 1 }}>
          <SimpleGrid cols={{ base: 4, lg: 8 }} spacing={6}>
            <TileCard
              testId="tile-sales"
              label={t('dashboard.tiles.sales')}
              value={formatMoney(d.totals.sales)}
              sub={t('dashboard.tiles.ordersSub', { count: d.totals.orders, avg: formatMoney(d.totals.averageOrder) })}
              onOpen={() => open('sales', t('dashboard.tiles.sales'))}
            />
            <TileCard
              testId="tile-margin"
              label={t('dashboard.tiles.margin')}
              value={formatMoney(d.totals.margin)}
              sub={t('dashboard.tiles.marginSub', { pct: margin.toFixed(1) })}
              onOpen={() => open('sales', t('dashboard.tiles.margin'))}
            />
            <TileCard
              testId="tile-waiting-erp"
              label={t('dashboard.tiles.waitingErp')}
              value={formatCount(d.waitingErp.count)}
              tone={d.waitingErp.count ? 'orange' : undefined}
              sub={
                d.waitingErp.oldestAt
                  ? t('dashboard.tiles.oldest', { time: formatTime(d.waitingErp.oldestAt) })
                  : undefined
              }
              onOpen={() => open('waiting_erp', t('dashboard.tiles.waitingErp'))}
            />
            <TileCard
              testId="tile-erp"
              label={t('dashboard.tiles.erpQueue')}
              value={formatCount(d.erp?.pending ?? 0)}
              tone={d.erp && d.erp.state !== 'online' ? 'red' : undefined}
              sub={
                d.erp
                  ? `${t(`dashboard.erpStates.${d.erp.state}`, { defaultValue: d.erp.state })}${d.erp.oldestPendingAt ? ` · ${t('dashboard.tiles.oldest', { time: formatTime(d.erp.oldestPendingAt) })}` : ''}`
                  : t('dashboard.noErp')
              }
            />
            <TileCard
              testId="tile-overdue"
              label={t('dashboard.tiles.overdue')}
              value={formatMoney(d.overdue.total)}
              tone={d.overdue.clients ? 'red' : undefined}
              sub={t('dashboard.tiles.clients', { count: d.overdue.clients })}
              onOpen={() => open('overdue', t('dashboard.tiles.overdue'))}
            />
            <TileCard
              testId="tile-overrides"
              label={t('dashboard.tiles.overrides')}
              value={formatMoney(d.overrides.givenAway)}
              sub={t('dashboard.tiles.overridesSub', { lines: d.overrides.lines, pending: d.overrides.pending })}
              onOpen={() => open('overrides', t('dashboard.tiles.overrides'))}
            />
            <TileCard
              testId="tile-claims"
              label={t('dashboard.tiles.claims')}
              value={formatCount(d.claims.open)}
              tone={d.claims.overdue ? 'orange' : undefined}
              sub={t('dashboard.tiles.claimsSub', { overdue: d.claims.overdue })}
              onOpen={() => open('claims_open', t('dashboard.tiles.claims'))}
            />
            <TileCard
              testId="tile-sla"
              label={t('dashboard.tiles.sla')}
              value={formatCount(d.tickets.breachedOpen)}
              tone={d.tickets.breachedOpen ? 'red' : undefined}
              sub={t('dashboard.tiles.slaSub', { open: d.tickets.open, period: d.tickets.breachedOpened })}
              onOpen={() => open('tickets_breached', t('dashboard.tiles.sla'))}
            />
          </SimpleGrid>
          <SimpleGrid cols={2} spacing="sm">
            <Paper withBorder radius="sm" p={6} data-testid="chart-sales">
              <Text size="sm" fw={600} mb={4}>
                {t(
                  d.period.bucket === 'day'
                    ? 'dashboard.charts.salesByDay'
                    : d.period.bucket === 'week'
                      ? 'dashboard.charts.salesByWeek'
                      : 'dashboard.charts.salesByMonth',
                )}
              </Text>
              <AreaChart
                h={190}
                data={d.series.map((s) => ({ bucket: s.bucket, sales: Number(s.sales), margin: Number(s.margin) }))}
                dataKey="bucket"
                curveType="monotone"
                withDots={false}
                series={[
                  { name: 'sales', label: t('dashboard.tiles.sales'), color: 'indigo.6' },
                  { name: 'margin', label: t('dashboard.tiles.margin'), color: 'teal.6' },
                ]}
                valueFormatter={(v) => formatMoney(v.toFixed(2))}
                tickLine="y"
                gridAxis="y"
                withLegend
                legendProps={{ verticalAlign: 'top', height: 24 }}
                xAxisProps={{
                  tickFormatter: (v: string) =>
                    v.length === 10 ? v.slice(8, 10) + '.' + v.slice(5, 7) : v.slice(5, 7) + '.' + v.slice(0, 4),
                }}
                yAxisProps={{ tickFormatter: (v: number) => compact(v), width: 60 }}
                areaChartProps={{
                  onClick: (e: { activeTooltipIndex?: number | string | null }) => {
                    const i = Number(e?.activeTooltipIndex);
                    const b = d.series[i];
                    if (b)
                      open(
                        'series',
                        `${t('dashboard.tiles.sales')} · ${bucketLabel(t, b.bucket, d.period.bucket)}`,
                        b.bucket,
                      );
                  },
                }}
              />
            </Paper>
            <Paper withBorder radius="sm" p={6} data-testid="chart-plan">
              <Text size="sm" fw={600} mb={4}>
                {t('dashboard.charts.plan', {
                  months: d.period.months.map((m) => m.slice(5, 7) + '.' + m.slice(0, 4)).join(', '),
                })}
              </Text>
              <BarChart
                h={190}
                data={d.groups
                  .filter((g) => g.plan !== null)
                  .map((g) => ({ group: g.group, plan: Number(g.plan), actual: Number(g.planActual) }))}
                dataKey="group"
                series={[
                  { name: 'plan', label: t('dashboard.columns.plan'), color: 'gray.5' },
                  { name: 'actual', label: t('dashboard.columns.planActual'), color: 'indigo.6' },
                ]}
                valueFormatter={(v) => formatMoney(v.toFixed(2))}
                tickLine="y"
                gridAxis="y"
                withLegend
                legendProps={{ verticalAlign: 'top', height: 24 }}
                yAxisProps={{ tickFormatter: (v: number) => compact(v), width: 60 }}
                xAxisProps={{ tick: { fontSize: 10 } }}
              />
            </Paper>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, xl: 3 }} spacing="sm">
            {role !== 'manager' && (
              <DashTable
                testId="table-managers"
                title={t('dashboard.tables.managers')}
                rows={d.managers}
                onOpen={(r) => open('manager', `${t('dashboard.tiles.sales')} · ${String(r.name)}`, String(r.id))}
                columns={[
                  { key: 'name', type: 'text', flex: 1 },
                  { key: 'sales', type: 'money', width: 130 },
                  { key: 'margin', type: 'money', width: 120 },
                  { key: 'orders', type: 'int', width: 80 },
                ]}
              />
            )}
            <DashTable
              testId="table-clients"
              title={t('dashboard.tables.clients')}
              rows={d.clients}
              onOpen={(r) => open('client', `${t('dashboard.tiles.sales')} · ${String(r.name)}`, String(r.id))}
              columns={[
                { key: 'name', type: 'text', flex: 1 },
                { key: 'sales', type: 'money', width: 130 },
                { key: 'margin', type: 'money', width: 120 },
                { key: 'orders', type: 'int', width: 80 },
              ]}
            />
            <DashTable
              testId="table-groups"
              title={t('dashboard.tables.groups')}
              rows={d.groups}
              onOpen={(r) => open('group', `${t('dashboard.tiles.sales')} · ${String(r.group)}`, String(r.group))}
              columns={[
                { key: 'group', type: 'text', flex: 1 },
                { key: 'sales', type: 'money', width: 130 },
                { key: 'margin', type: 'money', width: 120 },
                { key: 'plan', type: 'money', width: 120 },
                { key: 'planActual', type: 'money', width: 130 },
                { key: 'plansMet', type: 'int', width: 90 },
                { key: 'bonus', type: 'money', width: 110 },
              ]}
            />
            <DashTable
              testId="table-statuses"
              title={t('dashboard.tables.statuses')}
              onOpen={(r) =>
                open(
                  'status',
                  `${t('dashboard.tables.statuses')} · ${t(`orders.statuses.${String(r.status)}`)}`,
                  String(r.status),
                )
              }
              rows={d.ordersByStatus.map((s) => ({ ...s, ...s.ages }))}
              columns={[
                { key: 'status', type: 'text', width: 120 },
                { key: 'count', type: 'int', width: 70 },
                { key: 'amount', type: 'money', width: 140 },
                { key: 'd0_3', type: 'int', width: 72 },
                { key: 'd3_7', type: 'int', width: 72 },
                { key: 'd7_30', type: 'int', width: 76 },
                { key: 'd30_plus', type: 'int', width: 72 },
                { key: 'oldestAt', type: 'datetime', width: 110 },
              ]}
            />
            <DashTable
              testId="table-overdue"
              title={t('dashboard.tables.overdue')}
              rows={d.overdue.top}
              onOpen={(r) => open('overdue', `${t('dashboard.tiles.overdue')} · ${String(r.name)}`, String(r.id))}
              columns={[
                { key: 'name', type: 'text', flex: 1 },
                { key: 'overdue', type: 'money', width: 130 },
                { key: 'creditLimit', type: 'money', width: 130 },
              ]}
            />
            <DashTable
              testId="table-overrides"
              title={t('dashboard.tables.overrides')}
              rows={d.overrides.byManager}
              onOpen={(r) => open('overrides', `${t('dashboard.tiles.overrides')} · ${String(r.name)}`, String(r.id))}
              columns={[
                { key: 'name', type: 'text', flex: 1 },
                { key: 'lines', type: 'int', width: 80 },
                { key: 'orders', type: 'int', width: 80 },
                { key: 'givenAway', type: 'money', width: 130 },
              ]}
            />
            <DashTable
              testId="table-claims"
              title={t('dashboard.tables.claims')}
              rows={d.claims.byReason}
              onOpen={(r) =>
                open(
                  'claims_reason',
                  `${t('dashboard.tables.claims')} · ${t(`claims.defects.${String(r.reason)}`)}`,
                  String(r.reason),
                )
              }
              columns={[
                { key: 'reason', type: 'text', flex: 1 },
                { key: 'count', type: 'int', width: 80 },
                { key: 'amount', type: 'money', width: 130 },
              ]}
            />
            <DashTable
              testId="table-claims-age"
              title={t('dashboard.tables.claimsAge')}
              rows={d.claims.byAge}
              onOpen={(r) =>
                open(
                  'claims_age',
                  `${t('dashboard.tables.claimsAge')} · ${t(`dashboard.ages.${String(r.bucket)}`)}`,
                  String(r.bucket),
                )
              }
              columns={[
                { key: 'bucket', type: 'text', flex: 1 },
                { key: 'count', type: 'int', width: 100 },
              ]}
            />
            <DashTable
              testId="table-tickets"
              title={t('dashboard.tables.tickets')}
              rows={d.tickets.byCategory}
              onOpen={(r) =>
                open(
                  'tickets_breached',
                  `${t('dashboard.tiles.sla')} · ${t(`tickets.categories.${String(r.category)}`)}`,
                  String(r.category),
                )
              }
              columns={[
                { key: 'category', type: 'text', flex: 1 },
                { key: 'open', type: 'int', width: 80 },
                { key: 'breachedOpen', type: 'int', width: 100 },
                { key: 'opened', type: 'int', width: 90 },
                { key: 'breachedOpened', type: 'int', width: 110 },
              ]}
            />
          </SimpleGrid>
        </Stack>
      )}
      {drill && filter && (
        <DrillView
          drill={{ tile: drill.tile, ...(drill.key === undefined ? {} : { key: drill.key }), filter }}
          title={drill.title}
          onClose={() => setDrill(null)}
          onOpenOrder={(id) => {
            setDrill(null);
            setOrder(id);
          }}
        />
      )}
    </div>
  );
}

/** Axis ticks: 1,2 млн / 350 тыс. */
/** A point of the sales chart as people say it: 16.11.2026, the week of 16.11.2026, 11.2026. */
function bucketLabel(t: TFunction, bucket: string, unit: DashboardData['period']['bucket']): string {
  const day = `${bucket.slice(8, 10)}.${bucket.slice(5, 7)}.${bucket.slice(0, 4)}`;
  if (unit === 'month') return `${bucket.slice(5, 7)}.${bucket.slice(0, 4)}`;
  return unit === 'week' ? t('dashboard.weekOf', { date: day }) : day;
}

function compact(v: number): string {
  return new Intl.NumberFormat(intlLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

function asOfText(t: TFunction, d: DashboardData): string {
  return [
    t('dashboard.asOfReplica', { time: formatTime(d.asOf.replica) || '—' }),
    t('dashboard.asOfStatuses', { time: formatTime(d.asOf.orderStatuses) || '—' }),
    t('dashboard.asOfReceivables', { time: formatTime(d.asOf.receivables) || '—' }),
    t('dashboard.asOfErp', { time: formatTime(d.asOf.erp) || '—' }),
  ].join('\n');
}
