// The order grid's columns: what each shows, which are editable (and in which statuses), how
// problems colour a cell, and prices and amounts on the other VAT basis (computed by the domain's
// rules, not here). Pure: built from the order's facts and the language, no hooks, no state.
// Every cell of a 20,000-line order goes through these functions while it scrolls, so texts
// that repeat (sources, lead times) are translated once per build, not once per cell.
import type { CellClassParams, ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { OrderLineRow, Warehouse } from '../../../../domain/contract';
import { amountOnBasis, priceOnBasis, type VatBasis } from '../../../../domain/orders/order-figures';
import type { PasteRole } from '../../../../domain/orders/sheet-paste';
import { formatMoney, formatQuantity } from '../../shared/format';
import { plain } from '../order-parts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** Grid columns a paste can write to, by column id. */
export const PASTE_ROLE: Record<string, PasteRole> = {
  article: 'article',
  quantity: 'quantity',
  price: 'price',
  discount: 'discount',
  comment: 'comment',
  warehouse: 'warehouse',
};

/** Columns whose cells the range's sum and average count. */
export const NUMERIC_COLUMNS = new Set([
  'quantity',
  'price',
  'discount',
  'amount',
  'margin',
  'weightKg',
  'stock',
  'packSize',
]);

/** The row under the last line: paste there (Ctrl+V) to add lines at the end, as below a table in Excel. */
export const NEW_ROW_ID = '__new';
export function newRow(hint: string): OrderLineRow {
  return {
    id: NEW_ROW_ID,
    lineNo: 0,
    itemId: 0,
    article: '',
    name: hint,
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
}

export interface ColumnFacts {
  t: T;
  /** Lines can be changed (status allows, not locked). */
  editable: boolean;
  /** A preorder takes no discounts. */
  preorder: boolean;
  /** A reserve shows what 1C holds of each line; a preorder what it secured and what became an order. */
  kind?: string;
  warehouses: Warehouse[];
  /** The client's price list basis, and the basis the manager chose to see. */
  listBasis: VatBasis;
  shownBasis: VatBasis;
  /** Whether a displayed cell is in the selected range. */
  inRange: (p: CellClassParams<OrderLineRow>) => boolean;
}

const blankOr =
  (format: (v: unknown) => string) =>
  (p: ValueFormatterParams<OrderLineRow>): string =>
    p.value === '' || p.value === null || p.value === undefined ? '' : format(p.value);
const byNumber = (a: string, b: string): number => Number(a) - Number(b);

/** The name of a line's warehouse ('' for the order's own). */
export function warehouseNameOf(warehouses: Warehouse[]): (id: number | null) => string {
  const names = new Map(warehouses.map((w) => [w.id, w.name]));
  return (id) => (id === null ? '' : (names.get(id) ?? String(id)));
}

export function orderColumns(f: ColumnFacts): ColDef<OrderLineRow>[] {
  const { t, editable, listBasis, shownBasis } = f;
  const converted = listBasis !== shownBasis;
  const warehouseName = warehouseNameOf(f.warehouses);
  const sources = new Map<string, string>();
  const source = (v: string): string => {
    let text = sources.get(v);
    if (text === undefined) sources.set(v, (text = v ? t(`orders.sources.${v}`) : ''));
    return text;
  };
  const leadTimes = new Map<number, string>();
  const lead = (days: number): string => {
    let text = leadTimes.get(days);
    if (text === undefined) leadTimes.set(days, (text = t('orders.lines.days', { count: days })));
    return text;
  };
  const problemNames = new Map<string, string>();
  const problemText = (l: OrderLineRow | undefined): string =>
    !l?.problems.length
      ? ''
      : l.problems
          .map((x) => {
            const key = x === 'below_floor' && l.approval ? `${x}:${l.approval}` : x;
            let text = problemNames.get(key);
            if (text === undefined) {
              text =
                x === 'below_floor' && l.approval
                  ? `${t('orders.problems.below_floor')} (${t(`orders.problems.approval.${l.approval}`)})`
                  : t(`orders.problems.${x}`);
              problemNames.set(key, text);
            }
            return text;
          })
          .join(', ');
  // A column's own class rules replace the default ones: each keeps the range's rule too.
  const rules = (name: string, test: (p: CellClassParams<OrderLineRow>) => boolean) => ({
    'desk-range': f.inRange,
    [name]: test,
  });
  // Typing goes to lines, never to the row under the last line (a paste adds lines there).
  const lineEditable = (on: boolean) => (on ? (p: { node: { rowPinned?: unknown } }) => !p.node.rowPinned : false);
  const decimal = (field: 'quantity' | 'discount') => (p: { data?: OrderLineRow }) => plain(p.data?.[field]);

  return [
    {
      field: 'lineNo',
      headerName: t('orders.lines.no'),
      width: 64,
      type: 'numericColumn',
      valueFormatter: (p) => (p.node?.rowPinned ? '' : String(p.value)),
    },
    { field: 'article', headerName: t('orders.lines.article'), width: 160, cellClass: 'desk-mono' },
    { field: 'name', headerName: t('orders.lines.name'), flex: 1, minWidth: 220 },
    {
      field: 'quantity',
      headerName: t('orders.lines.quantity'),
      width: 96,
      type: 'numericColumn',
      valueGetter: decimal('quantity'),
      valueFormatter: blankOr((v) => formatQuantity(Number(v))),
      editable: lineEditable(editable),
      cellClassRules: rules('cell-warn', (p) => !!p.data?.problems.includes('not_pack')),
    },
    { field: 'unit', headerName: t('orders.lines.unit'), width: 56 },
    {
      field: 'packSize',
      headerName: t('orders.lines.pack'),
      width: 66,
      type: 'numericColumn',
      valueFormatter: (p) => (p.node?.rowPinned ? '' : String(p.value)),
    },
    {
      field: 'price',
      headerName: converted
        ? t(shownBasis === 'with' ? 'orders.priceWithVat' : 'orders.priceNoVat')
        : t('orders.lines.price'),
      width: 110,
      type: 'numericColumn',
      // Prices on the other basis than the client's price list: per unit, to kopecks (domain rule).
      valueGetter: (p) =>
        !p.data
          ? ''
          : converted
            ? priceOnBasis(p.data.price, p.data.vatRate, listBasis, shownBasis)
            : plain(p.data.price),
      valueFormatter: blankOr((v) => formatMoney(v as string)),
      editable: lineEditable(editable && !converted),
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
      valueFormatter: (p) => source(String(p.value ?? '')),
    },
    {
      field: 'discount',
      headerName: t('orders.lines.discount'),
      width: 84,
      type: 'numericColumn',
      valueGetter: decimal('discount'),
      valueFormatter: (p) => (Number(p.value) ? formatQuantity(Number(p.value)) : ''),
      editable: lineEditable(editable && !f.preorder),
    },
    {
      field: 'amount',
      headerName: converted
        ? t(shownBasis === 'with' ? 'orders.amountWithVat' : 'orders.amountNoVat')
        : t('orders.lines.amount'),
      width: 120,
      type: 'numericColumn',
      // Amounts from the line's own VAT, so the column sums to the document's figures.
      valueGetter: (p) =>
        !p.data ? '' : converted ? amountOnBasis(p.data.amount, p.data.vat, listBasis, shownBasis) : p.data.amount,
      valueFormatter: blankOr((v) => formatMoney(v as string)),
      comparator: byNumber,
    },
    {
      field: 'margin',
      headerName: t('orders.lines.margin'),
      width: 104,
      type: 'numericColumn',
      valueFormatter: blankOr((v) => formatMoney(v as string)),
      comparator: byNumber,
      cellClassRules: rules('cell-bad', (p) => Number(p.data?.margin) < 0),
    },
    {
      field: 'weightKg',
      headerName: t('orders.lines.weight'),
      width: 84,
      type: 'numericColumn',
      valueFormatter: blankOr((v) => formatQuantity(Number(v))),
      comparator: byNumber,
    },
    // No stock row at the warehouse means none there: shown as 0, like the ERP does.
    {
      field: 'stock',
      headerName: t('orders.lines.stock'),
      // A preorder is for goods not in stock: the seed's portal shows it none (what is secured instead).
      hide: f.preorder,
      width: 90,
      type: 'numericColumn',
      valueFormatter: (p) => (p.node?.rowPinned ? '' : formatQuantity((p.value as number | null) ?? 0)),
      cellClassRules: rules('cell-bad', (p) => !!p.data?.problems.includes('no_stock')),
    },
    ...kindColumns(f),
    {
      field: 'leadDays',
      headerName: t('orders.lines.lead'),
      width: 64,
      type: 'numericColumn',
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : lead(p.value as number)),
    },
    {
      colId: 'warehouse',
      headerName: t('orders.warehouse'),
      width: 120,
      editable: lineEditable(editable),
      valueGetter: (p) => warehouseName(p.data?.warehouseId ?? null),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['', ...f.warehouses.map((w) => w.name)] },
    },
    { field: 'comment', headerName: t('orders.lines.comment'), width: 150, editable: lineEditable(editable) },
    {
      colId: 'problems',
      headerName: t('orders.lines.problems'),
      width: 170,
      valueGetter: (p) => problemText(p.data),
      cellClass: 'cell-problems',
      filter: 'agTextColumnFilter',
    },
  ];
}

