// A reserve about to end is news for its manager a day before, once per end: 1C releases it when
// the time is up, and the manager may still extend it or make it an order. The mark is written on
// the order itself (hold_warned_at), so an extended reserve is told again before its new end.
import { RESERVE_WARN_MS } from '../../domain/orders/order-kinds';
import type { Row } from '../../domain/sync/mutation-def';
import { createWatch, type WatchOptions } from '../notifications/watch';
import type { Notice } from '../notifications/notify';
import type { Query } from '../query';
import { updateServerRows } from '../row-store';

const RESERVE_WATCH_LOCK = 7414;

export function createReserveWatch(options: WatchOptions) {
  return createWatch(options, RESERVE_WATCH_LOCK, async (query: Query, at: Date) => {
    const ending = await query<{
      id: string;
      number: string | null;
      manager_id: number;
      client_id: number;
      client: string | null;
      held_until: string;
    }>(
      `SELECT o.id, o.number, o.manager_id, o.client_id, c.name AS client,
              to_char(o.held_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS held_until
       FROM orders o LEFT JOIN clients c ON c.id = o.client_id
       WHERE NOT o.deleted AND o.kind = 'reserve' AND o.hold_state = 'held' AND o.hold_warned_at IS NULL
         AND o.held_until > $1::timestamptz AND o.held_until <= $1::timestamptz + make_interval(secs => $2)`,
      [at.toISOString(), RESERVE_WARN_MS / 1000],
    );
    if (!ending.length) return [];
    const written = await updateServerRows(
      query,
      'orders',
      new Map(
        ending.map((o) => [
          o.id,
          (row: Row) => (row.hold_warned_at ? null : { ...row, hold_warned_at: at.toISOString() }),
        ]),
      ),
    );
    const notices: Notice[] = ending.map((o) => ({
      userIds: [Number(o.manager_id)],
      kind: 'reserve.expiring' as const,
      refKind: 'order' as const,
      refId: o.id,
      params: { number: o.number, client: o.client ?? '', clientId: o.client_id, until: o.held_until },
    }));
    return { notices, ...written };
  });
}
