// The preview every paste and import goes through before anything changes: incoming lines as the
// catalog matched them (exact, fuzzy with the match, analog offered, not found), quantities
// rounded to the pack with the original, prices, every problem and warning in words; for a file
// also its layout (sheet, which column is what, remappable) and what is odd about it; for a grid
// paste also the cells it changes and those it cannot. Confirm applies; cancel changes nothing.
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, ImportedFile, LinePreview, LineProblem } from '../../../../domain/contract';
import type { IncomingRow, LinePatch } from '../../../../domain/orders/sheet-paste';
import { desk, unwrap } from '../../shared/desk';
import { DeskGrid } from '../../shared/DeskGrid';
import { formatCount, formatMoney, formatQuantity } from '../../shared/format';

const KIND_COLOR: Record<LinePreview['kind'], string> = {
  exact: 'teal',
  fuzzy: 'yellow',
  analog: 'blue',
  not_found: 'red',
};
const MAPPING_ROLES: (keyof ColumnMapping)[] = ['article', 'quantity', 'price', 'discount', 'warehouse', 'comment'];

export type PreviewSource = { kind: 'rows'; rows: IncomingRow[] } | { kind: 'file'; name: string; data: string };

/** Cell edits of existing lines that came with a grid paste. */
export interface CellEdits {
  patches: { lineId: string; patch: LinePatch }[];
  cells: number;
  problems: LineProblem[];
  readOnlyCells: number;
  beyondColumns: number;
  rowsWithoutArticle: number;
}

interface Props {
  orderId: string;
  source: PreviewSource;
  label: 'paste' | 'import';
  cellEdits?: CellEdits;
  onDone: (message: string) => void;
  onClose: () => void;
}

/** The line as it will be added (or null when it will not be). */
function chosen(l: LinePreview, useAnalogs: boolean): { itemId: number; quantity: string } | null {
  if (l.problems.length) return null;
  if (l.kind === 'analog' && !useAnalogs)
    return l.askedItem && l.askedItemQuantity ? { itemId: l.askedItem.id, quantity: l.askedItemQuantity } : null;
  return l.item && l.quantity ? { itemId: l.item.id, quantity: l.quantity } : null;
}

