// Clients: the user's clients in a grid and the selected client's card — ERP requisites and
// terms read-only, contacts, delivery addresses and notes editable, also offline (every save is
// a mutation: applied on this computer at once, sent to the server when connected).
import {
  Alert,
  Badge,
  Button,
  Group,
  ScrollArea,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientCard, ClientListRow, OrderListRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import type { Contact, DeliveryAddress } from '../../../domain/clients/client-mutations';
import { desk, onDeskEvent, unwrap } from '../desk';
import { formatMoney, formatTime } from '../format';
import { ClaimsQueueView, useAftersalesRefresh } from './ClaimsScreen';
import { NewClaimDialog } from './NewClaimDialog';
import { NewTicketDialog } from './NewTicketDialog';
import { TicketsQueueView } from './TicketsScreen';
import { DeskGrid } from '../DeskGrid';

interface Draft {
  contacts: Contact[];
  deliveryAddresses: DeliveryAddress[];
  notes: string;
}

const draftOf = (c: ClientCard): Draft => ({
  contacts: c.contacts,
  deliveryAddresses: c.deliveryAddresses,
  notes: c.notes,
});

export function ClientsScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['clients', 'list'], queryFn: () => unwrap(desk['clients.list']({})) });
  const [selected, setSelected] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (list.data ?? []).filter((c) => !q || c.name.toLowerCase().includes(q) || c.inn.includes(q));
  }, [list.data, query]);

  const columns = useMemo<ColDef<ClientListRow>[]>(
    () => [
      { field: 'name', headerName: t('clients.columns.name'), flex: 2, minWidth: 220 },
      { field: 'inn', headerName: t('clients.columns.inn'), width: 120 },
      { field: 'managerName', headerName: t('clients.columns.manager'), width: 160 },
      { field: 'priceType', headerName: t('clients.columns.priceType'), width: 140 },
      { field: 'paymentTerms', headerName: t('clients.columns.terms'), width: 150 },
      {
        field: 'creditLimit',
        headerName: t('clients.columns.creditLimit'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
      },
      {
        field: 'overdue',
        headerName: t('clients.columns.overdue'),
        width: 120,
        type: 'numericColumn',
        valueFormatter: (p) => (Number(p.value) > 0 ? formatMoney(p.value as string) : ''),
        cellStyle: (p) => (Number(p.value) > 0 ? { color: 'var(--mantine-color-red-7)' } : null),
      },
      {
        field: 'pendingChanges',
        headerName: t('clients.columns.pending'),
        width: 80,
        type: 'numericColumn',
        valueFormatter: (p) => (p.value ? String(p.value) : ''),
      },
    ],
    [t],
  );

  return (
    <div className="desk-screen" style={{ flexDirection: 'row' }}>
      <div className="desk-screen" style={{ flex: 1, minWidth: 0 }}>
        <Group px="md" py={6} gap="md">
          <TextInput
            placeholder={t('clients.search')}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={320}
            data-testid="clients-search"
          />
          <Text size="xs" c="dimmed" ml="auto">
            {t('clients.shown', { count: rows.length })}
          </Text>
        </Group>
        <div className="desk-grid" data-testid="clients-grid">
          <DeskGrid<ClientListRow>
            rowData={rows}
            columnDefs={columns}
            defaultColDef={{ filter: true, suppressHeaderFilterButton: true }}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onRowClicked={(e) => e.data && setSelected(e.data.id)}
            onCellKeyDown={(e) =>
              (e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data && setSelected(e.data.id)
            }
          />
        </div>
      </div>
      {selected === null ? (
        <Text p="md" c="dimmed" size="sm" w={520} style={{ borderLeft: '1px solid var(--mantine-color-gray-3)' }}>
          {t('clients.none')}
        </Text>
      ) : (
        <ClientWorkspace key={selected} clientId={selected} role={role} />
      )}
    </div>
  );
}

type WorkspaceTab = 'card' | 'orders' | 'claims' | 'tickets';

/** One client's workspace: the card, and their orders, claims and tickets together. */
function ClientWorkspace({ clientId, role }: { clientId: number; role: Role }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<WorkspaceTab>('card');
  const [creating, setCreating] = useState<'claim' | 'ticket' | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const orders = useQuery({ queryKey: ['orders', 'list', ''], queryFn: () => unwrap(desk['orders.list']({})) });
  const claims = useQuery({
    queryKey: ['aftersales', 'claims', 'all', clientId],
    queryFn: () => unwrap(desk['claims.list']({ queue: 'all', clientId })),
  });
  const tickets = useQuery({
    queryKey: ['aftersales', 'tickets', 'all', clientId],
    queryFn: () => unwrap(desk['tickets.list']({ queue: 'all', clientId })),
  });
  useAftersalesRefresh();
  const clientOrders = useMemo(
    () => (orders.data ?? []).filter((o) => o.clientId === clientId),
    [orders.data, clientId],
  );
  const openClaims = (claims.data ?? []).filter((c) => c.status !== 'closed').length;
  const openTickets = (tickets.data ?? []).filter((x) => x.status !== 'closed').length;
  const label = (key: string, total: number, open?: number) =>
    `${t(key)} · ${open !== undefined && open !== total ? `${open}/` : ''}${total}`;
  return (
    <div
      className="desk-screen"
      style={{
        flex: tab === 'card' ? '0 0 520px' : '0 0 64%',
        minWidth: 0,
        borderLeft: '1px solid var(--mantine-color-gray-3)',
      }}
      data-testid="client-workspace"
    >
      <Group px="md" pt={6} gap="xs" wrap="nowrap">
        <Tabs value={tab} onChange={(v) => setTab((v ?? 'card') as WorkspaceTab)} variant="pills" style={{ flex: 1 }}>
          <Tabs.List>
            <Tabs.Tab value="card" data-testid="ws-card">
              {t('clients.ws.card')}
            </Tabs.Tab>
            <Tabs.Tab value="orders" data-testid="ws-orders">
              {label('clients.ws.orders', clientOrders.length)}
            </Tabs.Tab>
            <Tabs.Tab value="claims" data-testid="ws-claims">
              {label('clients.ws.claims', claims.data?.length ?? 0, openClaims)}
            </Tabs.Tab>
            <Tabs.Tab value="tickets" data-testid="ws-tickets">
              {label('clients.ws.tickets', tickets.data?.length ?? 0, openTickets)}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {tab === 'claims' && (
          <Button variant="light" onClick={() => setCreating('claim')} data-testid="ws-new-claim">
            {t('claims.new.button')}
          </Button>
        )}
        {tab === 'tickets' && (
          <Button variant="light" onClick={() => setCreating('ticket')} data-testid="ws-new-ticket">
            {t('tickets.new.button')}
          </Button>
        )}
      </Group>
      {tab === 'card' && (
        <ScrollArea h="100%">
          <ClientCardPanel id={clientId} />
        </ScrollArea>
      )}
      {tab === 'orders' && <ClientOrders rows={clientOrders} />}
      {tab === 'claims' && (
        <ClaimsQueueView key={opened ?? ''} queue="all" clientId={clientId} role={role} initialOpen={opened} />
      )}
      {tab === 'tickets' && (
        <TicketsQueueView key={opened ?? ''} queue="all" clientId={clientId} role={role} initialOpen={opened} />
      )}
      {creating === 'claim' && (
        <NewClaimDialog
          clientId={clientId}
          onClose={() => setCreating(null)}
          onCreated={(id) => {
            setCreating(null);
            setOpened(id);
          }}
        />
      )}
      {creating === 'ticket' && (
        <NewTicketDialog
          clientId={clientId}
          onClose={() => setCreating(null)}
          onCreated={(id) => {
            setCreating(null);
            setOpened(id);
          }}
        />
      )}
    </div>
  );
}

function ClientOrders({ rows }: { rows: OrderListRow[] }) {
  const { t } = useTranslation();
  const columns = useMemo<ColDef<OrderListRow>[]>(
    () => [
      {
        field: 'number',
        headerName: t('orders.columns.number'),
        width: 110,
        valueFormatter: (p) => (p.value as string | null) ?? t('orders.notNumbered'),
      },
      {
        field: 'createdAt',
        headerName: t('orders.columns.date'),
        width: 110,
        sort: 'desc',
        valueFormatter: (p) => formatTime(p.value as string),
      },
      {
        field: 'kind',
        headerName: t('orders.columns.kind'),
        width: 100,
        valueFormatter: (p) => t(`orders.kinds.${p.value as string}`),
      },
      {
        field: 'status',
        headerName: t('orders.columns.status'),
        width: 120,
        valueFormatter: (p) => t(`orders.statuses.${p.value as string}`),
      },
      { field: 'erpNumber', headerName: t('orders.columns.erp'), width: 110 },
      { field: 'linesCount', headerName: t('orders.columns.lines'), width: 80, type: 'numericColumn' },
      {
        field: 'total',
        headerName: t('orders.columns.total'),
        width: 130,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
      {
        field: 'margin',
        headerName: t('orders.columns.margin'),
        flex: 1,
        minWidth: 110,
        type: 'numericColumn',
        valueFormatter: (p) => formatMoney(p.value as string),
        comparator: (a: string, b: string) => Number(a) - Number(b),
      },
    ],
    [t],
  );
  return (
    <div className="desk-grid" data-testid="ws-orders-grid">
      <DeskGrid<OrderListRow>
        rowData={rows}
        columnDefs={columns}
        getRowId={(p) => p.data.id}
        overlayNoRowsTemplate={`<span>${t('orders.none')}</span>`}
      />
    </div>
  );
}

function ClientCardPanel({ id }: { id: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const card = useQuery({ queryKey: ['clients', 'card', id], queryFn: () => unwrap(desk['clients.card']({ id })) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [base, setBase] = useState<ClientCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [savedNote, setSavedNote] = useState(false);

  // Start editing from the card as it is; while editing, a newer server version is announced
  // instead of replacing what the manager is typing.
  const dirty = !!draft && !!base && JSON.stringify(draft) !== JSON.stringify(draftOf(base));
  useEffect(() => {
    if (card.data && (!base || !draft || (!dirty && card.data !== base))) {
      setBase(card.data);
      setDraft(draftOf(card.data));
    }
  }, [card.data, base, draft, dirty]);
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ rows }) => {
        if (rows.clients?.includes(String(id))) void queryClient.invalidateQueries({ queryKey: ['clients'] });
      }),
    [id, queryClient],
  );

  const changedElsewhere = !!card.data && !!base && card.data.version !== base.version && dirty;

  const save = async () => {
    if (!draft || !base || !dirty) return;
    const patch: Record<string, unknown> = {};
    if (JSON.stringify(draft.contacts) !== JSON.stringify(base.contacts)) patch.contacts = draft.contacts;
    if (JSON.stringify(draft.deliveryAddresses) !== JSON.stringify(base.deliveryAddresses))
      patch.delivery_addresses = draft.deliveryAddresses;
    if (draft.notes !== base.notes) patch.notes = draft.notes;
    const r = await desk['clients.updateCard']({ clientId: id, baseVersion: base.version, patch });
    if (!r.ok) return setError(t(`errors.${r.error.code}`, { message: r.error.message }));
    setError(null);
    setSavedNote(true);
    setBase(null);
    setDraft(null);
    await queryClient.invalidateQueries({ queryKey: ['clients'] });
  };
  useHotkeys([['mod+S', () => void save()]], []);

  const c = card.data;
  if (!c || !draft) return null;
  const setContact = (i: number, patch: Partial<Contact>) =>
    setDraft({ ...draft, contacts: draft.contacts.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const setAddress = (i: number, patch: Partial<DeliveryAddress>) =>
    setDraft({
      ...draft,
      deliveryAddresses: draft.deliveryAddresses.map((x, k) => (k === i ? { ...x, ...patch } : x)),
    });

  return (
    <Stack gap="sm" p="md" data-testid="client-card">
      <div>
        <Title order={4}>{c.name}</Title>
        <Text size="xs" c="dimmed">
          {t('clients.columns.inn')} {c.inn}
          {c.kpp ? ` · ${t('clients.kpp')} ${c.kpp}` : ''} · {t('clients.manager')}: {c.managerName}
        </Text>
      </div>
      {c.pendingChanges > 0 && (
        <Badge color="orange" variant="light" data-testid="card-pending">
          {t('clients.pendingHere', { count: c.pendingChanges })}
        </Badge>
      )}
      {Number(c.overdue) > 0 && (
        <Alert color="red" variant="light" p="xs">
          <Text size="xs">
            {t('clients.overdueWarn')}: {formatMoney(c.overdue)} ₽
          </Text>
        </Alert>
      )}
      <Text size="xs" fw={600} c="dimmed">
        {t('clients.erp')}
      </Text>
      <Table fz="xs" verticalSpacing={2} horizontalSpacing={4}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td c="dimmed" w={150}>
              {t('clients.legalAddress')}
            </Table.Td>
            <Table.Td>{c.legalAddress}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.terms')}</Table.Td>
            <Table.Td>{c.paymentTerms}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.priceType')}</Table.Td>
            <Table.Td>
              {c.priceType} · {t('clients.coefficient')} {c.coefficient}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.creditLimit')}</Table.Td>
            <Table.Td>{formatMoney(c.creditLimit)} ₽</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td c="dimmed">{t('clients.columns.overdue')}</Table.Td>
            <Table.Td c={Number(c.overdue) > 0 ? 'red.7' : undefined}>{formatMoney(c.overdue)} ₽</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('clients.contacts')}
        </Text>
        <Button
          variant="subtle"
          onClick={() =>
            setDraft({ ...draft, contacts: [...draft.contacts, { name: '', position: '', phone: '', email: '' }] })
          }
        >
          + {t('clients.add')}
        </Button>
      </Group>
      {draft.contacts.map((ct, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-end">
          <TextInput
            label={i === 0 ? t('clients.contact.name') : undefined}
            value={ct.name}
            onChange={(e) => setContact(i, { name: e.currentTarget.value })}
            style={{ flex: 2 }}
          />
          <TextInput
            label={i === 0 ? t('clients.contact.position') : undefined}
            value={ct.position}
            onChange={(e) => setContact(i, { position: e.currentTarget.value })}
            style={{ flex: 1.5 }}
          />
          <TextInput
            label={i === 0 ? t('clients.contact.phone') : undefined}
            value={ct.phone}
            onChange={(e) => setContact(i, { phone: e.currentTarget.value })}
            style={{ flex: 1.5 }}
          />
          <TextInput
            label={i === 0 ? t('clients.contact.email') : undefined}
            value={ct.email}
            onChange={(e) => setContact(i, { email: e.currentTarget.value })}
            style={{ flex: 1.5 }}
          />
          <Button
            variant="subtle"
            color="gray"
            px={6}
            aria-label={t('clients.remove')}
            onClick={() => setDraft({ ...draft, contacts: draft.contacts.filter((_, k) => k !== i) })}
          >
            ✕
          </Button>
        </Group>
      ))}

      <Group justify="space-between">
        <Text size="xs" fw={600}>
          {t('clients.addresses')}
        </Text>
        <Button
          variant="subtle"
          onClick={() =>
            setDraft({ ...draft, deliveryAddresses: [...draft.deliveryAddresses, { label: '', address: '' }] })
          }
        >
          + {t('clients.add')}
        </Button>
      </Group>
      {draft.deliveryAddresses.map((a, i) => (
        <Group key={i} gap={4} wrap="nowrap" align="flex-end">
          <TextInput
            label={i === 0 ? t('clients.address.label') : undefined}
            value={a.label}
            onChange={(e) => setAddress(i, { label: e.currentTarget.value })}
            w={110}
          />
          <TextInput
            label={i === 0 ? t('clients.address.address') : undefined}
            value={a.address}
            onChange={(e) => setAddress(i, { address: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <Button
            variant="subtle"
            color="gray"
            px={6}
            aria-label={t('clients.remove')}
            onClick={() => setDraft({ ...draft, deliveryAddresses: draft.deliveryAddresses.filter((_, k) => k !== i) })}
          >
            ✕
          </Button>
        </Group>
      ))}

      <Textarea
        label={t('clients.notes')}
        placeholder={t('clients.notesPlaceholder')}
        value={draft.notes}
        onChange={(e) => setDraft({ ...draft, notes: e.currentTarget.value })}
        autosize
        minRows={3}
        maxRows={10}
        data-testid="card-notes"
      />
      {changedElsewhere && (
        <Alert color="yellow" variant="light" p="xs">
          <Group justify="space-between">
            <Text size="xs">{t('clients.changedElsewhere')}</Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                setBase(null);
                setDraft(null);
              }}
            >
              {t('clients.reload')}
            </Button>
          </Group>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" p="xs" data-testid="card-error">
          <Text size="xs">{error}</Text>
        </Alert>
      )}
      {savedNote && !dirty && (
        <Text size="xs" c="teal.7">
          {t('clients.saved')}
        </Text>
      )}
      <Group gap="xs">
        <Button onClick={() => void save()} disabled={!dirty} data-testid="card-save">
          {t('clients.save')} (Ctrl+S)
        </Button>
        <Button variant="default" disabled={!dirty} onClick={() => base && setDraft(draftOf(base))}>
          {t('clients.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
