// The client's documents from 1C, per client (on the client's workspace) or per order (in the
// order's view): newest first, with what each is, its number, date, order and sum, and whether it
// is kept on this desk (then it opens offline). Enter or a double click opens it.
import { Alert, Group, Portal, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentRow } from '../../../domain/contract';
import { errorText } from '../aftersales/errors';
import { DeskGrid } from '../shared/DeskGrid';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { formatDate, formatMoney } from '../shared/format';
import { PdfViewer } from './PdfViewer';

/** Why a document did not open, in the user's words. */
function openError(t: TFunction, e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'offline') return t('documents.errors.offline');
  if (code === 'erp_unavailable') return t('documents.errors.erpDown');
  if (code === 'bad_file') return t('documents.errors.notPdf');
  return errorText(t, e);
}

/** Document lists and counts follow the replica: a document arriving from 1C shows without a reload. */
export function useDocumentsRefresh(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.includes('erp_documents')) void queryClient.invalidateQueries({ queryKey: ['documents'] });
      }),
    [queryClient],
  );
}

export function DocumentsList({ clientId, orderId }: { clientId?: number; orderId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['documents', clientId ?? null, orderId ?? null];
  const list = useQuery({
    queryKey: key,
    queryFn: () => unwrap(desk['documents.list'](clientId !== undefined ? { clientId } : { orderId: orderId! })),
  });
  useDocumentsRefresh();
  const [opening, setOpening] = useState<string | null>(null);
  const [shown, setShown] = useState<{ name: string; base64: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = async (row: DocumentRow) => {
    if (opening) return;
    setOpening(row.id);
    setError(null);
    try {
      setShown(await unwrap(desk['documents.open']({ id: row.id })));
      void queryClient.invalidateQueries({ queryKey: ['documents'] });
    } catch (e) {
      setError(openError(t, e));
    } finally {
      setOpening(null);
    }
  };
  const columns = useMemo<ColDef<DocumentRow>[]>(
    () => [
      {
        field: 'date',
        headerName: t('documents.columns.date'),
        width: 100,
        valueFormatter: (p) => formatDate(p.value),
      },
      {
        field: 'kind',
        headerName: t('documents.columns.kind'),
        width: 190,
        valueFormatter: (p) => t(`documents.kinds.${p.value as string}`),
      },
      { field: 'number', headerName: t('documents.columns.number'), width: 120 },
      ...(orderId === undefined
        ? [{ field: 'orderNumber', headerName: t('documents.columns.order'), width: 110 } as ColDef<DocumentRow>]
        : []),
      {
        field: 'amount',
        headerName: t('documents.columns.amount'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p) => (p.value === null ? '' : formatMoney(p.value as string)),
        comparator: (a: string | null, b: string | null) => Number(a ?? 0) - Number(b ?? 0),
      },
      {
        colId: 'kept',
        headerName: t('documents.columns.kept'),
        flex: 1,
        minWidth: 110,
        // Text, not AG Grid's checkbox for a boolean: only kept documents say so.
        cellDataType: false,
        valueGetter: (p) => (p.data?.kept ? t('documents.keptHere') : ''),
        tooltipValueGetter: (p) => (p.data?.kept ? t('documents.keptHint') : t('documents.notKeptHint')),
      },
    ],
    [t, orderId],
  );
  return (
    <div className="desk-screen" data-testid="documents" style={{ minHeight: 0, flex: 1 }}>
      <Group px="md" py={4} gap="xs">
        <Text size="xs" c="dimmed">
          {opening ? t('documents.opening') : t('documents.hint')}
        </Text>
      </Group>
      {error && (
        <Alert
          color="red"
          mx="md"
          mb={4}
          py={4}
          withCloseButton
          onClose={() => setError(null)}
          data-testid="documents-error"
        >
          {error}
        </Alert>
      )}
      <div className="desk-grid" data-testid="documents-grid">
        <DeskGrid<DocumentRow>
          rowData={list.data ?? []}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          onRowDoubleClicked={(e) => e.data && void open(e.data)}
          onCellKeyDown={(e) => {
            const ke = e.event as KeyboardEvent | undefined;
            if (ke?.key === 'Enter' && e.data) void open(e.data);
          }}
          overlayNoRowsTemplate={`<span>${list.isLoading ? '' : t('documents.none')}</span>`}
        />
      </div>
      {shown && (
        // Over everything, the order's documents dialog too.
        <Portal>
          <PdfViewer name={shown.name} base64={shown.base64} onClose={() => setShown(null)} />
        </Portal>
      )}
    </div>
  );
}
