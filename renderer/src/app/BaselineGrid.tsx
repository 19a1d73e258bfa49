// The bench's baseline (npm run bench, ?baseline-grid): a bare AG Grid with the order editor's
// rows and columns and nothing of ours around it, so the editor's figures read as overhead over
// the grid itself. The rows arrive by a window event, already in memory, and the clock starts there.
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import { deskGridTheme } from '../shared/grid';

const FIELDS = [
  'lineNo',
  'article',
  'name',
  'quantity',
  'unit',
  'packSize',
  'price',
  'priceSource',
  'discount',
  'amount',
  'stock',
  'leadDays',
  'warehouseId',
  'comment',
];

export function BaselineGrid() {
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  useEffect(() => {
    const take = (e: Event) => setRows((e as CustomEvent<Record<string, unknown>[]>).detail);
    window.addEventListener('baseline-rows', take);
    return () => window.removeEventListener('baseline-rows', take);
  }, []);
  return (
    <div style={{ height: '100vh' }} data-testid="baseline-grid">
      {rows && (
        <AgGridReact
          theme={deskGridTheme}
          rowData={rows}
          columnDefs={FIELDS.map((field) => ({ field }))}
          getRowId={(p) => String(p.data.id)}
        />
      )}
    </div>
  );
}
