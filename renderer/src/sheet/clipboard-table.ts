// Tables on the clipboard as Excel and LibreOffice write them: tab-separated text, where a cell
// holding a tab, a line break or a quote is wrapped in quotes (quotes doubled inside). Reading
// follows the same rules so a cell with a line break stays one cell; writing produces text both
// programs paste back cell for cell.

/** Parses clipboard text into rows of cells. A trailing line break (Excel always adds one) is no empty row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  const isEnd = (c: string | undefined): boolean => c === undefined || c === '\t' || c === '\n' || c === '\r';
  while (i < n) {
    // One cell starts at i.
    let value: string | null = null;
    if (text[i] === '"') {
      // Quoted cell: runs to the quote followed by a separator or the end; "" is one quote.
      let v = '';
      let j = i + 1;
      while (j < n) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          if (isEnd(text[j + 1])) {
            value = v;
            i = j + 1;
            break;
          }
        }
        v += text[j];
        j++;
      }
      // An opening quote never closed is an ordinary character (Excel reads it so too).
    }
    if (value === null) {
      let j = i;
      while (!isEnd(text[j])) j++;
      value = text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (i >= n) break;
    if (text[i] === '\t') {
      i++;
      if (i >= n) row.push('');
      continue;
    }
    // \r\n, \n or \r ends the row.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

const needsQuotes = /[\t\r\n"]/;

/** Rows of cells as clipboard text: tab between cells, CRLF after every row (as Excel writes it). */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return (
    rows.map((r) => r.map((c) => (needsQuotes.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join('\t')).join('\r\n') +
    (rows.length ? '\r\n' : '')
  );
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same rows as an HTML table: what mail clients and word processors paste as a table. */
export function formatHtmlTable(rows: readonly (readonly string[])[]): string {
  return `<table>${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

/** Makes a block rectangular (short rows padded with empty cells), as a spreadsheet sees it. */
export function rectangular(rows: string[][]): string[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => (r.length === width ? r : [...r, ...Array<string>(width - r.length).fill('')]));
}
