// The order grid's spreadsheet commands, as Excel users expect them: Ctrl+C of the range (TSV and
// an HTML table), Ctrl+V of a range from Excel or LibreOffice cell for cell (rows past the end
// become new lines, through a preview), Ctrl+D fill down, Delete, Ctrl+A, a typed cell, undo and
// redo, bulk actions on the selection. Each is one call to the core; what changed comes back as
// the order's delta, so nothing here reads the order again.
import type { CellKeyDownEvent, CellValueChangedEvent, GridApi } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { BulkAction, LineProblem, OrderLineRow } from '../../../../domain/contract';
import type { CellRange } from '../../../../domain/orders/sheet-paste';
import { planPaste } from '../../../../domain/orders/sheet-paste';
import { desk, unwrap } from '../../shared/desk';
import { formatCount } from '../../shared/format';
import i18n from '../../shared/i18n';
import { readPasted, writeCopied } from '../../sheet/clipboard';
import type { CellRangeApi } from '../../sheet/useCellRange';
import { plain } from '../order-parts';
import type { OrderDialog } from './order-dialogs';
import { cellText, PASTE_ROLE } from './order-columns';

/** Discount text as typed ("5%", "5,5"): whether it is a discount at all. */
const typedNumber = (v: string): number => Number(v.trim().replace(/\s/g, '').replace(',', '.').replace(/%$/, ''));

export interface SheetContext {
  orderId: string;
  grid: GridApi<OrderLineRow> | null;
  range: CellRangeApi<OrderLineRow>;
  editable: boolean;
  lockedReason: string | null;
  warehouseName: (id: number | null) => string;
  /** Runs a call, showing its error; undefined when it failed. */
  run: <R>(p: Promise<R>) => Promise<R | undefined>;
  setError(message: string | null): void;
  setNotice(message: string | null): void;
  open(dialog: OrderDialog): void;
  /** Reads lines again (a typed value the core refused: the grid shows what the replica holds). */
  refresh(ids: string[]): Promise<void>;
}

