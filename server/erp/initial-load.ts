// The initial load: a server whose store has no master data reads all of it from the ERP, kind
// by kind (warehouses, price types, staff, items, prices, stock, clients), page by page with a
// key cursor. Each page is written in one transaction together with the load's state (kind,
// cursor, counts), so a crash or a cut loses nothing and re-reads at most the page it was on.
// The first page of each kind names its change feed's position; when the load is done each
// feed starts from there, so a change made in the ERP during the load is not lost.
import {
  MASTER_ENTITIES,
  MASTER_METHODS,
  MASTER_RECORD,
  OPTIONAL_MASTER,
  SnapshotPage,
  compareSnapshotKeys,
  masterKeyOf,
  snapshotKeyOf,
  type MasterEntity,
  type SnapshotKey,
} from '../../domain/erp/master-feeds';
import type { Audience } from '../audience';
import type { Query } from '../query';
import type { CentralStore } from '../store';
import { isMethodNotFound, type ErpCaller } from './erp-caller';
import { lockFeed, setCursor } from './feed-cursor';
import { parseProblem, recordInboundErrors, type InboundError } from './inbound-errors';
import { applyMaster, type MasterOp } from './master-apply';
import { masterFeedName } from './master-poll';

export interface LoadState {
  status: 'loading' | 'done';
  entity: MasterEntity;
  after: SnapshotKey | null;
  /** Feed positions named by each kind's first page. */
  positions: Partial<Record<MasterEntity, number>>;
  /** Records read, written (new or changed) and refused, per kind; totals as the ERP announced them. */
  read: Partial<Record<MasterEntity, number>>;
  written: Partial<Record<MasterEntity, number>>;
  refused: Partial<Record<MasterEntity, number>>;
  totals: Partial<Record<MasterEntity, number>>;
  startedAt: string;
  finishedAt: string | null;
}

const STATE_KEY = 'erp_load';

export async function loadStateOf(query: Query): Promise<LoadState | null> {
  const [row] = await query<{ value: string }>(`SELECT value FROM server_settings WHERE key = $1`, [STATE_KEY]);
  return row ? (JSON.parse(row.value) as LoadState) : null;
}

