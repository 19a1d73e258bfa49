// The approvals queue: for a supervisor, their team's requests (an admin: everyone's) to approve
// prices below floor and credit over the limit, one request per order, oldest first; for a
// manager, their own requests and the decisions. The details show each line with its floor, cost,
// markup and the money given away, with the manager's reasons; the supervisor approves or rejects
// with a comment, and the decision reaches the manager's open order by sync. Works offline: it
// reads the replica, and a decision queues like any change.
import { Alert, Badge, Button, Group, SegmentedControl, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalQueueRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { formatCount, formatMoney, formatQuantity, formatTime } from '../shared/format';

type Filter = 'pending' | 'decided' | 'all';
const STATUS_COLOR = { pending: 'orange', approved: 'teal', rejected: 'red' } as const;

export function ApprovalsScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<Filter>(role === 'manager' ? 'all' : 'pending');
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['approvals', 'list', filter],
    queryFn: () => unwrap(desk['approvals.list']({ status: filter })),
  });
  // Requests and decisions arrive by sync: the queue follows them.
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.includes('price_approvals') || tables.includes('orders'))
          void queryClient.invalidateQueries({ queryKey: ['approvals'] });
      }),
    [queryClient],
  );

  const columns = useMemo<ColDef<ApprovalQueueRow>[]>(
    () => [
      {
        field: 'orderNumber',
        headerName: t('approvals.columns.order'),
        width: 110,
        valueFormatter: (p) => (p.value as string | null) ?? t('orders.notNumbered'),
      },
      { field: 'clientName', headerName: t('approvals.columns.client'), flex: 1, minWidth: 200 },
      { field: 'managerName', headerName: t('approvals.columns.manager'), width: 170 },
      {
        field: 'requestedAt',
        headerName: t('approvals.columns.requested'),
        width: 130,
        valueFormatter: (p) => formatTime(p.value as string),
        sort: 'asc',
      },
      { field: 'lines', headerName: t('approvals.columns.lines'), width: 80, type: 'numericColumn' },
      {
        field: 'givenAway',
        headerName: t('approvals.columns.givenAway'),
        width: 150,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        colId: 'credit',
        headerName: t('approvals.columns.credit'),
        width: 120,
        type: 'numericColumn',
        valueGetter: (p) => p.data?.credit?.over ?? '',
        valueFormatter: (p) => (p.value ? formatMoney(p.value as string) : ''),
      },
      {
        field: 'orderTotal',
        headerName: t('approvals.columns.total'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'orderMargin',
        headerName: t('approvals.columns.margin'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
        cellClassRules: { 'cell-bad': (p) => Number(p.data?.orderMargin) < 0 },
      },
      {
        colId: 'reasons',
        headerName: t('approvals.columns.reasons'),
        width: 200,
        valueGetter: (p) => (p.data?.reasons ?? []).map((r) => t(`overrides.reasons.${r}`)).join(', '),
      },
      {
        field: 'status',
        headerName: t('approvals.columns.status'),
        width: 110,
        valueFormatter: (p) => t(`approvals.statuses.${p.value as string}`),
      },
    ],
    [t],
  );

  return (
    <div className="desk-screen" data-testid="approvals-screen">
      <Group px="md" py={6} gap="md" wrap="nowrap">
        <Title order={5}>{t('approvals.title')}</Title>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={(['pending', 'decided', 'all'] as const).map((v) => ({ value: v, label: t(`approvals.filter.${v}`) }))}
        />
        <Text size="xs" c="dimmed">
          {formatCount(list.data?.length ?? 0)}
        </Text>
        <Text size="xs" c="dimmed" ml="auto">
          {t('approvals.hint')}
        </Text>
      </Group>
      <div className="desk-grid" style={{ flex: openId ? '0 0 38%' : 1 }} data-testid="approvals-grid">
        <DeskGrid<ApprovalQueueRow>
          rowData={list.data ?? []}
          columnDefs={columns}
          getRowId={(p) => p.data.orderId}
          onRowDoubleClicked={(e) => e.data && setOpenId(e.data.orderId)}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) setOpenId(e.data.orderId);
          }}
          emptyText={t('approvals.none')}
        />
      </div>
      {openId && <ApprovalDetailsPanel key={openId} orderId={openId} role={role} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function ApprovalDetailsPanel({ orderId, role, onClose }: { orderId: string; role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const details = useQuery({
    queryKey: ['approvals', 'get', orderId],
    queryFn: () => unwrap(desk['approvals.get']({ orderId })),
  });
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const d = details.data;
  const canDecide = role !== 'manager' && d?.status === 'pending';

  const decide = async (decision: 'approve' | 'reject') => {
    if (!d || !canDecide) return;
    if (decision === 'reject' && !comment.trim()) return setError(t('approvals.commentRequired'));
    try {
      await unwrap(
        desk['approvals.decide']({ orderId, requestedAt: d.requestedAt, decision, comment: comment.trim() }),
      );
      setError(null);
      setDone(t(`approvals.done.${decision}`));
      await queryClient.invalidateQueries({ queryKey: ['approvals'] });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      setError(t(`errors.${err.code ?? 'internal'}`, { message: err.message ?? '' }));
    }
  };
  useHotkeys(
    [
      ['mod+Enter', () => void decide('approve')],
      ['Escape', onClose],
    ],
    [],
  );

  if (!d) return null;
  return (
    <Stack
      gap={6}
      px="md"
      py={6}
      style={{ flex: 1, minHeight: 0, overflow: 'auto', borderTop: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="approval-details"
    >
      <Group gap="md" wrap="nowrap">
        <Title order={5}>{t('approvals.details', { number: d.orderNumber ?? t('orders.notNumbered') })}</Title>
        <Text size="sm">{d.clientName}</Text>
        <Text size="xs" c="dimmed">
          {d.managerName} · {formatTime(d.requestedAt)}
        </Text>
        <Badge color={STATUS_COLOR[d.status]} variant="light" size="sm" data-testid="approval-status">
          {t(`approvals.statuses.${d.status}`)}
        </Badge>
        <Button variant="subtle" size="xs" ml="auto" onClick={onClose}>
          Esc
        </Button>
      </Group>
      {d.note && (
        <Text size="sm">
          <b>{t('approvals.managerNote')}:</b> {d.note}
        </Text>
      )}
      {d.credit && (
        <Text size="sm" c="red.8" data-testid="approval-credit">
          {t('approvals.creditLine', {
            exposure: formatMoney(d.credit.exposure),
            limit: formatMoney(d.credit.limit),
            over: formatMoney(d.credit.over),
          })}
        </Text>
      )}
      {d.lines.length > 0 && (
        <Table striped withTableBorder fz="xs" data-testid="approval-lines">
          <Table.Thead>
            <Table.Tr>
              {(
                [
                  'no',
                  'article',
                  'name',
                  'quantity',
                  'price',
                  'discount',
                  'net',
                  'floor',
                  'cost',
                  'margin',
                  'givenAway',
                  'reason',
                  'note',
                ] as const
              ).map((c) => (
                <Table.Th
                  key={c}
                  ta={
                    ['quantity', 'price', 'discount', 'net', 'floor', 'cost', 'margin', 'givenAway'].includes(c)
                      ? 'right'
                      : undefined
                  }
                >
                  {t(`approvals.lineColumns.${c}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.lines.slice(0, 500).map((l) => (
              <Table.Tr key={l.lineId}>
                <Table.Td>{l.lineNo}</Table.Td>
                <Table.Td className="desk-mono">{l.article}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td ta="right">{formatQuantity(Number(l.quantity))}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.price)}</Table.Td>
                <Table.Td ta="right">{Number(l.discount) ? formatQuantity(Number(l.discount)) : ''}</Table.Td>
                <Table.Td ta="right" c="red.8" fw={600}>
                  {formatMoney(l.net)}
                </Table.Td>
                <Table.Td ta="right">{formatMoney(l.floor)}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.cost)}</Table.Td>
                <Table.Td ta="right">{l.marginPct === null ? '—' : formatQuantity(Number(l.marginPct))}</Table.Td>
                <Table.Td ta="right">{formatMoney(l.givenAway)}</Table.Td>
                <Table.Td>{t(`overrides.reasons.${l.reason}`)}</Table.Td>
                <Table.Td>{l.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm" fw={600}>
        {t('approvals.columns.givenAway')}: {formatMoney(d.givenAway)} ₽ · {t('approvals.columns.margin')}:{' '}
        {formatMoney(d.orderMargin)} ₽
      </Text>
      {d.status !== 'pending' && (
        <Text size="sm" c={d.status === 'approved' ? 'teal.8' : 'red.8'}>
          {t('approvals.decided', {
            status: t(`approvals.statuses.${d.status}`),
            who: d.decidedBy ?? '',
            time: formatTime(d.decidedAt),
          })}
          {d.comment ? ` — ${d.comment}` : ''}
        </Text>
      )}
      {canDecide ? (
        <Group align="flex-end" wrap="nowrap">
          <Textarea
            style={{ flex: 1 }}
            label={t('approvals.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={2000}
            data-testid="approval-comment"
          />
          <Button color="teal" onClick={() => void decide('approve')} title="Ctrl+Enter" data-testid="approval-approve">
            {t('approvals.approve')}
          </Button>
          <Button color="red" variant="light" onClick={() => void decide('reject')} data-testid="approval-reject">
            {t('approvals.reject')}
          </Button>
        </Group>
      ) : role === 'manager' && d.status === 'pending' ? (
        <Text size="xs" c="dimmed">
          {t('approvals.readOnly')}
        </Text>
      ) : null}
      {done && (
        <Alert color="teal" variant="light" p={6}>
          <Text size="xs" data-testid="approval-done">
            {done}
          </Text>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" p={6}>
          <Text size="xs">{error}</Text>
        </Alert>
      )}
    </Stack>
  );
}
