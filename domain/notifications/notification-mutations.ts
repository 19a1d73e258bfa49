// Mutations of the notification centre: mark notifications read (on one desk, so on all of the
// person's desks), and choose which kinds pop up. A person changes only their own.
import { z } from 'zod';
import type { MutationDef, MutationOutcome, Row } from '../sync/mutation-def';
import { NOTIFICATION_KINDS } from './notification-kinds';

const reject = (code: 'forbidden', message: string): MutationOutcome => ({ ok: false, code, message });

const ReadArgs = z.object({ ids: z.array(z.string().uuid()).min(1).max(200) }).strict();

export const readNotifications: MutationDef<z.infer<typeof ReadArgs>> = {
  name: 'notification.read@1',
  args: ReadArgs,
  aggregate: (a) => `notifications:${a.ids[0]}`,
  reads: (a) => a.ids.map((id) => ({ table: 'notifications' as const, key: id })),
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const writes: { table: 'notifications'; key: string; row: Row }[] = [];
    for (const id of a.ids) {
      const n = rows.get(`notifications|${id}`);
      // Gone (older than the history) or already read: nothing to do.
      if (!n || n.read_at) continue;
      if (Number(n.user_id) !== ctx.userId) return reject('forbidden', 'not_your_notification');
      writes.push({ table: 'notifications', key: id, row: { ...n, read_at: ctx.now } });
    }
    return { ok: true, writes, conflicts: [] };
  },
};

const PrefsArgs = z
  .object({
    userId: z.number().int().positive(),
    muted: z.array(z.enum(NOTIFICATION_KINDS)).max(NOTIFICATION_KINDS.length),
  })
  .strict();

export const setNotificationPrefs: MutationDef<z.infer<typeof PrefsArgs>> = {
  name: 'notification.setPrefs@1',
  args: PrefsArgs,
  aggregate: (a) => `notification-prefs:${a.userId}`,
  reads: (a) => [{ table: 'notification_prefs', key: String(a.userId) }],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, _rows, ctx) {
    if (a.userId !== ctx.userId) return reject('forbidden', 'not_your_choice');
    return {
      ok: true,
      writes: [
        {
          table: 'notification_prefs',
          key: String(ctx.userId),
          row: { user_id: ctx.userId, muted: [...new Set(a.muted)].sort() },
        },
      ],
      conflicts: [],
    };
  },
};

export const notificationMutations = [readNotifications, setNotificationPrefs];
