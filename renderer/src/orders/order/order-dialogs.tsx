// The order screen's dialogs, one open at a time: deleting several lines, a bulk action's value,
// the preview of incoming lines, merging, printing, a new claim, why a line costs what it does,
// the manager's price with its reason, cancelling, and the submit check.
import { Alert, Button, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  BulkAction,
  OrderHeaderView,
  OrderLineRow,
  SubmitCheckResult,
  Warehouse,
} from '../../../../domain/contract';
import { NewClaimDialog } from '../../claims/NewClaimDialog';
import { DocumentsList } from '../../documents/DocumentsList';
import { OverrideDialog, type OverrideMode } from '../../pricing/OverrideDialog';
import { PriceWhy } from '../../pricing/PriceWhy';
import { desk, unwrap } from '../../shared/desk';
import { refusalText } from '../../shared/refusal';
import { formatCount, formatMoney, formatTime } from '../../shared/format';
import { LinesPreview, type CellEdits, type PreviewSource } from './LinesPreview';
import { OrderPrint } from './OrderPrint';
import { SubmitCheckModal } from './SubmitCheck';

type BulkKind = 'setQuantity' | 'multiply' | 'setDiscount' | 'setWarehouse';

export type OrderDialog =
  | { kind: 'none' }
  | { kind: 'delete'; ids: string[] }
  | { kind: 'bulk'; action: BulkKind; count: number }
  | { kind: 'preview'; source: PreviewSource; label: 'paste' | 'import'; cellEdits?: CellEdits }
  | { kind: 'merge' }
  | { kind: 'print' }
  | { kind: 'documents' }
  | { kind: 'claim' }
  | { kind: 'why'; lineId: string }
  | { kind: 'override'; lineIds: string[]; mode: OverrideMode }
  | { kind: 'cancel' }
  | { kind: 'submit'; check: SubmitCheckResult };

export interface OrderDialogsProps {
  dialog: OrderDialog;
  order: OrderHeaderView;
  offline: boolean;
  warehouses: Warehouse[];
  warehouseName: (id: number | null) => string;
  lines: () => OrderLineRow[];
  open(dialog: OrderDialog): void;
  setNotice(message: string | null): void;
  bulk(action: BulkAction, ids?: string[]): void;
  confirmSubmit(check: SubmitCheckResult): void;
  confirmCancel(reason: string): void;
  claimed(): void;
}

/** Ends a dialog with a notice, or just closes it. */
export function OrderDialogs(p: OrderDialogsProps) {
  const { t } = useTranslation();
  const close = () => p.open({ kind: 'none' });
  const done = (message: string) => {
    close();
    p.setNotice(message);
  };
  const d = p.dialog;
  const id = p.order.id;
  switch (d.kind) {
    case 'none':
      return null;
    case 'delete':
      return (
        <Modal opened onClose={close} title={t('orders.deleteLines', { count: d.ids.length })} size="sm">
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('orders.keep')}
            </Button>
            <Button
              color="red"
              data-autofocus
              onClick={() => p.bulk({ kind: 'delete' }, d.ids)}
              data-testid="delete-confirm"
            >
              {t('orders.delete')}
            </Button>
          </Group>
        </Modal>
      );
    case 'bulk':
      return <BulkValue kind={d.action} count={d.count} warehouses={p.warehouses} onClose={close} onApply={p.bulk} />;
    case 'preview':
      return (
        <LinesPreview
          orderId={id}
          source={d.source}
          label={d.label}
          cellEdits={d.cellEdits}
          onClose={close}
          onDone={done}
        />
      );
    case 'merge':
      return (
        <MergeDialog
          order={p.order}
          onClose={close}
          onMerged={(n, erp) => done(t(erp ? 'orders.ops.mergeErpAsked' : 'orders.ops.mergeDone', { count: n }))}
        />
      );
    case 'print':
      return <OrderPrint order={p.order} lines={p.lines()} warehouseName={p.warehouseName} onClose={close} />;
    case 'documents':
      return (
        <Modal opened onClose={close} title={t('documents.ofOrder', { number: p.order.number ?? '' })} size="xl">
          <div style={{ height: 320, display: 'flex' }}>
            <DocumentsList orderId={id} />
          </div>
        </Modal>
      );
    case 'claim':
      return (
        <NewClaimDialog
          orderId={id}
          onClose={close}
          onCreated={() => {
            close();
            p.claimed();
          }}
        />
      );
    case 'why':
      return <PriceWhy orderId={id} lineId={d.lineId} onClose={close} />;
    case 'override':
      return (
        <OverrideDialog
          orderId={id}
          lineIds={d.lineIds}
          initialMode={d.mode}
          preorder={p.order.kind === 'preorder'}
          onClose={close}
          onDone={(n) => done(t('orders.bulkDone', { count: n }))}
        />
      );
    case 'cancel':
      return <CancelDialog onClose={close} onConfirm={p.confirmCancel} />;
    case 'submit':
      return (
        <SubmitCheckModal
          check={d.check}
          order={p.order}
          offline={p.offline}
          onConfirm={() => p.confirmSubmit(d.check)}
          onClose={close}
          onGiveReasons={(ids) => p.open({ kind: 'override', lineIds: ids, mode: 'reason' })}
          onRequested={done}
        />
      );
  }
}

