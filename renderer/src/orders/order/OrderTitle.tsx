// The top of an open order: its number, status and ERP state, the whole-order actions (repeat,
// merge, split, export, print, template, claim, cancel, submit: each offered only when the
// domain's rules allow it), the client's terms, credit and overdue debt with their "as of", the
// shipment (OrderHeader), and what stops the order (locked, approval, a changed ERP check).
import { Alert, Badge, Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CLAIMABLE_ORDER_STATUSES } from '../../../../domain/aftersales/claim';
import type { OrderHeaderView, Warehouse } from '../../../../domain/contract';
import type { SplitKind } from '../../../../domain/orders/order-operations';
import { canCancel, type OrderStatus } from '../../../../domain/orders/order';
import { desk, unwrap } from '../../shared/desk';
import { formatMoney, formatTime } from '../../shared/format';
import { useDocumentsRefresh } from '../../documents/DocumentsList';
import { erpText, OrderStatusBadge } from '../order-parts';
import type { OrderDialog } from './order-dialogs';
import { OrderHeader } from './OrderHeader';
import { OrderKindBar } from './OrderKindBar';
import { SeasonalBar } from '../../seasons/SeasonalBar';
import { bonusNextText } from '../../plans/RetroBonusBlock';

export interface OrderTitleProps {
  order: OrderHeaderView;
  editable: boolean;
  offline: boolean;
  canSubmit: boolean;
  /** The server refused the last submit: ERP prices or stock changed since the manager's check. */
  submitRefused: boolean;
  warehouses: Warehouse[];
  error: string | null;
  onBack(): void;
  /** Opens another order (the preorder this one was made of, an order made of this preorder). */
  onOpen(id: string): void;
  onError(e: unknown): void;
  clearError(): void;
  open(dialog: OrderDialog): void;
  startSubmit(): void;
  repeat(): void;
  split(by: SplitKind): void;
  exportXlsx(): void;
  template(): void;
}

