// A client's workspace: the card beside the client's orders, documents from 1C, claims and tickets, with new claims
// and tickets started from here.
import { Button, Group, ScrollArea, Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderListRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { desk, unwrap } from '../shared/desk';
import { formatMoney, formatTime } from '../shared/format';
import { ClaimsQueueView, useAftersalesRefresh } from '../claims/ClaimsScreen';
import { NewClaimDialog } from '../claims/NewClaimDialog';
import { NewTicketDialog } from '../tickets/NewTicketDialog';
import { TicketsQueueView } from '../tickets/TicketsScreen';
import { DeskGrid } from '../shared/DeskGrid';
import { DocumentsList, useDocumentsRefresh } from '../documents/DocumentsList';

import { ClientCardPanel } from './ClientCardPanel';

type WorkspaceTab = 'card' | 'orders' | 'documents' | 'claims' | 'tickets';

/** One client's workspace: the card, and their orders, claims and tickets together. */
export function ClientWorkspace({ clientId, role }: { clientId: number; role: Role }) {
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
  useDocumentsRefresh();
  const documents = useQuery({
    queryKey: ['documents', clientId, null],
    queryFn: () => unwrap(desk['documents.list']({ clientId })),
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
            <Tabs.Tab value="documents" data-testid="ws-documents">
              {label('clients.ws.documents', documents.data?.length ?? 0)}
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
      {tab === 'documents' && <DocumentsList clientId={clientId} />}
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
        width: 150,
        valueFormatter: (p) =>
          p.data?.origin === 'erp'
            ? `${String(p.value)} · ${t('orders.fromErp')}`
            : ((p.value as string | null) ?? t('orders.notNumbered')),
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
        emptyText={t('orders.none')}
      />
    </div>
  );
}
