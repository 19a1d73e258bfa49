// One order, edited like a spreadsheet: header (client, credit, receivables, warehouse, ERP
// state), the line grid (first screen first, then every line), the totals bar. Spreadsheet
// habits AG Grid Community lacks are ours: a cell range (Shift+arrows/click/drag, Ctrl+A),
// Ctrl+C of the range as TSV and an HTML table, Ctrl+V of a range from Excel or LibreOffice
// (rows past the end become new lines, through a preview), Ctrl+D fill down, Delete, undo/redo
// (Ctrl+Z/Ctrl+Y, by line id, so they survive sorting and filtering), bulk actions, sum/count/
// average of the range. Every change is a line mutation in the replica, sent when connected.
import { CLAIMABLE_ORDER_STATUSES } from '../../../domain/aftersales/claim';
import { NewClaimDialog } from './NewClaimDialog';
import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellClassParams, CellKeyDownEvent, CellValueChangedEvent, ColDef, GridApi } from 'ag-grid-community';
import Decimal from 'decimal.js';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkAction, OrderDetails, OrderLineRow, SubmitCheckResult } from '../../../domain/contract';
import { planPaste, type PasteRole } from '../../../domain/orders/sheet-paste';
import type { SplitKind } from '../../../domain/orders/order-operations';
import { desk, onDeskEvent, unwrap } from '../desk';
import { DeskGrid } from '../DeskGrid';
import { formatCount, formatMoney, formatQuantity, formatTime, formatVolume } from '../format';
import i18n from '../i18n';
import { readPasted, writeCopied } from '../sheet/clipboard';
import { useCellRange } from '../sheet/useCellRange';
import { LinesPreview, type CellEdits, type PreviewSource } from './LinesPreview';
import { erpText, OrderStatusBadge, plain } from './order-parts';
import { OrderHeader } from './OrderHeader';
import { OrderLinesInput } from './OrderLinesInput';
import { OrderPrint } from './OrderPrint';
import { OverrideDialog, type OverrideMode } from './OverrideDialog';
import { PriceWhy } from './PriceWhy';
import { SubmitCheckModal } from './SubmitCheck';

const typedNumber = (v: string): string => v.trim().replace(/\s/g, '').replace(',', '.').replace(/%$/, '');

/** Lines shown before the rest are read: the first screen and a little more. */
const FIRST_LINES = 120;
const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** Grid columns a paste can write to, by column id. */
const PASTE_ROLE: Record<string, PasteRole> = {
  article: 'article',
  quantity: 'quantity',
  price: 'price',
  discount: 'discount',
  comment: 'comment',
  warehouse: 'warehouse',
};
const NUMERIC = new Set(['quantity', 'price', 'discount', 'amount', 'margin', 'weightKg', 'stock', 'packSize']);

/** The row under the last line: paste there (Ctrl+V) to add lines at the end, as below a table in Excel. */
const NEW_ROW: OrderLineRow = {
  id: '__new',
  lineNo: 0,
  itemId: 0,
  article: '',
  name: '',
  unit: '',
  packSize: 1,
  quantity: '',
  price: '',
  priceSource: '',
  discount: '',
  amount: '',
  warehouseId: null,
  stock: null,
  leadDays: null,
  comment: '',
  problems: [],
  currentPrice: null,
  margin: '',
  weightKg: '',
  volumeM3: '',
  overrideReason: '',
  overrideNote: '',
  floor: null,
  approval: null,
  vatRate: '0',
  vat: '',
};

type Preview = { source: PreviewSource; label: 'paste' | 'import'; cellEdits?: CellEdits };
type BulkForm = { kind: 'setQuantity' | 'multiply' | 'setDiscount' | 'setWarehouse'; value: string } | null;

