// Orders: the list of the user's orders (status, ERP state, "waiting for ERP since"), and one
// order opened with its header, lines and totals, the submit check against the freshest ERP data
// (differences shown for the manager to confirm), submit and cancel. Works offline: a submit made
// offline is queued on this computer and goes to the server, then the ERP, when they are there.
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellKeyDownEvent, CellValueChangedEvent, ColDef, GridApi } from 'ag-grid-community';
import { addMoney } from '../../../domain/order';
import { OrderLinesInput } from './OrderLinesInput';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetails, OrderLineRow, OrderListRow, SubmitCheckResult } from '../../../domain/contract';
import { desk, onDeskEvent, unwrap } from '../desk';
import { formatCount, formatMoney, formatQuantity, formatTime } from '../format';
import { DeskGrid } from '../DeskGrid';

const STATUS_COLOR: Record<OrderListRow['status'], string> = {
  draft: 'gray', submitted: 'orange', accepted: 'blue', processing: 'indigo', assembling: 'violet', shipped: 'teal', closed: 'dark', cancelled: 'gray', rejected: 'red',
};

export function OrderStatusBadge({ order }: { order: Pick<OrderListRow, 'status' | 'submittedAt'> }) {
  const { t } = useTranslation();
  return <Badge color={STATUS_COLOR[order.status]} variant="light" size="sm" data-testid="order-status">{t(`orders.statuses.${order.status}`)}</Badge>;
}

/** The ERP side of an order in words: its ERP number, "waiting for ERP since 10:42", or the ERP's refusal. */
function erpText(t: (k: string, o?: Record<string, unknown>) => string, o: Pick<OrderListRow, 'status' | 'submittedAt' | 'erpNumber' | 'erpError'>): string {
  if (o.status === 'submitted') return t('orders.waitingSince', { time: formatTime(o.submittedAt) });
  if (o.erpError) return t('orders.erpRejected', { reason: o.erpError });
  return o.erpNumber ? t('orders.erpNumber', { number: o.erpNumber }) : '';
}

export function OrdersScreen() {
  const [openId, setOpenId] = useState<string | null>(null);
  return openId ? <OrderView id={openId} onBack={() => setOpenId(null)} /> : <OrdersList onOpen={setOpenId} />;
}

/** Decimal text without trailing zeros, for editing: "20.000" → "20", "58.8900" → "58.89". */
const plain = (v: unknown): string => {
  const s = String(v ?? '');
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
};

function NewOrderModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const clients = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const page = useQuery({ queryKey: ['catalog', 'page'], queryFn: () => unwrap(desk['catalog.page']({})) });
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
        <Select label={t('orders.client')} placeholder={t('orders.clientPlaceholder')} searchable data-autofocus value={clientId} onChange={setClientId}
          data={(clients.data ?? []).map((c) => ({ value: String(c.id), label: `${c.name} · ${c.inn}` }))} limit={50} data-testid="new-order-client" />
        <SegmentedControl value={kind} onChange={(v) => setKind(v as OrderListRow['kind'])} data={(['order', 'reserve', 'preorder', 'seasonal'] as const).map((k) => ({ value: k, label: t(`orders.kinds.${k}`) }))} />
        <Select label={t('orders.warehouse')} value={warehouseId} onChange={setWarehouseId} data={(page.data?.warehouses ?? []).map((w) => ({ value: String(w.id), label: w.name }))} />
        {error && <Alert color="red" variant="light" p={6}><Text size="xs">{error}</Text></Alert>}
        <Group justify="flex-end"><Button onClick={() => void create()} disabled={!clientId} data-testid="new-order-create">{t('orders.create')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function OrdersList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['orders', 'list'], queryFn: () => unwrap(desk['orders.list']({})) });
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<string>('all');
  const [creating, setCreating] = useState(false);
  useHotkeys([['mod+N', () => setCreating(true)]]);
  useEffect(() => onDeskEvent('replica.changed', ({ tables }) => {
    if (tables.includes('orders')) void queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
  }), [queryClient]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (list.data ?? []).filter((o) => (status === 'all' || o.status === status)
      && (!q || (o.number ?? '').toLowerCase().includes(q) || o.clientName.toLowerCase().includes(q) || (o.erpNumber ?? '').toLowerCase().includes(q)));
  }, [list.data, query, status]);

  const columns = useMemo<ColDef<OrderListRow>[]>(() => [
    { field: 'number', headerName: t('orders.columns.number'), width: 120, valueFormatter: (p) => p.value ?? t('orders.notNumbered') },
    { field: 'createdAt', headerName: t('orders.columns.date'), width: 120, valueFormatter: (p) => formatTime(p.value as string), sort: 'desc' },
    { field: 'clientName', headerName: t('orders.columns.client'), flex: 2, minWidth: 220 },
    { field: 'managerName', headerName: t('orders.columns.manager'), width: 160 },
    { field: 'kind', headerName: t('orders.columns.kind'), width: 100, valueFormatter: (p) => t(`orders.kinds.${p.value as string}`) },
    { field: 'status', headerName: t('orders.columns.status'), width: 130, cellRenderer: (p: { data?: OrderListRow }) => (p.data ? <OrderStatusBadge order={p.data} /> : null) },
    { colId: 'erp', headerName: t('orders.columns.erp'), width: 230, valueGetter: (p) => (p.data ? erpText(t, p.data) : ''), cellStyle: (p) => (p.data?.status === 'submitted' ? { color: 'var(--mantine-color-orange-8)' } : p.data?.erpError ? { color: 'var(--mantine-color-red-7)' } : null) },
    { field: 'linesCount', headerName: t('orders.columns.lines'), width: 80, type: 'numericColumn' },
    { field: 'total', headerName: t('orders.columns.total'), width: 140, type: 'numericColumn', valueFormatter: (p) => formatMoney(p.value as string), comparator: (a: string, b: string) => Number(a) - Number(b) },
    { field: 'pendingChanges', headerName: t('orders.columns.pending'), width: 80, type: 'numericColumn', valueFormatter: (p) => (p.value ? String(p.value) : '') },
  ], [t]);

  return (
    <div className="desk-screen">
      <Group px="md" py={6} gap="md" wrap="nowrap">
        <TextInput placeholder={t('orders.search')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={300} data-testid="orders-search" />
        <SegmentedControl size="xs" value={status} onChange={setStatus} data={[
          { value: 'all', label: t('orders.allStatuses') },
          ...(['draft', 'submitted', 'accepted', 'processing', 'assembling', 'shipped', 'rejected'] as const).map((s) => ({ value: s, label: t(`orders.statuses.${s}`) })),
        ]} />
        <Text size="xs" c="dimmed" ml="auto">{t('orders.shown', { count: rows.length })}</Text>
        <Button size="xs" onClick={() => setCreating(true)} title="Ctrl+N" data-testid="new-order">{t('orders.newOrder')}</Button>
      </Group>
      {creating && <NewOrderModal onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); onOpen(id); }} />}
      <div className="desk-grid" data-testid="orders-grid">
        <DeskGrid<OrderListRow>
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onRowDoubleClicked={(e) => e.data && onOpen(e.data.id)}
          onCellKeyDown={(e) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && onOpen(e.data.id)}
          overlayNoRowsTemplate={t('orders.none')}
        />
      </div>
    </div>
  );
}

