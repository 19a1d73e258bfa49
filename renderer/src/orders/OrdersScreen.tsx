// Orders: the list of the user's orders (status, ERP state, "waiting for ERP since"), filtered by
// status, manager, client, date range, searched by number, client or an article in the order,
// sorted by any column, with saved views; a new order (Ctrl+N); one order opened in the editor.
import { Alert, Button, Group, Menu, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef, ColumnState, GridApi } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderListRow } from '../../../domain/contract';
import { typedDate } from '../../../domain/orders/order';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { formatCount, formatMoney, formatTime } from '../shared/format';
import { DeskGrid } from '../shared/DeskGrid';
import { erpText, OrderStatusBadge } from './order-parts';
import { OrderView } from './order/OrderView';

export function OrdersScreen({ jump }: { jump?: { id: string; n: number } | null }) {
  const [openId, setOpenId] = useState<string | null>(jump?.id ?? null);
  // A notification opens its order, even when this screen is already showing another.
  useEffect(() => {
    if (jump) setOpenId(jump.id);
  }, [jump]);
  return openId ? (
    <OrderView key={openId} id={openId} onBack={() => setOpenId(null)} onOpen={setOpenId} />
  ) : (
    <OrdersList onOpen={setOpenId} />
  );
}

function NewOrderModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const warehouses = useQuery({
    queryKey: ['catalog', 'warehouses'],
    queryFn: () => unwrap(desk['catalog.warehouses']({})),
  });
  const [clientId, setClientId] = useState<string | null>(null);
  const [kind, setKind] = useState<OrderListRow['kind']>('order');
  const [warehouseId, setWarehouseId] = useState<string | null>('1');
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    if (!clientId || !warehouseId) return;
    const r = await desk['orders.create']({ clientId: Number(clientId), kind, warehouseId: Number(warehouseId) });
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    onCreated(r.value.id);
  };
  return (
    <Modal opened onClose={onClose} title={t('orders.newOrder')} size="lg">
      <Stack gap="sm">
        <Select
          label={t('orders.client')}
          placeholder={t('orders.clientPlaceholder')}
          searchable
          data-autofocus
          value={clientId}
          onChange={setClientId}
          data={(clients.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} · ${c.inn}` }))}
          limit={50}
          data-testid="new-order-client"
        />
        <SegmentedControl
          value={kind}
          data-testid="new-order-kind"
          onChange={(v) => setKind(v as OrderListRow['kind'])}
          data={(['order', 'reserve', 'preorder', 'seasonal'] as const).map((k) => ({
            value: k,
            label: t(`orders.kinds.${k}`),
          }))}
        />
        <Select
          label={t('orders.warehouse')}
          value={warehouseId}
          onChange={setWarehouseId}
          data={(warehouses.data ?? []).map((w) => ({ value: String(w.id), label: w.name }))}
        />
        {error && (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={() => void create()} disabled={!clientId} data-testid="new-order-create">
            {t('orders.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface ListFilters {
  query: string;
  article: string;
  status: string;
  manager: string | null;
  client: string | null;
  from: string;
  to: string;
}
interface SavedView {
  name: string;
  filters: ListFilters;
  columns: ColumnState[] | null;
}
const NO_FILTERS: ListFilters = {
  query: '',
  article: '',
  status: 'all',
  manager: null,
  client: null,
  from: '',
  to: '',
};
const VIEWS_KEY = 'opta.orders.views';

/** Saved views live on this computer (they are the manager's own way of looking, not business data). */
function loadViews(): SavedView[] {
  try {
    return JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '[]') as SavedView[];
  } catch {
    return [];
  }
}

function OrdersList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const [articleQuery] = useDebouncedValue(filters.article.trim(), 250);
  const list = useQuery({
    queryKey: ['orders', 'list', articleQuery],
    queryFn: () => unwrap(desk['orders.list'](articleQuery ? { article: articleQuery } : {})),
    placeholderData: (prev) => prev,
  });
  const [creating, setCreating] = useState(false);
  const [views, setViews] = useState<SavedView[]>(loadViews);
  const [naming, setNaming] = useState<string | null>(null);
  const [api, setApi] = useState<GridApi<OrderListRow> | null>(null);
  const set = (patch: Partial<ListFilters>) => setFilters((f) => ({ ...f, ...patch }));
  useHotkeys([['mod+N', () => setCreating(true)]]);
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.includes('orders')) void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
      }),
    [queryClient],
  );
  const all = useMemo(() => list.data ?? [], [list.data]);
  const managers = useMemo(() => [...new Set(all.map((o) => o.managerName))].sort(), [all]);
  const clients = useMemo(
    () =>
      [...new Map(all.map((o) => [String(o.clientId), o.clientName])).entries()].sort((a, b) =>
        a[1].localeCompare(b[1]),
      ),
    [all],
  );
  const rows = useMemo(() => {
    const q = filters.query.trim().toLowerCase();
    const from = typedDate(filters.from);
    const to = typedDate(filters.to);
    return all.filter(
      (o) =>
        (filters.status === 'all' || o.status === filters.status) &&
        (!filters.manager || o.managerName === filters.manager) &&
        (!filters.client || String(o.clientId) === filters.client) &&
        (!from || o.createdAt.slice(0, 10) >= from) &&
        (!to || o.createdAt.slice(0, 10) <= to) &&
        (!q ||
          (o.number ?? '').toLowerCase().includes(q) ||
          o.clientName.toLowerCase().includes(q) ||
          (o.erpNumber ?? '').toLowerCase().includes(q)),
    );
  }, [all, filters]);

  const saveView = (name: string) => {
    const next = [...views.filter((v) => v.name !== name), { name, filters, columns: api?.getColumnState() ?? null }];
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
    setNaming(null);
  };
  const applyView = (v: SavedView) => {
    setFilters(v.filters);
    if (v.columns && api) api.applyColumnState({ state: v.columns, applyOrder: true });
  };
  const deleteView = (name: string) => {
    const next = views.filter((v) => v.name !== name);
    localStorage.setItem(VIEWS_KEY, JSON.stringify(next));
    setViews(next);
  };

  const columns = useMemo<ColDef<OrderListRow>[]>(
    () => [
      {
        field: 'number',
        headerName: t('orders.columns.number'),
        width: 120,
        valueFormatter: (p) =>
          p.data?.origin === 'erp'
            ? `${String(p.value)} · ${t('orders.fromErp')}`
            : (p.value ?? t('orders.notNumbered')),
      },
      {
        field: 'createdAt',
        headerName: t('orders.columns.date'),
        width: 120,
        valueFormatter: (p) => formatTime(p.value as string),
        sort: 'desc',
      },
      { field: 'clientName', headerName: t('orders.columns.client'), flex: 2, minWidth: 220 },
      { field: 'managerName', headerName: t('orders.columns.manager'), width: 160 },
      {
        field: 'kind',
        headerName: t('orders.columns.kind'),
        width: 100,
        valueFormatter: (p) => t(`orders.kinds.${p.value as string}`),
      },
      {
        field: 'status',
        headerName: t('orders.columns.status'),
        width: 130,
        cellRenderer: (p: { data?: OrderListRow }) => (p.data ? <OrderStatusBadge order={p.data} /> : null),
      },
      {
        colId: 'erp',
        headerName: t('orders.columns.erp'),
        width: 230,
        valueGetter: (p) => (p.data ? erpText(t, p.data) : ''),
        cellStyle: (p) =>
          p.data?.status === 'submitted'
            ? { color: 'var(--mantine-color-orange-8)' }
            : p.data?.erpError
              ? { color: 'var(--mantine-color-red-7)' }
              : null,
      },
      {
        field: 'linesCount',
        headerName: t('orders.columns.lines'),
        width: 80,
        type: 'numericColumn',
        valueFormatter: (p) => formatCount(p.value as number),
      },
      {
        field: 'total',
        headerName: t('orders.columns.total'),
        width: 140,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'margin',
        headerName: t('orders.columns.margin'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
        cellClassRules: { 'cell-bad': (p) => Number(p.value) < 0 },
      },
      {
        field: 'pendingChanges',
        headerName: t('orders.columns.pending'),
        width: 80,
        type: 'numericColumn',
        valueFormatter: (p) => (p.value ? String(p.value) : ''),
      },
    ],
    [t],
  );

  return (
    <div className="desk-screen">
      <Group px="md" py={6} gap="xs" wrap="nowrap">
        <TextInput
          size="xs"
          placeholder={t('orders.search')}
          value={filters.query}
          onChange={(e) => set({ query: e.currentTarget.value })}
          w={220}
          data-testid="orders-search"
        />
        <TextInput
          size="xs"
          placeholder={t('orders.searchArticle')}
          value={filters.article}
          onChange={(e) => set({ article: e.currentTarget.value })}
          w={170}
          data-testid="orders-article"
        />
        <Select
          size="xs"
          w={150}
          value={filters.status}
          onChange={(v) => set({ status: v ?? 'all' })}
          allowDeselect={false}
          data-testid="orders-status"
          data={[
            { value: 'all', label: t('orders.allStatuses') },
            ...(
              [
                'draft',
                'submitted',
                'accepted',
                'processing',
                'assembling',
                'shipped',
                'closed',
                'cancelled',
                'rejected',
              ] as const
            ).map((st) => ({ value: st, label: t(`orders.statuses.${st}`) })),
          ]}
        />
        {managers.length > 1 && (
          <Select
            size="xs"
            w={170}
            placeholder={t('orders.columns.manager')}
            clearable
            value={filters.manager}
            onChange={(v) => set({ manager: v })}
            data={managers}
            searchable
          />
        )}
        <Select
          size="xs"
          w={200}
          placeholder={t('orders.columns.client')}
          clearable
          searchable
          value={filters.client}
          onChange={(v) => set({ client: v })}
          data={clients.map(([value, label]) => ({ value, label }))}
          limit={50}
        />
        <TextInput
          size="xs"
          w={110}
          placeholder={t('orders.dateFrom')}
          value={filters.from}
          onChange={(e) => set({ from: e.currentTarget.value })}
          error={filters.from && !typedDate(filters.from) ? ' ' : undefined}
          data-testid="orders-from"
        />
        <TextInput
          size="xs"
          w={110}
          placeholder={t('orders.dateTo')}
          value={filters.to}
          onChange={(e) => set({ to: e.currentTarget.value })}
          error={filters.to && !typedDate(filters.to) ? ' ' : undefined}
          data-testid="orders-to"
        />
        <Menu withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" data-testid="orders-views">
              {t('orders.views.menu')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {views.map((v) => (
              <Menu.Item
                key={v.name}
                onClick={() => applyView(v)}
                rightSection={
                  <Text
                    size="xs"
                    c="red.7"
                    onClick={(e) => {
                      e.stopPropagation();
                      deleteView(v.name);
                    }}
                  >
                    ✕
                  </Text>
                }
              >
                {v.name}
              </Menu.Item>
            ))}
            {views.length > 0 && <Menu.Divider />}
            <Menu.Item onClick={() => setNaming('')}>{t('orders.views.save')}</Menu.Item>
            <Menu.Item
              onClick={() => {
                setFilters(NO_FILTERS);
                api?.resetColumnState();
              }}
            >
              {t('orders.views.reset')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Text size="xs" c="dimmed" ml="auto" style={{ whiteSpace: 'nowrap' }}>
          {t('orders.shown', { count: rows.length })}
        </Text>
        <Button size="xs" onClick={() => setCreating(true)} title="Ctrl+N" data-testid="new-order">
          {t('orders.newOrder')}
        </Button>
      </Group>
      {creating && (
        <NewOrderModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onOpen(id);
          }}
        />
      )}
      {naming !== null && (
        <Modal opened onClose={() => setNaming(null)} title={t('orders.views.save')} size="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (naming.trim()) saveView(naming.trim());
            }}
          >
            <Stack gap="sm">
              <TextInput
                data-autofocus
                label={t('orders.views.name')}
                value={naming}
                onChange={(e) => setNaming(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button type="submit" disabled={!naming.trim()}>
                  {t('orders.views.saveConfirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
      <div className="desk-grid" data-testid="orders-grid">
        <DeskGrid<OrderListRow>
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          onGridReady={(e) => setApi(e.api)}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.id)}
          onCellKeyDown={(e) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && onOpen(e.data.id)}
          emptyText={t('orders.none')}
        />
      </div>
    </div>
  );
}
