// The desk's frame: sign-in when there is no session; otherwise the header with navigation,
// the current screen, the command palette (Ctrl+K) and the status bar.
import { ActionIcon, AppShell, Badge, Button, Group, Kbd, Menu, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../domain/contract';
import { CommandPalette, openPalette } from './CommandPalette';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { formatCount } from '../shared/format';
import { setLanguage, type Language } from '../shared/i18n';
import { AftersalesNotices } from '../aftersales/AftersalesNotices';
import { ApprovalsScreen } from '../pricing/ApprovalsScreen';
import { AFTERSALES_TABLES, ClaimsScreen } from '../claims/ClaimsScreen';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { TicketsScreen } from '../tickets/TicketsScreen';
import { BulkSearchScreen } from '../catalog/BulkSearchScreen';
import { CatalogScreen } from '../catalog/CatalogScreen';
import { ClientsScreen } from '../clients/ClientsScreen';
import { OrdersScreen } from '../orders/OrdersScreen';
import { PricingScreen } from '../pricing/PricingScreen';
import { OutboxScreen } from '../erp/OutboxScreen';
import { SyncPanel } from './SyncPanel';
import { LoginScreen } from './LoginScreen';
import { UsersScreen } from '../accounts/UsersScreen';
import { UserMenu } from '../accounts/UserMenu';
import { NotificationBell } from '../notifications/NotificationBell';
import { MailTriageScreen } from '../mail/MailTriageScreen';
import { PlansScreen } from '../plans/PlansScreen';
import { SeasonsScreen } from '../seasons/SeasonsScreen';
import type { JumpTarget } from '../notifications/notification-words';
import { StatusBar } from './StatusBar';

type Screen =
  | 'dashboard'
  | 'catalog'
  | 'bulk'
  | 'clients'
  | 'orders'
  | 'outbox'
  | 'approvals'
  | 'pricing'
  | 'claims'
  | 'tickets'
  | 'users'
  | 'mail'
  | 'plans'
  | 'seasons';
type Role = 'manager' | 'supervisor' | 'admin';

// One list drives the header, the Alt+N keys and who sees what; the keys stay where users
// learned them when screens are added.
const NAV: { screen: Screen; keys: string; label: string; roles?: Role[] }[] = [
  { screen: 'catalog', keys: 'Alt+1', label: 'nav.catalog' },
  { screen: 'bulk', keys: 'Alt+2', label: 'nav.bulkSearch' },
  { screen: 'clients', keys: 'Alt+3', label: 'nav.clients' },
  { screen: 'orders', keys: 'Alt+4', label: 'nav.orders' },
  { screen: 'claims', keys: 'Alt+8', label: 'nav.claims' },
  { screen: 'tickets', keys: 'Alt+9', label: 'nav.tickets' },
  { screen: 'approvals', keys: 'Alt+6', label: 'nav.approvals' },
  { screen: 'pricing', keys: 'Alt+7', label: 'nav.pricing', roles: ['admin'] },
  { screen: 'outbox', keys: 'Alt+5', label: 'nav.outbox', roles: ['supervisor', 'admin'] },
  { screen: 'dashboard', keys: 'Alt+0', label: 'nav.dashboard' },
  { screen: 'plans', keys: 'Alt+L', label: 'nav.plans', roles: ['supervisor', 'admin'] },
  { screen: 'seasons', keys: 'Alt+S', label: 'nav.seasons' },
  { screen: 'mail', keys: 'Alt+M', label: 'nav.mail', roles: ['supervisor', 'admin'] },
  { screen: 'users', keys: 'Alt+U', label: 'nav.accounts', roles: ['admin'] },
];
const navFor = (role: Role) => NAV.filter((n) => !n.roles || n.roles.includes(role));

export function App() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const [screen, setScreen] = useState<Screen>('catalog');
  // Where a notification asked to go (the screen opens that order, ticket or client); n makes a repeat jump new.
  const [jump, setJump] = useState<(JumpTarget & { n: number }) | null>(null);
  const [openItemId, setOpenItemId] = useState<number | null>(null);
  const [syncOpen, setSyncOpen] = useState(false);
  // Waiting requests, counted in the header for supervisors: they come by sync, offline too.
  const signedIn = !!status.data?.user;
  const pendingApprovals = useQuery({
    queryKey: ['approvals', 'count'],
    queryFn: async () => (await unwrap(desk['approvals.list']({ status: 'pending' }))).length,
    enabled: signedIn,
  });
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.includes('price_approvals')) void queryClient.invalidateQueries({ queryKey: ['approvals'] });
        // The header's claim and ticket counts follow every change of them, the first sync's too
        // (counted at sign-in, before any ticket had arrived, they stayed at 0).
        if (tables.some((x) => AFTERSALES_TABLES.includes(x)))
          void queryClient.invalidateQueries({ queryKey: ['aftersales', 'counts'] });
        if (tables.includes('mail_messages')) void queryClient.invalidateQueries({ queryKey: ['mail', 'triage'] });
        // Client pickers follow the clients (the first sync's, a new one from 1C, a reassignment);
        // a client's quoted prices follow their coefficients and the price rules.
        if (tables.includes('clients')) void queryClient.invalidateQueries({ queryKey: ['clients'] });
        if (tables.includes('clients') || tables.includes('price_rules'))
          void queryClient.invalidateQueries({ queryKey: ['quotes'] });
        // Plans and what was sold against them follow the plans, the audit and the orders.
        if (['sales_plans', 'price_audit', 'orders', 'order_lines'].some((x) => tables.includes(x)))
          void queryClient.invalidateQueries({ queryKey: ['plans'] });
        if (['seasonal_programmes', 'seasonal_commitments', 'orders', 'order_lines'].some((x) => tables.includes(x)))
          void queryClient.invalidateQueries({ queryKey: ['seasons'] });
      }),
    [queryClient],
  );
  // Claims and tickets waiting for this user, counted in the header.
  const aftersales = useQuery({
    queryKey: ['aftersales', 'counts'],
    queryFn: () => unwrap(desk['aftersales.counts']({})),
    enabled: signedIn,
  });
  // Letters waiting in the supervisors' triage, counted in the header like the queues.
  const triage = useQuery({
    queryKey: ['mail', 'triage'],
    queryFn: () => unwrap(desk['mail.triage']({})),
    enabled: signedIn && status.data?.user?.role !== 'manager',
  });
  const waiting: Partial<Record<Screen, number>> = {
    mail: triage.data?.length ?? 0,
    approvals: status.data?.user?.role !== 'manager' ? (pendingApprovals.data ?? 0) : 0,
    claims: aftersales.data?.claims.waiting_for_me ?? 0,
    tickets: aftersales.data?.tickets.waiting_for_me ?? 0,
  };

  // Catalog views reload once a pull is complete, not after each of its batches: an initial
  // sync of 300,000 rows would otherwise reload a 50,000-row grid dozens of times.
  const catalogDirty = useRef(false);
  useEffect(
    () =>
      onDeskEvent('sync.status', (s) => {
        const before = queryClient.getQueryData<SyncStatus>(['sync.status']);
        queryClient.setQueryData<SyncStatus>(['sync.status'], s);
        // The outbox moved (sent, rejected, retried): unsent-change marks and the sync panel follow.
        if (
          before &&
          (before.pending !== s.pending || before.rejected !== s.rejected || before.conflicts !== s.conflicts)
        ) {
          void queryClient.invalidateQueries({ queryKey: ['clients'] });
          void queryClient.invalidateQueries({ queryKey: ['orders'] });
          void queryClient.invalidateQueries({ queryKey: ['sync'] });
        }
        if (!s.progress && catalogDirty.current) {
          catalogDirty.current = false;
          void queryClient.invalidateQueries({ queryKey: ['catalog'] });
          void queryClient.invalidateQueries({ queryKey: ['quotes'] });
        }
      }),
    [queryClient],
  );
  useEffect(
    () =>
      onDeskEvent('replica.changed', ({ tables }) => {
        if (tables.some((x) => ['items', 'stock', 'prices', 'warehouses', 'price_types'].includes(x)))
          catalogDirty.current = true;
      }),
    [queryClient],
  );

  // The system says the network is back: connect now rather than at the end of a backoff.
  useEffect(() => {
    const online = () => void desk['sync.now']({});
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, []);

  const role = status.data?.user?.role;
  useHotkeys(
    [
      ...(role ? navFor(role) : []).map(
        (n) => [n.keys.toLowerCase(), () => setScreen(n.screen)] as [string, () => void],
      ),
      ['mod+shift+S', () => setSyncOpen((o) => !o)],
      // Screens switch from anywhere, a search box included: Alt+digit types nothing there.
    ],
    [],
  );

  if (!status.data) return null;
  if (!status.data.user)
    return (
      <LoginScreen
        serverUrl={status.data.serverUrl}
        ended={status.data.lastError?.code}
        onSignedIn={() => void status.refetch()}
      />
    );
  const user = status.data.user;

  const logout = async () => {
    await desk['session.logout']({});
    queryClient.clear();
    await status.refetch();
  };

  return (
    <AppShell header={{ height: 40 }} footer={{ height: 26 }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Text fw={700} size="md" c="indigo.8" style={{ whiteSpace: 'nowrap' }}>
              {t('app.title')}
            </Text>
            <Group gap={2} wrap="nowrap">
              {navFor(user.role).map((n) => (
                <Tooltip key={n.screen} label={`${t(n.label)} · ${n.keys}`} openDelay={400}>
                  <Button
                    size="compact-sm"
                    px={8}
                    variant={screen === n.screen ? 'light' : 'subtle'}
                    onClick={() => setScreen(n.screen)}
                    data-testid={`nav-${n.screen}`}
                    rightSection={
                      (waiting[n.screen] ?? 0) > 0 ? (
                        // A pill, not a circle: a circle cut "12" to "1.." and "1 204" to nothing readable.
                        <Badge
                          size="xs"
                          color="orange"
                          px={4}
                          miw={16}
                          style={{ flexShrink: 0, overflow: 'visible' }}
                          styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
                          data-testid={`${n.screen}-count`}
                        >
                          {formatCount(waiting[n.screen] ?? 0)}
                        </Badge>
                      ) : undefined
                    }
                  >
                    {t(n.label)}
                  </Button>
                </Tooltip>
              ))}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Tooltip label={t('nav.palette')} openDelay={400}>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => openPalette()}
                rightSection={<Kbd size="xs">Ctrl+K</Kbd>}
              >
                {t('nav.paletteShort')}
              </Button>
            </Tooltip>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Tooltip label={t('nav.language')}>
                  <ActionIcon variant="subtle" aria-label={t('nav.language')}>
                    <Text size="xs" fw={600}>
                      {i18n.language.toUpperCase()}
                    </Text>
                  </ActionIcon>
                </Tooltip>
              </Menu.Target>
              <Menu.Dropdown>
                {(['ru', 'en'] as Language[]).map((l) => (
                  <Menu.Item key={l} onClick={() => setLanguage(l)}>
                    {l === 'ru' ? 'Русский' : 'English'}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <NotificationBell
              onJump={(to: JumpTarget) => {
                setJump({ ...to, n: Date.now() });
                setScreen(to.screen);
              }}
            />
            <UserMenu user={user} onLogout={() => void logout()} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main h="calc(100vh - 66px)" style={{ display: 'flex', flexDirection: 'column' }}>
        {screen === 'catalog' && <CatalogScreen openItemId={openItemId} onOpenItem={setOpenItemId} />}
        {screen === 'bulk' && (
          <BulkSearchScreen
            onOpenItem={(id) => {
              setOpenItemId(id);
              setScreen('catalog');
            }}
            onOpenOrder={(id) => {
              setJump({ screen: 'orders', id, n: Date.now() });
              setScreen('orders');
            }}
          />
        )}
        {screen === 'clients' && <ClientsScreen role={user.role} jump={jump?.screen === 'clients' ? jump : null} />}
        {screen === 'claims' && <ClaimsScreen role={user.role} />}
        {screen === 'dashboard' && <DashboardScreen role={user.role} />}
        {screen === 'tickets' && <TicketsScreen role={user.role} jump={jump?.screen === 'tickets' ? jump : null} />}
        {screen === 'orders' && <OrdersScreen jump={jump?.screen === 'orders' ? jump : null} />}
        {screen === 'outbox' && user.role !== 'manager' && <OutboxScreen role={user.role} />}
        {screen === 'approvals' && <ApprovalsScreen role={user.role} />}
        {screen === 'pricing' && user.role === 'admin' && <PricingScreen />}
        {screen === 'users' && user.role === 'admin' && <UsersScreen selfId={user.id} />}
        {screen === 'mail' && user.role !== 'manager' && <MailTriageScreen />}
        {screen === 'plans' && user.role !== 'manager' && <PlansScreen />}
        {screen === 'seasons' && <SeasonsScreen role={user.role} />}
      </AppShell.Main>
      <AppShell.Footer px="md">
        <StatusBar status={status.data} onOpenSync={() => setSyncOpen(true)} />
      </AppShell.Footer>
      <AftersalesNotices onOpen={(kind) => setScreen(kind)} />
      <SyncPanel opened={syncOpen} onClose={() => setSyncOpen(false)} />
      <CommandPalette
        onOpenItem={(id) => {
          setOpenItemId(id);
          setScreen('catalog');
        }}
      />
    </AppShell>
  );
}
