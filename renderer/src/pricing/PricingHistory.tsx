// Pricing history: every rule and client coefficient change with who and when, the change
// described field by field in words.
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { desk, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { formatTime } from '../shared/format';

export function PricingHistory() {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['pricing', 'history'],
    queryFn: async () => {
      const [rules, clients] = await Promise.all([
        unwrap(desk['pricing.audit']({ entity: 'rule', limit: 1000 })),
        unwrap(desk['pricing.audit']({ entity: 'client', limit: 1000 })),
      ]);
      return [...rules, ...clients].sort((a, b) => b.id - a.id);
    },
  });
  type Row = NonNullable<typeof history.data>[number];
  const columns = useMemo<ColDef<Row>[]>(
    () => [
      {
        field: 'at',
        headerName: t('pricing.fields.updatedAt'),
        width: 140,
        valueFormatter: (p) => formatTime(p.value as string),
      },
      { field: 'userName', headerName: t('pricing.fields.updatedBy'), width: 180 },
      {
        field: 'entity',
        headerName: t('pricing.history.what'),
        width: 110,
        valueFormatter: (p) => t(`pricing.history.entities.${p.value as string}`),
      },
      { field: 'entityKey', headerName: t('pricing.fields.id'), width: 150, cellClass: 'desk-mono' },
      {
        colId: 'change',
        headerName: t('pricing.history.change'),
        flex: 1,
        minWidth: 300,
        autoHeight: true,
        wrapText: true,
        valueGetter: (p) => (p.data ? describeChange(p.data.old, p.data.new, t) : ''),
        tooltipValueGetter: (p) => JSON.stringify(p.data?.new ?? p.data?.old),
      },
    ],
    [t],
  );
  return (
    <DeskGrid<Row>
      rowData={history.data ?? []}
      columnDefs={columns}
      getRowId={(p) => String(p.data.id)}
      tooltipShowDelay={300}
    />
  );
}

/** Flattens a rule or client record one level ("body.minPricePct" → "minPricePct"), so a change reads field by field. */
function flatFields(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const put = (k: string, x: unknown) =>
    out.set(k, x === null || x === undefined ? '—' : typeof x === 'object' ? JSON.stringify(x) : String(x));
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x && typeof x === 'object' && !Array.isArray(x))
        for (const [k2, y] of Object.entries(x as Record<string, unknown>)) put(k2, y);
      else put(k, x);
    }
  }
  return out;
}

/** "Не ниже, % от базовой: 70 → 65; …"; a new record lists its fields, a removed one says so. */
function describeChange(old: unknown, next: unknown, t: (key: string, o?: Record<string, unknown>) => string): string {
  const label = (k: string) => t(`pricing.fields.${k}`, { defaultValue: k });
  if (next === null) return t('pricing.history.removed');
  const a = flatFields(old);
  const b = flatFields(next);
  const parts: string[] = [];
  for (const [k, v] of b) {
    if (k === 'kind' || k === 'id') continue;
    if (old === null) {
      if (v !== '—') parts.push(`${label(k)}: ${v}`);
    } else if (a.get(k) !== v) parts.push(`${label(k)}: ${a.get(k) ?? '—'} → ${v}`);
  }
  return parts.join('; ') || t('pricing.history.same');
}
