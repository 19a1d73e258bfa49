// An open order's data for the screen: its header and the first screen of lines at once, every
// line asked for right then but put into the grid only once the first screen is drawn (it must
// not wait for 20,000 lines to be laid out; the desk reads them while the grid is being built),
// and from then on the core's deltas applied in place: the changed lines
// go into the grid as a transaction, the header is replaced, nothing is read again unless the
// core says every line may have changed. The lines are kept by id for printing and counting.
import type { GridApi } from 'ag-grid-community';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OrderDelta, OrderHeaderView, OrderLineRow } from '../../../../domain/contract';
import { desk, onDeskEvent, unwrap } from '../../shared/desk';

/** Lines shown before the rest are read: the first screen and a little more. */
export const FIRST_LINES = 120;
/**
 * The rest is read in ranges of line numbers all asked for at once: the desk reads the next range
 * while this one is on its way and being parsed, so reading and sending overlap instead of
 * adding up.
 */
const RANGE_LINES = 2500;

export interface OrderLines {
  /** The header as it is now (null until read; null again if the order left this desk). */
  header: OrderHeaderView | null;
  gone: boolean;
  /** The lines for the grid to start from (the first screen, then all); later changes come as transactions. */
  rowData: OrderLineRow[] | null;
  /** Every line known now, in line order (all of them once `complete`). */
  lines(): OrderLineRow[];
  /** How many lines have a problem (no price, below the floor, out of stock...). */
  problemLines: number;
  /** Bumps whenever a line changes: what depends on the lines recomputes on it. */
  version: number;
  complete: boolean;
  /** The grid, to apply changes to; and when its first screen is drawn (the rest goes in then). */
  attach(api: GridApi<OrderLineRow>): void;
  firstScreenShown(): void;
  /** Reads these lines again (a typed value the core refused: the grid shows what the replica has). */
  refresh(ids: string[]): Promise<void>;
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const byLineNo = (a: OrderLineRow, b: OrderLineRow): number => a.lineNo - b.lineNo || (a.id < b.id ? -1 : 1);

export function useOrderLines(id: string): OrderLines {
  const first = useQuery({
    // Read once per opening (not under ['orders']: invalidating the order lists must not read it
    // again and put the first screen back in place of every line); changes come as deltas.
    queryKey: ['order-open', id],
    queryFn: () => unwrap(desk['orders.get']({ id, linesLimit: FIRST_LINES })),
    staleTime: Infinity,
    gcTime: 0,
  });
  const [header, setHeader] = useState<OrderHeaderView | null>(null);
  const [gone, setGone] = useState(false);
  const [rowData, setRowData] = useState<OrderLineRow[] | null>(null);
  const [complete, setComplete] = useState(false);
  const [version, setVersion] = useState(0);
  const byId = useRef(new Map<string, OrderLineRow>());
  const grid = useRef<GridApi<OrderLineRow> | null>(null);
  // Resolved once the grid has drawn its first screen: the rest of the lines go in after that.
  const shown = useRef(gate());
  // Deltas that arrive while every line is being read are applied again over what the read brings.
  const loading = useRef<OrderDelta[] | null>(null);

  // The first screen and the header, as read.
  useEffect(() => {
    if (!first.data) return;
    const { lines, ...h } = first.data;
    setHeader(h);
    byId.current = new Map(lines.map((l) => [l.id, l]));
    setRowData(lines);
    setComplete(lines.length >= h.linesCount);
    setVersion((v) => v + 1);
  }, [first.data]);

  const apply = useCallback((d: OrderDelta): void => {
    const map = byId.current;
    const add: OrderLineRow[] = [];
    const update: OrderLineRow[] = [];
    for (const l of d.lines) (map.has(l.id) ? update : add).push(l);
    const remove = d.removed.filter((x) => map.has(x)).map((x) => map.get(x)!);
    for (const l of d.lines) map.set(l.id, l);
    for (const x of d.removed) map.delete(x);
    const api = grid.current;
    if (api && !api.isDestroyed() && (add.length || update.length || remove.length)) {
      // New lines go where their number puts them (the grid keeps the order it was given).
      const addIndex = add.length ? api.getDisplayedRowCount() : undefined;
      api.applyTransaction({ add, update, remove, addIndex });
    }
    if (d.lines.length || d.removed.length) setVersion((v) => v + 1);
  }, []);

  const readAll = useCallback(
    async (lastLineNo: number): Promise<void> => {
      loading.current = [];
      const pages: Promise<{ lines: OrderLineRow[] }>[] = [];
      // The last range is open: lines added meanwhile come with it (or by delta).
      for (let from = 0; from <= lastLineNo; from += RANGE_LINES)
        pages.push(
          unwrap(
            desk['orders.lines']({
              orderId: id,
              fromLineNo: from,
              ...(from + RANGE_LINES <= lastLineNo ? { toLineNo: from + RANGE_LINES } : {}),
            }),
          ),
        );
      // All pages into the grid in one transaction: one sort, one layout, one render of the
      // screen, where a transaction per page paid each of those again (a second over 8 pages).
      const read = await Promise.all(pages);
      await shown.current.promise;
      const seen = new Set<string>();
      const lines: OrderLineRow[] = [];
      for (const page of read)
        for (const l of page.lines) {
          seen.add(l.id);
          lines.push(l);
        }
      apply({ orderId: id, lines, removed: [], order: null, reload: false });
      // Lines the pages no longer hold (deleted meanwhile, or a read again of a shorter order) go.
      const gone = [...byId.current.keys()].filter((x) => !seen.has(x));
      if (gone.length) apply({ orderId: id, lines: [], removed: gone, order: null, reload: false });
      setComplete(true);
      const late = loading.current ?? [];
      loading.current = null;
      for (const d of late) apply(d);
    },
    [id, apply],
  );

  // Every line, asked for as soon as the header says how many there are.
  const started = useRef(false);
  useEffect(() => {
    if (complete || !header || started.current) return;
    started.current = true;
    void readAll(header.lastLineNo);
  }, [complete, header, readAll]);

  useEffect(
    () =>
      onDeskEvent('orders.delta', (d) => {
        if (d.orderId !== id) return;
        if (d.order === null) {
          setGone(true);
          return;
        }
        setHeader(d.order);
        if (d.reload) {
          void readAll(d.order.lastLineNo);
          return;
        }
        loading.current?.push(d);
        apply(d);
      }),
    [id, apply, readAll],
  );

  const lines = useCallback(() => [...byId.current.values()].sort(byLineNo), []);
  const problemLines = useMemo(() => {
    let n = 0;
    for (const l of byId.current.values()) if (l.problems.length) n++;
    return n;
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps -- version: the lines changed
  const refresh = useCallback(
    async (ids: string[]) => {
      const fresh = await unwrap(desk['orders.lines']({ orderId: id, ids })).catch(() => null);
      if (fresh) apply({ orderId: id, lines: fresh.lines, removed: fresh.missing, order: null, reload: false });
    },
    [id, apply],
  );

  return useMemo(
    () => ({
      header,
      gone,
      rowData,
      lines,
      problemLines,
      version,
      complete,
      attach: (api: GridApi<OrderLineRow>) => {
        grid.current = api;
      },
      firstScreenShown: () => shown.current.open(),
      refresh,
    }),
    [header, gone, rowData, lines, problemLines, version, complete, refresh],
  );
}
