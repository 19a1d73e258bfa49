// Excel figures for `npm run bench`: the 10,000-line order exported to .xlsx and that file read
// back to a new order's preview, each beside exceljs alone doing the same in the same run (writing
// the same rows and columns with the same zip options; loading the same file and reading every
// cell), so the ratio is our own overhead on any machine. Medians of three.
import ExcelJS from 'exceljs';
import type { DeskCore } from '../main/desk-core';
import { median } from './figures';

export interface ExcelFigures {
  exportMs: number;
  rawExportMs: number;
  importMs: number;
  rawImportMs: number;
  fileBytes: number;
  lines: number;
}

const ZIP = {
  zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } },
} as unknown as Partial<ExcelJS.XlsxWriteOptions>;

async function rawWrite(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer(ZIP));
}

async function rawRead(file: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  let cells = 0;
  wb.worksheets[0]!.eachRow((row) => {
    row.eachCell(() => cells++);
  });
  return cells;
}

async function timed<T>(fn: () => T | Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}

export async function excelFigures(core: DeskCore, orderId: string, clientId: number): Promise<ExcelFigures> {
  const { lines } = await core.handlers['orders.lines']({ orderId });
  // The same values our export writes per line (numbers as numbers).
  const rows = lines.map((l) => {
    const x = l as unknown as Record<string, unknown>;
    return [
      l.lineNo,
      x.article,
      x.name,
      Number(l.quantity),
      x.unit,
      Number(l.price),
      Number(l.discount),
      Number(l.amount),
      x.warehouseId === null ? '' : String(x.warehouseId),
      x.comment,
    ];
  });
  const ours: number[] = [];
  const raw: number[] = [];
  let file = { fileName: '', data: '' };
  for (let i = 0; i < 3; i++) {
    const [ms, out] = await timed(() => core.handlers['excel.exportOrders']({ ids: [orderId] }));
    ours.push(ms);
    file = out;
    raw.push((await timed(() => rawWrite(rows)))[0]);
  }
  const bytes = Buffer.from(file.data, 'base64');
  const target = await core.handlers['orders.create']({ clientId, kind: 'order', warehouseId: 1 });
  const oursIn: number[] = [];
  const rawIn: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [ms, read] = await timed(() =>
      core.handlers['excel.readLines']({ orderId: target.id, fileName: file.fileName, data: file.data }),
    );
    if (read.lines.length !== lines.length) throw new Error(`import read ${read.lines.length} lines`);
    oursIn.push(ms);
    rawIn.push((await timed(() => rawRead(bytes)))[0]);
  }
  return {
    exportMs: median(ours),
    rawExportMs: median(raw),
    importMs: median(oursIn),
    rawImportMs: median(rawIn),
    fileBytes: bytes.length,
    lines: lines.length,
  };
}
