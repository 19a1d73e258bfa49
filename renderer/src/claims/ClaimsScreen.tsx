// Claims (рекламации): the queues (open, mine, overdue, waiting for me, all) with their counts, and
// one claim with its lines, photos and files, its history step by step and the moves this user may
// make now (each with the comment or the decision it needs). The claim form prints as a PDF. All of
// it reads the replica and writes mutations, so it works offline; files follow when online.
import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../domain/aftersales/attachment';
import {
  CLAIM_RESOLUTIONS,
  CLAIM_WORKFLOW,
  type ClaimResolution,
  type ClaimStatus,
} from '../../../domain/aftersales/claim';
import type { ClaimQueue, ClaimRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { AttachmentList, AttachmentPicker, saveFile } from '../aftersales/Attachments';
import { errorText } from '../aftersales/errors';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { QueueHeader, type QueueFilters } from '../aftersales/QueueHeader';
import { formatMoney, formatQuantity, formatTime } from '../shared/format';
import { NewClaimDialog } from './NewClaimDialog';

export const CLAIM_COLOR: Record<ClaimStatus, string> = {
  new: 'blue',
  in_review: 'indigo',
  more_info: 'orange',
  approved: 'teal',
  rejected: 'red',
  closed: 'gray',
};
const QUEUES: ClaimQueue[] = ['waiting_for_me', 'mine', 'overdue', 'open', 'all'];
/** The replicated tables claim and ticket views are read from. */
export const AFTERSALES_TABLES = ['claims', 'order_claims', 'tickets', 'ticket_messages', 'mail_messages'];

/** Keeps claim and ticket views fresh: they change by sync (other desks) as much as here. */
export function useAftersalesRefresh(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.some((x) => AFTERSALES_TABLES.includes(x)))
          void queryClient.invalidateQueries({ queryKey: ['aftersales'] });
      }),
    [queryClient],
  );
}

export function ClaimsScreen({ role }: { role: Role }) {
  const [queue, setQueue] = useState<ClaimQueue>('waiting_for_me');
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const [filters, setFilters] = useState<QueueFilters>({ managerId: null, search: '' });
  const counts = useQuery({ queryKey: ['aftersales', 'counts'], queryFn: () => unwrap(desk['aftersales.counts']({})) });
  useAftersalesRefresh();
  return (
    <div className="desk-screen" data-testid="claims-screen">
      <QueueHeader
        kind="claims"
        queues={QUEUES}
        queue={queue}
        onQueue={setQueue}
        counts={counts.data?.claims}
        role={role}
        filters={filters}
        onFilters={setFilters}
        newTestId="new-claim-button"
        onNew={() => setCreating(true)}
      />
      <ClaimsQueueView
        key={opened ?? ''}
        queue={queue}
        managerId={filters.managerId ?? undefined}
        search={filters.search}
        role={role}
        initialOpen={opened}
      />
      {creating && (
        <NewClaimDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setQueue('all');
            setOpened(id);
          }}
        />
      )}
    </div>
  );
}