async function saveState(query: Query, state: LoadState): Promise<void> {
  await query(
    `INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [STATE_KEY, JSON.stringify(state)],
  );
}

/** For a store filled another way (a test fixture, a restored backup): the feeds go on from these positions. */
export async function markLoaded(query: Query, positions: Partial<Record<MasterEntity, number>> = {}): Promise<void> {
  const now = new Date().toISOString();
  await saveState(query, {
    status: 'done',
    entity: MASTER_ENTITIES[MASTER_ENTITIES.length - 1]!,
    after: null,
    positions,
    read: {},
    written: {},
    refused: {},
    totals: {},
    startedAt: now,
    finishedAt: now,
  });
}

export interface LoadStep {
  state: LoadState;
  /** Rows written by this step and who must be told. */
  audiences: Audience[];
  head: number;
}

/** Records per snapshot page: large enough that a round trip is cheap beside the rows, small enough to redo. */
export const LOAD_PAGE = 5000;

export function createInitialLoad(store: CentralStore, erp: ErpCaller, pageSize = LOAD_PAGE) {
  // The next page is asked for while this one is written (the ERP serialises it meanwhile). It
  // is used only if the state committed names the same kind and cursor; otherwise asked again.
  let ahead: { key: string; answer: Promise<unknown> } | null = null;
  const ask = (entity: MasterEntity, after: SnapshotKey | null): Promise<unknown> =>
    erp.call<unknown>(MASTER_METHODS[entity].snapshot, { after, limit: pageSize }).catch((err: unknown) => {
      // An ERP that keeps no plans has none to load.
      if (OPTIONAL_MASTER.has(entity) && isMethodNotFound(err))
        return { rows: [], next: null, position: 0, asOf: new Date().toISOString() };
      throw err;
    });

  /** Reads and writes one page; returns null when another instance is loading. */
  async function step(): Promise<LoadStep | null> {
    const problems: InboundError[] = [];
    try {
      return await store.transaction(async (tx) => {
        const query = tx.query as Query;
        if (!(await lockFeed(query, 'initialLoad'))) return null;
        const state = (await loadStateOf(query)) ?? fresh();
        if (state.status === 'done') return { state, audiences: [], head: 0 };
        const { entity, after } = state;
        const feed = `${MASTER_METHODS[entity].snapshot}`;
        const position = JSON.stringify(after);
        const key = JSON.stringify([entity, after]);
        const pending = ahead?.key === key ? ahead.answer : ask(entity, after);
        ahead = null;
        const raw = await pending;
        const parsed = SnapshotPage.safeParse(raw);
        if (!parsed.success) {
          problems.push({ feed, position, key: null, message: `page: ${parseProblem(parsed.error.issues)}` });
          throw new Error(`ERP snapshot page of ${entity} does not parse`);
        }
        const page = parsed.data;
        if (after === null) {
          state.positions[entity] = page.position;
          if (page.total !== undefined) state.totals[entity] = page.total;
        }
        const ops: MasterOp[] = [];
        let last: SnapshotKey | null = after;
        let overlapping = 0;
        for (const [i, row] of page.rows.entries()) {
          const record = MASTER_RECORD[entity].safeParse(row);
          const rowKey = keyOfRaw(entity, row);
          if (!record.success) {
            problems.push({
              feed,
              position: `${position}+${i}`,
              key: rowKey,
              message: parseProblem(record.error.issues),
            });
            continue;
          }
          const data = record.data as Record<string, unknown>;
          const key = snapshotKeyOf(entity, data);
          // A page that repeats or overlaps the one before: those records are already written.
          if (last !== null && compareSnapshotKeys(key, last) <= 0) {
            overlapping++;
            continue;
          }
          last = key;
          ops.push({
            op: 'put',
            key: masterKeyOf(entity, data),
            record: data,
            at: page.asOf,
            position: `${position}+${i}`,
          });
        }
        if (overlapping)
          problems.push({
            feed,
            position,
            key: null,
            message: `page repeats ${overlapping} record(s) at or before the cursor, or out of key order; skipped`,
          });
        const applied = await applyMaster(query, entity, ops, true);
        for (const r of applied.refused) problems.push({ feed, position: r.position, key: r.key, message: r.message });
        state.read[entity] = (state.read[entity] ?? 0) + page.rows.length;
        state.written[entity] = (state.written[entity] ?? 0) + applied.written;
        state.refused[entity] = (state.refused[entity] ?? 0) + problems.filter((p) => p.key !== null).length;
        const next = page.next;
        if (next !== null && after !== null && compareSnapshotKeys(next, after) <= 0) {
          problems.push({ feed, position, key: null, message: `page's next ${JSON.stringify(next)} goes backwards` });
          throw new Error(`ERP snapshot of ${entity} went backwards`);
        }
        if (next === null) {
          const at = MASTER_ENTITIES.indexOf(entity);
          if (at === MASTER_ENTITIES.length - 1) {
            state.status = 'done';
            state.finishedAt = new Date().toISOString();
            for (const e of MASTER_ENTITIES) await setCursor(query, masterFeedName(e), state.positions[e] ?? 0);
          } else state.entity = MASTER_ENTITIES[at + 1]!;
          state.after = null;
        } else state.after = next;
        await saveState(query, state);
        if (state.status === 'loading') {
          const answer = ask(state.entity, state.after);
          answer.catch(() => undefined);
          ahead = { key: JSON.stringify([state.entity, state.after]), answer };
        }
        await recordInboundErrors(query, problems);
        problems.length = 0;
        return { state, audiences: applied.audiences, head: applied.head };
      });
    } finally {
      // A page that could not be taken at all is still on record (its transaction rolled back).
      if (problems.length) await store.transaction((tx) => recordInboundErrors(tx.query as Query, problems));
    }
  }

  async function state(): Promise<LoadState | null> {
    return loadStateOf(store.queryObjects as Query);
  }

  return { step, state };
}

function fresh(): LoadState {
  return {
    status: 'loading',
    entity: MASTER_ENTITIES[0],
    after: null,
    positions: {},
    read: {},
    written: {},
    refused: {},
    totals: {},
    startedAt: new Date().toISOString(),
    finishedAt: null,
  };
}

/** A record's key as sent, for the error log, even when the record does not parse. */
function keyOfRaw(entity: MasterEntity, row: unknown): string | null {
  if (!row || typeof row !== 'object') return null;
  try {
    return masterKeyOf(entity, row as Record<string, unknown>);
  } catch {
    return null;
  }
}

export type InitialLoad = ReturnType<typeof createInitialLoad>;