/** Base64 of a file, in chunks (a 30 MB file would overflow one String.fromCharCode call). */
async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function downloadFile(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function OrderView({ id, onBack, onOpen }: { id: string; onBack: () => void; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const order = useQuery({
    queryKey: ['orders', 'get', id],
    queryFn: () => unwrap(desk['orders.get']({ id, linesLimit: FIRST_LINES })),
  });
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const page = useQuery({
    queryKey: ['catalog', 'page'],
    queryFn: () => unwrap(desk['catalog.page']({})),
    staleTime: 60_000,
  });
  const [lines, setLines] = useState<OrderLineRow[] | null>(null);
  const [check, setCheck] = useState<SubmitCheckResult | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [bulkForm, setBulkForm] = useState<BulkForm>(null);
  const [merging, setMerging] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const [claimed, setClaimed] = useState(false);
  const [why, setWhy] = useState<string | null>(null);
  const [override, setOverride] = useState<{ lineIds: string[]; mode: OverrideMode } | null>(null);
  const [vatView, setVatView] = useState<'with' | 'without' | null>(
    () => (localStorage.getItem('opta.vatView') as 'with' | 'without' | null) ?? null,
  );
  const [gridApi, setGridApi] = useState<GridApi<OrderLineRow> | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const range = useCellRange<OrderLineRow>(gridApi);
  const o = order.data;
  const editable = !!o && !o.lockedReason;
  const warehouses = useMemo(() => page.data?.warehouses ?? [], [page.data]);
  const warehouseName = useCallback(
    (wid: number | null) => (wid === null ? '' : (warehouses.find((w) => w.id === wid)?.name ?? String(wid))),
    [warehouses],
  );

  // Every line, read once the first screen is on screen (not before: the first screen must not
  // wait for 20,000 lines to be read, shipped and laid out).
  const [firstShown, setFirstShown] = useState(false);
  useEffect(() => {
    if (!firstShown) return;
    let live = true;
    void unwrap(desk['orders.lines']({ orderId: id })).then((r) => live && setLines(r.lines));
    return () => {
      live = false;
    };
  }, [id, firstShown]);
  // An order shorter than the first screen is whole already.
  useEffect(() => {
    if (o && !lines && o.lines.length >= o.linesCount) setLines(o.lines);
  }, [o, lines]);
  const rows = lines ?? o?.lines ?? [];
  const linesRef = useRef(rows);
  linesRef.current = rows;

  // Changes in the replica (own edits, undo, sync): only the changed lines are read again.
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ rows: changed }) => {
        const keys = changed.order_lines;
        // The supervisor's decision on this order, or new price rules (floors), change the lines' flags.
        const decided = changed.price_approvals?.includes(id) || !!changed.price_rules;
        if (changed.orders?.includes(id) || keys || changed.prices || changed.stock || decided)
          void queryClient.invalidateQueries({ queryKey: ['orders', 'get', id] });
        // Prices or stock move every line's figures; an edit of most of the order is cheaper read whole.
        // Otherwise only the changed lines (a 5,000-line paste into a 20,000-line order reads 5,000).
        if (
          changed.prices ||
          changed.stock ||
          decided ||
          (keys && keys.length >= 2000 && keys.length > linesRef.current.length / 2)
        ) {
          void unwrap(desk['orders.lines']({ orderId: id })).then((r) => setLines(r.lines));
          return;
        }
        if (!keys?.length) return;
        void unwrap(desk['orders.lines']({ orderId: id, ids: keys })).then(({ lines: fresh, missing }) => {
          const gone = new Set(missing);
          const byId = new Map(fresh.map((l) => [l.id, l]));
          setLines((prev) => {
            const base = prev ?? linesRef.current;
            if (!fresh.length && !base.some((l) => gone.has(l.id))) return prev;
            const next = base.filter((l) => !gone.has(l.id)).map((l) => byId.get(l.id) ?? l);
            const known = new Set(base.map((l) => l.id));
            const added = fresh.filter((l) => !known.has(l.id));
            return added.length ? [...next, ...added].sort((a, b) => a.lineNo - b.lineNo) : next;
          });
        });
      }),
    [id, queryClient],
  );

  const fail = (e: unknown) => {
    const err = e as { code?: string; message?: string };
    setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
  };
  const run = async <T,>(p: Promise<T>): Promise<T | undefined> => {
    try {
      const r = await p;
      setError(null);
      return r;
    } catch (e) {
      fail(e);
      return undefined;
    }
  };

  // ---- the range and its lines -----------------------------------------------------------------
  const columnsShown = () => range.columns();
  const rangeOrFocus = () => {
    const now = range.current();
    if (now) return now;
    const f = gridApi?.getFocusedCell();
    if (!f || !gridApi) return null;
    const c = columnsShown().findIndex((x) => x.getColId() === f.column.getColId());
    // The row under the last line stands for "after the end".
    const row = f.rowPinned === 'bottom' ? gridApi.getDisplayedRowCount() : f.rowIndex;
    return { rowStart: row, rowEnd: row, colStart: c, colEnd: c };
  };
  const linesInRange = (): OrderLineRow[] => {
    const r = rangeOrFocus();
    if (!r || !gridApi) return [];
    const out: OrderLineRow[] = [];
    for (let i = r.rowStart; i <= r.rowEnd; i++) {
      const d = gridApi.getDisplayedRowAtIndex(i)?.data;
      if (d) out.push(d);
    }
    return out;
  };

  /** A cell as text for the clipboard: numbers with the language's decimal separator, Excel reads them as numbers. */
  const cellText = (colId: string, l: OrderLineRow): string => {
    const sep = i18n.language === 'en' ? '.' : ',';
    const num = (v: unknown) => plain(v).replace('.', sep);
    switch (colId) {
      case 'quantity':
      case 'price':
      case 'discount':
      case 'amount':
      case 'margin':
      case 'weightKg':
        return num(l[colId]);
      case 'stock':
        return num(l.stock ?? 0);
      case 'warehouse':
        return warehouseName(l.warehouseId);
      case 'priceSource':
        return t(`orders.sources.${l.priceSource}`);
      case 'problems':
        return l.problems.map((p) => t(`orders.problems.${p}`)).join(', ');
      default:
        return String((l as unknown as Record<string, unknown>)[colId] ?? '');
    }
  };

  const onCopy = (e: React.ClipboardEvent) => {
    if (!gridApi || gridApi.getEditingCells().length || (e.target as HTMLElement).closest('input, textarea')) return;
    const r = rangeOrFocus();
    if (!r) return;
    const cols = columnsShown()
      .slice(r.colStart, r.colEnd + 1)
      .map((c) => c.getColId());
    const table = linesInRange().map((l) => cols.map((c) => cellText(c, l)));
    e.preventDefault();
    writeCopied(e.clipboardData, table);
    setNotice(
      t('orders.copiedCells', { rows: formatCount(table.length), cells: formatCount(table.length * cols.length) }),
    );
  };

  const onPaste = async (e: React.ClipboardEvent) => {
    if (!gridApi || gridApi.getEditingCells().length || (e.target as HTMLElement).closest('input, textarea')) return;
    e.preventDefault();
    if (!editable) return setError(t(`orders.locked.${o?.lockedReason ?? 'finished'}`));
    const block = readPasted(e.clipboardData);
    const target = rangeOrFocus() ?? {
      rowStart: gridApi.getDisplayedRowCount(),
      rowEnd: gridApi.getDisplayedRowCount(),
      colStart: 1,
      colEnd: 1,
    };
    if (!block.length) return;
    const rowIds: string[] = [];
    gridApi.forEachNodeAfterFilterAndSort((n) => n.data && rowIds.push(n.data.id));
    const plan = planPaste({
      block,
      target,
      columns: columnsShown().map((c) => PASTE_ROLE[c.getColId()] ?? null),
      rowIds,
    });
    const patches = [...plan.patches].map(([lineId, patch]) => ({ lineId, patch }));
    const clean = !plan.appended.length && !plan.readOnlyCells && !plan.beyondColumns && !plan.rowsWithoutArticle;
    if (clean && patches.length) {
      const r = await run(unwrap(desk['orders.patchLines']({ orderId: id, patches, mode: 'ifClean', label: 'paste' })));
      if (!r) return;
      if (r.applied) return setNotice(t('orders.pasted', { cells: formatCount(plan.cells) }));
      return setPreview({
        source: { kind: 'rows', rows: [] },
        label: 'paste',
        cellEdits: {
          patches,
          cells: plan.cells,
          problems: r.problems,
          readOnlyCells: 0,
          beyondColumns: 0,
          rowsWithoutArticle: 0,
        },
      });
    }
    const checked = patches.length
      ? await run(unwrap(desk['orders.patchLines']({ orderId: id, patches, mode: 'check', label: 'paste' })))
      : { problems: [] };
    if (!checked) return;
    setPreview({
      source: { kind: 'rows', rows: plan.appended },
      label: 'paste',
      cellEdits: {
        patches,
        cells: plan.cells,
        problems: checked.problems,
        readOnlyCells: plan.readOnlyCells,
        beyondColumns: plan.beyondColumns,
        rowsWithoutArticle: plan.rowsWithoutArticle,
      },
    });
  };

  /** Ctrl+D: in every column of the range, the top line's value into the lines below it. */
  const fillDown = async () => {
    const r = rangeOrFocus();
    const inRange = linesInRange();
    if (!r || inRange.length < 2) return;
    const [first, ...rest] = inRange;
    const patch: Record<string, string> = {};
    for (const c of columnsShown().slice(r.colStart, r.colEnd + 1)) {
      const role = PASTE_ROLE[c.getColId()];
      if (role && role !== 'article')
        patch[role] =
          role === 'warehouse'
            ? warehouseName(first!.warehouseId)
            : role === 'comment'
              ? first!.comment
              : plain(first![role]);
    }
    if (!Object.keys(patch).length) return;
    const res = await run(
      unwrap(
        desk['orders.patchLines']({
          orderId: id,
          patches: rest.map((l) => ({ lineId: l.id, patch })),
          mode: 'ifClean',
          label: 'fill',
        }),
      ),
    );
    if (res && !res.applied) setError(t('orders.fillRefused', { count: res.problems.length }));
  };

  const undo = async (redo = false) => {
    const r = await run(unwrap(desk[redo ? 'orders.redo' : 'orders.undo']({ orderId: id })));
    if (r?.label)
      setNotice(t(redo ? 'orders.undo.redone' : 'orders.undo.undone', { what: t(`orders.undo.labels.${r.label}`) }));
  };

  const bulk = async (action: BulkAction) => {
    const ids = linesInRange().map((l) => l.id);
    if (!ids.length) return;
    setBulkForm(null);
    const r = await run(unwrap(desk['orders.bulk']({ orderId: id, lineIds: ids, action })));
    if (r && r.problems.length) {
      const p = r.problems[0]!;
      setError(
        t('orders.bulkRefused', {
          count: r.problems.length,
          line: p.lineNo,
          value: p.value,
          column: t(`orders.preview.fields.${p.field}`, { defaultValue: p.field }),
        }),
      );
    } else if (r) setNotice(t('orders.bulkDone', { count: r.changed }));
  };

  const removeLines = async (ids: string[]) => {
    setDeleting(null);
    await bulkIds(ids, { kind: 'delete' });
  };
  const bulkIds = async (ids: string[], action: BulkAction) => {
    const r = await run(unwrap(desk['orders.bulk']({ orderId: id, lineIds: ids, action })));
    if (r) setNotice(t('orders.bulkDone', { count: r.changed }));
  };

  const onGridKey = (e: CellKeyDownEvent<OrderLineRow>) => {
    const key = e.event as KeyboardEvent | undefined;
    if (!key || e.api.getEditingCells().length) return;
    const mod = key.ctrlKey || key.metaKey;
    if (key.key === 'Delete' && editable) {
      const ids = linesInRange().map((l) => l.id);
      if (ids.length > 1) setDeleting(ids);
      else if (ids.length === 1) void removeLines(ids);
    }
    if (mod && key.key.toLowerCase() === 'a') {
      key.preventDefault();
      range.selectAll();
    }
    if (mod && key.key.toLowerCase() === 'd' && editable) {
      key.preventDefault();
      void fillDown();
    }
  };
  /** Alt+P: why the focused line costs what it does. */
  const explainFocused = () => {
    const f = gridApi?.getFocusedCell();
    const line = f && !f.rowPinned ? gridApi?.getDisplayedRowAtIndex(f.rowIndex)?.data : undefined;
    if (line) setWhy(line.id);
  };
  /** Alt+O: the manager's price for the selected lines, with its reason. */
  const openOverride = (mode: OverrideMode) => {
    const ids = linesInRange().map((l) => l.id);
    if (editable && ids.length) setOverride({ lineIds: ids, mode });
  };
  useHotkeys([
    ['alt+P', explainFocused],
    ['alt+O', () => openOverride('price')],
    ['mod+Z', () => void undo()],
    ['mod+Y', () => void undo(true)],
    ['mod+shift+Z', () => void undo(true)],
    ['mod+Enter', () => void startSubmit()],
    ['Escape', () => (why ? setWhy(null) : !check && !cancelling && !preview && !printing && !override && onBack())],
  ]);

  /** A typed cell: the line's change, checked, applied to the replica at once and sent when connected. */
  const cellChanged = async (e: CellValueChangedEvent<OrderLineRow>) => {
    const colId = e.column.getColId();
    const role = PASTE_ROLE[colId];
    if (!e.data || !role || role === 'article' || String(e.newValue ?? '') === String(e.oldValue ?? '')) return;
    const r = await run(
      unwrap(
        desk['orders.patchLines']({
          orderId: id,
          patches: [{ lineId: e.data.id, patch: { [role]: String(e.newValue ?? '') } }],
          mode: 'ifClean',
          label: 'edit',
        }),
      ),
    );
    // A price or discount typed by hand needs its reason: asked for at once, while the manager remembers it.
    if (
      r?.applied &&
      r.changed &&
      (role === 'price' || (role === 'discount' && Number(typedNumber(String(e.newValue ?? ''))) !== 0))
    )
      setOverride({ lineIds: [e.data.id], mode: 'reason' });
    // A value the line cannot take: say which and what is expected; the replica keeps the old one.
    if (r && !r.applied) {
      setError(t(`orders.badValue.${r.problems[0]?.field ?? role}`, { value: String(e.newValue ?? '') }));
      // The grid wrote the typed text into its row object: show the line as the replica has it.
      const fresh = await unwrap(desk['orders.lines']({ orderId: id, ids: [e.data.id] })).catch(() => null);
      if (fresh?.lines[0]) setLines(linesRef.current.map((l) => (l.id === fresh.lines[0]!.id ? fresh.lines[0]! : l)));
    }
  };

  // ---- submit, cancel, whole-order operations ---------------------------------------------------
  const rejectedSubmit = useQuery({
    queryKey: ['sync', 'problems'],
    queryFn: () => unwrap(desk['sync.problems']({})),
    select: (p) => p.rejected.find((r) => r.aggregate === `order:${id}` && r.code === 'check_changed') ?? null,
  });
  const canSubmit = !!o && (o.status === 'draft' || o.status === 'rejected') && o.linesCount > 0;
  const startSubmit = async () => {
    if (!canSubmit) return;
    const r = await run(unwrap(desk['orders.submitCheck']({ id })));
    if (r) setCheck(r);
  };
  const confirmSubmit = async () => {
    if (!check) return;
    // A submit refused earlier (ERP data changed) is replaced by this confirmed one.
    if (rejectedSubmit.data) await desk['sync.discard']({ seq: rejectedSubmit.data.seq });
    const digest = check.digest;
    setCheck(null);
    await run(unwrap(desk['orders.submit']({ id, checkDigest: digest })));
    await queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
  const confirmCancel = async () => {
    setCancelling(false);
    await run(unwrap(desk['orders.cancel']({ id, reason })));
    await queryClient.invalidateQueries({ queryKey: ['orders'] });
  };
  const repeat = async () => {
    const r = await run(unwrap(desk['orders.repeat']({ id })));
    if (r) onOpen(r.id);
  };
  const split = async (by: SplitKind) => {
    const r = await run(unwrap(desk['orders.split']({ id, by })));
    if (r) setNotice(t('orders.ops.splitDone', { count: r.ids.length, lines: r.moved }));
  };
  const exportXlsx = async () => {
    const r = await run(unwrap(desk['excel.exportOrders']({ ids: [id], lang: i18n.language === 'en' ? 'en' : 'ru' })));
    if (r) downloadFile(r.fileName, r.data);
  };
  const template = async () => {
    const r = await run(unwrap(desk['excel.template']({ lang: i18n.language === 'en' ? 'en' : 'ru' })));
    if (r) downloadFile(r.fileName, r.data);
  };
  const importFile = async (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setError(t('excel.refused.too_large'));
    setPreview({ source: { kind: 'file', name: file.name, data: await fileToBase64(file) }, label: 'import' });
  };

  // ---- columns -----------------------------------------------------------------------------------
  const inRange = useCallback((p: CellClassParams<OrderLineRow>) => range.contains(p.node.rowIndex, p.column), [range]);
  const basis: 'with' | 'without' = o?.withVat === false ? 'without' : 'with';
  const shownVat = vatView ?? basis;
  const converted = shownVat !== basis;
  const columns = useMemo<ColDef<OrderLineRow>[]>(() => {
    const num = (field: 'quantity' | 'price' | 'discount') => (p: { data?: OrderLineRow }) => plain(p.data?.[field]);
    // Prices on the other VAT basis than the client's price list: shown converted (per unit, to
    // kopecks), amounts from the line's own VAT, so the column sums to the document's figures.
    const priceShown = (l: OrderLineRow | undefined): string => {
      if (!l || !converted) return plain(l?.price);
      const rate = new Decimal(l.vatRate || '0');
      const p = new Decimal(l.price || '0');
      return (basis === 'with' ? p.times(100).dividedBy(rate.plus(100)) : p.times(rate.plus(100)).dividedBy(100))
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
        .toFixed(2);
    };
    const amountShown = (l: OrderLineRow | undefined): string => {
      if (!l || !converted || l.amount === '') return l?.amount ?? '';
      return (
        basis === 'with' ? new Decimal(l.amount).minus(l.vat || '0') : new Decimal(l.amount).plus(l.vat || '0')
      ).toFixed(2);
    };
    const problemText = (l: OrderLineRow | undefined): string =>
      (l?.problems ?? [])
        .map((x) =>
          x === 'below_floor' && l?.approval
            ? `${t('orders.problems.below_floor')} (${t(`orders.problems.approval.${l.approval}`)})`
            : t(`orders.problems.${x}`),
        )
        .join(', ');
    // A column's own class rules replace the default ones: each keeps the range's rule too.
    const rules = (name: string, test: (p: CellClassParams<OrderLineRow>) => boolean) => ({
      'desk-range': inRange,
      [name]: test,
    });
    const cols: ColDef<OrderLineRow>[] = [
      { field: 'lineNo', headerName: t('orders.lines.no'), width: 64, type: 'numericColumn' },
      { field: 'article', headerName: t('orders.lines.article'), width: 160, cellClass: 'desk-mono' },
      { field: 'name', headerName: t('orders.lines.name'), flex: 1, minWidth: 220 },
      {
        field: 'quantity',
        headerName: t('orders.lines.quantity'),
        width: 96,
        type: 'numericColumn',
        valueFormatter: (p) => formatQuantity(Number(p.value)),
        editable,
        valueGetter: num('quantity'),
        cellClassRules: rules('cell-warn', (p) => !!p.data?.problems.includes('not_pack')),
      },
      { field: 'unit', headerName: t('orders.lines.unit'), width: 56 },
      { field: 'packSize', headerName: t('orders.lines.pack'), width: 66, type: 'numericColumn' },
      {
        field: 'price',
        headerName: converted
          ? t(shownVat === 'with' ? 'orders.priceWithVat' : 'orders.priceNoVat')
          : t('orders.lines.price'),
        width: 110,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        editable: editable && !converted,
        valueGetter: (p) => priceShown(p.data),
        // The rules' price today against the line's: up red, down green; under the floor: red ground.
        cellClassRules: {
          ...rules('price-up', (p) => !!p.data?.currentPrice && Number(p.data.currentPrice) > Number(p.data.price)),
          'price-down': (p) => !!p.data?.currentPrice && Number(p.data.currentPrice) < Number(p.data.price),
          'cell-bad': (p) => !!p.data?.problems.includes('below_floor'),
        },
        tooltipValueGetter: (p) =>
          [
            p.data?.currentPrice ? t('orders.problems.priceNow', { price: formatMoney(p.data.currentPrice) }) : '',
            p.data?.floor ? t('orders.problems.floorTip', { floor: formatMoney(p.data.floor) }) : '',
            p.data?.overrideReason
              ? `${t(`overrides.reasons.${p.data.overrideReason}`)}${p.data.overrideNote ? `: ${p.data.overrideNote}` : ''}`
              : '',
            converted ? t('orders.vatViewReadOnly') : '',
          ]
            .filter(Boolean)
            .join('\n') || undefined,
      },
      {
        field: 'priceSource',
        headerName: t('orders.lines.source'),
        width: 84,
        valueFormatter: (p) => t(`orders.sources.${p.value as string}`),
      },
      {
        field: 'discount',
        headerName: t('orders.lines.discount'),
        width: 84,
        type: 'numericColumn',
        valueFormatter: (p) => (Number(p.value) ? formatQuantity(Number(p.value)) : ''),
        editable: editable && o?.kind !== 'preorder',
        valueGetter: num('discount'),
      },
      {
        field: 'amount',
        headerName: converted
          ? t(shownVat === 'with' ? 'orders.amountWithVat' : 'orders.amountNoVat')
          : t('orders.lines.amount'),
        width: 120,
        type: 'numericColumn',
        valueGetter: (p) => amountShown(p.data),
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'margin',
        headerName: t('orders.lines.margin'),
        width: 104,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
        cellClassRules: rules('cell-bad', (p) => Number(p.data?.margin) < 0),
      },
      {
        field: 'weightKg',
        headerName: t('orders.lines.weight'),
        width: 84,
        type: 'numericColumn',
        valueFormatter: (p) => formatQuantity(Number(p.value)),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      // No stock row at the warehouse means none there: shown as 0, like the ERP does.
      {
        field: 'stock',
        headerName: t('orders.lines.stock'),
        width: 90,
        type: 'numericColumn',
        valueFormatter: (p) => formatQuantity((p.value as number | null) ?? 0),
        cellClassRules: rules('cell-bad', (p) => !!p.data?.problems.includes('no_stock')),
      },
      {
        field: 'leadDays',
        headerName: t('orders.lines.lead'),
        width: 64,
        type: 'numericColumn',
        valueFormatter: (p) =>
          p.value === null || p.value === undefined ? '' : t('orders.lines.days', { count: p.value as number }),
      },
      {
        colId: 'warehouse',
        headerName: t('orders.warehouse'),
        width: 120,
        editable,
        valueGetter: (p) => warehouseName(p.data?.warehouseId ?? null),
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['', ...warehouses.map((w) => w.name)] },
      },
      { field: 'comment', headerName: t('orders.lines.comment'), width: 150, editable },
      {
        colId: 'problems',
        headerName: t('orders.lines.problems'),
        width: 170,
        valueGetter: (p) => problemText(p.data),
        cellClass: 'cell-problems',
        filter: 'agTextColumnFilter',
      },
    ];
    // The row under the last line shows only its hint and takes no typing (a paste adds lines there).
    const hint = t('orders.newRowHint');
    return cols.map((c) => ({
      ...c,
      editable: c.editable ? (p) => !p.node.rowPinned : false,
      valueFormatter: (p) =>
        p.node?.rowPinned
          ? c.field === 'name'
            ? hint
            : ''
          : typeof c.valueFormatter === 'function'
            ? c.valueFormatter(p)
            : p.value == null
              ? ''
              : String(p.value),
      cellRenderer: c.cellRenderer,
    }));
  }, [t, editable, o?.kind, warehouses, warehouseName, inRange, converted, basis, shownVat]);
  const defaultColDef = useMemo<ColDef<OrderLineRow>>(() => ({ cellClassRules: { 'desk-range': inRange } }), [inRange]);

  // ---- the range's figures -------------------------------------------------------------------------
  const figures = useMemo(() => {
    const r = range.range;
    if (!r || !gridApi || (r.rowStart === r.rowEnd && r.colStart === r.colEnd)) return null;
    const cols = range
      .columns()
      .slice(r.colStart, r.colEnd + 1)
      .map((c) => c.getColId())
      .filter((c) => NUMERIC.has(c));
    let sum = new Decimal(0);
    let count = 0;
    const lineCount = r.rowEnd - r.rowStart + 1;
    for (let i = r.rowStart; i <= r.rowEnd; i++) {
      const d = gridApi.getDisplayedRowAtIndex(i)?.data;
      if (!d) continue;
      for (const c of cols) {
        const v = c === 'stock' ? (d.stock ?? 0) : (d as unknown as Record<string, string | number>)[c];
        sum = sum.plus(String(v));
        count++;
      }
    }
    return {
      lines: lineCount,
      count,
      sum: sum.toString(),
      avg: count ? sum.dividedBy(count).toDecimalPlaces(4).toString() : null,
    };
    // rows: the figures follow edits of the lines in the range too.
  }, [range, gridApi, rows]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!o) return null;
  const offline = status.data?.connection !== 'online';
  const problemCount = rows.filter((l) => l.problems.length).length;
  // Counted from the range's bounds, not by collecting its lines: Ctrl+A over 20,000 lines must not
  // build an array on every render.
  const focused = gridApi?.getFocusedCell();
  const selectedCount = range.range
    ? Math.max(0, Math.min(range.range.rowEnd, rows.length - 1) - range.range.rowStart + 1)
    : focused && !focused.rowPinned
      ? 1
      : 0;
  return (
    <div className="desk-screen" data-testid="order-view">
      <Stack gap={4} px="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap="md" wrap="nowrap">
          <Button variant="subtle" size="xs" onClick={onBack} title="Esc">
            ← {t('orders.back')}
          </Button>
          <Title order={4} data-testid="order-number">
            {o.number ?? t('orders.notNumbered')}
          </Title>
          <OrderStatusBadge order={o} />
          <Text
            size="sm"
            data-testid="order-erp"
            c={o.status === 'submitted' ? 'orange.8' : o.erpError ? 'red.7' : 'dimmed'}
          >
            {erpText(t, o)}
          </Text>
          {o.pendingChanges > 0 && (
            <Badge color="orange" variant="outline" size="sm">
              {t('orders.pendingHere', { count: o.pendingChanges })}
            </Badge>
          )}
          <Group gap="xs" ml="auto" wrap="nowrap">
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" data-testid="order-more">
                  {t('orders.ops.more')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void repeat()}>{t('orders.ops.repeat')}</Menu.Item>
                {editable && <Menu.Item onClick={() => setMerging(true)}>{t('orders.ops.merge')}</Menu.Item>}
                {editable &&
                  (['warehouse', 'availability', 'category'] as const).map((k) => (
                    <Menu.Item key={k} onClick={() => void split(k)}>
                      {t(`orders.ops.split.${k}`)}
                    </Menu.Item>
                  ))}
                <Menu.Divider />
                <Menu.Item onClick={() => void exportXlsx()} data-testid="order-export">
                  {t('orders.ops.export')}
                </Menu.Item>
                <Menu.Item onClick={() => setPrinting(true)}>{t('orders.ops.print')}</Menu.Item>
                {editable && <Menu.Item onClick={() => void template()}>{t('orders.ops.template')}</Menu.Item>}
              </Menu.Dropdown>
            </Menu>
            {(CLAIMABLE_ORDER_STATUSES as readonly string[]).includes(o.status) && (
              <Button variant="default" onClick={() => setClaiming(true)} data-testid="order-claim">
                {t('claims.new.fromOrder')}
              </Button>
            )}
            {(o.status === 'draft' ||
              o.status === 'rejected' ||
              o.status === 'submitted' ||
              o.status === 'accepted' ||
              o.status === 'processing') && (
              <Button variant="default" color="red" onClick={() => setCancelling(true)}>
                {t('orders.cancel')}
              </Button>
            )}
            <Button
              onClick={() => void startSubmit()}
              disabled={!canSubmit}
              data-testid="order-submit"
              title="Ctrl+Enter"
            >
              {t('orders.submit')}
            </Button>
          </Group>
        </Group>
        <Group gap="xl" wrap="nowrap">
          <Text size="sm" fw={600}>
            {o.clientName}
          </Text>
          <Text size="xs" c="dimmed">
            {t('orders.columns.kind')}: {t(`orders.kinds.${o.kind}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('orders.warehouse')}: {o.warehouseName}
            {o.stockAsOf ? ` (${t('orders.stockAsOf', { time: formatTime(o.stockAsOf) })})` : ''}
          </Text>
          {o.paymentTerms && (
            <Text size="xs" c="dimmed">
              {o.paymentTerms}
            </Text>
          )}
          <Text size="xs" c="dimmed" data-testid="order-credit">
            {t('orders.creditLimit')}: {formatMoney(o.creditLimit)} ₽
            {o.credit.prepayment ? '' : ` · ${t('orders.creditUsed', { amount: formatMoney(o.credit.exposure) })}`}
          </Text>
          {o.credit.over && (
            <Text size="xs" c="red.7" fw={600} data-testid="order-credit-over">
              {t('orders.creditOver', { amount: formatMoney(o.credit.over) })}
            </Text>
          )}
          <Text size="xs" c={Number(o.overdue) > 0 ? 'red.7' : 'dimmed'}>
            {t('orders.overdue')}: {formatMoney(o.overdue)} ₽
            {o.receivablesAsOf ? ` (${t('orders.receivablesAsOf', { time: formatTime(o.receivablesAsOf) })})` : ''}
          </Text>
          {!offline && (
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => void desk['erp.refreshReceivables']({ clientIds: [o.clientId] })}
            >
              {t('orders.refreshReceivables')}
            </Button>
          )}
        </Group>
        <OrderHeader key={o.id} order={o} editable={editable} warehouses={warehouses} onError={fail} />
        {o.lockedReason && (
          <Text size="xs" c="dimmed" data-testid="order-locked">
            {t(`orders.locked.${o.lockedReason}`)}
          </Text>
        )}
        {o.approval && (o.status === 'draft' || o.status === 'rejected') && (
          <Text
            size="xs"
            c={o.approval.status === 'approved' ? 'teal.8' : o.approval.status === 'rejected' ? 'red.7' : 'orange.8'}
            data-testid="order-approval"
          >
            {o.approval.status === 'pending'
              ? t('orders.approval.pending', { time: formatTime(o.approval.requestedAt) })
              : t(`orders.approval.${o.approval.status}`, {
                  who: o.approval.decidedBy ?? '',
                  time: formatTime(o.approval.decidedAt),
                })}
            {o.approval.comment ? ` ${t('orders.approval.comment', { comment: o.approval.comment })}` : ''}
          </Text>
        )}
        {rejectedSubmit.data && o.status !== 'submitted' && (
          <Alert color="orange" variant="light" p={6}>
            <Text size="xs">{t('orders.changedAtServer')}</Text>
          </Alert>
        )}
        {error && (
          <Alert
            color="red"
            variant="light"
            p={6}
            withCloseButton
            onClose={() => setError(null)}
            data-testid="order-error"
          >
            <Text size="xs">{error}</Text>
          </Alert>
        )}
      </Stack>
      {editable && (
        <Group gap="xs" px="md" py={4} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <OrderLinesInput orderId={id} onError={setError} />
          <Button size="xs" variant="default" onClick={() => fileInput.current?.click()} data-testid="import-xlsx">
            {t('orders.ops.import')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hidden
            onChange={(e) => void importFile(e.currentTarget.files?.[0])}
            data-testid="import-file"
          />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="default" disabled={selectedCount === 0} data-testid="bulk-menu">
                {t('orders.bulk.menu', { count: selectedCount })}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(['setQuantity', 'multiply', 'setDiscount', 'setWarehouse'] as const).map((k) => (
                <Menu.Item key={k} onClick={() => setBulkForm({ kind: k, value: '' })} data-testid={`bulk-${k}`}>
                  {t(`orders.bulk.${k}`)}
                </Menu.Item>
              ))}
              <Menu.Item onClick={() => void bulk({ kind: 'roundToPack' })} data-testid="bulk-roundToPack">
                {t('orders.bulk.roundToPack')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item color="red" onClick={() => setDeleting(linesInRange().map((l) => l.id))}>
                {t('orders.bulk.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Button
            size="xs"
            variant="default"
            disabled={selectedCount === 0}
            onClick={() => openOverride('price')}
            title="Alt+O"
            data-testid="override-open"
          >
            {t('overrides.open')}
          </Button>
          <Button
            size="xs"
            variant="default"
            disabled={selectedCount === 0}
            onClick={explainFocused}
            title="Alt+P"
            data-testid="price-why-open"
          >
            {t('orders.why.open')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            disabled={!o.undoLabel}
            onClick={() => void undo()}
            title="Ctrl+Z"
            data-testid="undo"
          >
            {o.undoLabel
              ? t('orders.undo.undo', { what: t(`orders.undo.labels.${o.undoLabel}`) })
              : t('orders.undo.nothing')}
          </Button>
          <Button
            size="xs"
            variant="subtle"
            disabled={!o.redoLabel}
            onClick={() => void undo(true)}
            title="Ctrl+Y"
            data-testid="redo"
          >
            {t('orders.undo.redo')}
          </Button>
        </Group>
      )}
      <div
        className="desk-grid"
        data-testid="order-lines"
        {...range.wrapperProps}
        onCopy={onCopy}
        onPaste={(e) => void onPaste(e)}
      >
        <DeskGrid<OrderLineRow>
          rowData={rows}
          columnDefs={columns}
          defaultColDef={defaultColDef}
          getRowId={(p) => p.data.id}
          pinnedBottomRowData={editable ? [NEW_ROW] : undefined}
          onGridReady={(e) => setGridApi(e.api)}
          onFirstDataRendered={() => requestAnimationFrame(() => setFirstShown(true))}
          {...range.gridProps}
          onCellValueChanged={(e) => void cellChanged(e)}
          onCellKeyDown={onGridKey}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          suppressNoRowsOverlay={editable}
          tooltipShowDelay={300}
        />
      </div>
      <Group px="md" py={4} gap="lg" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} wrap="nowrap">
        <Text size="sm" fw={600} data-testid="order-totals">
          {t('orders.totals', { amount: formatMoney(o.total), lines: formatCount(o.linesCount) })}
        </Text>
        <Text size="xs" c={Number(o.margin) < 0 ? 'red.7' : 'dimmed'} data-testid="order-margin">
          {t('orders.marginTotal', {
            amount: formatMoney(o.margin),
            percent: Number(o.total)
              ? formatQuantity(Number(new Decimal(o.margin).times(100).dividedBy(o.total).toFixed(1)))
              : '—',
          })}
        </Text>
        <Text size="xs" c="dimmed" data-testid="order-vat">
          {t('orders.vatTotal', { vat: formatMoney(o.vat), gross: formatMoney(o.gross) })}
        </Text>
        <SegmentedControl
          size="xs"
          value={shownVat}
          data-testid="vat-view"
          onChange={(v) => {
            const next = v as 'with' | 'without';
            setVatView(next);
            localStorage.setItem('opta.vatView', next);
          }}
          data={(['with', 'without'] as const).map((v) => ({ value: v, label: t(`orders.vatView.${v}`) }))}
        />
        <Text size="xs" c="dimmed" data-testid="order-size">
          {t('orders.sizeTotal', { kg: formatQuantity(Number(o.weightKg)), m3: formatVolume(Number(o.volumeM3)) })}
        </Text>
        {problemCount > 0 && (
          <Text size="xs" c="orange.8" data-testid="order-problems">
            {t('orders.problemLines', { count: problemCount })}
          </Text>
        )}
        {lines === null && o.linesCount > rows.length && (
          <Text size="xs" c="dimmed">
            {t('orders.loadingLines', { count: formatCount(o.linesCount) })}
          </Text>
        )}
        {notice && (
          <Text size="xs" c="dimmed" data-testid="order-notice">
            {notice}
          </Text>
        )}
        {figures && (
          <Text size="xs" ml="auto" data-testid="selection-figures">
            {t('orders.figures', {
              lines: formatCount(figures.lines),
              count: formatCount(figures.count),
              sum: formatQuantity(Number(figures.sum)),
              avg: figures.avg === null ? '—' : formatQuantity(Number(figures.avg)),
            })}
          </Text>
        )}
      </Group>
      {why && <PriceWhy orderId={id} lineId={why} onClose={() => setWhy(null)} />}
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('orders.deleteLines', { count: deleting?.length ?? 0 })}
        size="sm"
      >
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('orders.keep')}
          </Button>
          <Button
            color="red"
            data-autofocus
            onClick={() => deleting && void removeLines(deleting)}
            data-testid="delete-confirm"
          >
            {t('orders.delete')}
          </Button>
        </Group>
      </Modal>
      {bulkForm && (
        <Modal opened onClose={() => setBulkForm(null)} title={t(`orders.bulk.${bulkForm.kind}`)} size="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (bulkForm.kind === 'setQuantity') void bulk({ kind: 'setQuantity', value: bulkForm.value });
              if (bulkForm.kind === 'multiply') void bulk({ kind: 'multiply', factor: bulkForm.value });
              if (bulkForm.kind === 'setDiscount') void bulk({ kind: 'setDiscount', value: bulkForm.value });
              if (bulkForm.kind === 'setWarehouse')
                void bulk({ kind: 'setWarehouse', warehouseId: bulkForm.value ? Number(bulkForm.value) : null });
            }}
          >
            <Stack gap="sm">
              <Text size="xs" c="dimmed">
                {t('orders.bulk.forLines', { count: selectedCount })}
              </Text>
              {bulkForm.kind === 'setWarehouse' ? (
                <Select
                  data-autofocus
                  value={bulkForm.value}
                  onChange={(v) => setBulkForm({ ...bulkForm, value: v ?? '' })}
                  data={[
                    { value: '', label: t('orders.bulk.orderWarehouse') },
                    ...warehouses.map((w) => ({ value: String(w.id), label: w.name })),
                  ]}
                />
              ) : (
                <TextInput
                  data-autofocus
                  value={bulkForm.value}
                  onChange={(e) => setBulkForm({ ...bulkForm, value: e.currentTarget.value })}
                  data-testid="bulk-value"
                />
              )}
              <Group justify="flex-end">
                <Button type="submit" data-testid="bulk-apply">
                  {t('orders.bulk.apply')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      )}
      {preview && (
        <LinesPreview
          orderId={id}
          source={preview.source}
          label={preview.label}
          cellEdits={preview.cellEdits}
          onClose={() => setPreview(null)}
          onDone={(message) => {
            setPreview(null);
            setNotice(message);
          }}
        />
      )}
      {merging && (
        <MergeModal
          order={o}
          onClose={() => setMerging(false)}
          onMerged={(n) => {
            setMerging(false);
            setNotice(t('orders.ops.mergeDone', { count: n }));
          }}
        />
      )}
      {claiming && (
        <NewClaimDialog
          orderId={id}
          onClose={() => setClaiming(false)}
          onCreated={() => {
            setClaiming(false);
            setClaimed(true);
          }}
        />
      )}
      {claimed && (
        <Text size="xs" c="teal.7" px="md" data-testid="order-claimed">
          {t('claims.new.created')}
        </Text>
      )}
      {printing && (
        <OrderPrint order={o} lines={rows} warehouseName={warehouseName} onClose={() => setPrinting(false)} />
      )}
      <SubmitCheckModal
        check={check}
        order={o}
        offline={offline}
        onConfirm={() => void confirmSubmit()}
        onClose={() => setCheck(null)}
        onGiveReasons={(ids) => {
          setCheck(null);
          setOverride({ lineIds: ids, mode: 'reason' });
        }}
        onRequested={(message) => {
          setCheck(null);
          setNotice(message);
        }}
      />
      {override && (
        <OverrideDialog
          orderId={id}
          lineIds={override.lineIds}
          initialMode={override.mode}
          preorder={o.kind === 'preorder'}
          onClose={() => setOverride(null)}
          onDone={(n) => {
            setOverride(null);
            setNotice(t('orders.bulkDone', { count: n }));
          }}
        />
      )}
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t('orders.cancel')} size="md">
        <Stack gap="sm">
          <Textarea
            label={t('orders.cancelReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t('orders.keep')}
            </Button>
            <Button color="red" disabled={!reason.trim()} onClick={() => void confirmCancel()}>
              {t('orders.cancelConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}

/** Merge: the other orders of this client in the same status, chosen by the manager. */
function MergeModal({
  order,
  onClose,
  onMerged,
}: {
  order: OrderDetails;
  onClose: () => void;
  onMerged: (moved: number) => void;
}) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['orders', 'list'], queryFn: () => unwrap(desk['orders.list']({})) });
  const candidates = (list.data ?? []).filter(
    (x) => x.id !== order.id && x.clientId === order.clientId && x.status === order.status,
  );
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const merge = async () => {
    try {
      const r = await unwrap(desk['orders.merge']({ targetId: order.id, otherIds: chosen }));
      onMerged(r.moved);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('orders.ops.merge')} size="lg">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('orders.ops.mergeHint')}
        </Text>
        {candidates.length === 0 ? (
          <Text size="sm">{t('orders.ops.mergeNone')}</Text>
        ) : (
          <Table fz="xs" striped>
            <Table.Tbody>
              {candidates.map((c) => (
                <Table.Tr
                  key={c.id}
                  onClick={() => setChosen((s) => (s.includes(c.id) ? s.filter((x) => x !== c.id) : [...s, c.id]))}
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <input type="checkbox" readOnly checked={chosen.includes(c.id)} />
                  </Table.Td>
                  <Table.Td>{c.number ?? t('orders.notNumbered')}</Table.Td>
                  <Table.Td>{formatTime(c.createdAt)}</Table.Td>
                  <Table.Td ta="right">{formatCount(c.linesCount)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.total)} ₽</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error && (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('orders.preview.cancel')}
          </Button>
          <Button disabled={!chosen.length} onClick={() => void merge()}>
            {t('orders.ops.mergeConfirm', { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
