// The master data change feeds after the initial load: for each kind, the changes after the
// cursor, page by page. Every change is parsed (envelope, then record); a change that does not
// parse or refers to what the store does not know is recorded with its position and skipped, and
// the feed goes on. A page read twice (the cursor is stored with the rows, so a crash re-reads
// it) or a page that starts early writes nothing twice. A feed that answers with a cursor
// behind the one asked is recorded and not followed.
import {
  FeedPage,
  MASTER_ENTITIES,
  MASTER_KEY,
  MASTER_METHODS,
  MASTER_RECORD,
  MasterChange,
  OPTIONAL_MASTER,
  masterKeyOf,
  type MasterEntity,
} from '../../domain/erp/master-feeds';
import type { Audience } from '../audience';
import type { Query } from '../query';
import type { CentralStore } from '../store';
import { isMethodNotFound, type ErpCaller } from './erp-caller';
import { cursorOf, lockFeed, setCursor, type FeedLock } from './feed-cursor';
import { parseProblem, recordInboundErrors, type InboundError } from './inbound-errors';
import { applyMaster, type MasterOp } from './master-apply';

/** The feed's name for its cursor and lock (the catalog and price feeds keep the names they had). */
export function masterFeedName(entity: MasterEntity): FeedLock {
  return entity === 'items' ? 'catalog' : entity === 'stock' ? 'stockChanges' : entity;
}

export const FEED_PAGE = 1000;

async function deferredPosition(query: Query, feed: string): Promise<number> {
  const [row] = await query<{ value: string }>(`SELECT value FROM server_settings WHERE key = $1`, [
    `erp_deferred:${feed}`,
  ]);
  return row ? Number(row.value) : 0;
}

async function setDeferred(query: Query, feed: string, position: number): Promise<void> {
  await query(
    `INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [`erp_deferred:${feed}`, String(position)],
  );
}

export interface PolledPage {
  count: number;
  audiences: Audience[];
  head: number;
}

/** Turns a page of raw changes into writes, recording what cannot be taken. */
export function parseChanges(
  entity: MasterEntity,
  raw: unknown[],
  firstPosition: number,
  problems: InboundError[],
): MasterOp[] {
  const feed = MASTER_METHODS[entity].changes;
  const ops: MasterOp[] = [];
  for (const [i, change] of raw.entries()) {
    const position = String(firstPosition + i);
    const envelope = MasterChange.safeParse(change);
    if (!envelope.success) {
      problems.push({ feed, position, key: null, message: parseProblem(envelope.error.issues) });
      continue;
    }
    const c = envelope.data;
    if (c.op === 'retire') {
      const missing = MASTER_KEY[entity].find((f) => typeof c.key[f] !== 'number');
      if (missing) {
        problems.push({ feed, position, key: null, message: `retire: key lacks ${missing}` });
        continue;
      }
      ops.push({ op: 'retire', key: masterKeyOf(entity, c.key), at: c.at, position });
      continue;
    }
    const record = MASTER_RECORD[entity].safeParse(c.data);
    if (!record.success) {
      const data = c.data as Record<string, unknown> | null;
      const key = data && typeof data === 'object' ? masterKeyOf(entity, data) : null;
      problems.push({ feed, position, key, message: parseProblem(record.error.issues) });
      continue;
    }
    const data = record.data as Record<string, unknown>;
    ops.push({ op: 'put', key: masterKeyOf(entity, data), record: data, at: c.at, position });
  }
  return ops;
}

export function createMasterPoll(
  store: CentralStore,
  erp: ErpCaller,
  committed: (audiences: Audience[], head: number) => void,
) {
  /** One page of one feed in one transaction; null when another instance holds the feed. */
  async function page(entity: MasterEntity): Promise<PolledPage | null> {
    const name = masterFeedName(entity);
    const feed = MASTER_METHODS[entity].changes;
    const problems: InboundError[] = [];
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      if (!(await lockFeed(query, name))) return null;
      const since = await cursorOf(query, name);
      const answer = await erp.call<unknown>(feed, { since, limit: FEED_PAGE }).catch((err: unknown) => {
        // An ERP that keeps no plans has no changes of them.
        if (OPTIONAL_MASTER.has(entity) && isMethodNotFound(err)) return { changes: [], cursor: since };
        throw err;
      });
      const parsed = FeedPage.safeParse(answer);
      if (!parsed.success) {
        await recordInboundErrors(query, [
          { feed, position: String(since), key: null, message: `page: ${parseProblem(parsed.error.issues)}` },
        ]);
        return { count: 0, audiences: [], head: 0 };
      }
      const { changes, cursor } = parsed.data;
      if (cursor < since) {
        await recordInboundErrors(query, [
          { feed, position: String(since), key: null, message: `feed went backwards: cursor ${cursor} after ${since}` },
        ]);
        return { count: 0, audiences: [], head: 0 };
      }
      // Positions of this page's changes: it ends at `cursor` (it may start before `since`).
      const ops = parseChanges(entity, changes, cursor - changes.length + 1, problems);
      const applied = await applyMaster(query, entity, ops);
      // A change naming a record another feed has not brought yet (a price of an item created a
      // moment ago) gets a second reading after the other feeds caught up; then it is refused.
      const unknown = applied.refused.find((r) => r.message.startsWith('unknown '));
      const deferredAt = await deferredPosition(query, name);
      let next = cursor;
      if (unknown && Number(unknown.position) > deferredAt) {
        next = Number(unknown.position) - 1;
        await setDeferred(query, name, Number(unknown.position));
      }
      const kept = applied.refused.filter((r) => next === cursor || Number(r.position) <= next);
      for (const r of kept) problems.push({ feed, position: r.position, key: r.key, message: r.message });
      await recordInboundErrors(
        query,
        problems.filter((p) => next === cursor || Number(p.position) <= next),
      );
      await setCursor(query, name, next);
      // A deferred page counts as short: the round ends, the other feeds catch up first.
      return { count: next === cursor ? changes.length : 0, audiences: applied.audiences, head: applied.head };
    });
    if (result?.audiences.length) committed(result.audiences, result.head);
    return result;
  }

  /** Reads a feed to its end (at most 100 pages a round); returns how many changes it read. */
  async function poll(entity: MasterEntity): Promise<number> {
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const got = await page(entity);
      if (!got) break;
      total += got.count;
      if (got.count < FEED_PAGE) break;
    }
    return total;
  }

  /** All master feeds in the order their records refer to each other (items before their prices). */
  async function pollAll(): Promise<number> {
    let total = 0;
    for (const entity of MASTER_ENTITIES) total += await poll(entity);
    return total;
  }

  return { poll, page, pollAll };
}

export type MasterPoll = ReturnType<typeof createMasterPoll>;