/** A list of claims (a queue, or one client's) and the opened claim under it. */
export function ClaimsQueueView({
  queue,
  clientId,
  managerId,
  search = '',
  role,
  initialOpen = null,
}: {
  queue: ClaimQueue;
  clientId?: number;
  managerId?: number;
  search?: string;
  role: Role;
  initialOpen?: string | null;
}) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(initialOpen);
  const list = useQuery({
    queryKey: ['aftersales', 'claims', queue, clientId ?? null, managerId ?? null],
    queryFn: () =>
      unwrap(desk['claims.list']({ queue, ...(clientId ? { clientId } : {}), ...(managerId ? { managerId } : {}) })),
  });
  const columns = useMemo<ColDef<ClaimRow>[]>(
    () => [
      {
        field: 'number',
        headerName: t('claims.columns.number'),
        width: 110,
        valueFormatter: (p) => (p.value as string | null) ?? t('claims.notNumbered'),
      },
      {
        field: 'status',
        headerName: t('claims.columns.status'),
        width: 130,
        valueFormatter: (p) => t(`claims.statuses.${p.value as string}`),
        cellClassRules: {
          'cell-bad': (p) => p.data?.status === 'rejected',
          'cell-warn': (p) => p.data?.status === 'more_info',
        },
      },
      ...(clientId
        ? []
        : [
            { field: 'clientName', headerName: t('claims.columns.client'), flex: 1, minWidth: 180 } as ColDef<ClaimRow>,
          ]),
      { field: 'orderNumber', headerName: t('claims.columns.order'), width: 110 },
      {
        field: 'defectType',
        headerName: t('claims.columns.defect'),
        width: 150,
        valueFormatter: (p) => t(`claims.defects.${p.value as string}`),
      },
      {
        field: 'amount',
        headerName: t('claims.columns.amount'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'resolutionAmount',
        headerName: t('claims.columns.resolution'),
        width: 170,
        valueGetter: (p) =>
          p.data?.resolution
            ? `${t(`claims.resolutions.${p.data.resolution}`)} ${formatMoney(p.data.resolutionAmount)}`
            : '',
      },
      {
        field: 'files',
        headerName: t('claims.columns.files'),
        width: 70,
        type: 'numericColumn',
        valueFormatter: (p) => (p.value ? String(p.value) : ''),
      },
      { field: 'managerName', headerName: t('claims.columns.manager'), width: 150 },
      {
        field: 'createdAt',
        headerName: t('claims.columns.created'),
        width: 110,
        valueFormatter: (p) => formatTime(p.value as string),
      },
      {
        field: 'deadlineAt',
        headerName: t('claims.columns.deadline'),
        width: 120,
        valueFormatter: (p) => formatTime(p.value as string | null),
        sort: clientId ? undefined : 'asc',
        cellClassRules: { 'cell-bad': (p) => !!p.data?.overdue },
      },
      {
        colId: 'erp',
        headerName: t('claims.columns.erp'),
        width: 130,
        valueGetter: (p) =>
          p.data?.erpError
            ? t('claims.erpError')
            : (p.data?.erpNumber ?? (p.data?.number ? t('claims.erpWaiting') : '')),
        cellClassRules: { 'cell-bad': (p) => !!p.data?.erpError },
      },
    ],
    [t, clientId],
  );

  return (
    <>
      <div className="desk-grid" style={{ flex: openId ? '0 0 34%' : 1 }} data-testid="claims-grid">
        <DeskGrid<ClaimRow>
          rowData={list.data ?? []}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          quickFilterText={search}
          onRowDoubleClicked={(e) => e.data && setOpenId(e.data.id)}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) setOpenId(e.data.id);
          }}
          emptyText={t('claims.none')}
        />
      </div>
      {openId && <ClaimPanel key={openId} claimId={openId} role={role} onClose={() => setOpenId(null)} />}
    </>
  );
}

