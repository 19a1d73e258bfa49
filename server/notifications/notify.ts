// Writes notifications: one row per person told, in the transaction of the change it tells of
// (an order accepted, a letter bounced...), replicated to that person's desks. Call under the
// write lock (after the change's own rows); returns who must hear and the head after the rows.
import { randomUUID } from 'node:crypto';
import type { NotificationKind, NotificationRef } from '../../domain/notifications/notification-kinds';
import type { Audience } from '../audience';
import { advanceHead, WRITE_LOCK } from '../row-store';
import type { Query } from '../query';

export interface Notice {
  userIds: readonly number[];
  kind: NotificationKind;
  refKind: NotificationRef;
  refId: string;
  params: Record<string, unknown>;
}

export async function notify(
  query: Query,
  notices: Notice[],
  at: Date,
): Promise<{ audiences: Audience[]; head: number }> {
  const rows = notices.flatMap((n) =>
    [...new Set(n.userIds)]
      .filter((id) => Number.isInteger(id) && id > 0)
      .map((userId) => ({
        id: randomUUID(),
        user_id: userId,
        kind: n.kind,
        ref_kind: n.refKind,
        ref_id: n.refId,
        params: n.params,
        created_at: at.toISOString(),
      })),
  );
  if (!rows.length) return { audiences: [], head: 0 };
  await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  await query(
    `INSERT INTO notifications (id, user_id, kind, ref_kind, ref_id, params, created_at, version)
     SELECT x.id, x.user_id, x.kind, x.ref_kind, x.ref_id, x.params, x.created_at, nextval('row_version')
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, user_id int, kind text, ref_kind text, ref_id text, params jsonb, created_at text)`,
    [JSON.stringify(rows)],
  );
  return { audiences: rows.map((r) => [r.user_id]), head: await advanceHead(query) };
}

/**
 * The one desk that shows a notification: the first to ask. A person with two desks open sees a
 * pop-up once; the other desk keeps it in the bell's history.
 */
export async function claimTelling(query: Query, userId: number, ids: string[], at: Date): Promise<string[]> {
  if (!ids.length) return [];
  await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  const told = await query<{ id: string }>(
    `UPDATE notifications SET told_at = $3, version = nextval('row_version')
     WHERE id = ANY($1::text[]) AND user_id = $2 AND told_at IS NULL AND NOT deleted RETURNING id`,
    [ids, userId, at.toISOString()],
  );
  await advanceHead(query);
  return told.map((t) => t.id);
}
