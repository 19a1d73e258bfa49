// The signed-in person in the header: their name opens a menu with their role, changing their
// own password, and signing out (which ends the session on the server too).
import { Badge, Button, Menu, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../domain/roles';
import { PasswordForm } from './PasswordForm';

export function UserMenu({ user, onLogout }: { user: SessionUser; onLogout: () => void }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="subtle" color="dark" data-testid="user-menu">
            <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
              {user.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            {user.login} ·{' '}
            <Badge variant="light" size="xs">
              {t(`roles.${user.role}`)}
            </Badge>
          </Menu.Label>
          <Menu.Item
            onClick={() => {
              setDone(false);
              setChanging(true);
            }}
            data-testid="own-password"
          >
            {t('nav.password')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={onLogout} data-testid="logout">
            {t('nav.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={changing} onClose={() => setChanging(false)} title={t('accounts.password.change')}>
        {done ? (
          <Text size="sm" data-testid="own-password-done">
            {t('accounts.password.changed')}
          </Text>
        ) : (
          <PasswordForm login={user.login} onDone={() => setDone(true)} submitLabel={t('accounts.save')} />
        )}
      </Modal>
    </>
  );
}
