// The system clipboard for the grids: a copied range goes out as tab-separated text (Excel,
// LibreOffice) and as an HTML table (mail, documents); a paste is read from the HTML table when
// the source put one there (cells with line breaks and tabs survive it), else from the text.
import { formatHtmlTable, formatTsv, parseTsv, rectangular } from './clipboard-table';

/** The cells of the first table in clipboard HTML, or null when there is none. */
export function tableFromHtml(html: string): string[][] | null {
  if (!/<table/i.test(html)) return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) return null;
  const rows = [...table.querySelectorAll('tr')].map((tr) =>
    [...tr.querySelectorAll('td, th')].flatMap((cell) => {
      const text = cell.textContent ?? '';
      // A cell spanning columns holds its value once and empty cells after it, as a spreadsheet pastes it.
      const span = Math.min(Number(cell.getAttribute('colspan') ?? 1) || 1, 100);
      return [text.replace(/\u00a0/g, ' ').trim(), ...Array<string>(span - 1).fill('')];
    }),
  );
  return rows.length ? rectangular(rows) : null;
}

export function readPasted(data: DataTransfer | null): string[][] {
  if (!data) return [];
  const html = data.getData('text/html');
  const fromHtml = html ? tableFromHtml(html) : null;
  if (fromHtml) return fromHtml;
  return rectangular(parseTsv(data.getData('text/plain')));
}

export function writeCopied(data: DataTransfer, rows: string[][]): void {
  data.setData('text/plain', formatTsv(rows));
  data.setData('text/html', formatHtmlTable(rows));
}
