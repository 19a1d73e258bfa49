// Where a block pasted into the order grid goes, the way a spreadsheet places it: from the top
// left cell of the selection, cell for cell over the columns as they are shown (in the order the
// manager arranged them, over the rows as sorted and filtered now); one value pasted into a larger
// selection fills it. Cells of editable columns become patches of their lines; rows running past
// the last line become new lines (they need an article); cells of read-only columns are counted
// and reported, never silently dropped. A two-column list at the article column is (article,
// quantity).

/** What a grid column holds, for pasting: a line field, or nothing pasteable (name, amount...). */
export type PasteRole = 'article' | 'quantity' | 'price' | 'discount' | 'comment' | 'warehouse';
export type LinePatchField = Exclude<PasteRole, 'article'>;
export type LinePatch = Partial<Record<LinePatchField, string>>;

export interface CellRange {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

/** A row that ran past the end of the order: a new line to look up and preview. */
export interface IncomingRow {
  /** 1-based row of the pasted block or the file, for the preview. */
  sourceRow: number;
  article: string;
  quantity: string | null;
  price?: string | null;
  discount?: string | null;
  comment?: string | null;
  warehouse?: string | null;
}

export interface PastePlan {
  patches: Map<string, LinePatch>;
  /** How many cells the patches change (a line may take several). */
  cells: number;
  appended: IncomingRow[];
  /** Cells that fell on read-only columns (article of an existing line, name, amount...). */
  readOnlyCells: number;
  /** Cells right of the last column. */
  beyondColumns: number;
  /** Rows past the end that could not become lines: the block has no article column there. */
  rowsWithoutArticle: number;
}

export interface PasteInput {
  block: string[][];
  target: CellRange;
  /** The shown columns, left to right: each one's role, or null for read-only. */
  columns: (PasteRole | null)[];
  /** The shown line ids, top to bottom. */
  rowIds: string[];
}

export function planPaste({ block, target, columns: shown, rowIds }: PasteInput): PastePlan {
  // A two-column list (article, quantity) pasted at the article column is just that, whatever
  // columns the grid shows beside the article: the commonest paste of all, from a client's e-mail.
  const twoColumnList = shown[target.colStart] === 'article' && block.length > 0 && block.every((r) => r.length === 2);
  const columns = twoColumnList ? [...shown.slice(0, target.colStart), 'article' as const, 'quantity' as const] : shown;
  const plan: PastePlan = {
    patches: new Map(),
    cells: 0,
    appended: [],
    readOnlyCells: 0,
    beyondColumns: 0,
    rowsWithoutArticle: 0,
  };
  const single = block.length === 1 && block[0]!.length === 1;
  const height = single ? target.rowEnd - target.rowStart + 1 : block.length;
  const width = single ? target.colEnd - target.colStart + 1 : block.reduce((w, r) => Math.max(w, r.length), 0);
  const cell = (i: number, j: number): string => (single ? block[0]![0]! : (block[i]?.[j] ?? ''));

  for (let i = 0; i < height; i++) {
    const rowIndex = target.rowStart + i;
    const lineId = rowIds[rowIndex];
    if (lineId === undefined) {
      // Past the end: a new line from the cells of this row that fall on line fields.
      const incoming: IncomingRow = { sourceRow: i + 1, article: '', quantity: null };
      let hasArticle = false;
      let any = false;
      for (let j = 0; j < width; j++) {
        const role = columns[target.colStart + j];
        const value = cell(i, j).trim();
        if (value !== '') any = true;
        if (role === 'article') {
          incoming.article = value;
          hasArticle = value !== '';
        } else if (role) incoming[role] = value === '' ? null : value;
      }
      if (hasArticle) plan.appended.push(incoming);
      else if (any) plan.rowsWithoutArticle++;
      continue;
    }
    for (let j = 0; j < width; j++) {
      const colIndex = target.colStart + j;
      const value = cell(i, j);
      if (colIndex >= columns.length) {
        if (value.trim() !== '') plan.beyondColumns++;
        continue;
      }
      const role = columns[colIndex];
      if (!role || role === 'article') {
        if (value.trim() !== '') plan.readOnlyCells++;
        continue;
      }
      const patch = plan.patches.get(lineId) ?? {};
      patch[role] = value;
      plan.patches.set(lineId, patch);
      plan.cells++;
    }
  }
  return plan;
}
