// Orders and spreadsheets (exceljs). Reading: a client's .xlsx of any layout becomes incoming
// rows (article, quantity, and price, discount, warehouse, comment where present): the header
// row and the columns are found by their names in Russian or English, or guessed from the data,
// and the manager may remap them; what is odd about the file (formulas, merged cells, hidden rows
// and sheets, error cells) is reported, never silently used; a file that cannot be read
// (encrypted, old .xls, damaged, too big) is refused with its reason. Writing: one formatted
// sheet per order, values only (no formulas), and the import template.
import ExcelJS from 'exceljs';
import type { ColumnMapping, OrderDetails } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import type { IncomingRow } from '../../domain/orders/sheet-paste';

export const MAX_FILE_BYTES = 30 * 1024 * 1024;
export const MAX_ROWS = 50_000;
const READ_TIMEOUT_MS = 20_000;

type Role = keyof ColumnMapping;
const ROLES: Role[] = ['article', 'quantity', 'price', 'discount', 'comment', 'warehouse'];

/** Header names people use, normalized (lower case, letters and digits only). */
const HEADER_NAMES: Record<Role, string[]> = {
  article: [
    'артикул',
    'арт',
    'код',
    'кодтовара',
    'обозначение',
    'маркировка',
    'партномер',
    'article',
    'sku',
    'partnumber',
    'pn',
    'part',
    'code',
    'itemcode',
  ],
  quantity: ['количество', 'колво', 'кол', 'заказ', 'штук', 'шт', 'qty', 'quantity', 'amount', 'count', 'pcs'],
  price: ['цена', 'ценазаед', 'ценаруб', 'price', 'unitprice'],
  discount: ['скидка', 'discount'],
  comment: ['комментарий', 'примечание', 'comment', 'note', 'notes', 'remark'],
  warehouse: ['склад', 'warehouse', 'store'],
};
const normalizeHeader = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[^a-zа-яё0-9]/g, '')
    .replace(/ё/g, 'е');
const roleOfHeader = (text: string): Role | null => {
  const h = normalizeHeader(text);
  if (!h) return null;
  // "Количество, шт." and "Цена за ед., руб" are their roles too: a known name may start a longer header.
  return (
    ROLES.find((r) => HEADER_NAMES[r].includes(h)) ??
    ROLES.find((r) => HEADER_NAMES[r].some((n) => n.length >= 4 && h.startsWith(n))) ??
    null
  );
};

export interface FileNote {
  code: string;
  count?: number;
  rows?: string;
}
export interface ReadFile {
  sheets: string[];
  sheet: number;
  headerRow: number | null;
  columns: { index: number; header: string; sample: string }[];
  mapping: ColumnMapping;
  notes: FileNote[];
  rows: IncomingRow[];
}

/** Why a file cannot be read, before exceljs sees it: not a zip, encrypted, old binary .xls, too big. */
function refuseByBytes(data: Buffer): void {
  if (data.length === 0) throw new CodedError('bad_file', 'empty');
  if (data.length > MAX_FILE_BYTES) throw new CodedError('bad_file', `too_large: ${data.length} bytes`);
  const cfb = data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  if (cfb) {
    // Excel saves a password-protected .xlsx as an encrypted compound file; an old .xls is one too.
    const encrypted = data.includes(Buffer.from('EncryptionInfo', 'utf16le'));
    throw new CodedError('bad_file', encrypted ? 'encrypted' : 'old_xls');
  }
  if (data[0] !== 0x50 || data[1] !== 0x4b) throw new CodedError('bad_file', 'not_xlsx');
  // Zips that are spreadsheets of another kind: an OpenDocument file names its type first thing
  // (LibreOffice's .ods, saved as .xls by some), an .xlsb keeps its workbook in binary parts.
  if (data.subarray(0, 256).includes(Buffer.from('application/vnd.oasis.opendocument'))) {
    throw new CodedError('bad_file', 'ods');
  }
  if (data.includes(Buffer.from('xl/workbook.bin'))) throw new CodedError('bad_file', 'xlsb');
}

/** Which roles the cells of a row name as column headers, by column. */
function headerRoles(cells: readonly string[]): Partial<Record<Role, number>> {
  const found: Partial<Record<Role, number>> = {};
  cells.slice(0, 200).forEach((c, col) => {
    const role = roleOfHeader(c);
    if (role && found[role] === undefined) found[role] = col;
  });
  return found;
}
const isHeader = (roles: Partial<Record<Role, number>>): boolean =>
  roles.article !== undefined && Object.keys(roles).length >= 2;

