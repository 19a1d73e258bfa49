// Notifications of claims and tickets: a new ticket assigned to me, a client's reply, a claim
// that waits for my step, an SLA clock or deadline about to run out or run out. The desk core
// says what is unseen (from the replica, so this follows sync); each is shown once, in the app
// (Mantine notifications), and as a desktop notification in the Electron shell.
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AftersalesNotice } from '../../../domain/contract';
import { desk, onDeskEvent, unwrap } from '../shared/desk';

const POLL_MS = 60_000;
const COLOR: Record<AftersalesNotice['kind'], string> = {
  ticket_new: 'blue',
  ticket_reply: 'indigo',
  ticket_near: 'orange',
  ticket_breached: 'red',
  claim_step: 'grape',
  claim_near: 'orange',
};

export function AftersalesNotices({ onOpen }: { onOpen: (screen: 'claims' | 'tickets') => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const busy = useRef(false);
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const check = async () => {
      if (busy.current) return;
      busy.current = true;
      try {
        const fresh = await unwrap(desk['aftersales.notices']({}));
        if (!fresh.length) return;
        // Seen first: two checks racing must not show the same notice twice.
        await unwrap(desk['aftersales.seen']({ keys: fresh.map((n) => n.key) }));
        const shown = fresh.slice(0, 5);
        for (const n of shown) {
          const screen = n.kind.startsWith('claim') ? 'claims' : 'tickets';
          const title = t(`notices.${n.kind}.title`, { number: n.number ?? '', client: n.clientName });
          const message = t(`notices.${n.kind}.text`, {
            subject: n.subject,
            status: n.status ? t(`claims.statuses.${n.status}`) : '',
            clock: n.clock ? t(`tickets.columns.${n.clock}`) : '',
            minutes: Math.max(0, Math.round((n.remainingMs ?? 0) / 60_000)),
          });
          notifications.show({
            id: n.key,
            title,
            message,
            color: COLOR[n.kind],
            autoClose: n.kind.endsWith('breached') ? false : 8000,
            withBorder: true,
            onClick: () => {
              open.current(screen);
              notifications.hide(n.key);
            },
            style: { cursor: 'pointer' },
            'data-testid': 'notice',
          } as Parameters<typeof notifications.show>[0]);
          // The Electron shell shows it on the desktop too (the web shell has only the in-app one).
          if (window.desk && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
            const native = new Notification(title, { body: message, tag: n.key });
            native.onclick = () => open.current(screen);
          }
        }
        if (fresh.length > shown.length)
          notifications.show({
            message: t('notices.more', { count: fresh.length - shown.length }),
            color: 'gray',
            autoClose: 8000,
          });
        void queryClient.invalidateQueries({ queryKey: ['aftersales', 'counts'] });
      } catch {
        // Signed out or the core restarting: the next change or tick tries again.
      } finally {
        busy.current = false;
      }
    };
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void check(), 500);
    };
    const off = onDeskEvent('replica.changed', ({ tables }) => {
      if (tables.some((x) => ['claims', 'tickets', 'ticket_messages'].includes(x))) soon();
    });
    const tick = setInterval(() => void check(), POLL_MS);
    soon();
    return () => {
      off();
      clearInterval(tick);
      if (timer) clearTimeout(timer);
    };
  }, [t, queryClient]);
  return null;
}
