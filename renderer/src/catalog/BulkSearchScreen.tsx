// Bulk search: paste a client's list of articles (with quantities) and see every line
// classified as found, found with a typo, analog offered, or not found; nothing is guessed silently.
// With a client chosen it is a quote: the client's prices, which of the found item or its analog
// each line takes (the manager's choice, kept), and the list made an order or a workbook.
import { Badge, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { QuoteClientPicker, useQuoteClient } from './QuoteClient';
import { QuoteActions } from './QuoteActions';
import { formatMoney, formatQuantity } from '../shared/format';

type Take = 'item' | 'analog' | 'skip';
const TAKES: Take[] = ['item', 'analog', 'skip'];

/** What a line takes unless the manager says otherwise: the item found, the analog offered for a missing one, nothing for no match. */
const defaultTake = (r: BulkRow): Take =>
  r.kind === 'analog' && r.analog ? 'analog' : r.item ? 'item' : r.analog ? 'analog' : 'skip';
const takenItem = (r: BulkRow, take: Take) => (take === 'item' ? r.item : take === 'analog' ? r.analog : null);

const KIND_COLOR: Record<BulkRow['kind'], string> = {
  exact: 'teal',
  fuzzy: 'yellow',
  analog: 'blue',
  not_found: 'red',
};

export function BulkSearchScreen({
  onOpenItem,
  onOpenOrder,
}: {
  onOpenItem: (id: number) => void;
  onOpenOrder: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [clientId, setClientId] = useQuoteClient();
  const [takes, setTakes] = useState<Map<number, Take>>(new Map());
  const search = useMutation({
    mutationFn: (body: string) => unwrap(desk['catalog.bulkSearch']({ text: body })),
    onSuccess: () => setTakes(new Map()),
  });
  const rows = useMemo(() => search.data ?? [], [search.data]);
  const takeOf = (r: BulkRow): Take => takes.get(r.lineNo) ?? defaultTake(r);
  // The lines the quote takes: each line's chosen item at its quantity (a pack when none was given).
  const quoteLines = useMemo(
    () =>
      rows.flatMap((r) => {
        const item = takenItem(r, takes.get(r.lineNo) ?? defaultTake(r));
        return item ? [{ lineNo: r.lineNo, itemId: item.id, quantity: r.quantity ?? String(item.packSize ?? 1) }] : [];
      }),
    [rows, takes],
  );
  const priced = useQuery({
    queryKey: ['quotes', 'price', clientId, quoteLines],
    queryFn: () =>
      unwrap(
        desk['quotes.price']({
          clientId: clientId!,
          lines: quoteLines.map(({ itemId, quantity }) => ({ itemId, quantity })),
        }),
      ),
    enabled: clientId !== null && quoteLines.length > 0,
  });
  const byLine = useMemo(() => {
    const m = new Map<number, { price: string | null; amount: string | null }>();
    quoteLines.forEach((l, i) => {
      const p = priced.data?.lines[i];
      if (p) m.set(l.lineNo, p);
    });
    return m;
  }, [quoteLines, priced.data]);
  const counts = useMemo(() => {
    const c: Record<BulkRow['kind'], number> = { exact: 0, fuzzy: 0, analog: 0, not_found: 0 };
    for (const r of rows) c[r.kind]++;
    return c;
  }, [rows]);

  const columns = useMemo<ColDef<BulkRow>[]>(
    () => [
      { field: 'lineNo', headerName: t('bulk.columns.line'), width: 56, type: 'numericColumn' },
      { field: 'article', headerName: t('bulk.columns.asked'), width: 170 },
      { field: 'quantity', headerName: t('bulk.columns.quantity'), width: 80, type: 'numericColumn' },
      {
        field: 'kind',
        headerName: t('bulk.columns.result'),
        width: 150,
        cellRenderer: (p: ICellRendererParams<BulkRow>) =>
          p.data && (
            <Badge size="sm" variant="light" color={KIND_COLOR[p.data.kind]} data-kind={p.data.kind}>
              {t(`bulk.kinds.${p.data.kind}`)}
            </Badge>
          ),
      },
      {
        colId: 'found',
        headerName: t('bulk.columns.found'),
        width: 170,
        valueGetter: (p) => p.data?.item?.article ?? '',
      },
      {
        colId: 'name',
        headerName: t('bulk.columns.name'),
        flex: 1,
        minWidth: 220,
        valueGetter: (p) => p.data?.item?.name ?? '',
      },
      {
        colId: 'stock',
        headerName: t('bulk.columns.stock'),
        width: 90,
        type: 'numericColumn',
        valueGetter: (p) => p.data?.item?.stockTotal ?? null,
        valueFormatter: (p) => formatQuantity(p.value as number | null),
      },
      {
        colId: 'analog',
        headerName: t('bulk.columns.analog'),
        width: 200,
        valueGetter: (p) =>
          p.data?.analog ? `${p.data.analog.article} (${formatQuantity(p.data.analog.stockTotal)})` : '',
      },
      {
        colId: 'take',
        headerName: t('quotes.take'),
        width: 120,
        editable: (p) => !!p.data && (!!p.data.item || !!p.data.analog),
        valueGetter: (p) => (p.data ? t(`quotes.takes.${takeOf(p.data)}`) : ''),
        valueSetter: (p) => {
          const take = TAKES.find((k) => t(`quotes.takes.${k}`) === p.newValue);
          if (!p.data || !take || (take !== 'skip' && !takenItem(p.data, take))) return false;
          setTakes((m) => new Map(m).set(p.data.lineNo, take));
          return true;
        },
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: (p: { data?: BulkRow }) => ({
          values: TAKES.filter((k) => k === 'skip' || (p.data && takenItem(p.data, k))).map((k) =>
            t(`quotes.takes.${k}`),
          ),
        }),
      },
      ...(clientId === null
        ? []
        : ([
            {
              colId: 'price',
              headerName: t('quotes.price'),
              width: 110,
              type: 'numericColumn',
              valueGetter: (p) => (p.data ? (byLine.get(p.data.lineNo)?.price ?? null) : null),
              valueFormatter: (p) => formatMoney(p.value as string | null),
            },
            {
              colId: 'amount',
              headerName: t('quotes.amount'),
              width: 120,
              type: 'numericColumn',
              valueGetter: (p) => (p.data ? (byLine.get(p.data.lineNo)?.amount ?? null) : null),
              valueFormatter: (p) => formatMoney(p.value as string | null),
            },
          ] satisfies ColDef<BulkRow>[])),
    ],
    // The formatters follow the language too, not only the headers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, takes, clientId, byLine],
  );

  return (
    <div className="desk-screen">
      <Stack gap="xs" px="md" py="sm">
        <Group justify="space-between">
          <div>
            <Title order={5}>{t('bulk.title')}</Title>
            <Text size="xs" c="dimmed">
              {t('bulk.hint')}
            </Text>
          </div>
          <Group gap={6} data-testid="bulk-summary">
            <Text size="xs" c="dimmed">
              {t('bulk.summary', { count: rows.length })}
            </Text>
            {(Object.keys(counts) as BulkRow['kind'][]).map((k) => (
              <Badge key={k} color={KIND_COLOR[k]} variant="light" size="sm" data-testid={`bulk-count-${k}`}>
                {t(`bulk.kinds.${k}`)}: {counts[k]}
              </Badge>
            ))}
          </Group>
        </Group>
        <Textarea
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          placeholder={t('bulk.placeholder')}
          autosize
          minRows={4}
          maxRows={8}
          ff="monospace"
          data-testid="bulk-input"
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) search.mutate(text);
          }}
        />
        <Group gap="xs">
          <Button onClick={() => search.mutate(text)} loading={search.isPending} data-testid="bulk-run">
            {t('bulk.run')} (Ctrl+Enter)
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setText('');
              search.reset();
            }}
          >
            {t('bulk.clear')}
          </Button>
          <QuoteClientPicker value={clientId} onChange={setClientId} />
          <QuoteActions
            clientId={clientId}
            lines={quoteLines.map(({ itemId, quantity }) => ({ itemId, quantity }))}
            total={priced.data?.total ?? null}
            onOpenOrder={onOpenOrder}
          />
          {search.error && (
            <Text size="xs" c="red">
              {t(`errors.${(search.error as { code?: string }).code ?? 'internal'}`, { message: search.error.message })}
            </Text>
          )}
        </Group>
      </Stack>
      <div className="desk-grid" data-testid="bulk-grid">
        <DeskGrid<BulkRow>
          rowData={rows}
          columnDefs={columns}
          getRowId={(p) => String(p.data.lineNo)}
          onCellDoubleClicked={(e) => {
            // A double click on the choice edits it; elsewhere it opens the item in the catalog.
            if (e.column.getColId() === 'take') return;
            const id = e.data?.analog?.id ?? e.data?.item?.id;
            if (id) onOpenItem(id);
          }}
          overlayNoRowsTemplate={`<span>${t('bulk.empty')}</span>`}
        />
      </div>
    </div>
  );
}
