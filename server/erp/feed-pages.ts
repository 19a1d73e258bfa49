// Reading one of the ERP's record feeds (orders made in 1C, documents) to its end, a page per
// transaction: the feed's lock, its cursor, the ERP's answer, the page applied and the cursor
// moved in the same transaction, so a crash re-reads at most that page and a page read twice
// writes the same rows. A feed that goes backwards is recorded and not followed.
import type { Audience } from '../audience';
import type { Query } from '../query';
import type { CentralStore } from '../store';
import type { ErpCaller } from './erp-caller';
import { cursorOf, lockFeed, setCursor, type FeedLock } from './feed-cursor';
import { recordInboundErrors, type InboundError } from './inbound-errors';

export interface FeedChange {
  raw: unknown;
  /** The ERP's position of this change, for the error list. */
  position: string;
}

export interface FeedReader {
  /** The JSON-RPC method, e.g. "documents.changes". */
  method: string;
  lock: FeedLock;
  page: number;
  /** Applies a page's changes; problems are recorded with the page, the rest applied. */
  apply(
    query: Query,
    changes: FeedChange[],
    problems: InboundError[],
  ): Promise<{ audiences: Audience[]; head: number }>;
}

/** Reads the feed to its end (at most 100 pages a round); returns how many changes it read. */
export async function readFeed(
  store: CentralStore,
  erp: ErpCaller,
  reader: FeedReader,
  committed: (audiences: Audience[], head: number) => void,
): Promise<number> {
  let total = 0;
  for (let page = 0; page < 100; page++) {
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      if (!(await lockFeed(query, reader.lock))) return null;
      const since = await cursorOf(query, reader.lock);
      const answer = await erp.call<{ changes?: unknown; cursor?: unknown }>(reader.method, {
        since,
        limit: reader.page,
      });
      const changes = Array.isArray(answer?.changes) ? answer.changes : [];
      const cursor = Number.isInteger(answer?.cursor) ? Number(answer.cursor) : since;
      if (cursor < since) {
        await recordInboundErrors(query, [
          {
            feed: reader.method,
            position: String(since),
            key: null,
            message: `feed went backwards: cursor ${cursor} after ${since}`,
          },
        ]);
        return { count: 0, audiences: [], head: 0 };
      }
      const problems: InboundError[] = [];
      const written = await reader.apply(
        query,
        changes.map((raw, i) => ({ raw, position: String(cursor - changes.length + 1 + i) })),
        problems,
      );
      await recordInboundErrors(query, problems);
      await setCursor(query, reader.lock, cursor);
      return { count: changes.length, ...written };
    });
    if (!result) return total;
    if (result.audiences.length) committed(result.audiences, result.head);
    total += result.count;
    if (result.count < reader.page) break;
  }
  return total;
}