function BulkValue({
  kind,
  count,
  warehouses,
  onClose,
  onApply,
}: {
  kind: BulkKind;
  count: number;
  warehouses: Warehouse[];
  onClose: () => void;
  onApply: (action: BulkAction) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const apply = () => {
    if (kind === 'setQuantity') onApply({ kind, value });
    if (kind === 'multiply') onApply({ kind, factor: value });
    if (kind === 'setDiscount') onApply({ kind, value });
    if (kind === 'setWarehouse') onApply({ kind, warehouseId: value ? Number(value) : null });
  };
  return (
    <Modal opened onClose={onClose} title={t(`orders.bulk.${kind}`)} size="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('orders.bulk.forLines', { count })}
          </Text>
          {kind === 'setWarehouse' ? (
            <Select
              data-autofocus
              value={value}
              onChange={(v) => setValue(v ?? '')}
              data={[
                { value: '', label: t('orders.bulk.orderWarehouse') },
                ...warehouses.map((w) => ({ value: String(w.id), label: w.name })),
              ]}
            />
          ) : (
            <TextInput
              data-autofocus
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              data-testid="bulk-value"
            />
          )}
          <Group justify="flex-end">
            <Button type="submit" data-testid="bulk-apply">
              {t('orders.bulk.apply')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CancelDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: (reason: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('orders.cancel')} size="md">
      <Stack gap="sm">
        <Textarea
          label={t('orders.cancelReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          autosize
          minRows={2}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('orders.keep')}
          </Button>
          <Button color="red" disabled={!reason.trim()} onClick={() => onConfirm(reason)}>
            {t('orders.cancelConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Orders 1C has and still lets change: they merge through 1C, one other order at a time. */
const ERP_CHANGEABLE: readonly string[] = ['accepted', 'processing'];

/** Merge: the other orders of this client in the same status, chosen by the manager. */
function MergeDialog({
  order,
  onClose,
  onMerged,
}: {
  order: OrderHeaderView;
  onClose: () => void;
  onMerged: (moved: number, throughErp: boolean) => void;
}) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['orders', 'list'], queryFn: () => unwrap(desk['orders.list']({})) });
  // An order 1C has merges through 1C, with one other order 1C still lets change.
  const throughErp = ERP_CHANGEABLE.includes(order.status);
  const candidates = (list.data ?? []).filter(
    (x) =>
      x.id !== order.id &&
      x.clientId === order.clientId &&
      (throughErp
        ? ERP_CHANGEABLE.includes(x.status) && x.kind === 'order' && x.origin !== 'erp'
        : x.status === order.status),
  );
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const merge = async () => {
    try {
      const r = await unwrap(desk['orders.merge']({ targetId: order.id, otherIds: chosen }));
      onMerged(r.moved, throughErp);
    } catch (e) {
      setError(refusalText(t, e, 'merge', 'orders.ops.mergeRefused'));
    }
  };
  const choose = (id: string) =>
    setChosen((s) => (s.includes(id) ? s.filter((x) => x !== id) : throughErp ? [id] : [...s, id]));
  return (
    <Modal opened onClose={onClose} title={t('orders.ops.merge')} size="lg">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t(throughErp ? 'orders.ops.mergeErpHint' : 'orders.ops.mergeHint')}
        </Text>
        {candidates.length === 0 ? (
          <Text size="sm">{t('orders.ops.mergeNone')}</Text>
        ) : (
          <Table fz="xs" striped>
            <Table.Tbody>
              {candidates.map((c) => (
                <Table.Tr
                  key={c.id}
                  onClick={() => choose(c.id)}
                  data-testid="merge-candidate"
                  style={{ cursor: 'pointer' }}
                >
                  <Table.Td>
                    <input type="checkbox" readOnly checked={chosen.includes(c.id)} />
                  </Table.Td>
                  <Table.Td>{c.number ?? t('orders.notNumbered')}</Table.Td>
                  <Table.Td>{formatTime(c.createdAt)}</Table.Td>
                  <Table.Td ta="right">{formatCount(c.linesCount)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(c.total)} ₽</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error && (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('orders.preview.cancel')}
          </Button>
          <Button disabled={!chosen.length} onClick={() => void merge()} data-testid="merge-confirm">
            {t('orders.ops.mergeConfirm', { count: chosen.length })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
