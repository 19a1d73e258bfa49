// Any table on screen to .xlsx (exceljs): the dashboards' tables and the rows behind their
// numbers. Columns are typed so Excel gets numbers it can sum and dates it can sort; money
// travels as decimal text and becomes a number only here, with at most two places.
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { TableExport } from '../../domain/contract';

const FORMAT: Record<string, string | undefined> = {
  money: '#,##0.00',
  int: '#,##0',
  datetime: 'dd.mm.yyyy hh:mm',
  date: 'dd.mm.yyyy',
};

function cellValue(v: string | number | null, type: string): ExcelJS.CellValue {
  if (v === null || v === '') return null;
  if (type === 'money' || type === 'int') return Number(v);
  if (type === 'datetime' || type === 'date') {
    const t = Date.parse(String(v));
    // Excel has no time zones: the desk's wall-clock time is what the user saw on screen.
    return Number.isNaN(t) ? String(v) : new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  }
  return String(v);
}

export async function writeTable(table: z.infer<typeof TableExport>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Opta Desk';
  const ws = wb.addWorksheet(
    table.title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31)
      .trim() || 'Sheet',
    { views: [{ state: 'frozen', ySplit: 1 }] },
  );
  ws.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.type === 'text' ? Math.min(50, Math.max(12, c.header.length + 4)) : 16,
    style: FORMAT[c.type] ? { numFmt: FORMAT[c.type] } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F3F5' } };
  });
  for (const row of table.rows) ws.addRow(table.columns.map((c, i) => cellValue(row[i] ?? null, c.type)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
