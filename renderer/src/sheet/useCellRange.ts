// A rectangular cell range on AG Grid Community (its own range selection is Enterprise): the
// anchor cell and the focused cell span it, over the rows as sorted and filtered now and the
// columns as shown. Shift+arrows, Shift+Home/End/PageUp/PageDown and Shift+click extend it, a
// drag paints it, Ctrl+A takes every cell; the cells in it carry the class "desk-range".
import type { CellFocusedEvent, CellMouseDownEvent, CellMouseOverEvent, Column, GridApi } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellRange } from '../../../domain/orders/sheet-paste';

interface Cell {
  row: number;
  col: number;
}

const EXTENDING_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);

export function normalizeRange(a: Cell, b: Cell): CellRange {
  return {
    rowStart: Math.min(a.row, b.row),
    rowEnd: Math.max(a.row, b.row),
    colStart: Math.min(a.col, b.col),
    colEnd: Math.max(a.col, b.col),
  };
}

export interface CellRangeApi<T> {
  range: CellRange | null;
  /** The range as of now, not as of the last render: a key pressed right after a click must act
   *  on the clicked cell even before React re-renders and the grid takes the new handlers. */
  current: () => CellRange | null;
  /** Grid props that track the range (spread onto the grid). */
  gridProps: {
    onCellFocused: (e: CellFocusedEvent<T>) => void;
    onCellMouseDown: (e: CellMouseDownEvent<T>) => void;
    onCellMouseOver: (e: CellMouseOverEvent<T>) => void;
  };
  /** Props for the element around the grid: they see Shift before the grid moves focus. */
  wrapperProps: {
    onKeyDownCapture: (e: React.KeyboardEvent) => void;
    onMouseDownCapture: (e: React.MouseEvent) => void;
    onMouseUp: () => void;
  };
  /** Whether a displayed cell is in the range (for cellClassRules). */
  contains: (rowIndex: number | null, column: Column | string) => boolean;
  selectAll: () => void;
  columns: () => Column[];
}

export function useCellRange<T>(api: GridApi<T> | null): CellRangeApi<T> {
  const anchor = useRef<Cell | null>(null);
  const focus = useRef<Cell | null>(null);
  // Until when a focus change extends the range: AG Grid moves focus for up/down keys a frame
  // later (after Shift may be up already), so "Shift was held" is remembered for a moment.
  const extendUntil = useRef(0);
  const isExtending = useCallback(() => performance.now() < extendUntil.current, []);
  const dragging = useRef(false);
  const [range, setRange] = useState<CellRange | null>(null);
  const rangeRef = useRef<CellRange | null>(null);

  const columns = useCallback((): Column[] => api?.getAllDisplayedColumns() ?? [], [api]);
  const colIndex = useCallback(
    (c: Column | string): number => {
      const id = typeof c === 'string' ? c : c.getColId();
      return columns().findIndex((x) => x.getColId() === id);
    },
    [columns],
  );

  const publish = useCallback(() => {
    const next = anchor.current && focus.current ? normalizeRange(anchor.current, focus.current) : null;
    const prev = rangeRef.current;
    if (
      prev &&
      next &&
      prev.rowStart === next.rowStart &&
      prev.rowEnd === next.rowEnd &&
      prev.colStart === next.colStart &&
      prev.colEnd === next.colEnd
    )
      return;
    rangeRef.current = next;
    setRange(next);
    // Only the rendered cells re-evaluate their class: cheap whatever the order's size.
    api?.refreshCells({ force: true, suppressFlash: true });
  }, [api]);

  const moveTo = useCallback(
    (cell: Cell, extend: boolean) => {
      if (!extend || !anchor.current) anchor.current = cell;
      focus.current = cell;
      publish();
    },
    [publish],
  );

  // The button may be released anywhere (outside the grid too): the drag ends there.
  useEffect(() => {
    const up = () => {
      dragging.current = false;
    };
    window.addEventListener('mouseup', up, true);
    return () => window.removeEventListener('mouseup', up, true);
  }, []);

  // Sorting or filtering changes which lines the positions mean: start again from the focused cell.
  useEffect(() => {
    if (!api) return;
    const reset = () => {
      const f = api.getFocusedCell();
      anchor.current = focus.current = f ? { row: f.rowIndex, col: colIndex(f.column) } : null;
      publish();
    };
    api.addEventListener('sortChanged', reset);
    api.addEventListener('filterChanged', reset);
    return () => {
      if (api.isDestroyed()) return;
      api.removeEventListener('sortChanged', reset);
      api.removeEventListener('filterChanged', reset);
    };
  }, [api, colIndex, publish]);

  const gridProps = useMemo(
    () => ({
      onCellFocused: (e: CellFocusedEvent<T>) => {
        if (e.rowIndex === null || e.rowIndex === undefined || !e.column || typeof e.column === 'string') return;
        if (e.rowPinned) {
          // A pinned row (the "add lines here" row) is no part of a range.
          anchor.current = focus.current = null;
          publish();
          return;
        }
        moveTo({ row: e.rowIndex, col: colIndex(e.column) }, isExtending());
      },
      onCellMouseDown: (e: CellMouseDownEvent<T>) => {
        if (e.rowIndex === null) return;
        if (e.rowPinned) {
          anchor.current = focus.current = null;
          publish();
          return;
        }
        const ev = e.event as MouseEvent | undefined;
        if (ev?.button !== 0) return;
        dragging.current = true;
        moveTo({ row: e.rowIndex, col: colIndex(e.column) }, !!ev?.shiftKey);
      },
      onCellMouseOver: (e: CellMouseOverEvent<T>) => {
        // Only while the button is held: rows scrolling under a resting pointer extend nothing.
        if (
          !dragging.current ||
          e.rowIndex === null ||
          e.rowPinned ||
          ((e.event as MouseEvent | undefined)?.buttons ?? 0) !== 1
        )
          return;
        moveTo({ row: e.rowIndex, col: colIndex(e.column) }, true);
      },
    }),
    [colIndex, moveTo, publish, isExtending],
  );

  const wrapperProps = useMemo(
    () => ({
      onKeyDownCapture: (e: React.KeyboardEvent) => {
        if (e.key === 'Shift') return;
        extendUntil.current = e.shiftKey && EXTENDING_KEYS.has(e.key) ? performance.now() + 250 : 0;
      },
      onMouseDownCapture: (e: React.MouseEvent) => {
        extendUntil.current = e.shiftKey ? performance.now() + 250 : 0;
      },
      onMouseUp: () => {
        dragging.current = false;
      },
    }),
    [],
  );

  const contains = useCallback(
    (rowIndex: number | null, column: Column | string): boolean => {
      const r = rangeRef.current;
      if (!r || rowIndex === null || (r.rowStart === r.rowEnd && r.colStart === r.colEnd)) return false;
      if (rowIndex < r.rowStart || rowIndex > r.rowEnd) return false;
      const c = colIndex(column);
      return c >= r.colStart && c <= r.colEnd;
    },
    [colIndex],
  );

  const selectAll = useCallback(() => {
    if (!api) return;
    anchor.current = { row: 0, col: 0 };
    focus.current = { row: Math.max(0, api.getDisplayedRowCount() - 1), col: Math.max(0, columns().length - 1) };
    publish();
  }, [api, columns, publish]);

  const current = useCallback(() => rangeRef.current, []);

  return { range, current, gridProps, wrapperProps, contains, selectAll, columns };
}
