// The bench's baseline (npm run bench, ?baseline-grid): a bare AG Grid given the order editor's
// rows with the editor's columns (same ids, widths and order, so the same cells are drawn) and
// nothing of ours: no value getters, formatters, classes, tooltips or editing. `&height=` sizes it
// as the editor's grid is sized, so both draw the same number of rows. The rows arrive by a window
// event, already in memory, and the clock starts there.
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useState } from 'react';
import { orderColumns } from '../orders/order/order-columns';
import { deskGridTheme } from '../shared/grid';

/** The editor's column layout alone; a column without a field shows the raw field behind it. */
function bareColumns() {
  const editor = orderColumns({
    t: (key: string) => key,
    editable: false,
    preorder: false,
    warehouses: [],
    listBasis: 'with',
    shownBasis: 'with',
    inRange: () => false,
  });
  return editor.map((c) => ({
    field: c.field ?? (c.colId === 'warehouse' ? 'warehouseId' : c.colId),
    headerName: c.headerName,
    width: c.width,
    flex: c.flex,
    minWidth: c.minWidth,
  })) as { field: string }[];
}

export function BaselineGrid() {
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  const columns = useMemo(() => bareColumns(), []);
  const height = Number(new URLSearchParams(location.search).get('height')) || null;
  useEffect(() => {
    const take = (e: Event) => setRows((e as CustomEvent<Record<string, unknown>[]>).detail);
    window.addEventListener('baseline-rows', take);
    return () => window.removeEventListener('baseline-rows', take);
  }, []);
  return (
    <div style={{ height: height ?? '100vh' }} data-testid="baseline-grid">
      {rows && (
        <AgGridReact theme={deskGridTheme} rowData={rows} columnDefs={columns} getRowId={(p) => String(p.data.id)} />
      )}
    </div>
  );
}
