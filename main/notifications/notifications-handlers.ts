// The notification centre on the desk: the person's notifications from the replica (they arrive
// by sync like any row), marking them read (a mutation, so every desk of theirs follows), the
// muted kinds, and which new ones to pop up here: those not read, not muted, from the last day,
// that the server grants this desk (the first desk of the person to ask tells them).
import type { HandlersOf, NotificationItem, notificationsMethods } from '../../domain/contract';
import {
  NOTIFICATION_HISTORY,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../../domain/notifications/notification-kinds';
import type { DeskSession } from '../session/desk-session';

interface Raw {
  id: string;
  kind: string;
  ref_kind: string;
  ref_id: string;
  params: string;
  created_at: string;
  read_at: string | null;
  told_at: string | null;
}

/** Pop-ups are news: a first sync bringing last week's notifications does not pop them all. */
const TELL_WINDOW_MS = 24 * 3600_000;

const item = (r: Raw): NotificationItem => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  refKind: r.ref_kind as NotificationItem['refKind'],
  refId: r.ref_id,
  params: JSON.parse(r.params) as Record<string, unknown>,
  createdAt: r.created_at,
  readAt: r.read_at,
});

export function notificationsHandlers(s: DeskSession): HandlersOf<typeof notificationsMethods> {
  const db = s.replica.sqlite;
  const known = new Set<string>(NOTIFICATION_KINDS);
  const muted = (): NotificationKind[] => {
    const raw = db.prepare(`SELECT muted FROM notification_prefs WHERE user_id = ?`).pluck().get(s.user.id) as
      string | undefined;
    return raw ? (JSON.parse(raw) as string[]).filter((k): k is NotificationKind => known.has(k)) : [];
  };
  return {
    'notifications.list': () => {
      const rows = db
        .prepare(`SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?`)
        .all(s.user.id, NOTIFICATION_HISTORY) as Raw[];
      const unread = db
        .prepare(`SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL`)
        .pluck()
        .get(s.user.id) as number;
      return { items: rows.filter((r) => known.has(r.kind)).map(item), unread, muted: muted() };
    },
    'notifications.read': ({ ids }) => s.mutate('notification.read@1', { ids }),
    'notifications.setMuted': ({ muted: list }) =>
      s.mutate('notification.setPrefs@1', { userId: s.user.id, muted: list }),
    'notifications.tell': async () => {
      const off = new Set(muted());
      const since = new Date(Date.now() - TELL_WINDOW_MS).toISOString();
      const fresh = (
        db
          .prepare(
            `SELECT * FROM notifications WHERE user_id = ? AND read_at IS NULL AND told_at IS NULL AND created_at >= ?
             ORDER BY created_at LIMIT 50`,
          )
          .all(s.user.id, since) as Raw[]
      ).filter((r) => known.has(r.kind) && !off.has(r.kind as NotificationKind));
      if (!fresh.length) return [];
      // Offline or refused: nothing pops up here now; the bell still has them.
      const granted = await s.server
        .call<{ ids: string[] }>('POST', '/api/notifications/tell', { ids: fresh.map((r) => r.id) })
        .catch(() => ({ ids: [] as string[] }));
      const mine = new Set(granted.ids);
      return fresh.filter((r) => mine.has(r.id)).map(item);
    },
  };
}
