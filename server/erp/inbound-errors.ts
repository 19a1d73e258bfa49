// What the ERP sent that the server could not take: recorded with the feed, the ERP's position
// and the record's key, so an admin can find it in 1C; counted per feed on the admin's ERP
// screen. Recording never stops a feed: the rest of its page is applied. The same error at the
// same position is kept once: a feed stuck on one answer does not fill the list with copies.
import type { Query } from '../query';

export interface InboundError {
  feed: string;
  position: string;
  key: string | null;
  message: string;
}

/** Keeps the newest errors only: a broken feed repeating one error must not fill the disk. */
const KEEP = 10_000;

export async function recordInboundErrors(query: Query, errors: InboundError[]): Promise<void> {
  if (errors.length === 0) return;
  await query(
    `INSERT INTO erp_inbound_errors (feed, position, record_key, message)
     SELECT DISTINCT x.feed, x.position, x.key, x.message FROM jsonb_to_recordset($1::jsonb) AS x(feed text, position text, key text, message text)
     WHERE NOT EXISTS (SELECT 1 FROM erp_inbound_errors e WHERE e.feed = x.feed AND e.position = x.position
                       AND e.record_key IS NOT DISTINCT FROM x.key AND e.message = x.message)`,
    [JSON.stringify(errors.slice(0, KEEP).map((e) => ({ ...e, message: e.message.slice(0, 1000) })))],
  );
  await query(`DELETE FROM erp_inbound_errors WHERE id <= (SELECT max(id) - $1 FROM erp_inbound_errors)`, [KEEP]);
}

export interface InboundErrorsView {
  counts: { feed: string; count: number; lastAt: string }[];
  recent: (InboundError & { at: string })[];
}

export async function inboundErrorsView(query: Query, limit = 200): Promise<InboundErrorsView> {
  const counts = await query<{ feed: string; count: number; last_at: string }>(
    `SELECT feed, count(*)::int AS count, max(at) AS last_at FROM erp_inbound_errors GROUP BY feed ORDER BY feed`,
  );
  const recent = await query<{
    feed: string;
    position: string;
    record_key: string | null;
    message: string;
    at: string;
  }>(`SELECT feed, position, record_key, message, at FROM erp_inbound_errors ORDER BY id DESC LIMIT $1`, [limit]);
  return {
    counts: counts.map((c) => ({ feed: c.feed, count: c.count, lastAt: new Date(c.last_at).toISOString() })),
    recent: recent.map((r) => ({
      feed: r.feed,
      position: r.position,
      key: r.record_key,
      message: r.message,
      at: new Date(r.at).toISOString(),
    })),
  };
}

/** Why a zod parse failed, in one line: the field's path and the message. */
export function parseProblem(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  return `${first.path.map(String).join('.') || 'record'}: ${first.message}`;
}
