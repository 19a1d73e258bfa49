// The toolbar over an editable order's lines: add lines by article, import a file, the selected
// lines' menu (set quantity, multiply, round to pack, set discount, set warehouse, delete), the
// manager's price (Alt+O), why a line costs what it does (Alt+P), undo and redo.
import { Button, Group, Menu } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView } from '../../../../domain/contract';
import { fileToBase64 } from '../../shared/files';
import type { OrderDialog } from './order-dialogs';
import { OrderLinesInput } from './OrderLinesInput';

const MAX_FILE_BYTES = 30 * 1024 * 1024;
const BULK_KINDS = ['setQuantity', 'multiply', 'setDiscount', 'setWarehouse'] as const;

export interface OrderToolbarProps {
  order: OrderHeaderView;
  selectedCount: number;
  open(dialog: OrderDialog): void;
  setError(message: string | null): void;
  roundToPack(): void;
  deleteSelected(): void;
  overrideSelected(): void;
  explainFocused(): void;
  undo(redo?: boolean): void;
}

export function OrderToolbar(p: OrderToolbarProps) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const o = p.order;
  const importFile = async (file: File | undefined) => {
    if (fileInput.current) fileInput.current.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return p.setError(t('excel.refused.too_large'));
    p.open({
      kind: 'preview',
      source: { kind: 'file', name: file.name, data: await fileToBase64(file) },
      label: 'import',
    });
  };
  return (
    <Group gap="xs" px="md" py={4} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <OrderLinesInput orderId={o.id} onError={p.setError} />
      <Button size="xs" variant="default" onClick={() => fileInput.current?.click()} data-testid="import-xlsx">
        {t('orders.ops.import')}
      </Button>
      <input
        ref={fileInput}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        onChange={(e) => void importFile(e.currentTarget.files?.[0])}
        data-testid="import-file"
      />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" disabled={p.selectedCount === 0} data-testid="bulk-menu">
            {t('orders.bulk.menu', { count: p.selectedCount })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {BULK_KINDS.map((k) => (
            <Menu.Item
              key={k}
              onClick={() => p.open({ kind: 'bulk', action: k, count: p.selectedCount })}
              data-testid={`bulk-${k}`}
            >
              {t(`orders.bulk.${k}`)}
            </Menu.Item>
          ))}
          <Menu.Item onClick={p.roundToPack} data-testid="bulk-roundToPack">
            {t('orders.bulk.roundToPack')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={p.deleteSelected}>
            {t('orders.bulk.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button
        size="xs"
        variant="default"
        disabled={p.selectedCount === 0}
        onClick={p.overrideSelected}
        title="Alt+O"
        data-testid="override-open"
      >
        {t('overrides.open')}
      </Button>
      <Button
        size="xs"
        variant="default"
        disabled={p.selectedCount === 0}
        onClick={p.explainFocused}
        title="Alt+P"
        data-testid="price-why-open"
      >
        {t('orders.why.open')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        disabled={!o.undoLabel}
        onClick={() => p.undo()}
        title="Ctrl+Z"
        data-testid="undo"
      >
        {o.undoLabel
          ? t('orders.undo.undo', { what: t(`orders.undo.labels.${o.undoLabel}`) })
          : t('orders.undo.nothing')}
      </Button>
      <Button
        size="xs"
        variant="subtle"
        disabled={!o.redoLabel}
        onClick={() => p.undo(true)}
        title="Ctrl+Y"
        data-testid="redo"
      >
        {t('orders.undo.redo')}
      </Button>
    </Group>
  );
}
