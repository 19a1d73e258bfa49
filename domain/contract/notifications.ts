// The desk contract, the notification centre: the person's notifications (newest first, with
// the unread count and the muted kinds), marking read, asking which new ones this desk shows as
// pop-ups (the server answers, so a person with two desks open is told once), choosing kinds.
import { z } from 'zod';
import { NOTIFICATION_KINDS, NOTIFICATION_REFS } from '../notifications/notification-kinds';
import { NoInput, Seq } from './shared';

export const NotificationItem = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  refKind: z.enum(NOTIFICATION_REFS),
  refId: z.string(),
  params: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const notificationsMethods = {
  'notifications.list': {
    input: NoInput,
    output: z.object({
      items: z.array(NotificationItem),
      unread: z.number().int(),
      muted: z.array(z.enum(NOTIFICATION_KINDS)),
    }),
  },
  'notifications.read': { input: z.object({ ids: z.array(z.string().uuid()).min(1).max(200) }).strict(), output: Seq },
  /** The new ones this desk shows as pop-ups now (not read, not muted, told nowhere yet). */
  'notifications.tell': { input: NoInput, output: z.array(NotificationItem) },
  'notifications.setMuted': {
    input: z.object({ muted: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length) }).strict(),
    output: Seq,
  },
} as const;
