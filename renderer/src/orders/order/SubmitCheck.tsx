// The check before submit: every difference between the order and the freshest ERP prices and
// stock, for the manager to confirm (nothing changes silently), and what blocks the submit until
// it is settled: manual prices without a reason (given here, in the override dialog), prices below
// floor and credit over the limit (asked of the supervisor here, in one request per order).
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderHeaderView, SubmitCheckResult } from '../../../../domain/contract';
import { desk, unwrap } from '../../shared/desk';
import { formatMoney, formatQuantity, formatTime } from '../../shared/format';

type Block = SubmitCheckResult['blocks'][number];

/** What blocks the submit, and the way out: reasons, or a request to the supervisor. */
function SubmitBlocks({
  orderId,
  blocks,
  onGiveReasons,
  onRequested,
}: {
  orderId: string;
  blocks: Block[];
  onGiveReasons: (lineIds: string[]) => void;
  onRequested: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const noReason = blocks.filter((b) => b.kind === 'no_reason');
  const askable = blocks.some((b) => b.kind !== 'no_reason' && b.approval !== 'pending');
  const waiting = !askable && blocks.some((b) => b.approval === 'pending');
  const request = async () => {
    try {
      const r = await unwrap(desk['approvals.request']({ orderId, note }));
      onRequested(
        t('orders.check.requested', { lines: r.lines, credit: r.credit ? t('orders.check.requestedCredit') : '' }),
      );
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    }
  };
  return (
    <Stack gap="xs" data-testid="submit-blocks">
      <Alert color="red" variant="light" p="xs">
        <Text size="sm" fw={600}>
          {t('orders.check.blocked', { count: blocks.length })}
        </Text>
      </Alert>
      <div style={{ maxHeight: 220, overflow: 'auto' }}>
        <Table striped withTableBorder fz="xs">
          <Table.Tbody>
            {blocks.slice(0, 300).map((b, i) => (
              <Table.Tr key={`${b.kind}:${b.lineId ?? i}`}>
                <Table.Td>{b.lineNo ? `${t('orders.check.line')} ${b.lineNo}` : ''}</Table.Td>
                <Table.Td className="desk-mono">{b.article ?? ''}</Table.Td>
                <Table.Td c="red.8">{t(`orders.check.blockKind.${b.kind}`)}</Table.Td>
                <Table.Td>
                  {b.kind === 'below_floor' &&
                    t('orders.check.blockBelow', {
                      net: formatMoney(b.net),
                      floor: formatMoney(b.floor),
                      givenAway: formatMoney(b.givenAway),
                    })}
                  {b.kind === 'credit' &&
                    t('orders.check.blockCredit', {
                      exposure: formatMoney(b.exposure),
                      limit: formatMoney(b.limit),
                      over: formatMoney(b.over),
                    })}
                </Table.Td>
                <Table.Td>
                  {b.approval && (
                    <Badge
                      size="xs"
                      variant="light"
                      color={b.approval === 'pending' ? 'orange' : b.approval === 'rejected' ? 'red' : 'gray'}
                    >
                      {t(`orders.check.approvalState.${b.approval}`)}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
      {noReason.length > 0 ? (
        <Group justify="flex-end">
          <Button
            variant="light"
            onClick={() => onGiveReasons(noReason.map((b) => b.lineId!))}
            data-testid="give-reasons"
          >
            {t('orders.check.giveReasons')}
          </Button>
        </Group>
      ) : askable ? (
        <Group align="flex-end" wrap="nowrap">
          <Textarea
            style={{ flex: 1 }}
            label={t('orders.check.requestNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={2000}
            data-testid="request-note"
          />
          <Button color="orange" onClick={() => void request()} data-testid="request-approval">
            {t('orders.check.request')}
          </Button>
        </Group>
      ) : waiting ? (
        <Text size="sm" c="orange.8" data-testid="approval-waiting">
          {t('orders.check.waiting')}
        </Text>
      ) : null}
      {error && (
        <Alert color="red" variant="light" p={6}>
          <Text size="xs">{error}</Text>
        </Alert>
      )}
    </Stack>
  );
}

export function SubmitCheckModal({
  check,
  order,
  offline,
  onConfirm,
  onClose,
  onGiveReasons,
  onRequested,
}: {
  check: SubmitCheckResult | null;
  order: OrderHeaderView;
  offline: boolean;
  onConfirm: () => void;
  onClose: () => void;
  onGiveReasons: (lineIds: string[]) => void;
  onRequested: (message: string) => void;
}) {
  const { t } = useTranslation();
  if (!check) return null;
  return (
    <Modal opened onClose={onClose} title={t('orders.check.title')} size="xl" data-testid="submit-check">
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('orders.check.asOf', {
            prices: formatTime(check.pricesAsOf) || '—',
            stock: formatTime(check.stockAsOf ?? order.stockAsOf) || '—',
          })}
        </Text>
        {check.differences.length === 0 ? (
          check.blocks.length ? null : (
            <Alert color="teal" variant="light" p="xs">
              <Text size="sm">{t('orders.check.ok')}</Text>
            </Alert>
          )
        ) : (
          <>
            <Alert color="orange" variant="light" p="xs">
              <Text size="sm">{t('orders.check.differences', { count: check.differences.length })}</Text>
            </Alert>
            <div style={{ maxHeight: 320, overflow: 'auto' }}>
              <Table striped withTableBorder fz="xs" data-testid="check-differences">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('orders.lines.article')}</Table.Th>
                    <Table.Th>{t('orders.check.what')}</Table.Th>
                    <Table.Th ta="right">{t('orders.check.old')}</Table.Th>
                    <Table.Th ta="right">{t('orders.check.new')}</Table.Th>
                    <Table.Th ta="right">{t('orders.check.effect')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {check.differences.slice(0, 500).map((d) => (
                    <Table.Tr key={`${d.lineId}:${d.kind}`}>
                      <Table.Td className="desk-mono">{d.article}</Table.Td>
                      <Table.Td>{t(`orders.check.kind.${d.kind}`)}</Table.Td>
                      <Table.Td ta="right">
                        {d.kind === 'price'
                          ? formatMoney(d.old)
                          : d.kind === 'stock'
                            ? `${t('orders.check.quantity')}: ${formatQuantity(Number(d.quantity))}`
                            : ''}
                      </Table.Td>
                      <Table.Td
                        ta="right"
                        c={d.kind === 'price' ? (Number(d.new) > Number(d.old) ? 'red.7' : 'teal.7') : undefined}
                      >
                        {d.kind === 'price'
                          ? formatMoney(d.new)
                          : d.kind === 'stock'
                            ? `${t('orders.check.available')}: ${formatQuantity(Number(d.available))}`
                            : ''}
                      </Table.Td>
                      <Table.Td ta="right">{d.effect ? formatMoney(d.effect) : ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
            {check.differences.some((d) => d.kind === 'price') && (
              <Text size="sm" fw={600}>
                {t('orders.check.totalEffect', { amount: formatMoney(check.totalEffect) })}
              </Text>
            )}
          </>
        )}
        {check.blocks.length > 0 && (
          <SubmitBlocks
            orderId={order.id}
            blocks={check.blocks}
            onGiveReasons={onGiveReasons}
            onRequested={onRequested}
          />
        )}
        {offline && (
          <Text size="xs" c="orange.8">
            {t('orders.check.offline')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('orders.check.back')}
          </Button>
          <Button onClick={onConfirm} disabled={check.blocks.length > 0} data-testid="check-confirm" data-autofocus>
            {t('orders.check.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
