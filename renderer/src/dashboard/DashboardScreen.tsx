// Dashboards (Alt+0): the supervisor's team, the admin's company, the manager's own numbers, for
// a period (today, week, month, quarter, custom) and filters (manager, client, product group,
// warehouse). Every number opens the rows behind it with the same filters; every table exports
// to .xlsx. Computed on the desk's replica, so it works offline and says how fresh it is.
import { AreaChart, BarChart } from '@mantine/charts';
import {
  Badge,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardFilter } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { isoDay, periodOf, type Preset } from '../../../domain/dashboard/dashboard-period';
import { AGING_BUCKETS } from '../clients/ReceivablesBlock';
import { desk, unwrap } from '../shared/desk';
import { formatCount, formatMoney, formatPercent, formatTime } from '../shared/format';
import { marginPercent } from '../../../domain/orders/order-figures';
import { TeamManagerSelect } from '../shared/TeamManagerSelect';
import { OrderView } from '../orders/order/OrderView';
import { asOfText, bucketLabel, compact, DashTable, DrillView, TileCard, type Tile } from './dashboard-parts';
import { RetroBonusBoard } from '../plans/RetroBonusBoard';
import { SeasonalBoard } from '../seasons/SeasonalBoard';

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

  const margin = d ? (marginPercent(d.totals.margin, d.totals.sales) ?? '0.0') : '0.0';
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
              sub={t('dashboard.tiles.marginSub', { pct: formatPercent(margin) })}
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
            <RetroBonusBoard managerId={managerId} />
            <SeasonalBoard managerId={managerId} />
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
              testId="table-aging"
              title={
                d.overdue.aging
                  ? t('dashboard.tables.aging', { time: formatTime(d.overdue.aging.asOf) })
                  : t('dashboard.tables.agingNone')
              }
              rows={AGING_BUCKETS.map((b) => ({ bucket: b, amount: d.overdue.aging?.buckets[b] ?? '0.00' }))}
              columns={[
                { key: 'bucket', type: 'text', flex: 1 },
                { key: 'amount', type: 'money', width: 140 },
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