export function LinesPreview({ orderId, source, label, cellEdits, onDone, onClose }: Props) {
  const { t } = useTranslation();
  const [useAnalogs, setUseAnalogs] = useState(true);
  const [sheet, setSheet] = useState<number | undefined>(undefined);
  const [mapping, setMapping] = useState<ColumnMapping | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const read = useQuery({
    queryKey: ['lines-preview', orderId, source.kind === 'file' ? source.name : source.rows, sheet, mapping],
    queryFn: async (): Promise<{ file: ImportedFile | null; lines: LinePreview[] }> => {
      if (source.kind === 'rows')
        return {
          file: null,
          lines: source.rows.length ? await unwrap(desk['orders.previewLines']({ orderId, rows: source.rows })) : [],
        };
      const file = await unwrap(
        desk['excel.readLines']({ orderId, fileName: source.name, data: source.data, sheet, mapping }),
      );
      return { file, lines: file.lines };
    },
    retry: false,
    staleTime: Infinity,
  });
  const refusal = read.error as { code?: string; message?: string } | null;
  const lines = useMemo(() => read.data?.lines ?? [], [read.data]);
  const file = read.data?.file ?? null;
  const accepted = lines.filter((l) => chosen(l, useAnalogs));
  const validPatches = useMemo(() => {
    if (!cellEdits) return [];
    const bad = new Set(cellEdits.problems.map((p) => p.lineId));
    return cellEdits.patches.filter((p) => !bad.has(p.lineId));
  }, [cellEdits]);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (validPatches.length)
        await unwrap(desk['orders.patchLines']({ orderId, patches: validPatches, mode: 'validOnly', label: 'paste' }));
      if (accepted.length) {
        await unwrap(
          desk['orders.addLines']({
            orderId,
            label,
            lines: accepted.map((l) => {
              const c = chosen(l, useAnalogs)!;
              return {
                itemId: c.itemId,
                quantity: c.quantity,
                comment: l.comment || undefined,
                warehouseId: l.warehouseId,
                discount: l.discount !== '0' ? l.discount : undefined,
                price: l.priceSource === 'manual' && l.price ? l.price : undefined,
              };
            }),
          }),
        );
      }
      onDone(
        t('orders.preview.applied', {
          cells: formatCount(validPatches.length ? cellEdits!.cells : 0),
          lines: formatCount(accepted.length),
        }),
      );
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<ColDef<LinePreview>[]>(
    () => [
      { field: 'sourceRow', headerName: t('orders.preview.row'), width: 70, type: 'numericColumn' },
      { field: 'asked', headerName: t('orders.preview.asked'), width: 150, cellClass: 'desk-mono' },
      {
        field: 'kind',
        headerName: t('orders.preview.result'),
        width: 130,
        cellRenderer: (p: { data?: LinePreview }) =>
          p.data ? (
            <Badge size="xs" variant="light" color={p.data.problems.length ? 'red' : KIND_COLOR[p.data.kind]}>
              {t(`bulk.kinds.${p.data.kind}`)}
            </Badge>
          ) : null,
      },
      {
        colId: 'item',
        headerName: t('orders.preview.found'),
        flex: 1,
        minWidth: 220,
        valueGetter: (p) => (p.data?.item ? `${p.data.item.article} — ${p.data.item.name}` : ''),
      },
      {
        colId: 'quantity',
        headerName: t('orders.lines.quantity'),
        width: 100,
        type: 'numericColumn',
        valueGetter: (p) =>
          p.data?.quantity ? formatQuantity(Number(p.data.quantity)) : (p.data?.askedQuantity ?? ''),
      },
      {
        colId: 'price',
        headerName: t('orders.lines.price'),
        width: 110,
        type: 'numericColumn',
        valueGetter: (p) => (p.data?.price ? formatMoney(p.data.price) : ''),
      },
      {
        colId: 'note',
        headerName: t('orders.preview.note'),
        flex: 1,
        minWidth: 260,
        valueGetter: (p) => {
          const l = p.data;
          if (!l) return '';
          const parts = [
            ...l.problems.map((c) => t(`orders.preview.problems.${c}`)),
            ...(l.rounded ? [t('orders.preview.rounded', { asked: l.askedQuantity })] : []),
            ...(l.kind === 'analog' && l.askedItem
              ? [t('orders.preview.analogFor', { article: l.askedItem.article })]
              : []),
            ...l.warnings.map((w) => t(`orders.preview.warnings.${w}`, { row: l.duplicateOf ?? '' })),
            ...(l.priceSource === 'manual' ? [t('orders.preview.manualPrice')] : []),
          ];
          return parts.join(' · ');
        },
        cellStyle: (p) =>
          p.data?.problems.length
            ? { color: 'var(--mantine-color-red-7)' }
            : p.data?.rounded || p.data?.warnings.length
              ? { color: 'var(--mantine-color-orange-8)' }
              : null,
      },
    ],
    [t],
  );

  const count = (k: LinePreview['kind']) => lines.filter((l) => l.kind === k).length;
  const withProblems = lines.filter((l) => l.problems.length).length;
  const nothing = accepted.length === 0 && validPatches.length === 0;
  return (
    <Modal
      opened
      onClose={onClose}
      title={t(label === 'import' ? 'orders.preview.importTitle' : 'orders.preview.pasteTitle', {
        name: source.kind === 'file' ? source.name : '',
      })}
      size="90%"
      data-testid="lines-preview"
    >
      <Stack gap="xs" data-testid="lines-preview-body">
        {refusal && (
          <Alert color="red" variant="light" data-testid="preview-refused">
            <Text size="sm">
              {refusal.code === 'bad_file'
                ? t(`excel.refused.${(refusal.message ?? '').split(':')[0]}`, {
                    defaultValue: t('excel.refused.corrupt'),
                  })
                : t(`errors.${refusal.code ?? 'internal'}`, { message: refusal.message ?? '' })}
            </Text>
          </Alert>
        )}
        {file && (
          <Group gap="xs" align="flex-end" wrap="wrap">
            {file.sheets.length > 1 && (
              <Select
                size="xs"
                w={180}
                label={t('excel.sheet')}
                value={String(file.sheet)}
                onChange={(v) => {
                  setSheet(Number(v));
                  setMapping(undefined);
                }}
                data={file.sheets.map((s, i) => ({ value: String(i), label: s }))}
                allowDeselect={false}
              />
            )}
            {MAPPING_ROLES.map((role) => (
              <Select
                key={role}
                size="xs"
                w={170}
                label={t(`excel.roles.${role}`)}
                value={file.mapping[role] === null ? '' : String(file.mapping[role])}
                allowDeselect={false}
                data-testid={`mapping-${role}`}
                onChange={(v) => setMapping({ ...file.mapping, [role]: v === '' || v === null ? null : Number(v) })}
                data={[
                  { value: '', label: t('excel.noColumn') },
                  ...file.columns.map((c) => ({
                    value: String(c.index),
                    label: `${columnLetter(c.index)}${c.header ? ` · ${c.header}` : ''}${c.sample ? ` (${c.sample.slice(0, 16)})` : ''}`,
                  })),
                ]}
              />
            ))}
          </Group>
        )}
        {file && file.notes.length > 0 && (
          <Alert color="orange" variant="light" p={6} data-testid="file-notes">
            {file.notes.map((n) => (
              <Text key={n.code} size="xs">
                {t(`excel.notes.${n.code}`, { count: n.count ?? 0, rows: n.rows ?? '' })}
              </Text>
            ))}
          </Alert>
        )}
        {cellEdits &&
          (cellEdits.cells > 0 ||
            cellEdits.readOnlyCells > 0 ||
            cellEdits.beyondColumns > 0 ||
            cellEdits.rowsWithoutArticle > 0) && (
            <Alert
              color={cellEdits.problems.length || cellEdits.rowsWithoutArticle ? 'red' : 'blue'}
              variant="light"
              p={6}
              data-testid="paste-cells"
            >
              {cellEdits.cells > 0 && (
                <Text size="xs">
                  {t('orders.preview.cells', { count: cellEdits.cells, lines: validPatches.length })}
                </Text>
              )}
              {cellEdits.problems.slice(0, 8).map((p) => (
                <Text key={`${p.lineId}:${p.field}`} size="xs" c="red.7">
                  {t('orders.preview.badCell', {
                    line: p.lineNo,
                    column: t(`orders.preview.fields.${p.field}`, { defaultValue: p.field }),
                    value: p.value,
                  })}
                </Text>
              ))}
              {cellEdits.problems.length > 8 && (
                <Text size="xs" c="red.7">
                  {t('orders.add.more', { count: cellEdits.problems.length - 8 })}
                </Text>
              )}
              {cellEdits.readOnlyCells > 0 && (
                <Text size="xs">{t('orders.preview.readOnlyCells', { count: cellEdits.readOnlyCells })}</Text>
              )}
              {cellEdits.beyondColumns > 0 && (
                <Text size="xs">{t('orders.preview.beyondColumns', { count: cellEdits.beyondColumns })}</Text>
              )}
              {cellEdits.rowsWithoutArticle > 0 && (
                <Text size="xs" c="red.7">
                  {t('orders.preview.rowsWithoutArticle', { count: cellEdits.rowsWithoutArticle })}
                </Text>
              )}
            </Alert>
          )}
        {lines.length > 0 && (
          <Group gap="xs">
            {(['exact', 'fuzzy', 'analog', 'not_found'] as const).map((k) => (
              <Badge key={k} color={KIND_COLOR[k]} variant="light">
                {t(`bulk.kinds.${k}`)}: {formatCount(count(k))}
              </Badge>
            ))}
            {withProblems > 0 && (
              <Badge color="red" variant="outline" data-testid="preview-problems">
                {t('orders.preview.notAdded', { count: withProblems })}
              </Badge>
            )}
            <Checkbox
              size="xs"
              label={t('orders.add.useAnalogs')}
              checked={useAnalogs}
              onChange={(e) => setUseAnalogs(e.currentTarget.checked)}
              ml="auto"
            />
          </Group>
        )}
        {lines.length > 0 && (
          <div style={{ height: 'min(420px, 50vh)' }} data-testid="preview-grid">
            <DeskGrid<LinePreview> rowData={lines} columnDefs={columns} getRowId={(p) => String(p.data.sourceRow)} />
          </div>
        )}
        {read.isLoading && (
          <Text size="sm" c="dimmed">
            {t('orders.preview.reading')}
          </Text>
        )}
        {error && (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={onClose} data-testid="preview-cancel">
            {t('orders.preview.cancel')}
          </Button>
          <Button
            onClick={() => void confirm()}
            loading={busy}
            disabled={nothing || read.isLoading}
            data-testid="preview-confirm"
            data-autofocus
          >
            {validPatches.length
              ? t('orders.preview.confirm', {
                  lines: formatCount(accepted.length),
                  cells: formatCount(cellEdits!.cells - cellEdits!.problems.length),
                })
              : t('orders.preview.confirmLines', { count: accepted.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A, B, …, Z, AA, AB: the column letters the manager sees in Excel. */
function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