export function useSheetCommands(c: SheetContext) {
  const { t } = useTranslation();
  const { grid, range, orderId } = c;

  const rangeOrFocus = (): CellRange | null => {
    const now = range.current();
    if (now) return now;
    const f = grid?.getFocusedCell();
    if (!f || !grid) return null;
    const col = range.columns().findIndex((x) => x.getColId() === f.column.getColId());
    // The row under the last line stands for "after the end".
    const row = f.rowPinned === 'bottom' ? grid.getDisplayedRowCount() : f.rowIndex;
    return { rowStart: row, rowEnd: row, colStart: col, colEnd: col };
  };
  const linesInRange = (): OrderLineRow[] => {
    const r = rangeOrFocus();
    if (!r || !grid) return [];
    const out: OrderLineRow[] = [];
    for (let i = r.rowStart; i <= r.rowEnd; i++) {
      const d = grid.getDisplayedRowAtIndex(i)?.data;
      if (d) out.push(d);
    }
    return out;
  };
  const busyElsewhere = (e: React.ClipboardEvent): boolean =>
    !grid || grid.getEditingCells().length > 0 || !!(e.target as HTMLElement).closest('input, textarea');

  const bulkRefused = (problems: LineProblem[]) => {
    const p = problems[0]!;
    c.setError(
      t('orders.bulkRefused', {
        count: problems.length,
        line: p.lineNo,
        value: p.value,
        column: t(`orders.preview.fields.${p.field}`, { defaultValue: p.field }),
      }),
    );
  };

  const commands = {
    linesInRange,
    onCopy(e: React.ClipboardEvent) {
      if (busyElsewhere(e)) return;
      const r = rangeOrFocus();
      if (!r) return;
      const cols = range
        .columns()
        .slice(r.colStart, r.colEnd + 1)
        .map((x) => x.getColId());
      const text = { t, language: i18n.language, warehouseName: c.warehouseName };
      const table = linesInRange().map((l) => cols.map((col) => cellText(col, l, text)));
      e.preventDefault();
      writeCopied(e.clipboardData, table);
      c.setNotice(
        t('orders.copiedCells', { rows: formatCount(table.length), cells: formatCount(table.length * cols.length) }),
      );
    },

    async onPaste(e: React.ClipboardEvent) {
      if (busyElsewhere(e) || !grid) return;
      e.preventDefault();
      if (!c.editable) return c.setError(t(`orders.locked.${c.lockedReason ?? 'finished'}`));
      const block = readPasted(e.clipboardData);
      const end = grid.getDisplayedRowCount();
      const target = rangeOrFocus() ?? { rowStart: end, rowEnd: end, colStart: 1, colEnd: 1 };
      if (!block.length) return;
      const rowIds: string[] = [];
      grid.forEachNodeAfterFilterAndSort((n) => n.data && rowIds.push(n.data.id));
      const plan = planPaste({
        block,
        target,
        columns: range.columns().map((x) => PASTE_ROLE[x.getColId()] ?? null),
        rowIds,
      });
      const patches = [...plan.patches].map(([lineId, patch]) => ({ lineId, patch }));
      const clean = !plan.appended.length && !plan.readOnlyCells && !plan.beyondColumns && !plan.rowsWithoutArticle;
      if (clean && patches.length) {
        const r = await c.run(unwrap(desk['orders.patchLines']({ orderId, patches, mode: 'ifClean', label: 'paste' })));
        if (!r) return;
        if (r.applied) return c.setNotice(t('orders.pasted', { cells: formatCount(plan.cells) }));
        return c.open({
          kind: 'preview',
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
      // Anything else is previewed first: new lines, cells that cannot be pasted.
      const checked = patches.length
        ? await c.run(unwrap(desk['orders.patchLines']({ orderId, patches, mode: 'check', label: 'paste' })))
        : { problems: [] };
      if (!checked) return;
      c.open({
        kind: 'preview',
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
    },

    /** Ctrl+D: in every column of the range, the top line's value into the lines below it. */
    async fillDown() {
      const r = rangeOrFocus();
      const lines = linesInRange();
      if (!r || lines.length < 2) return;
      const [top, ...rest] = lines;
      const patch: Record<string, string> = {};
      for (const col of range.columns().slice(r.colStart, r.colEnd + 1)) {
        const role = PASTE_ROLE[col.getColId()];
        if (!role || role === 'article') continue;
        patch[role] =
          role === 'warehouse'
            ? c.warehouseName(top!.warehouseId)
            : role === 'comment'
              ? top!.comment
              : plain(top![role]);
      }
      if (!Object.keys(patch).length) return;
      const res = await c.run(
        unwrap(
          desk['orders.patchLines']({
            orderId,
            patches: rest.map((l) => ({ lineId: l.id, patch })),
            mode: 'ifClean',
            label: 'fill',
          }),
        ),
      );
      if (res && !res.applied) c.setError(t('orders.fillRefused', { count: res.problems.length }));
    },

    async undo(redo = false) {
      const r = await c.run(unwrap(desk[redo ? 'orders.redo' : 'orders.undo']({ orderId })));
      if (r?.label)
        c.setNotice(
          t(redo ? 'orders.undo.redone' : 'orders.undo.undone', { what: t(`orders.undo.labels.${r.label}`) }),
        );
    },

    async bulk(action: BulkAction, ids = linesInRange().map((l) => l.id)) {
      if (!ids.length) return;
      c.open({ kind: 'none' });
      const r = await c.run(unwrap(desk['orders.bulk']({ orderId, lineIds: ids, action })));
      if (r?.problems.length) bulkRefused(r.problems);
      else if (r) c.setNotice(t('orders.bulkDone', { count: r.changed }));
    },

    onGridKey(e: CellKeyDownEvent<OrderLineRow>) {
      const key = e.event as KeyboardEvent | undefined;
      if (!key || e.api.getEditingCells().length) return;
      const mod = key.ctrlKey || key.metaKey;
      if (key.key === 'Delete' && c.editable) {
        const ids = linesInRange().map((l) => l.id);
        if (ids.length > 1) c.open({ kind: 'delete', ids });
        else if (ids.length === 1) void commands.bulk({ kind: 'delete' }, ids);
      }
      if (mod && key.key.toLowerCase() === 'a') {
        key.preventDefault();
        range.selectAll();
      }
      if (mod && key.key.toLowerCase() === 'd' && c.editable) {
        key.preventDefault();
        void commands.fillDown();
      }
    },

    /** A typed cell: the line's change, checked, applied to the replica at once and sent when connected. */
    async cellChanged(e: CellValueChangedEvent<OrderLineRow>) {
      const role = PASTE_ROLE[e.column.getColId()];
      const typed = String(e.newValue ?? '');
      if (!e.data || !role || role === 'article' || typed === String(e.oldValue ?? '')) return;
      const line = e.data.id;
      const r = await c.run(
        unwrap(
          desk['orders.patchLines']({
            orderId,
            patches: [{ lineId: line, patch: { [role]: typed } }],
            mode: 'ifClean',
            label: 'edit',
          }),
        ),
      );
      // A price or discount typed by hand needs its reason: asked for at once, while the manager remembers it.
      if (r?.applied && r.changed && (role === 'price' || (role === 'discount' && typedNumber(typed) !== 0)))
        c.open({ kind: 'override', lineIds: [line], mode: 'reason' });
      // A value the line cannot take: say which and what is expected; the replica keeps the old one.
      if (r && !r.applied) {
        c.setError(t(`orders.badValue.${r.problems[0]?.field ?? role}`, { value: typed }));
        await c.refresh([line]);
      }
    },
  };
  return commands;
}