function OrderView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const order = useQuery({ queryKey: ['orders', 'get', id], queryFn: () => unwrap(desk['orders.get']({ id })) });
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const [check, setCheck] = useState<SubmitCheckResult | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<OrderLineRow[]>([]);
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const [gridApi, setGridApi] = useState<GridApi<OrderLineRow> | null>(null);
  useEffect(() => onDeskEvent('replica.changed', ({ rows }) => {
    // Lines added or removed elsewhere change this order's header too; edits of its own lines are
    // found by key. Other orders' lines (sync batches of others' work) cost nothing here.
    const mine = queryClient.getQueryData<OrderDetails>(['orders', 'get', id]);
    const ownLine = !!rows.order_lines && !!mine && (() => {
      const keys = new Set(mine.lines.map((l) => l.id));
      return rows.order_lines!.some((k) => keys.has(k));
    })();
    if (rows.orders?.includes(id) || ownLine || rows.prices || rows.stock) void queryClient.invalidateQueries({ queryKey: ['orders', 'get', id] });
  }), [id, queryClient]);
  const fail = (code: string, message: string) => setError(t(`errors.${code}`, { message }));

  /** A cell typed by the manager: one line's change, a mutation applied here at once and sent when connected. */
  const cellChanged = async (e: CellValueChangedEvent<OrderLineRow>) => {
    const field = e.colDef.field as 'quantity' | 'price' | 'discount' | 'comment';
    if (!e.data || String(e.newValue ?? '') === String(e.oldValue ?? '')) return;
    const r = await desk['orders.updateLine']({ orderId: id, lineId: e.data.id, patch: { [field]: String(e.newValue ?? '') } });
    // A value the line cannot take: say which and what is expected, in the user's language.
    if (!r.ok) setError(r.error.code === 'bad_input' && field !== 'comment' ? t(`orders.badValue.${field}`, { value: String(e.newValue ?? '') }) : t(`errors.${r.error.code}`, { message: r.error.message }));
    else setError(null);
    // The replica is the truth: re-read it (a refused value goes back to what it was).
    await queryClient.invalidateQueries({ queryKey: ['orders', 'get', id] });
  };
  const removeLines = async (lineIds: string[]) => {
    setDeleting(null);
    for (let i = 0; i < lineIds.length; i += 1000) {
      const r = await desk['orders.removeLines']({ orderId: id, lineIds: lineIds.slice(i, i + 1000) });
      if (!r.ok) return fail(r.error.code, r.error.message);
    }
    await queryClient.invalidateQueries({ queryKey: ['orders', 'get', id] });
  };
  /** Ctrl+C: the selected lines (or the focused one) as tab-separated text, for Excel or an e-mail. */
  const copyLines = async () => {
    const lines = selected.length ? selected : (() => {
      const cell = gridApi?.getFocusedCell();
      const row = cell ? gridApi?.getDisplayedRowAtIndex(cell.rowIndex)?.data : undefined;
      return row ? [row] : [];
    })();
    if (!lines.length) return;
    const tsv = lines.map((l) => [l.article, plain(l.quantity), plain(l.price), plain(l.discount), l.amount, l.name].join('\t')).join('\n');
    await navigator.clipboard.writeText(tsv).catch(() => undefined);
  };
  const onGridKey = (e: CellKeyDownEvent<OrderLineRow>) => {
    const key = (e.event as KeyboardEvent | undefined);
    if (!key || e.api.getEditingCells().length) return;
    if (key.key === 'Delete' && editable) {
      const ids = selected.length ? selected.map((l) => l.id) : e.data ? [e.data.id] : [];
      if (ids.length > 1) setDeleting(ids);
      else if (ids.length === 1) void removeLines(ids);
    }
    if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'c') void copyLines();
    if ((key.ctrlKey || key.metaKey) && key.key.toLowerCase() === 'd' && editable) {
      key.preventDefault();
      void fillDown(e.column.getColId());
    }
  };
  /** Ctrl+D: the focused column's value of the topmost selected line, into the other selected lines. */
  const fillDown = async (column: string) => {
    if (!gridApi || selected.length < 2 || !['quantity', 'price', 'discount', 'comment'].includes(column)) return;
    const ordered: OrderLineRow[] = [];
    gridApi.forEachNodeAfterFilterAndSort((n) => n.isSelected() && n.data && ordered.push(n.data));
    const [first, ...rest] = ordered;
    if (!first) return;
    const value = column === 'comment' ? first.comment : plain(first[column as 'quantity' | 'price' | 'discount']);
    const r = await desk['orders.updateLines']({ orderId: id, lineIds: rest.map((l) => l.id), patch: { [column]: value } });
    if (!r.ok) fail(r.error.code, r.error.message);
    await queryClient.invalidateQueries({ queryKey: ['orders', 'get', id] });
  };
  const rejectedSubmit = useQuery({
    queryKey: ['sync', 'problems'], queryFn: () => unwrap(desk['sync.problems']({})),
    select: (p) => p.rejected.find((r) => r.aggregate === `order:${id}` && r.code === 'check_changed') ?? null,
  });

  const o = order.data;
  const canSubmit = !!o && (o.status === 'draft' || o.status === 'rejected') && o.linesCount > 0;
  const startSubmit = async () => {
    if (!canSubmit) return;
    const r = await desk['orders.submitCheck']({ id });
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setCheck(r.value);
  };
  const confirmSubmit = async () => {
    if (!check) return;
    // A submit refused earlier (ERP data changed) is replaced by this confirmed one.
    if (rejectedSubmit.data) await desk['sync.discard']({ seq: rejectedSubmit.data.seq });
    const r = await desk['orders.submit']({ id, checkDigest: check.digest });
    setCheck(null);
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setError(null);
    await queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
  const confirmCancel = async () => {
    const r = await desk['orders.cancel']({ id, reason });
    setCancelling(false);
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    await queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
  useHotkeys([['mod+Enter', () => void startSubmit()], ['Escape', () => !check && !cancelling && onBack()]]);

  const editable = !!order.data && !order.data.lockedReason;
  const columns = useMemo<ColDef<OrderLineRow>[]>(() => [
    { field: 'lineNo', headerName: t('orders.lines.no'), width: 64, type: 'numericColumn' },
    { field: 'article', headerName: t('orders.lines.article'), width: 170, cellClass: 'desk-mono' },
    { field: 'name', headerName: t('orders.lines.name'), flex: 1, minWidth: 240 },
    { field: 'quantity', headerName: t('orders.lines.quantity'), width: 100, type: 'numericColumn', valueFormatter: (p) => formatQuantity(Number(p.value)), editable, valueGetter: (p) => plain(p.data?.quantity),
      cellStyle: (p) => (p.data && p.data.packSize > 1 && Number(p.data.quantity) % p.data.packSize !== 0 ? { background: 'var(--mantine-color-yellow-1)' } : null) },
    { field: 'unit', headerName: t('orders.lines.unit'), width: 60 },
    { field: 'packSize', headerName: t('orders.lines.pack'), width: 70, type: 'numericColumn' },
    { field: 'price', headerName: t('orders.lines.price'), width: 120, type: 'numericColumn', valueFormatter: (p) => formatMoney(p.value as string), editable, valueGetter: (p) => plain(p.data?.price) },
    { field: 'priceSource', headerName: t('orders.lines.source'), width: 90, valueFormatter: (p) => t(`orders.sources.${p.value as string}`) },
    { field: 'discount', headerName: t('orders.lines.discount'), width: 90, type: 'numericColumn', valueFormatter: (p) => (Number(p.value) ? formatQuantity(Number(p.value)) : ''), editable, valueGetter: (p) => plain(p.data?.discount) },
    { field: 'amount', headerName: t('orders.lines.amount'), width: 130, type: 'numericColumn', valueFormatter: (p) => formatMoney(p.value as string) },
    // No stock row at the warehouse means none there: shown as 0, like the ERP does.
    { field: 'stock', headerName: t('orders.lines.stock'), width: 100, type: 'numericColumn', valueFormatter: (p) => formatQuantity((p.value as number | null) ?? 0),
      cellStyle: (p) => (p.data && Number(p.data.quantity) > (p.data.stock ?? 0) ? { color: 'var(--mantine-color-red-7)', fontWeight: 600 } : null) },
    { field: 'comment', headerName: t('orders.lines.comment'), width: 160, editable },
  ], [t, editable]);

  if (!o) return null;
  const offline = status.data?.connection !== 'online';
  return (
    <div className="desk-screen" data-testid="order-view">
      <Stack gap={4} px="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap="md" wrap="nowrap">
          <Button variant="subtle" size="xs" onClick={onBack} title="Esc">← {t('orders.back')}</Button>
          <Title order={4} data-testid="order-number">{o.number ?? t('orders.notNumbered')}</Title>
          <OrderStatusBadge order={o} />
          <Text size="sm" data-testid="order-erp" c={o.status === 'submitted' ? 'orange.8' : o.erpError ? 'red.7' : 'dimmed'}>{erpText(t, o)}</Text>
          {o.pendingChanges > 0 && <Badge color="orange" variant="outline" size="sm">{t('orders.pendingHere', { count: o.pendingChanges })}</Badge>}
          <Group gap="xs" ml="auto" wrap="nowrap">
            {(o.status === 'draft' || o.status === 'rejected' || o.status === 'submitted' || o.status === 'accepted' || o.status === 'processing') && (
              <Button variant="default" color="red" onClick={() => setCancelling(true)}>{t('orders.cancel')}</Button>
            )}
            <Button onClick={() => void startSubmit()} disabled={!canSubmit} data-testid="order-submit" title="Ctrl+Enter">{t('orders.submit')}</Button>
          </Group>
        </Group>
        <Group gap="xl" wrap="nowrap">
          <Text size="sm" fw={600}>{o.clientName}</Text>
          <Text size="xs" c="dimmed">{t('orders.columns.kind')}: {t(`orders.kinds.${o.kind}`)}</Text>
          <Text size="xs" c="dimmed">{t('orders.warehouse')}: {o.warehouseName}{o.stockAsOf ? ` (${t('orders.stockAsOf', { time: formatTime(o.stockAsOf) })})` : ''}</Text>
          <Text size="xs" c="dimmed">{t('orders.creditLimit')}: {formatMoney(o.creditLimit)} ₽</Text>
          <Text size="xs" c={Number(o.overdue) > 0 ? 'red.7' : 'dimmed'}>{t('orders.overdue')}: {formatMoney(o.overdue)} ₽{o.receivablesAsOf ? ` (${t('orders.receivablesAsOf', { time: formatTime(o.receivablesAsOf) })})` : ''}</Text>
          {!offline && <Button size="compact-xs" variant="subtle" onClick={() => void desk['erp.refreshReceivables']({ clientIds: [o.clientId] })}>{t('orders.refreshReceivables')}</Button>}
        </Group>
        {o.lockedReason && <Text size="xs" c="dimmed" data-testid="order-locked">{t(`orders.locked.${o.lockedReason}`)}</Text>}
        {rejectedSubmit.data && o.status !== 'submitted' && <Alert color="orange" variant="light" p={6}><Text size="xs">{t('orders.changedAtServer')}</Text></Alert>}
        {error && <Alert color="red" variant="light" p={6} withCloseButton onClose={() => setError(null)}><Text size="xs">{error}</Text></Alert>}
      </Stack>
      {editable && <OrderLinesInput orderId={id} onAdded={() => void queryClient.invalidateQueries({ queryKey: ['orders', 'get', id] })} onError={setError} />}
      <div className="desk-grid" data-testid="order-lines">
        <DeskGrid<OrderLineRow>
          rowData={o.lines} columnDefs={columns} getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true }}
          onGridReady={(e) => setGridApi(e.api)}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
          onCellValueChanged={(e) => void cellChanged(e)}
          onCellKeyDown={onGridKey}
          singleClickEdit={false} stopEditingWhenCellsLoseFocus enterNavigatesVerticallyAfterEdit
        />
      </div>
      <Group px="md" py={4} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text size="sm" fw={600} data-testid="order-totals">{t('orders.totals', { amount: formatMoney(o.total), lines: formatCount(o.linesCount) })}</Text>
        {selected.length > 1 && <Text size="xs" c="dimmed" ml="auto" data-testid="selection-sum">{t('orders.selection', { count: selected.length, sum: formatMoney(selected.reduce((s, l) => addMoney(s, l.amount), '0')) })}</Text>}
      </Group>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title={t('orders.deleteLines', { count: deleting?.length ?? 0 })} size="sm">
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(null)}>{t('orders.keep')}</Button>
          <Button color="red" data-autofocus onClick={() => deleting && void removeLines(deleting)} data-testid="delete-confirm">{t('orders.delete')}</Button>
        </Group>
      </Modal>
      <SubmitCheckModal check={check} order={o} offline={offline} onConfirm={() => void confirmSubmit()} onClose={() => setCheck(null)} />
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t('orders.cancel')} size="md">
        <Stack gap="sm">
          <Textarea label={t('orders.cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={2} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>{t('orders.keep')}</Button>
            <Button color="red" disabled={!reason.trim()} onClick={() => void confirmCancel()}>{t('orders.cancelConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

function SubmitCheckModal({ check, order, offline, onConfirm, onClose }: { check: SubmitCheckResult | null; order: OrderDetails; offline: boolean; onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  if (!check) return null;
  return (
    <Modal opened onClose={onClose} title={t('orders.check.title')} size="xl" data-testid="submit-check">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">{t('orders.check.asOf', { prices: formatTime(check.pricesAsOf) || '—', stock: formatTime(check.stockAsOf ?? order.stockAsOf) || '—' })}</Text>
        {check.differences.length === 0 ? (
          <Alert color="teal" variant="light" p="xs"><Text size="sm">{t('orders.check.ok')}</Text></Alert>
        ) : (
          <>
            <Alert color="orange" variant="light" p="xs"><Text size="sm">{t('orders.check.differences', { count: check.differences.length })}</Text></Alert>
            <div style={{ maxHeight: 320, overflow: 'auto' }}>
              <Table striped withTableBorder fz="xs" data-testid="check-differences">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('orders.lines.article')}</Table.Th><Table.Th>{t('orders.check.what')}</Table.Th>
                    <Table.Th ta="right">{t('orders.check.old')}</Table.Th><Table.Th ta="right">{t('orders.check.new')}</Table.Th><Table.Th ta="right">{t('orders.check.effect')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {check.differences.slice(0, 500).map((d) => (
                    <Table.Tr key={`${d.lineId}:${d.kind}`}>
                      <Table.Td className="desk-mono">{d.article}</Table.Td>
                      <Table.Td>{t(`orders.check.kind.${d.kind}`)}</Table.Td>
                      <Table.Td ta="right">{d.kind === 'price' ? formatMoney(d.old) : d.kind === 'stock' ? `${t('orders.check.quantity')}: ${formatQuantity(Number(d.quantity))}` : ''}</Table.Td>
                      <Table.Td ta="right" c={d.kind === 'price' ? (Number(d.new) > Number(d.old) ? 'red.7' : 'teal.7') : undefined}>{d.kind === 'price' ? formatMoney(d.new) : d.kind === 'stock' ? `${t('orders.check.available')}: ${formatQuantity(Number(d.available))}` : ''}</Table.Td>
                      <Table.Td ta="right">{d.effect ? formatMoney(d.effect) : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {check.differences.some((d) => d.kind === 'price') && <Text size="sm" fw={600}>{t('orders.check.totalEffect', { amount: formatMoney(check.totalEffect) })}</Text>}
          </>
        )}
        {offline && <Text size="xs" c="orange.8">{t('orders.check.offline')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('orders.check.back')}</Button>
          <Button onClick={onConfirm} data-testid="check-confirm" data-autofocus>{t('orders.check.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
