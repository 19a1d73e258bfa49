// The desk's frame: sign-in when there is no session; otherwise the header with navigation,
// the current screen, the command palette (Ctrl+K) and the status bar.
import { ActionIcon, AppShell, Badge, Button, Group, Kbd, Menu, Text, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../domain/contract';
import { CommandPalette, openPalette } from './CommandPalette';
import { desk, onDeskEvent, unwrap } from './desk';
import { setLanguage, type Language } from './i18n';
import { ApprovalsScreen } from './screens/ApprovalsScreen';
import { BulkSearchScreen } from './screens/BulkSearchScreen';
import { CatalogScreen } from './screens/CatalogScreen';
import { ClientsScreen } from './screens/ClientsScreen';
import { OrdersScreen } from './screens/OrdersScreen';
import { PricingScreen } from './screens/PricingScreen';
import { OutboxScreen } from './screens/OutboxScreen';
import { SyncPanel } from './SyncPanel';
import { LoginScreen } from './screens/LoginScreen';
import { StatusBar } from './StatusBar';

type Screen = 'catalog' | 'bulk' | 'clients' | 'orders' | 'outbox' | 'approvals' | 'pricing';

export function App() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => unwrap(desk['sync.status']({})) });
  const [screen, setScreen] = useState<Screen>('catalog');
  const [openItemId, setOpenItemId] = useState<number | null>(null);
  const [syncOpen, setSyncOpen] = useState(false);
  // Waiting requests, counted in the header for supervisors: they come by sync, offline too.
  const signedIn = !!status.data?.user;
  const pendingApprovals = useQuery({ queryKey: ['approvals', 'count'], queryFn: async () => (await unwrap(desk['approvals.list']({ status: 'pending' }))).length, enabled: signedIn });
  useEffect(() => onDeskEvent('replica.changed', ({ tables }) => {
    if (tables.includes('price_approvals')) void queryClient.invalidateQueries({ queryKey: ['approvals'] });
  }), [queryClient]);

  // Catalog views reload once a pull is complete, not after each of its batches: an initial
  // sync of 300,000 rows would otherwise reload a 50,000-row grid dozens of times.
  const catalogDirty = useRef(false);
  useEffect(() => onDeskEvent('sync.status', (s) => {
    const before = queryClient.getQueryData<SyncStatus>(['sync.status']);
    queryClient.setQueryData<SyncStatus>(['sync.status'], s);
    // The outbox moved (sent, rejected, retried): unsent-change marks and the sync panel follow.
    if (before && (before.pending !== s.pending || before.rejected !== s.rejected || before.conflicts !== s.conflicts)) {
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      void queryClient.invalidateQueries({ queryKey: ['orders'] });
      void queryClient.invalidateQueries({ queryKey: ['sync'] });
    }
    if (!s.progress && catalogDirty.current) {
      catalogDirty.current = false;
      void queryClient.invalidateQueries({ queryKey: ['catalog'] });
    }
  }), [queryClient]);
  useEffect(() => onDeskEvent('replica.changed', ({ tables }) => {
    if (tables.some((x) => ['items', 'stock', 'prices', 'warehouses', 'price_types'].includes(x))) catalogDirty.current = true;
  }), [queryClient]);

  useHotkeys([
    ['alt+1', () => setScreen('catalog')],
    ['alt+2', () => setScreen('bulk')],
    ['alt+3', () => setScreen('clients')],
    ['alt+4', () => setScreen('orders')],
    ['alt+5', () => status.data?.user && status.data.user.role !== 'manager' && setScreen('outbox')],
    ['alt+6', () => setScreen('approvals')],
    ['alt+7', () => status.data?.user?.role === 'admin' && setScreen('pricing')],
    ['mod+shift+S', () => setSyncOpen((o) => !o)],
  ]);

  if (!status.data) return null;
  if (!status.data.user) return <LoginScreen serverUrl={status.data.serverUrl} onSignedIn={() => void status.refetch()} />;
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
            <Text fw={700} size="md" c="indigo.8">{t('app.title')}</Text>
            <Group gap={4}>
              <Button variant={screen === 'catalog' ? 'light' : 'subtle'} onClick={() => setScreen('catalog')} rightSection={<Kbd size="xs">Alt+1</Kbd>}>{t('nav.catalog')}</Button>
              <Button variant={screen === 'bulk' ? 'light' : 'subtle'} onClick={() => setScreen('bulk')} rightSection={<Kbd size="xs">Alt+2</Kbd>} data-testid="nav-bulk">{t('nav.bulkSearch')}</Button>
              <Button variant={screen === 'clients' ? 'light' : 'subtle'} onClick={() => setScreen('clients')} rightSection={<Kbd size="xs">Alt+3</Kbd>} data-testid="nav-clients">{t('nav.clients')}</Button>
              <Button variant={screen === 'orders' ? 'light' : 'subtle'} onClick={() => setScreen('orders')} rightSection={<Kbd size="xs">Alt+4</Kbd>} data-testid="nav-orders">{t('nav.orders')}</Button>
              <Button variant={screen === 'approvals' ? 'light' : 'subtle'} onClick={() => setScreen('approvals')} rightSection={<Kbd size="xs">Alt+6</Kbd>} data-testid="nav-approvals"
                leftSection={user.role !== 'manager' && (pendingApprovals.data ?? 0) > 0 ? <Badge size="xs" color="orange" circle data-testid="approvals-count">{pendingApprovals.data}</Badge> : undefined}>{t('nav.approvals')}</Button>
              {user.role === 'admin' && <Button variant={screen === 'pricing' ? 'light' : 'subtle'} onClick={() => setScreen('pricing')} rightSection={<Kbd size="xs">Alt+7</Kbd>} data-testid="nav-pricing">{t('nav.pricing')}</Button>}
              {user.role !== 'manager' && <Button variant={screen === 'outbox' ? 'light' : 'subtle'} onClick={() => setScreen('outbox')} rightSection={<Kbd size="xs">Alt+5</Kbd>} data-testid="nav-outbox">{t('nav.outbox')}</Button>}
            </Group>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Button variant="default" onClick={() => openPalette()} rightSection={<Kbd size="xs">Ctrl+K</Kbd>}>{t('nav.palette')}</Button>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Tooltip label={t('nav.language')}>
                  <ActionIcon variant="subtle" aria-label={t('nav.language')}>
                    <Text size="xs" fw={600}>{i18n.language.toUpperCase()}</Text>
                  </ActionIcon>
                </Tooltip>
              </Menu.Target>
              <Menu.Dropdown>
                {(['ru', 'en'] as Language[]).map((l) => (
                  <Menu.Item key={l} onClick={() => setLanguage(l)}>{l === 'ru' ? 'Русский' : 'English'}</Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" fw={500}>{user.name}</Text>
              <Badge variant="light" size="sm">{t(`roles.${user.role}`)}</Badge>
            </Group>
            <Button variant="subtle" color="gray" onClick={() => void logout()}>{t('nav.logout')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main h="calc(100vh - 66px)" style={{ display: 'flex', flexDirection: 'column' }}>
        {screen === 'catalog' && <CatalogScreen openItemId={openItemId} onOpenItem={setOpenItemId} />}
        {screen === 'bulk' && <BulkSearchScreen onOpenItem={(id) => { setOpenItemId(id); setScreen('catalog'); }} />}
        {screen === 'clients' && <ClientsScreen />}
        {screen === 'orders' && <OrdersScreen />}
        {screen === 'outbox' && user.role !== 'manager' && <OutboxScreen role={user.role} />}
        {screen === 'approvals' && <ApprovalsScreen role={user.role} />}
        {screen === 'pricing' && user.role === 'admin' && <PricingScreen />}
      </AppShell.Main>
      <AppShell.Footer px="md">
        <StatusBar status={status.data} onOpenSync={() => setSyncOpen(true)} />
      </AppShell.Footer>
      <SyncPanel opened={syncOpen} onClose={() => setSyncOpen(false)} />
      <CommandPalette onOpenItem={(id) => { setOpenItemId(id); setScreen('catalog'); }} />
    </AppShell>
  );
}
