// Every notification reads whole in both languages: each figure its title and line name is filled
// from what the server put in it (a figure the words leave out shows as "{{other}}" on screen).
import { describe, expect, it, vi } from 'vitest';
import type { NotificationItem } from '../../../domain/contract';
import { NOTIFICATION_KINDS } from '../../../domain/notifications/notification-kinds';
import i18next from '../shared/i18n';
import { notificationWords } from './notification-words';

// The desk's own i18n set-up (the formats use it) reads the saved language and sets the page's.
vi.hoisted(() => {
  Object.assign(globalThis, {
    localStorage: { getItem: () => 'ru', setItem: () => undefined },
    document: { documentElement: { lang: '' } },
  });
});

// Every figure any kind of notification carries (server/notifications, server/orders, server/mail).
const params = {
  number: 'ДМ-0001',
  erpNumber: 'ЗК-100001',
  other: 'ДМ-0002',
  client: 'ООО «Ромашка»',
  clientId: 17,
  reason: 'склад закрыт',
  subject: 'Акт сверки',
  to: 'buyer@example.com',
  overdue: '1000.00',
  limit: '5000.00',
  comment: 'срочно',
  status: 'approved',
  minutes: 30,
  clock: 'firstResponse',
  lines: 3,
  until: '2026-12-07T09:00:00.000Z',
};

describe('notifications in words', () => {
  it.each(['ru', 'en'])('leave no figure unfilled (%s)', async (lang) => {
    await i18next.changeLanguage(lang);
    const t = i18next.t.bind(i18next);
    for (const kind of NOTIFICATION_KINDS) {
      const n = { kind, params } as unknown as NotificationItem;
      const { title, text } = notificationWords(t, n);
      expect(`${kind}: ${title} | ${text}`).not.toMatch(/\{\{|notifications\./);
    }
  });
});