/** Whether one of a sheet's first 30 rows names an article column and one more known column. */
function hasOrderHeader(ws: ExcelJS.Worksheet): boolean {
  const last = Math.min(ws.rowCount, 30);
  for (let r = 1; r <= last; r++) {
    const cells: string[] = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cellText(cell.value, () => undefined).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    if (isHeader(headerRoles(cells))) return true;
  }
  return false;
}

/** A cell as text, the way the sheet shows it; formulas give their saved result. */
function cellText(value: ExcelJS.CellValue, note: (code: string) => void): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      note('formulas');
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result !== null && typeof result === 'object' && 'error' in result) {
        note('errors');
        return '';
      }
      return cellText(result as ExcelJS.CellValue, note);
    }
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('error' in value) {
      note('errors');
      return '';
    }
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text, note);
  }
  return String(value);
}

/** Row numbers as "5, 7, 9–12" (at most a few ranges). */
function rowList(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length && parts.length < 6; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(i === j ? String(rows[i]) : `${rows[i]}–${rows[j]}`);
    i = j;
  }
  return parts.join(', ') + (parts.length === 6 ? '…' : '');
}

async function loadWorkbook(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      wb.xlsx.load(data as unknown as ArrayBuffer),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CodedError('bad_file', 'timeout')), READ_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    if (err instanceof CodedError) throw err;
    throw new CodedError('bad_file', `corrupt: ${(err as Error).message.slice(0, 200)}`);
  } finally {
    clearTimeout(timer);
  }
  return wb;
}

