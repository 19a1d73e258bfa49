// The ERP queue for supervisors and admins: messages waiting for the ERP, the ones it refused
// (with its reason) and the ones taken off; an admin sends a refused one again or discards it,
// giving the grounds, and every decision is shown with who made it and when. A fourth tab shows
// what came in from the ERP (InboundPanel). Reads the server
// directly (it is the server's queue), so it needs a connection.
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxMessageRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { desk, errorText, unwrap } from '../shared/desk';
import { formatTime } from '../shared/format';
import { DeskGrid } from '../shared/DeskGrid';
import { InboundPanel } from './InboundPanel';

type Tab = 'pending' | 'parked' | 'discarded' | 'inbound';

export function OutboxScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>('parked');
  const [selected, setSelected] = useState<OutboxMessageRow | null>(null);
  const [decision, setDecision] = useState<'retry' | 'discard' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    queryKey: ['outbox', tab],
    queryFn: () => unwrap(desk['erp.outbox']({ status: tab as Exclude<Tab, 'inbound'> })),
    enabled: tab !== 'inbound',
    refetchInterval: 5000,
    retry: false,
  });

  const columns = useMemo<ColDef<OutboxMessageRow>[]>(
    () => [
      { field: 'id', headerName: t('outbox.columns.id'), width: 80, type: 'numericColumn' },
      {
        field: 'method',
        headerName: t('outbox.columns.method'),
        width: 160,
        valueFormatter: (p) => t(`outbox.methods.${p.value as string}`, { defaultValue: p.value as string }),
      },
      { field: 'orderNumber', headerName: t('outbox.columns.order'), width: 110 },
      { field: 'clientName', headerName: t('outbox.columns.client'), width: 220 },
      { field: 'attempts', headerName: t('outbox.columns.attempts'), width: 90, type: 'numericColumn' },
      {
        field: 'lastError',
        headerName: t('outbox.columns.error'),
        flex: 1,
        minWidth: 260,
        tooltipField: 'lastError',
        cellStyle: { color: 'var(--mantine-color-red-8)' },
      },
      {
        field: 'createdAt',
        headerName: t('outbox.columns.created'),
        width: 120,
        valueFormatter: (p) => formatTime(p.value as string),
      },
      ...(tab === 'pending'
        ? [
            {
              field: 'nextAttemptAt',
              headerName: t('outbox.columns.next'),
              width: 140,
              valueFormatter: (p: { value: string }) => formatTime(p.value),
            } as ColDef<OutboxMessageRow>,
          ]
        : []),
      {
        colId: 'audit',
        headerName: t('outbox.columns.audit'),
        width: 280,
        valueGetter: (p) =>
          (p.data?.audit ?? [])
            .map((a) => `${formatTime(a.at)} ${a.userName ?? ''}: ${t(`outbox.${a.action}`)} — ${a.reason}`)
            .join('; '),
      },
    ],
    [t, tab],
  );

  const decide = async () => {
    if (!selected || !decision) return;
    const r = await desk['erp.decide']({ id: selected.id, action: decision, reason });
    if (!r.ok) setError(errorText(t, r.error));
    else setError(null);
    setDecision(null);
    setReason('');
    setSelected(null);
    await queryClient.invalidateQueries({ queryKey: ['outbox'] });
  };

  return (
    <div className="desk-screen" data-testid="outbox-screen">
      <Group px="md" py={6} gap="md" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('outbox.title')}
        </Text>
        <SegmentedControl
          size="xs"
          value={tab}
          onChange={(v) => setTab(v as Tab)}
          data={(['pending', 'parked', 'discarded', 'inbound'] as const).map((v) => ({
            value: v,
            label: t(`outbox.${v}`),
          }))}
        />
        {tab === 'parked' && role === 'admin' && (
          <Group gap="xs">
            <Button size="xs" disabled={!selected} onClick={() => setDecision('retry')} data-testid="outbox-retry">
              {t('outbox.retry')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              disabled={!selected}
              onClick={() => setDecision('discard')}
              data-testid="outbox-discard"
            >
              {t('outbox.discard')}
            </Button>
          </Group>
        )}
        {tab === 'parked' && role !== 'admin' && (
          <Text size="xs" c="dimmed">
            {t('outbox.adminOnly')}
          </Text>
        )}
        <Text size="xs" c="dimmed" ml="auto">
          {list.data && tab !== 'inbound' ? list.data.length : ''}
        </Text>
      </Group>
      {list.error && (
        <Alert color="red" variant="light" mx="md" p={6}>
          <Text size="xs">{errorText(t, list.error)}</Text>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" mx="md" p={6}>
          <Text size="xs">{error}</Text>
        </Alert>
      )}
      {tab === 'inbound' && <InboundPanel />}
      <div className="desk-grid" data-testid="outbox-grid" hidden={tab === 'inbound'}>
        <DeskGrid<OutboxMessageRow>
          rowData={list.data ?? []}
          columnDefs={columns}
          getRowId={(p) => String(p.data.id)}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onRowSelected={(e) => e.node.isSelected() && e.data && setSelected(e.data)}
          overlayNoRowsTemplate={t('outbox.empty')}
        />
      </div>
      <Modal
        opened={decision !== null}
        onClose={() => setDecision(null)}
        title={decision ? t(`outbox.${decision}`) : ''}
      >
        <Stack gap="sm">
          {selected && (
            <Text size="xs" c="dimmed">
              #{selected.id} · {t(`outbox.methods.${selected.method}`, { defaultValue: selected.method })} ·{' '}
              {selected.lastError}
            </Text>
          )}
          <Textarea
            label={t('outbox.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-autofocus
            data-testid="outbox-reason"
          />
          <Group justify="flex-end">
            <Button disabled={reason.trim().length < 3} onClick={() => void decide()} data-testid="outbox-confirm">
              {t('outbox.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </div>
  );
}
