// Tickets (обращения): the queues (waiting for me, mine, overdue, open, SLA breaches, all) with
// counts; one ticket's thread with attachments, its category fields, the two SLA clocks (first
// response, resolution) in working time, paused while the client is asked; a reply as staff or a
// client's answer recorded (phone, e-mail), leaving the ticket waiting for the client or resolved.
// Reads the replica and writes mutations: offline too.
import {
  Alert,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AttachmentRef } from '../../../domain/aftersales/attachment';
import type { TicketDetails, TicketQueue, TicketRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { TICKET_WORKFLOW, type TicketStatus } from '../../../domain/aftersales/ticket';
import { AttachmentPicker } from '../aftersales/Attachments';
import { errorText } from '../aftersales/errors';
import { desk, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { QueueHeader, type QueueFilters } from '../aftersales/QueueHeader';
import { formatTime } from '../shared/format';
import { useAftersalesRefresh } from '../claims/ClaimsScreen';
import { NewTicketDialog } from './NewTicketDialog';
import { TicketThread } from './TicketThread';

export const TICKET_COLOR: Record<TicketStatus, string> = {
  new: 'blue',
  in_progress: 'indigo',
  waiting_client: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};
type Clock = TicketRow['sla']['firstResponse'];
const FIELD_ORDER = [
  'periodFrom',
  'periodTo',
  'agreement',
  'requisites',
  'address',
  'documents',
  'sendBy',
  'effectiveFrom',
];

/** Working hours and minutes, as the SLA counts them. */
function span(t: TFunction, ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  return t('tickets.sla.span', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

export function clockText(t: TFunction, c: Clock): string {
  switch (c.state) {
    case 'running':
      return t('tickets.sla.running', { left: span(t, c.remainingMs) });
    case 'paused':
      return t('tickets.sla.paused', { left: span(t, c.remainingMs) });
    case 'met':
      return t('tickets.sla.met');
    case 'met_late':
      return t('tickets.sla.metLate', { late: span(t, c.remainingMs) });
    default:
      return t('tickets.sla.breached', { late: span(t, c.remainingMs) });
  }
}
const clockColor = (c: Clock): string | undefined =>
  c.state === 'breached' || c.state === 'met_late'
    ? 'red.7'
    : c.state === 'running' && c.remainingMs < 3600_000
      ? 'orange.7'
      : c.state === 'met'
        ? 'teal.7'
        : undefined;

export function TicketsScreen({ role, jump }: { role: Role; jump?: { id: string; n: number } | null }) {
  const queues: TicketQueue[] =
    role === 'manager'
      ? ['waiting_for_me', 'mine', 'overdue', 'open', 'all']
      : ['waiting_for_me', 'mine', 'breached', 'open', 'all'];
  const [queue, setQueue] = useState<TicketQueue>('waiting_for_me');
  const [creating, setCreating] = useState(false);
  const [opened, setOpened] = useState<string | null>(jump?.id ?? null);
  useEffect(() => {
    if (jump) setOpened(jump.id);
  }, [jump]);
  const [filters, setFilters] = useState<QueueFilters>({ managerId: null, search: '' });
  const counts = useQuery({ queryKey: ['aftersales', 'counts'], queryFn: () => unwrap(desk['aftersales.counts']({})) });
  useAftersalesRefresh();
  return (
    <div className="desk-screen" data-testid="tickets-screen">
      <QueueHeader
        kind="tickets"
        queues={queues}
        queue={queue}
        onQueue={setQueue}
        counts={counts.data?.tickets}
        role={role}
        filters={filters}
        onFilters={setFilters}
        newTestId="new-ticket"
        onNew={() => setCreating(true)}
      />
      <TicketsQueueView
        key={opened ?? ''}
        queue={queue}
        managerId={filters.managerId ?? undefined}
        search={filters.search}
        role={role}
        initialOpen={opened}
      />
      {creating && (
        <NewTicketDialog
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

/** A list of tickets (a queue, or one client's) and the opened ticket under it. */
export function TicketsQueueView({
  queue,
  clientId,
  managerId,
  search = '',
  role,
  initialOpen = null,
}: {
  queue: TicketQueue;
  clientId?: number;
  managerId?: number;
  search?: string;
  role: Role;
  initialOpen?: string | null;
}) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(initialOpen);
  const list = useQuery({
    queryKey: ['aftersales', 'tickets', queue, clientId ?? null, managerId ?? null],
    queryFn: () =>
      unwrap(desk['tickets.list']({ queue, ...(clientId ? { clientId } : {}), ...(managerId ? { managerId } : {}) })),
  });
  const columns = useMemo<ColDef<TicketRow>[]>(
    () => [
      {
        field: 'number',
        headerName: t('tickets.columns.number'),
        width: 100,
        valueFormatter: (p) => (p.value as string | null) ?? t('tickets.notNumbered'),
      },
      {
        field: 'status',
        headerName: t('tickets.columns.status'),
        width: 130,
        valueFormatter: (p) => t(`tickets.statuses.${p.value as string}`),
      },
      ...(clientId
        ? []
        : [{ field: 'clientName', headerName: t('tickets.columns.client'), width: 200 } as ColDef<TicketRow>]),
      {
        field: 'category',
        headerName: t('tickets.columns.category'),
        width: 160,
        valueFormatter: (p) => t(`tickets.categories.${p.value as string}`),
      },
      { field: 'subject', headerName: t('tickets.columns.subject'), flex: 1, minWidth: 200 },
      { field: 'assigneeName', headerName: t('tickets.columns.assignee'), width: 140 },
      {
        field: 'lastMessageAt',
        headerName: t('tickets.columns.last'),
        width: 130,
        sort: 'desc',
        valueFormatter: (p) =>
          `${formatTime(p.value as string)} · ${p.data?.lastMessageKind === 'client' ? t('tickets.fromClient') : t('tickets.fromUs')}`,
      },
      {
        colId: 'firstResponse',
        headerName: t('tickets.columns.firstResponse'),
        width: 170,
        valueGetter: (p) => (p.data ? clockText(t, p.data.sla.firstResponse) : ''),
        cellClassRules: { 'cell-bad': (p) => ['breached', 'met_late'].includes(p.data?.sla.firstResponse.state ?? '') },
      },
      {
        colId: 'resolution',
        headerName: t('tickets.columns.resolution'),
        width: 170,
        valueGetter: (p) => (p.data ? clockText(t, p.data.sla.resolution) : ''),
        cellClassRules: { 'cell-bad': (p) => ['breached', 'met_late'].includes(p.data?.sla.resolution.state ?? '') },
      },
      { field: 'messagesCount', headerName: t('tickets.columns.messages'), width: 80, type: 'numericColumn' },
      {
        colId: 'erp',
        headerName: t('tickets.columns.erp'),
        width: 110,
        valueGetter: (p) => (p.data?.erpError ? t('tickets.erpError') : (p.data?.erpNumber ?? '')),
      },
    ],
    [t, clientId],
  );

  return (
    <>
      <div className="desk-grid" style={{ flex: openId ? '0 0 30%' : 1 }} data-testid="tickets-grid">
        <DeskGrid<TicketRow>
          rowData={list.data ?? []}
          columnDefs={columns}
          getRowId={(p) => p.data.id}
          quickFilterText={search}
          onRowDoubleClicked={(e) => e.data && setOpenId(e.data.id)}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) setOpenId(e.data.id);
          }}
          emptyText={t('tickets.none')}
        />
      </div>
      {openId && <TicketPanel key={openId} ticketId={openId} role={role} onClose={() => setOpenId(null)} />}
    </>
  );
}

function FieldsView({ d }: { d: TicketDetails }) {
  const { t } = useTranslation();
  // In the order the form asks for them (stored JSON keeps no order).
  const entries = Object.entries(d.fields)
    .filter(([, v]) => v !== '' && v !== null && v !== undefined)
    .sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  if (!entries.length) return null;
  return (
    <Group gap="md" data-testid="ticket-fields">
      {entries.map(([k, v]) => (
        <Text key={k} size="xs">
          <Text span c="dimmed">
            {t(`tickets.fields.${k}`, { defaultValue: k })}:
          </Text>{' '}
          {k === 'sendBy' ? t(`tickets.sendBy.${String(v)}`) : String(v)}
        </Text>
      ))}
    </Group>
  );
}

function TicketPanel({ ticketId, role, onClose }: { ticketId: string; role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const details = useQuery({
    queryKey: ['aftersales', 'ticket', ticketId],
    queryFn: () => unwrap(desk['tickets.get']({ ticketId })),
  });
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const assignees = useQuery({
    queryKey: ['aftersales', 'assignees', ticketId],
    queryFn: () => unwrap(desk['tickets.assignees']({ ticketId })),
  });
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  const [author, setAuthor] = useState<'staff' | 'client'>('staff');
  const [then, setThen] = useState<'keep' | 'waiting_client' | 'resolved'>('keep');
  const [error, setError] = useState<string | null>(null);
  const d = details.data;
  if (!d) return null;
  const closed = d.status === 'closed';

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['aftersales'] });
  const send = async () => {
    if (!body.trim() && !files.length) return setError(t('tickets.emptyReply'));
    try {
      await unwrap(
        desk['tickets.reply']({
          ticketId,
          author,
          body: body.trim(),
          attachments: files,
          then: then === 'keep' ? null : then,
        }),
      );
      setBody('');
      setFiles([]);
      setThen('keep');
      setError(null);
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const setStatus = async (to: TicketStatus) => {
    try {
      await unwrap(desk['tickets.setStatus']({ ticketId, from: d.status, to }));
      setError(null);
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  const assign = async (assigneeId: number | undefined) => {
    if (!assigneeId || assigneeId === d.assigneeId) return;
    try {
      await unwrap(desk['tickets.assign']({ ticketId, assigneeId }));
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    }
  };

  return (
    <Stack
      gap={6}
      px="md"
      py={6}
      style={{ flex: 1, minHeight: 0, overflow: 'hidden', borderTop: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="ticket-panel"
    >
      <Group gap="md" wrap="nowrap">
        <Title order={5}>{t('tickets.details', { number: d.number ?? t('tickets.notNumbered') })}</Title>
        <Badge color={TICKET_COLOR[d.status]} variant="light" data-testid="ticket-status">
          {t(`tickets.statuses.${d.status}`)}
        </Badge>
        <Text size="sm" fw={500} truncate>
          {d.subject}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {d.clientName} · {t(`tickets.categories.${d.category}`)}
        </Text>
        <Select
          size="xs"
          w={220}
          aria-label={t('tickets.columns.assignee')}
          leftSection={
            <Text size="xs" c="dimmed">
              {t('tickets.assigneeShort')}
            </Text>
          }
          leftSectionWidth={36}
          data-testid="ticket-assignee"
          readOnly={closed || role === 'manager'}
          allowDeselect={false}
          value={String(d.assigneeId)}
          data={(assignees.data ?? [{ id: d.assigneeId, name: d.assigneeName, role: 'manager' as const }]).map((u) => ({
            value: String(u.id),
            label: `${u.name} · ${t(`roles.${u.role}`)}`,
          }))}
          onChange={(v) => void assign(v ? Number(v) : undefined)}
        />
        <Group gap={6} ml="auto" wrap="nowrap">
          {role !== 'manager' && status.data?.user && d.assigneeId !== status.data.user.id && !closed && (
            <Button variant="default" onClick={() => void assign(status.data?.user?.id)}>
              {t('tickets.takeOver')}
            </Button>
          )}
          {TICKET_WORKFLOW[d.status].map((s) => (
            <Button
              key={s}
              variant="light"
              color={TICKET_COLOR[s]}
              onClick={() => void setStatus(s)}
              data-testid={`ticket-to-${s}`}
            >
              {t(`tickets.to.${s}`)}
            </Button>
          ))}
          <Button variant="subtle" onClick={onClose}>
            Esc
          </Button>
        </Group>
      </Group>
      <Group gap="lg" data-testid="ticket-sla">
        <Tooltip
          label={
            d.sla.firstResponse.dueAt
              ? t('tickets.sla.due', { time: formatTime(d.sla.firstResponse.dueAt) })
              : t('tickets.sla.workingTime')
          }
        >
          <Text size="xs" c={clockColor(d.sla.firstResponse)} data-testid="sla-first">
            {t('tickets.columns.firstResponse')}: {clockText(t, d.sla.firstResponse)}
          </Text>
        </Tooltip>
        <Tooltip
          label={
            d.sla.resolution.dueAt
              ? t('tickets.sla.due', { time: formatTime(d.sla.resolution.dueAt) })
              : t('tickets.sla.workingTime')
          }
        >
          <Text size="xs" c={clockColor(d.sla.resolution)} data-testid="sla-resolution">
            {t('tickets.columns.resolution')}: {clockText(t, d.sla.resolution)}
          </Text>
        </Tooltip>
        <Text size="xs" c={d.erpError ? 'red.7' : 'dimmed'}>
          {d.erpError
            ? t('tickets.erpRefused', { reason: d.erpError })
            : d.erpNumber
              ? t('tickets.erpTask', { number: d.erpNumber })
              : t('tickets.erpPending')}
        </Text>
      </Group>
      <FieldsView d={d} />
      <TicketThread ticket={d} onMailResent={() => void details.refetch()} />
      {closed ? (
        <Text size="xs" c="dimmed">
          {t('tickets.closedNoReply')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Textarea
            placeholder={t('tickets.replyPlaceholder')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={8}
            data-testid="ticket-reply"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void send();
              }
            }}
          />
          <Group gap={6} align="flex-start" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <AttachmentPicker value={files} onChange={setFiles} testId="ticket-reply-files" />
            </div>
            <SegmentedControl
              size="xs"
              value={author}
              onChange={(v) => setAuthor(v as 'staff' | 'client')}
              data={[
                { value: 'staff', label: t('tickets.asStaff') },
                { value: 'client', label: t('tickets.asClient') },
              ]}
            />
            <Select
              size="xs"
              w={210}
              value={then}
              onChange={(v) => v && setThen(v as typeof then)}
              allowDeselect={false}
              data-testid="ticket-then"
              data={(['keep', 'waiting_client', 'resolved'] as const).map((v) => ({
                value: v,
                label: t(`tickets.then.${v}`),
              }))}
            />
            <Button onClick={() => void send()} data-testid="ticket-send">
              {t('tickets.send')} (Ctrl+Enter)
            </Button>
          </Group>
        </Stack>
      )}
      {error && (
        <Alert color="red" variant="light" p={6} data-testid="ticket-error">
          <Text size="xs">{error}</Text>
        </Alert>
      )}
    </Stack>
  );
}