export async function readOrderFile(
  data: Buffer,
  options: { sheet?: number; mapping?: ColumnMapping } = {},
): Promise<ReadFile> {
  refuseByBytes(data);
  const wb = await loadWorkbook(data);
  const sheets = wb.worksheets;
  if (sheets.length === 0) throw new CodedError('bad_file', 'no_sheets');
  const noteCounts = new Map<string, number>();
  const note = (code: string): void => {
    noteCounts.set(code, (noteCounts.get(code) ?? 0) + 1);
  };
  // The sheet the manager chose; else the first visible sheet whose top rows hold an order's
  // header (a workbook often opens with instructions or a cover page); else the first with data.
  const withData = sheets
    .map((ws, i) => ({ ws, i }))
    .filter((x) => x.ws.state === 'visible' && x.ws.actualRowCount > 0);
  const withHeader = options.sheet === undefined ? withData.find((x) => hasOrderHeader(x.ws)) : undefined;
  const sheetIndex =
    options.sheet !== undefined && options.sheet < sheets.length
      ? options.sheet
      : (withHeader?.i ?? withData[0]?.i ?? 0);
  if (withHeader && withHeader.i !== withData[0]?.i) note('sheet_with_header');
  const ws = sheets[sheetIndex]!;
  if (ws.rowCount > MAX_ROWS + 100) throw new CodedError('bad_file', `too_many_rows: ${ws.rowCount}`);

  // Cells covered by a merge (not its top left cell) read as empty: their value belongs to the merge.
  const covered = new Set<string>();
  const mergedRows = new Set<number>();
  const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
  for (const range of merges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
    if (!m) continue;
    const c1 = ws.getColumn(m[1]!).number;
    const c2 = ws.getColumn(m[3]!).number;
    const r1 = Number(m[2]);
    const r2 = Number(m[4]);
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000) continue;
    for (let r = r1; r <= r2; r++) {
      mergedRows.add(r);
      for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) covered.add(`${r}:${c}`);
    }
  }

  // The sheet as text rows (1-based row numbers kept), hidden rows apart.
  const grid: { rowNo: number; cells: string[]; hidden: boolean }[] = [];
  let width = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (covered.size && covered.has(`${rowNo}:${col}`)) return;
      cells[col - 1] = cellText(cell.value, note).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    width = Math.max(width, cells.length);
    if (cells.some((c) => c !== '')) grid.push({ rowNo, cells, hidden: row.hidden === true });
  });
  if (grid.length === 0) throw new CodedError('bad_file', 'empty');
  width = Math.min(width, 200);

  // Header row: the first of the top rows naming an article column and one more known column.
  let headerAt = -1;
  const detected: Partial<Record<Role, number>> = {};
  for (let i = 0; i < Math.min(grid.length, 30) && headerAt < 0; i++) {
    const found = headerRoles(grid[i]!.cells.slice(0, width));
    if (isHeader(found)) {
      headerAt = i;
      Object.assign(detected, found);
    }
  }
  const body = grid.slice(headerAt + 1);
  if (headerAt < 0) {
    // No header: the first mostly-text column is the article, the first mostly-number column after it the quantity.
    note('no_header');
    const sample = body.slice(0, 50);
    const share = (col: number, test: (s: string) => boolean): number =>
      sample.filter((r) => test(r.cells[col] ?? '')).length / Math.max(1, sample.length);
    const numeric = (s: string): boolean => /^-?\d[\d\s]*([.,]\d+)?$/.test(s);
    for (let col = 0; col < width; col++) {
      if (detected.article === undefined && share(col, (s) => s !== '' && !numeric(s)) >= 0.6) detected.article = col;
      else if (detected.article !== undefined && detected.quantity === undefined && share(col, numeric) >= 0.6)
        detected.quantity = col;
    }
  }
  const mapping: ColumnMapping = options.mapping ?? {
    article: detected.article ?? null,
    quantity: detected.quantity ?? null,
    price: detected.price ?? null,
    discount: detected.discount ?? null,
    comment: detected.comment ?? null,
    warehouse: detected.warehouse ?? null,
  };
  const header = headerAt >= 0 ? grid[headerAt]!.cells : [];
  const columns = Array.from({ length: width }, (_, index) => ({
    index,
    header: header[index] ?? '',
    sample: body.find((r) => (r.cells[index] ?? '') !== '')?.cells[index] ?? '',
  }));

  const rows: IncomingRow[] = [];
  const hidden: number[] = [];
  const withoutArticle: number[] = [];
  const merged: number[] = [];
  const at = (r: { cells: string[] }, role: Role): string | null => {
    const col = mapping[role];
    return col === null ? null : (r.cells[col] ?? '');
  };
  for (const r of body) {
    if (r.hidden) {
      hidden.push(r.rowNo);
      continue;
    }
    const article = at(r, 'article') ?? '';
    if (!article) {
      // Totals and section titles are no lines; anything else without an article is reported.
      if (!r.cells.some((c) => /^(итого|всего|total)/i.test(c))) withoutArticle.push(r.rowNo);
      continue;
    }
    if (mergedRows.has(r.rowNo)) merged.push(r.rowNo);
    rows.push({
      sourceRow: r.rowNo,
      article,
      quantity: at(r, 'quantity'),
      price: at(r, 'price'),
      discount: at(r, 'discount'),
      comment: at(r, 'comment'),
      warehouse: at(r, 'warehouse'),
    });
  }
  if (rows.length > MAX_ROWS) throw new CodedError('bad_file', `too_many_rows: ${rows.length}`);

  const notes: FileNote[] = [];
  if (noteCounts.has('sheet_with_header')) notes.push({ code: 'sheet_with_header', rows: ws.name });
  for (const code of ['no_header', 'formulas', 'errors'])
    if (noteCounts.has(code)) notes.push({ code, count: noteCounts.get(code) });
  if (mapping.article === null) notes.push({ code: 'no_article_column' });
  if (mapping.quantity === null) notes.push({ code: 'no_quantity_column' });
  if (hidden.length) notes.push({ code: 'hidden_rows', count: hidden.length, rows: rowList(hidden) });
  if (merged.length || merges.length) notes.push({ code: 'merged_cells', count: merges.length, rows: rowList(merged) });
  if (withoutArticle.length)
    notes.push({ code: 'rows_without_article', count: withoutArticle.length, rows: rowList(withoutArticle) });
  const hiddenSheets = sheets.filter((s) => s.state !== 'visible').length;
  if (hiddenSheets) notes.push({ code: 'hidden_sheets', count: hiddenSheets });
  if (sheets.length > 1) notes.push({ code: 'other_sheets', count: sheets.length - 1 });
  return {
    sheets: sheets.map((s) => s.name),
    sheet: sheetIndex,
    headerRow: headerAt >= 0 ? grid[headerAt]!.rowNo : null,
    columns,
    mapping,
    notes,
    rows,
  };
}