export function OrderTitle(p: OrderTitleProps) {
  const { t } = useTranslation();
  const o = p.order;
  const status = o.status as OrderStatus;
  useDocumentsRefresh();
  const documents =
    useQuery({
      queryKey: ['documents', null, o.id],
      queryFn: () => unwrap(desk['documents.list']({ orderId: o.id })),
    }).data?.length ?? 0;
  return (
    <Stack gap={4} px="md" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Group gap="md" wrap="nowrap">
        <Button variant="subtle" size="xs" onClick={p.onBack} title="Esc">
          ← {t('orders.back')}
        </Button>
        <Title order={4} data-testid="order-number">
          {o.number ?? t('orders.notNumbered')}
        </Title>
        <OrderStatusBadge order={o} />
        <Text
          size="sm"
          data-testid="order-erp"
          c={o.status === 'submitted' ? 'orange.8' : o.erpError ? 'red.7' : 'dimmed'}
        >
          {erpText(t, o)}
        </Text>
        {o.pendingChanges > 0 && (
          <Badge color="orange" variant="outline" size="sm">
            {t('orders.pendingHere', { count: o.pendingChanges })}
          </Badge>
        )}
        <Group gap="xs" ml="auto" wrap="nowrap">
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" data-testid="order-more">
                {t('orders.ops.more')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={p.repeat}>{t('orders.ops.repeat')}</Menu.Item>
              {p.editable && <Menu.Item onClick={() => p.open({ kind: 'merge' })}>{t('orders.ops.merge')}</Menu.Item>}
              {p.editable &&
                (['warehouse', 'availability', 'category'] as const).map((k) => (
                  <Menu.Item key={k} onClick={() => p.split(k)}>
                    {t(`orders.ops.split.${k}`)}
                  </Menu.Item>
                ))}
              <Menu.Divider />
              <Menu.Item onClick={p.exportXlsx} data-testid="order-export">
                {t('orders.ops.export')}
              </Menu.Item>
              <Menu.Item onClick={() => p.open({ kind: 'print' })}>{t('orders.ops.print')}</Menu.Item>
              {p.editable && <Menu.Item onClick={p.template}>{t('orders.ops.template')}</Menu.Item>}
            </Menu.Dropdown>
          </Menu>
          {documents > 0 && (
            <Button variant="default" onClick={() => p.open({ kind: 'documents' })} data-testid="order-documents">
              {t('documents.button', { count: documents })}
            </Button>
          )}
          {(CLAIMABLE_ORDER_STATUSES as readonly string[]).includes(o.status) && (
            <Button variant="default" onClick={() => p.open({ kind: 'claim' })} data-testid="order-claim">
              {t('claims.new.fromOrder')}
            </Button>
          )}
          {canCancel(status) && (
            <Button variant="default" color="red" onClick={() => p.open({ kind: 'cancel' })}>
              {t('orders.cancel')}
            </Button>
          )}
          <Button onClick={p.startSubmit} disabled={!p.canSubmit} data-testid="order-submit" title="Ctrl+Enter">
            {t('orders.submit')}
          </Button>
        </Group>
      </Group>
      <Group gap="xl" wrap="nowrap">
        <Text size="sm" fw={600}>
          {o.clientName}
        </Text>
        <Text size="xs" c="dimmed">
          {t('orders.columns.kind')}: {t(`orders.kinds.${o.kind}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('orders.warehouse')}: {o.warehouseName}
          {o.stockAsOf ? ` (${t('orders.stockAsOf', { time: formatTime(o.stockAsOf) })})` : ''}
        </Text>
        {o.paymentTerms && (
          <Text size="xs" c="dimmed">
            {o.paymentTerms}
          </Text>
        )}
        <Text size="xs" c="dimmed" data-testid="order-credit">
          {t('orders.creditLimit')}: {formatMoney(o.creditLimit)} ₽
          {o.credit.prepayment ? '' : ` · ${t('orders.creditUsed', { amount: formatMoney(o.credit.exposure) })}`}
        </Text>
        {o.credit.over && (
          <Text size="xs" c="red.7" fw={600} data-testid="order-credit-over">
            {t('orders.creditOver', { amount: formatMoney(o.credit.over) })}
          </Text>
        )}
        <Text size="xs" c={Number(o.overdue) > 0 ? 'red.7' : 'dimmed'}>
          {t('orders.overdue')}: {formatMoney(o.overdue)} ₽
          {o.receivablesAsOf ? ` (${t('orders.receivablesAsOf', { time: formatTime(o.receivablesAsOf) })})` : ''}
          {o.overdueAging && Number(o.overdue) > 0
            ? ` · ${t('orders.overdueAging', {
                days: o.overdueAging.maxDaysOverdue,
                over90: formatMoney(o.overdueAging.d90plus),
                d61_90: formatMoney(o.overdueAging.d61_90),
              })}`
            : ''}
        </Text>
        {o.retroBonus && (
          <Text
            size="xs"
            c="blue.8"
            data-testid="order-retro-bonus"
            title={t('retroBonus.title', { agreement: o.retroBonus.agreement })}
          >
            {t('retroBonus.short', { percent: o.retroBonus.percent ?? '0', bonus: formatMoney(o.retroBonus.bonus) })}
            {' · '}
            {o.retroBonus.withOrder
              ? `${t('retroBonus.withOrder')} ${bonusNextText(t, { ...o.retroBonus.withOrder, period: o.retroBonus.period })}`
              : bonusNextText(t, o.retroBonus)}
          </Text>
        )}
        {!p.offline && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => void desk['erp.refreshReceivables']({ clientIds: [o.clientId] })}
          >
            {t('orders.refreshReceivables')}
          </Button>
        )}
      </Group>
      <OrderHeader key={o.id} order={o} editable={p.editable} warehouses={p.warehouses} onError={p.onError} />
      <OrderKindBar order={o} onOpen={p.onOpen} />
      {o.kind === 'seasonal' && <SeasonalBar order={o} />}
      {o.lockedReason && (
        <Text size="xs" c="dimmed" data-testid="order-locked">
          {t(`orders.locked.${o.lockedReason}`)}
        </Text>
      )}
      {o.approval && (o.status === 'draft' || o.status === 'rejected') && (
        <Text
          size="xs"
          c={o.approval.status === 'approved' ? 'teal.8' : o.approval.status === 'rejected' ? 'red.7' : 'orange.8'}
          data-testid="order-approval"
        >
          {o.approval.status === 'pending'
            ? t('orders.approval.pending', { time: formatTime(o.approval.requestedAt) })
            : t(`orders.approval.${o.approval.status}`, {
                who: o.approval.decidedBy ?? '',
                time: formatTime(o.approval.decidedAt),
              })}
          {o.approval.comment ? ` ${t('orders.approval.comment', { comment: o.approval.comment })}` : ''}
        </Text>
      )}
      {p.submitRefused && o.status !== 'submitted' && (
        <Alert color="orange" variant="light" p={6}>
          <Text size="xs">{t('orders.changedAtServer')}</Text>
        </Alert>
      )}
      {p.error && (
        <Alert color="red" variant="light" p={6} withCloseButton onClose={p.clearError} data-testid="order-error">
          <Text size="xs">{p.error}</Text>
        </Alert>
      )}
    </Stack>
  );
}
