// One order, edited like a spreadsheet: the title (state, actions, client's credit), the line
// grid and the totals bar. The lines come from useOrderLines (first screen first, then every
// line, then the core's deltas in place); the spreadsheet habits AG Grid Community lacks are in
// useSheetCommands and useCellRange; the columns are a pure module; one dialog at a time.
import { Button, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellClassParams, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderLineRow, SubmitCheckResult } from '../../../../domain/contract';
import { canSubmit as statusAllowsSubmit, type OrderStatus } from '../../../../domain/orders/order';
import { rangeFigures, type VatBasis } from '../../../../domain/orders/order-figures';
import type { SplitKind } from '../../../../domain/orders/order-operations';
import { desk, unwrap } from '../../shared/desk';
import { DeskGrid } from '../../shared/DeskGrid';
import { downloadFile } from '../../shared/files';
import i18n from '../../shared/i18n';
import { useCellRange } from '../../sheet/useCellRange';
import { newRow, NUMERIC_COLUMNS, orderColumns, warehouseNameOf } from './order-columns';
import { OrderDialogs, type OrderDialog } from './order-dialogs';
import { OrderTitle } from './OrderTitle';
import { OrderToolbar } from './OrderToolbar';
import { OrderTotals } from './OrderTotals';
import { useOrderLines } from './useOrderLines';
import { useSheetCommands } from './useSheetCommands';

const VAT_VIEW_KEY = 'opta.vatView';