function ClaimPanel({ claimId, role, onClose }: { claimId: string; role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const details = useQuery({
    queryKey: ['aftersales', 'claim', claimId],
    queryFn: () => unwrap(desk['claims.get']({ claimId })),
  });
  const [step, setStep] = useState<ClaimStatus | null>(null);
  const [comment, setComment] = useState('');
  const [resolution, setResolution] = useState<ClaimResolution>('replacement');
  const [amount, setAmount] = useState('');
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useHotkeys([['Escape', () => (step ? setStep(null) : onClose())]], []);
  const d = details.data;
  if (!d) return null;
  const needs = step ? (CLAIM_WORKFLOW[d.status].find((s) => s.to === step)?.needs ?? null) : null;

  const move = async () => {
    if (!step) return;
    if (needs === 'comment' && !comment.trim()) return setError(t('claims.commentRequired'));
    try {
      await unwrap(
        desk['claims.move']({
          claimId,
          from: d.status,
          to: step,
          comment: comment.trim(),
          attachments: files,
          ...(needs === 'resolution'
            ? { resolution: { kind: resolution, amount: (amount || d.amount).replace(',', '.').replace(/\s/g, '') } }
            : {}),
        }),
      );
      setError(null);
      setDone(t('claims.moved', { status: t(`claims.statuses.${step}`) }));
      setStep(null);
      setComment('');
      setFiles([]);
      await queryClient.invalidateQueries({ queryKey: ['aftersales'] });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const attach = async (refs: AttachmentRef[]) => {
    const added = refs.filter((r) => !d.attachments.some((a) => a.sha256 === r.sha256));
    if (!added.length) return;
    try {
      await unwrap(desk['claims.attach']({ claimId, attachments: added }));
      setError(null);
      await queryClient.invalidateQueries({ queryKey: ['aftersales'] });
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const printForm = async () => {
    try {
      const f = await unwrap(desk['claims.form']({ claimId }));
      saveFile(f.name, 'application/pdf', f.base64);
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Stack
      gap={6}
      px="md"
      py={6}
      style={{ flex: 1, minHeight: 0, overflow: 'auto', borderTop: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="claim-panel"
    >
      <Group gap="md" wrap="nowrap">
        <Title order={5}>{t('claims.details', { number: d.number ?? t('claims.notNumbered') })}</Title>
        <Badge color={CLAIM_COLOR[d.status]} variant="light" data-testid="claim-status">
          {t(`claims.statuses.${d.status}`)}
        </Badge>
        <Text size="sm">{d.clientName}</Text>
        <Text size="xs" c="dimmed">
          {t('claims.byOrder', { order: d.orderNumber ?? '—' })} · {d.managerName} · {formatTime(d.createdAt)}
        </Text>
        {d.deadlineAt && (
          <Text size="xs" c={d.overdue ? 'red.7' : 'dimmed'} data-testid="claim-deadline">
            {t(d.overdue ? 'claims.overdueSince' : 'claims.deadline', { time: formatTime(d.deadlineAt) })}
          </Text>
        )}
        <Group gap={6} ml="auto" wrap="nowrap">
          <Button variant="default" onClick={() => void printForm()} data-testid="claim-form-pdf">
            {t('claims.formPdf')}
          </Button>
          <Button variant="subtle" onClick={onClose}>
            Esc
          </Button>
        </Group>
      </Group>
      <Text size="xs" c={d.erpError ? 'red.7' : 'dimmed'} data-testid="claim-erp">
        {d.erpError
          ? t('claims.erpRefused', { reason: d.erpError })
          : d.erpNumber
            ? t('claims.erpRegistered', {
                number: d.erpNumber,
                status: t(`claims.erpStatuses.${d.erpStatus ?? 'registered'}`, { defaultValue: d.erpStatus ?? '' }),
              })
            : d.number
              ? t('claims.erpWaitingLong')
              : t('claims.notOnServer')}
      </Text>
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Stack gap={6} style={{ flex: 3, minWidth: 0 }}>
          <Text size="sm">
            <b>{t(`claims.defects.${d.defectType}`)}.</b> {d.description}
          </Text>
          <Table striped withTableBorder fz="xs" data-testid="claim-lines">
            <Table.Thead>
              <Table.Tr>
                {(['article', 'name', 'shipped', 'quantity', 'amount'] as const).map((c) => (
                  <Table.Th key={c} ta={['shipped', 'quantity', 'amount'].includes(c) ? 'right' : undefined}>
                    {t(`claims.lineColumns.${c}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.lines.map((l) => (
                <Table.Tr key={l.lineId}>
                  <Table.Td className="desk-mono">{l.article}</Table.Td>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td ta="right">{formatQuantity(Number(l.shipped))}</Table.Td>
                  <Table.Td ta="right">{formatQuantity(Number(l.quantity))}</Table.Td>
                  <Table.Td ta="right">{formatMoney(l.amount)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td colSpan={4} ta="right">
                  <b>{t('claims.total')}</b>
                </Table.Td>
                <Table.Td ta="right">
                  <b>{formatMoney(d.amount)}</b>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {d.resolution && (
            <Text size="sm" c="teal.8" data-testid="claim-resolution">
              {t('claims.decided', {
                kind: t(`claims.resolutions.${d.resolution}`),
                amount: formatMoney(d.resolutionAmount),
              })}
            </Text>
          )}
          <Text size="xs" fw={600}>
            {t('claims.files', { count: d.attachments.length })}
          </Text>
          <AttachmentList files={d.attachments} />
          {d.status !== 'closed' && (
            <AttachmentPicker value={[]} onChange={(refs) => void attach(refs)} testId="claim-add-files" />
          )}
        </Stack>
        <Stack gap={6} style={{ flex: 2, minWidth: 260 }}>
          <Text size="xs" fw={600}>
            {t('claims.history')}
          </Text>
          <Timeline active={d.history.length - 1} bulletSize={12} lineWidth={2} data-testid="claim-history">
            {d.history.map((h, i) => (
              <Timeline.Item
                key={i}
                title={
                  <Text size="xs" fw={600}>
                    {t(`claims.statuses.${h.status}`)}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {formatTime(h.at)} · {h.by}
                </Text>
                {h.comment && <Text size="xs">{h.comment}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
          {d.steps.length > 0 && !step && (
            <Group gap={6} data-testid="claim-steps">
              {d.steps.map((s) => (
                <Button
                  key={s}
                  variant={s === 'approved' ? 'filled' : 'light'}
                  color={CLAIM_COLOR[s]}
                  onClick={() => {
                    setStep(s);
                    setError(null);
                    setDone(null);
                  }}
                  data-testid={`claim-step-${s}`}
                >
                  {t(`claims.steps.${s}`)}
                </Button>
              ))}
            </Group>
          )}
          {d.steps.length === 0 && d.status !== 'closed' && (
            <Text size="xs" c="dimmed">
              {t(role === 'manager' ? 'claims.waitingReview' : 'claims.waitingManager')}
            </Text>
          )}
          {step && (
            <Stack gap={4} data-testid="claim-step-form">
              <Text size="xs" fw={600}>
                {t(`claims.steps.${step}`)}
              </Text>
              {needs === 'resolution' && (
                <Group gap={6} grow>
                  <Select
                    label={t('claims.resolution')}
                    value={resolution}
                    onChange={(v) => v && setResolution(v as ClaimResolution)}
                    allowDeselect={false}
                    data={CLAIM_RESOLUTIONS.map((r) => ({ value: r, label: t(`claims.resolutions.${r}`) }))}
                    data-testid="claim-resolution-kind"
                  />
                  <TextInput
                    label={t('claims.resolutionAmount', { max: formatMoney(d.amount) })}
                    placeholder={formatMoney(d.amount)}
                    value={amount}
                    onChange={(e) => setAmount(e.currentTarget.value)}
                    data-testid="claim-resolution-amount"
                  />
                </Group>
              )}
              <Textarea
                label={needs === 'comment' ? t('claims.commentNeeded') : t('claims.comment')}
                value={comment}
                onChange={(e) => setComment(e.currentTarget.value)}
                autosize
                minRows={2}
                data-autofocus
                data-testid="claim-step-comment"
              />
              {step === 'in_review' && d.status === 'more_info' && (
                <AttachmentPicker value={files} onChange={setFiles} />
              )}
              <Group gap={6}>
                <Button color={CLAIM_COLOR[step]} onClick={() => void move()} data-testid="claim-step-confirm">
                  {t('claims.confirmStep')}
                </Button>
                <Button variant="default" onClick={() => setStep(null)}>
                  {t('claims.cancel')}
                </Button>
              </Group>
            </Stack>
          )}
          {error && (
            <Alert color="red" variant="light" p={6} data-testid="claim-error">
              <Text size="xs">{error}</Text>
            </Alert>
          )}
          {done && (
            <Text size="xs" c="teal.7">
              {done}
            </Text>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}
