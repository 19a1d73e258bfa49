// Bulk search: paste a client's list of articles (with quantities) and see every line
// classified as found, found with a typo, analog offered, or not found; nothing is guessed silently.
import { Badge, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkRow } from '../../../domain/contract';
import { desk, unwrap } from '../shared/desk';
import { formatQuantity } from '../shared/format';
import { DeskGrid } from '../shared/DeskGrid';

const KIND_COLOR: Record<BulkRow['kind'], string> = {
  exact: 'teal',
  fuzzy: 'yellow',
  analog: 'blue',
  not_found: 'red',
};

export function BulkSearchScreen({ onOpenItem }: { onOpenItem: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const search = useMutation({ mutationFn: (body: string) => unwrap(desk['catalog.bulkSearch']({ text: body })) });
  const rows = useMemo(() => search.data ?? [], [search.data]);
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
    ],
    // The formatters follow the language too, not only the headers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language],
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
          onRowDoubleClicked={(e) => {
            const id = e.data?.analog?.id ?? e.data?.item?.id;
            if (id) onOpenItem(id);
          }}
          overlayNoRowsTemplate={`<span>${t('bulk.empty')}</span>`}
        />
      </div>
    </div>
  );
}