// ---- writing -------------------------------------------------------------------------------

const QTY_FORMAT = '#,##0.###';
const PRICE_FORMAT = '#,##0.00##';
const MONEY_FORMAT = '#,##0.00';

/**
 * Deflate at level 1: a 10,000-line export is written in about 60 % of the time of the default
 * level, for a file a quarter bigger (Excel and LibreOffice read both alike).
 */
const FAST_ZIP = {
  zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
} as unknown as Partial<ExcelJS.XlsxWriteOptions>;

export type ExportedOrder = Omit<OrderDetails, 'undoLabel' | 'redoLabel'>;

export interface ExportTexts {
  title: (o: ExportedOrder) => string;
  client: string;
  warehouse: string;
  status: (o: ExportedOrder) => string;
  total: string;
  /** Contract, delivery or pickup (and where), ship date: one line under the client. */
  shipment: (o: ExportedOrder) => string;
  columns: {
    no: string;
    article: string;
    name: string;
    quantity: string;
    unit: string;
    price: string;
    discount: string;
    amount: string;
    warehouse: string;
    comment: string;
  };
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
  taken.add(name.toLowerCase());
  return name;
}

export async function writeOrders(
  orders: Omit<OrderDetails, 'undoLabel' | 'redoLabel'>[],
  texts: ExportTexts,
  warehouseName: (id: number) => string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Opta Desk';
  const taken = new Set<string>();
  for (const o of orders) {
    const ws = wb.addWorksheet(sheetName(texts.title(o), taken), { views: [{ state: 'frozen', ySplit: 5 }] });
    ws.columns = [
      { key: 'no', width: 6 },
      { key: 'article', width: 18 },
      { key: 'name', width: 44 },
      { key: 'quantity', width: 12, style: { numFmt: QTY_FORMAT } },
      { key: 'unit', width: 6 },
      { key: 'price', width: 14, style: { numFmt: PRICE_FORMAT } },
      { key: 'discount', width: 10, style: { numFmt: '0.##' } },
      { key: 'amount', width: 16, style: { numFmt: MONEY_FORMAT } },
      { key: 'warehouse', width: 16 },
      { key: 'comment', width: 30 },
    ];
    ws.getCell('A1').value = texts.title(o);
    ws.getCell('A1').font = { bold: true, size: 13 };
    ws.getCell('A2').value = `${texts.client}: ${o.clientName}`;
    ws.getCell('A3').value = `${texts.warehouse}: ${o.warehouseName} · ${texts.status(o)}`;
    ws.getCell('A4').value = texts.shipment(o);
    const c = texts.columns;
    const head = ws.getRow(5);
    head.values = [c.no, c.article, c.name, c.quantity, c.unit, c.price, c.discount, c.amount, c.warehouse, c.comment];
    head.font = { bold: true };
    head.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
      cell.border = { bottom: { style: 'thin', color: { argb: 'FFADB5BD' } } };
    });
    // Numbers as numbers (Excel sums them); decimals with at most 4 places survive the trip exactly.
    for (const l of o.lines) {
      ws.addRow([
        l.lineNo,
        l.article,
        l.name,
        Number(l.quantity),
        l.unit,
        Number(l.price),
        Number(l.discount),
        Number(l.amount),
        l.warehouseId === null ? '' : warehouseName(l.warehouseId),
        l.comment,
      ]);
    }
    const total = ws.addRow(['', '', texts.total, '', '', '', '', Number(o.total), '', '']);
    total.font = { bold: true };
    ws.autoFilter = { from: { row: 5, column: 1 }, to: { row: 5, column: 10 } };
    ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  return Buffer.from(await wb.xlsx.writeBuffer(FAST_ZIP));
}

export interface TemplateTexts {
  sheet: string;
  help: string;
  headers: string[];
  example: (string | number)[];
  helpLines: string[];
}

export async function writeTemplate(texts: TemplateTexts): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Opta Desk';
  const ws = wb.addWorksheet(texts.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = texts.headers.map((h, i) => ({
    header: h,
    width: i === 0 ? 20 : i === texts.headers.length - 1 ? 36 : 14,
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(texts.example);
  const help = wb.addWorksheet(texts.help);
  help.getColumn(1).width = 100;
  texts.helpLines.forEach((line) => help.addRow([line]));
  return Buffer.from(await wb.xlsx.writeBuffer(FAST_ZIP));
}
