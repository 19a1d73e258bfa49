// The dashboard's building blocks: a table that sorts, drills and exports to .xlsx as shown,
// the tiles, the rows behind a number (drill-down) with their columns, chart labels, and the
// "as of" line that says how fresh each source of the figures is.
import { Button, Group, Modal, Paper, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DashboardData, DashboardDrill, DashboardRows } from '../../../domain/contract';
import { saveFile } from '../aftersales/Attachments';
import { desk, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { formatCount, formatDate, formatMoney, formatTime } from '../shared/format';
import { intlLocale } from '../shared/i18n';

export type Tile = DashboardDrill['tile'];
export type ColumnType = 'text' | 'int' | 'money' | 'datetime' | 'date';
export interface Column {
  key: string;
  type: ColumnType;
  width?: number;
  flex?: number;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const format = (type: ColumnType, v: unknown): string => {
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

export function DashTable({
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

export function TileCard({
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

export const DRILL_COLUMNS: Record<DashboardRows['kind'], Column[]> = {
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

export function DrillView({
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

export function bucketLabel(t: TFunction, bucket: string, unit: DashboardData['period']['bucket']): string {
  const day = `${bucket.slice(8, 10)}.${bucket.slice(5, 7)}.${bucket.slice(0, 4)}`;
  if (unit === 'month') return `${bucket.slice(5, 7)}.${bucket.slice(0, 4)}`;
  return unit === 'week' ? t('dashboard.weekOf', { date: day }) : day;
}

export function compact(v: number): string {
  return new Intl.NumberFormat(intlLocale(), { notation: 'compact', maximumFractionDigits: 1 }).format(v);
}

export function asOfText(t: TFunction, d: DashboardData): string {
  return [
    t('dashboard.asOfReplica', { time: formatTime(d.asOf.replica) || '—' }),
    t('dashboard.asOfStatuses', { time: formatTime(d.asOf.orderStatuses) || '—' }),
    t('dashboard.asOfReceivables', { time: formatTime(d.asOf.receivables) || '—' }),
    t('dashboard.asOfErp', { time: formatTime(d.asOf.erp) || '—' }),
  ].join('\n');
}
