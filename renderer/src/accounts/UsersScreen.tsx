// The admin's Users screen: the staff (from 1C) with their sign-in accounts; for the one picked,
// an invitation or a password reset (a one-time password shown once), role and supervisor, and
// deactivation; a new admin; then moving clients between managers, and the audit log of every
// admin action. Accounts live on the server, so this screen needs a connection; moving clients
// is queued changes and works offline.
import { Alert, Badge, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColDef } from 'ag-grid-community';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRow } from '../../../domain/contract';
import { desk, errorText, unwrap } from '../shared/desk';
import { DeskGrid } from '../shared/DeskGrid';
import { formatTime } from '../shared/format';
import { AccountDetails } from './AccountDetails';
import { AdminAudit } from './AdminAudit';
import { ClientTransfer } from './ClientTransfer';

type Tab = 'users' | 'clients' | 'audit';

export function UsersScreen({ selfId }: { selfId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>('users');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [oneTime, setOneTime] = useState<{ password: string; name: string; login: string } | null>(null);
  const [creating, setCreating] = useState(false);
  const accounts = useQuery({
    queryKey: ['accounts'],
    queryFn: () => unwrap(desk['accounts.list']({})),
    refetchInterval: 10_000,
    retry: false,
  });
  const selected = accounts.data?.find((a) => a.id === selectedId) ?? null;
  const names = useMemo(() => new Map((accounts.data ?? []).map((a) => [a.id, a.name])), [accounts.data]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['accounts'] });

  const columns = useMemo<ColDef<AccountRow>[]>(
    () => [
      { field: 'name', headerName: t('accounts.columns.name'), flex: 1, minWidth: 200 },
      { field: 'login', headerName: t('accounts.columns.login'), width: 130 },
      {
        field: 'role',
        headerName: t('accounts.columns.role'),
        width: 170,
        valueFormatter: (p) => t(`roles.${p.value as string}`),
      },
      { field: 'supervisorName', headerName: t('accounts.columns.team'), width: 200 },
      {
        colId: 'account',
        headerName: t('accounts.columns.account'),
        width: 120,
        valueGetter: (p) => (p.data && !p.data.active ? 'off' : p.data?.account),
        valueFormatter: (p) => t(`accounts.account.${p.value as string}`),
        cellClassRules: { 'cell-muted': (p) => p.value === 'none' || p.value === 'off' },
      },
      { field: 'sessions', headerName: t('accounts.columns.sessions'), width: 90, type: 'numericColumn' },
      {
        field: 'lastSignInAt',
        headerName: t('accounts.columns.lastSignIn'),
        width: 140,
        valueFormatter: (p) => (p.value ? formatTime(p.value as string) : '—'),
      },
    ],
    [t],
  );

  const failure = accounts.error ? errorText(t, accounts.error) : null;

  return (
    <div className="desk-screen" data-testid="users-screen">
      <Group px="md" py={6} gap="md" wrap="nowrap">
        <Text fw={600} size="sm">
          {t('accounts.title')}
        </Text>
        <SegmentedControl
          size="xs"
          value={tab}
          onChange={(v) => setTab(v as Tab)}
          data={(['users', 'clients', 'audit'] as const).map((v) => ({ value: v, label: t(`accounts.tabs.${v}`) }))}
          data-testid="users-tabs"
        />
        {tab === 'users' && (
          <Button size="xs" variant="default" onClick={() => setCreating(true)} data-testid="users-new-admin">
            {t('accounts.newAdmin')}
          </Button>
        )}
        <Text size="xs" c="dimmed" ml="auto">
          {tab === 'users' && accounts.data ? accounts.data.length : ''}
        </Text>
      </Group>
      {failure && (
        <Alert color="red" variant="light" mx="md" p={6}>
          <Text size="xs">{failure}</Text>
        </Alert>
      )}
      {tab === 'users' && (
        <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <div className="desk-grid" data-testid="users-grid" style={{ flex: 1 }}>
            <DeskGrid<AccountRow>
              rowData={accounts.data ?? []}
              columnDefs={columns}
              getRowId={(p) => String(p.data.id)}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              onRowSelected={(e) => e.node.isSelected() && e.data && setSelectedId(e.data.id)}
              overlayNoRowsTemplate={t('accounts.empty')}
            />
          </div>
          <div style={{ width: 340, borderLeft: '1px solid var(--mantine-color-gray-3)', overflow: 'auto' }}>
            {selected ? (
              <AccountDetails
                key={selected.id}
                account={selected}
                self={selected.id === selfId}
                supervisors={(accounts.data ?? []).filter((a) => a.role === 'supervisor' && a.active)}
                onOneTime={(password) => setOneTime({ password, name: selected.name, login: selected.login })}
                onChanged={() => void refresh()}
              />
            ) : (
              <Text size="sm" c="dimmed" p="md">
                {t('accounts.pick')}
              </Text>
            )}
          </div>
        </div>
      )}
      {tab === 'clients' && <ClientTransfer />}
      {tab === 'audit' && <AdminAudit names={names} />}
      <OneTimePasswordDialog value={oneTime} onClose={() => setOneTime(null)} />
      <NewAdminDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(password, name, login) => {
          setCreating(false);
          setOneTime({ password, name, login });
          void refresh();
        }}
      />
    </div>
  );
}

function OneTimePasswordDialog({
  value,
  onClose,
}: {
  value: { password: string; name: string; login: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <Modal opened={value !== null} onClose={onClose} title={t('accounts.oneTime.title')} closeOnClickOutside={false}>
      {value && (
        <Stack gap="sm">
          <Text size="sm">{t('accounts.oneTime.text', { name: value.name, login: value.login })}</Text>
          <Group gap="sm">
            <Text ff="monospace" fz={22} fw={600} data-testid="one-time-password">
              {value.password}
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => void navigator.clipboard?.writeText(value.password).then(() => setCopied(true))}
            >
              {copied ? t('accounts.oneTime.copied') : t('accounts.oneTime.copy')}
            </Button>
          </Group>
          <Group justify="flex-end">
            <Button size="sm" onClick={onClose} data-testid="one-time-done">
              {t('accounts.oneTime.done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function NewAdminDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (password: string, name: string, login: string) => void;
}) {
  const { t } = useTranslation();
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    const r = await desk['accounts.createAdmin']({ login, name });
    if (!r.ok) return setError(errorText(t, r.error));
    setError(null);
    setLogin('');
    setName('');
    onCreated(r.value.password, name.trim(), login.trim());
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('accounts.newAdmin')}>
      <Stack gap="sm">
        <TextInput
          label={t('accounts.fullName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
          data-testid="new-admin-name"
        />
        <TextInput
          label={t('accounts.loginField')}
          value={login}
          onChange={(e) => setLogin(e.currentTarget.value)}
          data-testid="new-admin-login"
        />
        {error && (
          <Alert color="red" variant="light" p={6}>
            <Text size="xs">{error}</Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Badge variant="light" color="gray">
            {t('roles.admin')}
          </Badge>
          <Button
            disabled={login.trim().length < 3 || !name.trim()}
            onClick={() => void create()}
            data-testid="new-admin-create"
          >
            {t('accounts.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