/** A reserve's held column; a preorder's secured and made-an-order columns (red while short of the quantity). */
function kindColumns(f: ColumnFacts): ColDef<OrderLineRow>[] {
  const short = (field: 'held' | 'secured') => (p: CellClassParams<OrderLineRow>) =>
    !p.node?.rowPinned &&
    p.data?.[field] !== null &&
    p.data?.[field] !== undefined &&
    Number(p.data[field]) < Number(p.data.quantity);
  const qty = (p: ValueFormatterParams<OrderLineRow>) =>
    p.node?.rowPinned || p.value === null || p.value === undefined ? '' : formatQuantity(Number(p.value));
  const column = (field: 'held' | 'secured' | 'converted', bad: boolean): ColDef<OrderLineRow> => ({
    field,
    headerName: f.t(`orders.lines.${field}`),
    width: 92,
    type: 'numericColumn',
    valueFormatter: qty,
    comparator: byNumber,
    ...(bad ? { cellClassRules: { 'cell-bad': short(field as 'held' | 'secured') } } : {}),
  });
  if (f.kind === 'reserve') return [column('held', true)];
  if (f.kind === 'preorder') return [column('secured', true), column('converted', false)];
  return [];
}

/** A cell as text for the clipboard: numbers with the language's decimal separator, Excel reads them as numbers. */
export function cellText(
  colId: string,
  l: OrderLineRow,
  f: { t: T; language: string; warehouseName: (id: number | null) => string },
): string {
  const sep = f.language === 'en' ? '.' : ',';
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
    case 'held':
    case 'secured':
    case 'converted':
      return l[colId] === null || l[colId] === undefined ? '' : num(l[colId]);
    case 'warehouse':
      return f.warehouseName(l.warehouseId);
    case 'priceSource':
      return f.t(`orders.sources.${l.priceSource}`);
    case 'problems':
      return l.problems.map((p) => f.t(`orders.problems.${p}`)).join(', ');
    default:
      return String((l as unknown as Record<string, unknown>)[colId] ?? '');
  }
}
