// Where each ERP feed stands (its cursor, kept in server_settings and advanced in the same
// transaction as the rows read up to it) and the advisory lock that lets one server instance
// read a feed at a time while the others skip that round.
import type { Query } from '../query';

const FEED_LOCK_BASE = 7500;
const FEED_LOCKS = [
  'statuses',
  'prices',
  'catalog',
  'clients',
  'stock',
  'receivables',
  'warehouses',
  'priceTypes',
  'staff',
  'stockChanges',
  'initialLoad',
  'erpOrders',
  'documents',
  'plans',
] as const;
export type FeedLock = (typeof FEED_LOCKS)[number];

export async function cursorOf(query: Query, feed: string): Promise<number> {
  const [row] = await query<{ value: string }>(`SELECT value FROM server_settings WHERE key = $1`, [
    `erp_cursor:${feed}`,
  ]);
  return row ? Number(row.value) : 0;
}

export async function setCursor(query: Query, feed: string, cursor: number): Promise<void> {
  await query(
    `INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [`erp_cursor:${feed}`, String(cursor)],
  );
}

/** Takes the feed's lock for this transaction, or says another instance holds it. */
export async function lockFeed(query: Query, feed: FeedLock): Promise<boolean> {
  const [row] = await query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
    FEED_LOCK_BASE + 1 + FEED_LOCKS.indexOf(feed),
  ]);
  return Boolean(row?.ok);
}