export function OrderView({ id, onBack, onOpen }: { id: string; onBack: () => void; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const data = useOrderLines(id);
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const warehouseList = useQuery({
    queryKey: ['catalog', 'warehouses'],
    queryFn: () => unwrap(desk['catalog.warehouses']({})),
    staleTime: 60_000,
  });
  const rejectedSubmit = useQuery({
    queryKey: ['sync', 'problems'],
    queryFn: () => unwrap(desk['sync.problems']({})),
    select: (p) => p.rejected.find((r) => r.aggregate === `order:${id}` && r.code === 'check_changed') ?? null,
  });
  const [dialog, open] = useState<OrderDialog>({ kind: 'none' });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [claimed, setClaimed] = useState(false);
  const [vatView, setVatView] = useState<VatBasis | null>(() => localStorage.getItem(VAT_VIEW_KEY) as VatBasis | null);
  const [grid, setGrid] = useState<GridApi<OrderLineRow> | null>(null);
  const range = useCellRange<OrderLineRow>(grid);
  const o = data.header;
  const editable = !!o && !o.lockedReason;
  // A merge's "waiting for 1C" is over once 1C has answered: the notification says how it went.
  const merging = !!o?.kindState.merge;
  const wasMerging = useRef(merging);
  useEffect(() => {
    if (wasMerging.current && !merging) setNotice(null);
    wasMerging.current = merging;
  }, [merging]);
  const warehouses = useMemo(() => warehouseList.data ?? [], [warehouseList.data]);
  const warehouseName = useMemo(() => warehouseNameOf(warehouses), [warehouses]);

  const fail = useCallback(
    (e: unknown) => {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    },
    [t],
  );
  const run = async <R,>(p: Promise<R>): Promise<R | undefined> => {
    try {
      const r = await p;
      setError(null);
      return r;
    } catch (e) {
      fail(e);
      return undefined;
    }
  };
  const sheet = useSheetCommands({
    orderId: id,
    grid,
    range,
    editable,
    lockedReason: o?.lockedReason ?? null,
    warehouseName,
    run,
    setError,
    setNotice,
    open,
    refresh: data.refresh,
  });

  // ---- keys ------------------------------------------------------------------------------------
  const explainFocused = () => {
    const f = grid?.getFocusedCell();
    const line = f && !f.rowPinned ? grid?.getDisplayedRowAtIndex(f.rowIndex)?.data : undefined;
    if (line) open({ kind: 'why', lineId: line.id });
  };
  const overrideSelected = () => {
    const ids = sheet.linesInRange().map((l) => l.id);
    if (editable && ids.length) open({ kind: 'override', lineIds: ids, mode: 'price' });
  };
  const canSubmit = !!o && statusAllowsSubmit(o.status as OrderStatus) && o.linesCount > 0;
  const startSubmit = async () => {
    if (!canSubmit) return;
    const check = await run(unwrap(desk['orders.submitCheck']({ id })));
    if (check) open({ kind: 'submit', check });
  };
  useHotkeys([
    ['alt+P', explainFocused],
    ['alt+O', overrideSelected],
    ['mod+Z', () => void sheet.undo()],
    ['mod+Y', () => void sheet.undo(true)],
    ['mod+shift+Z', () => void sheet.undo(true)],
    ['mod+Enter', () => void startSubmit()],
    ['Escape', () => (dialog.kind === 'why' ? open({ kind: 'none' }) : dialog.kind === 'none' && onBack())],
  ]);

  // ---- whole-order actions -----------------------------------------------------------------------
  const confirmSubmit = async (check: SubmitCheckResult) => {
    // A submit refused earlier (ERP data changed) is replaced by this confirmed one.
    if (rejectedSubmit.data) await desk['sync.discard']({ seq: rejectedSubmit.data.seq });
    open({ kind: 'none' });
    await run(unwrap(desk['orders.submit']({ id, checkDigest: check.digest })));
    await queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
  };
  const confirmCancel = async (reason: string) => {
    open({ kind: 'none' });
    await run(unwrap(desk['orders.cancel']({ id, reason })));
    await queryClient.invalidateQueries({ queryKey: ['orders', 'list'] });
  };
  const lang = (): 'en' | 'ru' => (i18n.language === 'en' ? 'en' : 'ru');
  const actions = {
    repeat: async () => {
      const r = await run(unwrap(desk['orders.repeat']({ id })));
      if (r) onOpen(r.id);
    },
    split: async (by: SplitKind) => {
      const r = await run(unwrap(desk['orders.split']({ id, by })));
      if (r) setNotice(t('orders.ops.splitDone', { count: r.ids.length, lines: r.moved }));
    },
    exportXlsx: async () => {
      const r = await run(unwrap(desk['excel.exportOrders']({ ids: [id], lang: lang() })));
      if (r) downloadFile(r.fileName, r.data);
    },
    template: async () => {
      const r = await run(unwrap(desk['excel.template']({ lang: lang() })));
      if (r) downloadFile(r.fileName, r.data);
    },
  };

  // ---- the grid ---------------------------------------------------------------------------------
  // Stable while the grid is: a new function would give the grid new column definitions, and
  // AG Grid rebuilds every column and cell for those (half a second on a 20,000-line order).
  const contains = range.contains;
  const inRange = useCallback((p: CellClassParams<OrderLineRow>) => contains(p.node.rowIndex, p.column), [contains]);
  const listBasis: VatBasis = o?.withVat === false ? 'without' : 'with';
  const shownBasis = vatView ?? listBasis;
  const columns = useMemo(
    () =>
      orderColumns({
        t,
        editable,
        preorder: o?.kind === 'preorder',
        kind: o?.kind,
        warehouses,
        listBasis,
        shownBasis,
        inRange,
      }),
    [t, editable, o?.kind, warehouses, listBasis, shownBasis, inRange],
  );
  const defaultColDef = useMemo(() => ({ cellClassRules: { 'desk-range': inRange } }), [inRange]);
  const pinned = useMemo(() => (editable ? [newRow(t('orders.newRowHint'))] : undefined), [editable, t]);

  // The range's count, sum and average, exactly (domain), following edits of its lines too.
  const figures = useMemo(() => {
    const r = range.range;
    if (!r || !grid || (r.rowStart === r.rowEnd && r.colStart === r.colEnd)) return null;
    const cols = range
      .columns()
      .slice(r.colStart, r.colEnd + 1)
      .map((c) => c.getColId())
      .filter((c) => NUMERIC_COLUMNS.has(c));
    const values: (string | number | null)[] = [];
    for (let i = r.rowStart; i <= r.rowEnd; i++) {
      const d = grid.getDisplayedRowAtIndex(i)?.data;
      if (d)
        for (const c of cols)
          values.push(c === 'stock' ? (d.stock ?? 0) : (d as unknown as Record<string, string>)[c]!);
    }
    return { lines: r.rowEnd - r.rowStart + 1, ...rangeFigures(values) };
  }, [range.range, grid, data.version]); // eslint-disable-line react-hooks/exhaustive-deps -- data.version: edits of the range's lines
  const problemLines = data.problemLines;

  if (data.gone)
    return (
      <div className="desk-screen" data-testid="order-view">
        <OrderGone onBack={onBack} />
      </div>
    );
  if (!o) return null;
  const offline = status.data?.connection !== 'online';
  // Counted from the range's bounds, not by collecting its lines: Ctrl+A over 20,000 lines must not
  // build an array on every render.
  const focused = grid?.getFocusedCell();
  const lastRow = (grid?.getDisplayedRowCount() ?? 0) - 1;
  const selectedCount = range.range
    ? Math.max(0, Math.min(range.range.rowEnd, lastRow) - range.range.rowStart + 1)
    : focused && !focused.rowPinned
      ? 1
      : 0;
  return (
    <div className="desk-screen" data-testid="order-view">
      <OrderTitle
        order={o}
        editable={editable}
        offline={offline}
        canSubmit={canSubmit}
        submitRefused={!!rejectedSubmit.data}
        warehouses={warehouses}
        error={error}
        onBack={onBack}
        onOpen={onOpen}
        onError={fail}
        clearError={() => setError(null)}
        open={open}
        startSubmit={() => void startSubmit()}
        repeat={() => void actions.repeat()}
        split={(by) => void actions.split(by)}
        exportXlsx={() => void actions.exportXlsx()}
        template={() => void actions.template()}
      />
      {editable && (
        <OrderToolbar
          order={o}
          selectedCount={selectedCount}
          open={open}
          setError={setError}
          roundToPack={() => void sheet.bulk({ kind: 'roundToPack' })}
          deleteSelected={() => open({ kind: 'delete', ids: sheet.linesInRange().map((l) => l.id) })}
          overrideSelected={overrideSelected}
          explainFocused={explainFocused}
          undo={(redo) => void sheet.undo(redo)}
        />
      )}
      <div
        className="desk-grid"
        data-testid="order-lines"
        {...range.wrapperProps}
        onCopy={sheet.onCopy}
        onPaste={(e) => void sheet.onPaste(e)}
      >
        <DeskGrid<OrderLineRow>
          rowData={data.rowData}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          getRowId={(p) => p.data.id}
          pinnedBottomRowData={pinned}
          onGridReady={(e) => {
            data.attach(e.api);
            setGrid(e.api);
          }}
          onFirstDataRendered={() => requestAnimationFrame(() => data.firstScreenShown())}
          {...range.gridProps}
          onCellValueChanged={(e) => void sheet.cellChanged(e)}
          onCellKeyDown={sheet.onGridKey}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          suppressNoRowsOverlay={editable}
          tooltipShowDelay={300}
        />
      </div>
      <OrderTotals
        order={o}
        shownBasis={shownBasis}
        onBasis={(basis) => {
          setVatView(basis);
          localStorage.setItem(VAT_VIEW_KEY, basis);
        }}
        problemLines={problemLines}
        loadingLines={!data.complete}
        notice={notice}
        figures={figures}
      />
      {claimed && (
        <Text size="xs" c="teal.7" px="md" data-testid="order-claimed">
          {t('claims.new.created')}
        </Text>
      )}
      <OrderDialogs
        dialog={dialog}
        order={o}
        offline={offline}
        warehouses={warehouses}
        warehouseName={warehouseName}
        lines={data.lines}
        open={open}
        setNotice={setNotice}
        bulk={(action, ids) => void sheet.bulk(action, ids)}
        confirmSubmit={(check) => void confirmSubmit(check)}
        confirmCancel={(reason) => void confirmCancel(reason)}
        claimed={() => setClaimed(true)}
      />
    </div>
  );
}

/** The order left this desk while open: deleted, or no longer in this user's scope. */
function OrderGone({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" gap="sm" align="flex-start">
      <Text size="sm">{t('orders.gone')}</Text>
      <Button variant="default" size="xs" onClick={onBack}>
        ← {t('orders.back')}
      </Button>
    </Stack>
  );
}
