// One person's account on the Users screen: whether they can sign in, the one-time password
// (invite, or reset), role and supervisor (1C's values until an admin sets them here), and
// deactivation. An admin cannot deactivate themselves or change their own role.
import { Alert, Badge, Button, Divider, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRow } from '../../../domain/contract';
import type { Role } from '../../../domain/roles';
import { desk, errorText } from '../shared/desk';
import { formatTime } from '../shared/format';

const ROLES: Role[] = ['manager', 'supervisor', 'admin'];

export function AccountDetails({
  account,
  self,
  supervisors,
  onOneTime,
  onChanged,
}: {
  account: AccountRow;
  self: boolean;
  supervisors: AccountRow[];
  onOneTime: (password: string) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(account.role);
  const [supervisorId, setSupervisorId] = useState<number | null>(account.supervisorId);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const dirty = role !== account.role || (role === 'manager' && supervisorId !== account.supervisorId);

  const run = async (fn: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>, done?: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok && r.error) return setError(errorText(t, r.error));
    if (done) setNotice(done);
    onChanged();
  };
  const oneTime = () =>
    run(async () => {
      const r = await desk['accounts.oneTimePassword']({ userId: account.id });
      if (r.ok) onOneTime(r.value.password);
      return r;
    });
  const setActive = (active: boolean) =>
    run(() => desk['accounts.set']({ userId: account.id, active }), active ? undefined : t('accounts.saved'));
  const save = () =>
    run(
      () =>
        desk['accounts.set']({
          userId: account.id,
          role,
          supervisorId: role === 'manager' ? supervisorId : null,
        }),
      t('accounts.saved'),
    );
  const origin = (field: string) =>
    account.local ? null : (
      <Badge size="xs" variant="light" color={account.adminSet.includes(field) ? 'orange' : 'gray'}>
        {account.adminSet.includes(field) ? t('accounts.setHere') : t('accounts.fromErp')}
      </Badge>
    );

  return (
    <Stack gap="sm" p="md" data-testid="account-details">
      <div>
        <Text fw={600}>{account.name}</Text>
        <Text size="xs" c="dimmed">
          {account.login} · {t(`accounts.account.${account.active ? account.account : 'off'}`)}
          {account.lastSignInAt ? ` · ${formatTime(account.lastSignInAt)}` : ''}
        </Text>
      </div>
      <Group gap="xs">
        <Button
          size="xs"
          disabled={busy || !account.active}
          onClick={() => void oneTime()}
          data-testid="account-one-time"
        >
          {account.account === 'none' ? t('accounts.invite') : t('accounts.reset')}
        </Button>
        {account.active ? (
          <Button
            size="xs"
            color="red"
            variant="light"
            disabled={busy || self}
            onClick={() => setConfirming(true)}
            data-testid="account-deactivate"
          >
            {t('accounts.deactivate')}
          </Button>
        ) : (
          <Button size="xs" variant="light" disabled={busy} onClick={() => void setActive(true)}>
            {t('accounts.activate')}
          </Button>
        )}
      </Group>
      <Divider />
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={500}>
          {t('accounts.columns.role')}
        </Text>
        {origin('role')}
      </Group>
      <Select
        size="xs"
        value={role}
        disabled={self}
        onChange={(v) => v && setRole(v as Role)}
        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        allowDeselect={false}
        data-testid="account-role"
      />
      {role === 'manager' && (
        <>
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={500}>
              {t('accounts.columns.team')}
            </Text>
            {origin('supervisor_id')}
          </Group>
          <Select
            size="xs"
            value={supervisorId === null ? '' : String(supervisorId)}
            onChange={(v) => setSupervisorId(v ? Number(v) : null)}
            data={[
              { value: '', label: t('accounts.noTeam') },
              ...supervisors.map((s) => ({ value: String(s.id), label: s.name })),
            ]}
            allowDeselect={false}
            searchable
            data-testid="account-team"
          />
        </>
      )}
      <Group justify="flex-end">
        <Button size="xs" disabled={!dirty || busy} onClick={() => void save()} data-testid="account-save">
          {t('accounts.save')}
        </Button>
      </Group>
      {notice && (
        <Alert color="teal" variant="light" p={6} data-testid="account-notice">
          <Text size="xs">{notice}</Text>
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" p={6} data-testid="account-error">
          <Text size="xs">{error}</Text>
        </Alert>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('accounts.deactivate')}>
        <Stack gap="sm">
          <Text size="sm">{t('accounts.confirmDeactivate', { name: account.name })}</Text>
          <Group justify="flex-end">
            <Button
              color="red"
              onClick={() => {
                setConfirming(false);
                void setActive(false);
              }}
              data-testid="account-deactivate-confirm"
            >
              {t('accounts.deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
