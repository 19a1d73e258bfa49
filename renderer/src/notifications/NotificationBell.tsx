// The bell in the header: the person's notifications, newest first, unread marked and counted;
// a click opens the order, ticket or client it is about and marks it read; "what to show" mutes
// kinds (they stay in the list) and turns desktop notifications on. New ones pop up once per
// person (the server picks the desk), in the app and, where allowed, on the desktop.
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationItem } from '../../../domain/contract';
import { NOTIFICATION_KINDS } from '../../../domain/notifications/notification-kinds';
import { desk, onDeskEvent, unwrap } from '../shared/desk';
import { formatTime } from '../shared/format';
import { jumpOf, NOTIFICATION_COLOR, notificationWords, type JumpTarget } from './notification-words';

const KEY = ['notifications'];

/** A bell drawn here (no emoji font is guaranteed on a desk's system). */
function BellIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
    </svg>
  );
}

/** Pops up what the server grants this desk, whenever notifications arrive by sync. */
function useNotificationPopups(onJump: (to: JumpTarget) => void, read: (ids: string[]) => void): void {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const jump = useRef(onJump);
  jump.current = onJump;
  const markRead = useRef(read);
  markRead.current = read;
  const busy = useRef(false);
  useEffect(() => {
    // Signed out (or another person signed in at this desk) while the server was asked: what it
    // granted was the previous person's, and is not shown.
    let alive = true;
    const tell = async () => {
      if (busy.current) return;
      busy.current = true;
      try {
        const fresh = await unwrap(desk['notifications.tell']({}));
        if (!alive) return;
        for (const n of fresh.slice(-5)) {
          const { title, text } = notificationWords(t, n);
          const open = () => {
            jump.current(jumpOf(n));
            markRead.current([n.id]);
            toasts.hide(n.id);
          };
          toasts.show({
            id: n.id,
            title,
            message: text,
            color: NOTIFICATION_COLOR[n.kind],
            autoClose: n.kind === 'order.refused' || n.kind === 'mail.bounced' ? false : 8000,
            withBorder: true,
            onClick: open,
            style: { cursor: 'pointer' },
            'data-testid': 'notification-popup',
          } as Parameters<typeof toasts.show>[0]);
          if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
            const native = new Notification(title, { body: text, tag: n.id });
            native.onclick = open;
          }
        }
      } catch {
        // Signed out or offline: the bell keeps them; the next sync tries again.
      } finally {
        busy.current = false;
      }
    };
    void tell();
    const off = onDeskEvent('replica.changed', ({ tables }) => {
      if (!tables.some((x) => x === 'notifications' || x === 'notification_prefs')) return;
      void queryClient.invalidateQueries({ queryKey: KEY });
      void tell();
    });
    return () => {
      alive = false;
      off();
      // One person's pop-ups do not stay on the screen for the next one at a shared desk.
      toasts.clean();
    };
  }, [queryClient, t]);
}

function Row({ n, onOpen }: { n: NotificationItem; onOpen: (n: NotificationItem) => void }) {
  const { t } = useTranslation();
  const { title, text } = notificationWords(t, n);
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      px={8}
      py={6}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', display: 'block', width: '100%' }}
      bg={n.readAt ? undefined : 'indigo.0'}
      data-testid="notification-row"
      data-unread={n.readAt ? undefined : 'true'}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        <Badge size="xs" circle color={NOTIFICATION_COLOR[n.kind]} variant={n.readAt ? 'outline' : 'filled'} mt={4}>
          {' '}
        </Badge>
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Group justify="space-between" wrap="nowrap" gap={6}>
            <Text size="sm" fw={n.readAt ? 400 : 600} truncate>
              {title}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatTime(n.createdAt)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {text}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

export function NotificationBell({ onJump }: { onJump: (to: JumpTarget) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [permission, setPermission] = useState(
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  const list = useQuery({ queryKey: KEY, queryFn: () => unwrap(desk['notifications.list']({})) });
  const read = (ids: string[]) => {
    if (ids.length) void desk['notifications.read']({ ids: ids.slice(0, 200) }).then(() => list.refetch());
  };
  useNotificationPopups(onJump, read);
  const data = list.data;
  const unread = data?.unread ?? 0;
  const openOne = (n: NotificationItem) => {
    setOpen(false);
    onJump(jumpOf(n));
    if (!n.readAt) read([n.id]);
  };
  const muted = new Set(data?.muted ?? []);
  return (
    <Popover opened={open} onChange={setOpen} position="bottom-end" width={400} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator disabled={unread === 0} label={unread > 99 ? '99+' : unread} size={16} color="orange" offset={4}>
          <ActionIcon
            variant="subtle"
            aria-label={t('notifications.bell')}
            onClick={() => setOpen((o) => !o)}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px={8} py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
          <Text size="sm" fw={600}>
            {choosing ? t('notifications.settings') : t('notifications.bell')}
          </Text>
          <Group gap={4}>
            {!choosing && unread > 0 && (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => read((data?.items ?? []).filter((n) => !n.readAt).map((n) => n.id))}
                data-testid="notifications-read-all"
              >
                {t('notifications.readAll')}
              </Button>
            )}
            <Button size="compact-xs" variant="subtle" onClick={() => setChoosing((c) => !c)}>
              {choosing ? t('notifications.back') : t('notifications.settings')}
            </Button>
          </Group>
        </Group>
        {choosing ? (
          <Stack gap={6} p={8}>
            <Text size="xs" c="dimmed">
              {t('notifications.settingsHint')}
            </Text>
            {NOTIFICATION_KINDS.map((k) => (
              <Checkbox
                key={k}
                size="xs"
                label={t(`notifications.kinds.${k}`)}
                checked={!muted.has(k)}
                onChange={(e) => {
                  const next = e.currentTarget.checked ? [...muted].filter((x) => x !== k) : [...muted, k];
                  void desk['notifications.setMuted']({ muted: next }).then(() => list.refetch());
                }}
              />
            ))}
            {permission === 'granted' ? (
              <Text size="xs" c="teal.8">
                {t('notifications.desktopOn')}
              </Text>
            ) : permission === 'denied' ? (
              <Text size="xs" c="dimmed">
                {t('notifications.desktopBlocked')}
              </Text>
            ) : (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => void Notification.requestPermission().then(setPermission)}
              >
                {t('notifications.desktop')}
              </Button>
            )}
          </Stack>
        ) : (
          <ScrollArea.Autosize mah={440} type="auto">
            {data && data.items.length === 0 && (
              <Text size="sm" c="dimmed" p="sm">
                {t('notifications.empty')}
              </Text>
            )}
            {data?.items.map((n) => (
              <Row key={n.id} n={n} onOpen={openOne} />
            ))}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
