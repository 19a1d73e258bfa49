// The catalog: every item of the replica in one grid (50,000+ rows, client-side), a quick
// search tolerant of Cyrillic/Latin look-alikes and separators, group, attribute and stock
// filters, a client's prices beside the base ones (Alt+P: why), and the item card on the right.
import { Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import type { ColDef, GetRowIdParams, GridApi, IRowNode, RowClassParams } from 'ag-grid-community';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { articleKeys } from '../../../domain/catalog/article';
import type { CatalogRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { formatCount, formatMoney, formatQuantity } from '../shared/format';
import { DeskGrid } from '../shared/DeskGrid';
import { ItemPanel } from './ItemPanel';
import { AttributeFacets } from './AttributeFacets';
import { QuoteClientPicker, useClientPrices, useQuoteClient } from './QuoteClient';
import { quoteRefusal } from './quote-refusal';
import { PriceWhy } from '../pricing/PriceWhy';

/** One object for every render: a new one would make the grid rebuild its columns. */
const FILTERED_COLUMN = { filter: true, suppressHeaderFilterButton: true } as const;

interface SearchableRow extends CatalogRow {
  /** Search keys, computed on first search rather than for all 50,000 rows at load. */
  keys?: [string, string];
  text?: string;
}

export function CatalogScreen({
  openItemId,
  onOpenItem,
}: {
  openItemId: number | null;
  onOpenItem: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const page = useQuery({ queryKey: ['catalog', 'page'], queryFn: () => unwrap(desk['catalog.page']({})) });
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string | null>(null);
  const [inStock, setInStock] = useState(false);
  const [attrIds, setAttrIds] = useState<Set<number> | null>(null);
  const [clientId, setClientId] = useQuoteClient();
  const [why, setWhy] = useState<number | null>(null);
  const client = useClientPrices(clientId);
  const [shown, setShown] = useState(0);
  const gridApi = useRef<GridApi<SearchableRow> | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useHotkeys(
    [
      ['mod+F', () => searchRef.current?.focus()],
      [
        'alt+P',
        () => {
          const cell = gridApi.current?.getFocusedCell();
          const row = cell ? gridApi.current?.getDisplayedRowAtIndex(cell.rowIndex) : null;
          if (row?.data && clientId !== null) setWhy(row.data.id);
        },
      ],
    ],
    [],
  );

  const rows = useMemo<SearchableRow[]>(() => page.data?.rows ?? [], [page.data]);
  const groups = useMemo(() => [...new Set(rows.map((r) => r.group))].sort(), [rows]);
  useEffect(() => setAttrIds(null), [group]);

  const filter = useMemo(() => {
    const q = query.trim();
    const [a, b] = articleKeys(q);
    const lower = q.toLowerCase();
    return { active: q !== '' || group !== null || inStock || attrIds !== null, a, b, lower, q };
  }, [query, group, inStock, attrIds]);

  const passes = useCallback(
    (node: IRowNode<SearchableRow>) => {
      const r = node.data!;
      if (group !== null && r.group !== group) return false;
      if (attrIds && !attrIds.has(r.id)) return false;
      if (inStock && !r.stock.some((s) => s > 0)) return false;
      if (!filter.q) return true;
      r.keys ??= articleKeys(r.article);
      r.text ??= `${r.article} ${r.name} ${r.manufacturer}`.toLowerCase();
      // Article keys by prefix (any spelling), otherwise words of the name.
      if (
        filter.a &&
        (r.keys[0].startsWith(filter.a) ||
          r.keys[1].startsWith(filter.b) ||
          r.keys[1].startsWith(filter.a) ||
          r.keys[0].startsWith(filter.b))
      )
        return true;
      return r.text.includes(filter.lower);
    },
    [filter, group, inStock, attrIds],
  );

  useEffect(() => {
    gridApi.current?.onFilterChanged();
    setShown(gridApi.current?.getDisplayedRowCount() ?? 0);
  }, [passes]);

  const columns = useMemo<ColDef<SearchableRow>[]>(() => {
    const whs = page.data?.warehouses ?? [];
    return [
      { field: 'article', headerName: t('catalog.columns.article'), pinned: 'left', width: 170, sort: 'asc' },
      { field: 'name', headerName: t('catalog.columns.name'), flex: 2, minWidth: 180 },
      { field: 'manufacturer', headerName: t('catalog.columns.manufacturer'), width: 120 },
      { field: 'group', headerName: t('catalog.columns.group'), width: 140 },
      { field: 'packSize', headerName: t('catalog.columns.pack'), width: 70, type: 'numericColumn' },
      { field: 'unit', headerName: t('catalog.columns.unit'), width: 55 },
      ...whs.map<ColDef<SearchableRow>>((w, i) => ({
        colId: `stock_${w.id}`,
        headerName: w.code,
        headerTooltip: w.name,
        width: 70,
        type: 'numericColumn',
        valueGetter: (p) => p.data?.stock[i] ?? 0,
        valueFormatter: (p) => formatQuantity(p.value as number),
        cellClass: (p) => (p.value === 0 ? 'ag-right-aligned-cell cell-zero' : 'ag-right-aligned-cell'),
      })),
      {
        colId: 'stockTotal',
        headerName: t('catalog.columns.total'),
        width: 84,
        type: 'numericColumn',
        valueGetter: (p) => (p.data?.stock ?? []).reduce((a, b) => a + b, 0),
        valueFormatter: (p) => formatQuantity(p.value as number),
      },
      { field: 'leadDays', headerName: t('catalog.columns.lead'), width: 72, type: 'numericColumn' },
      {
        field: 'basePrice',
        headerName: page.data?.priceTypeName ?? t('catalog.columns.basePrice'),
        width: 110,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string | null),
        comparator: (a: string | null, b: string | null) => Number(a ?? 0) - Number(b ?? 0),
      },
      ...(client.data
        ? [
            {
              colId: 'clientPrice',
              headerName: t('quotes.priceFor', { client: client.data.clientName }),
              headerTooltip: `${client.data.priceType} · ${t(client.data.withVat ? 'quotes.withVat' : 'quotes.withoutVat')}`,
              width: 130,
              type: 'numericColumn',
              valueGetter: (p) => (p.data ? (client.byItem.get(p.data.id)?.price ?? null) : null),
              valueFormatter: (p) => formatMoney(p.value as string | null),
              tooltipValueGetter: (p) => {
                const s = p.data ? client.byItem.get(p.data.id)?.source : null;
                return s ? `${t(`orders.sources.${s}`)} · Alt+P` : '';
              },
              cellClass: (p) =>
                p.data && client.byItem.get(p.data.id)?.source === 'promo'
                  ? 'ag-right-aligned-cell cell-promo'
                  : 'ag-right-aligned-cell',
              comparator: (a: string | null, b: string | null) => Number(a ?? 0) - Number(b ?? 0),
            } satisfies ColDef<SearchableRow>,
          ]
        : []),
    ];
    // Headers follow the chosen language: `t` changes identity when it does.
  }, [page.data, t, client.data, client.byItem]);

  return (
    <div className="desk-screen" style={{ flexDirection: 'row' }}>
      <div className="desk-screen" style={{ flex: 1, minWidth: 0 }}>
        <Group px="md" py={6} gap="md" wrap="nowrap">
          <TextInput
            ref={searchRef}
            placeholder={t('catalog.search')}
            title={t('catalog.searchHint')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
            data-testid="catalog-search"
            autoFocus
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                gridApi.current?.ensureIndexVisible(0);
                const col = gridApi.current?.getAllDisplayedColumns()[0];
                if (col) gridApi.current?.setFocusedCell(0, col);
                e.preventDefault();
              }
            }}
          />
          <Select
            placeholder={t('catalog.allGroups')}
            data={groups}
            value={group}
            onChange={setGroup}
            clearable
            searchable
            w={220}
            aria-label={t('catalog.group')}
          />
          <QuoteClientPicker value={clientId} onChange={setClientId} />
          <Checkbox
            label={t('catalog.inStock')}
            checked={inStock}
            onChange={(e) => setInStock(e.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed" ml="auto" data-testid="catalog-count">
            {t('catalog.shown', { shown: formatCount(shown), total: formatCount(rows.length) })}
          </Text>
        </Group>
        {group !== null && <AttributeFacets key={group} group={group} onChange={setAttrIds} />}
        {client.error && (
          <Text size="xs" c="red.7" px="md" data-testid="quote-error">
            {quoteRefusal(t, client.error)}
          </Text>
        )}
        <div className="desk-grid" data-testid="catalog-grid">
          <DeskGrid<SearchableRow>
            rowData={rows}
            columnDefs={columns}
            defaultColDef={FILTERED_COLUMN}
            getRowId={(p: GetRowIdParams<SearchableRow>) => String(p.data.id)}
            rowClassRules={{
              'row-discontinued': (p: RowClassParams<SearchableRow>) => p.data?.lifecycle === 'discontinued',
            }}
            isExternalFilterPresent={() => filter.active}
            doesExternalFilterPass={passes}
            onGridReady={(e) => {
              gridApi.current = e.api;
            }}
            onModelUpdated={(e) => setShown(e.api.getDisplayedRowCount())}
            onRowClicked={(e) => e.data && onOpenItem(e.data.id)}
            onCellKeyDown={(e) => {
              const ke = e.event as KeyboardEvent | undefined;
              if (ke?.key === 'Enter' && e.data) onOpenItem(e.data.id);
            }}
            overlayNoRowsTemplate={`<span>${page.isLoading ? t('catalog.empty') : t('catalog.noMatch')}</span>`}
            suppressCellFocus={false}
          />
        </div>
      </div>
      {why !== null && clientId !== null && <PriceWhy clientId={clientId} itemId={why} onClose={() => setWhy(null)} />}
      {openItemId !== null && <ItemPanel id={openItemId} onClose={() => onOpenItem(null)} onOpenItem={onOpenItem} />}
    </div>
  );
}
