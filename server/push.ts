// Push: a desk's mutations applied in sequence order, each in one transaction together with the
// record of its sequence number and its answer, so a re-sent mutation is a no-op that gets the
// same answer (exactly-once effect). Writers take one advisory lock, so row versions commit in
// order and `sync_head` is always a version below which everything has committed.
import { MANAGER_SCOPED, rowAudience, type Audience, type Directory } from './audience';
import { runMutation, mutationAggregate, mutationReads } from '../domain/sync/mutations';
import { refId, type FieldConflict, type Row, type RowRef } from '../domain/sync/mutation-def';
import type { SessionUser } from '../domain/roles';
import type { PushedMutation } from '../domain/sync/sync-protocol';
import { auditEntries } from './price-audit';
import { keyParts, syncTables, type SyncTableName } from '../domain/sync/sync-tables';
import { loadDirectory } from './directory';
import { enqueueAftersalesMessage } from './aftersales/erp-messages';
import { enqueueOrderMessage } from './orders/order-messages';
import { blocksOnServer, checkOrderOnServer } from './orders/submit-check';
import type { CentralStore } from './store';

export interface PushResult {
  seq: number;
  /** `conflict`: applied, and it overwrote another user's newer value (both are told). */
  status: 'applied' | 'rejected' | 'conflict';
  code?: string;
  message?: string;
}

export interface PushOutcome {
  results: PushResult[];
  /** Audiences of everything committed, for pokes. */
  audiences: Audience[];
  head: number;
  /** The store failed on a mutation (not the mutation's fault): it and those after it got no answer. */
  failed?: boolean;
}

type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** Serialises writers: versions are taken and committed in one order. */
export const WRITE_LOCK = 7411;

function def(table: SyncTableName): {
  pk: readonly string[];
  columns: readonly string[];
  decimals?: readonly string[];
  json?: readonly string[];
} {
  return syncTables[table];
}

function pkWhere(table: SyncTableName, key: string, first: number): { sql: string; params: unknown[] } {
  return {
    sql: def(table)
      .pk.map((c, i) => `t.${c} = $${first + i}`)
      .join(' AND '),
    params: keyParts(key),
  };
}

export async function readRow(
  query: Query,
  table: SyncTableName,
  key: string,
  lock: boolean,
): Promise<(Row & { version: number }) | null> {
  const d = def(table);
  const cols = d.columns.map((c) => (d.decimals?.includes(c) ? `t.${c}::text AS ${c}` : `t.${c}`));
  const where = pkWhere(table, key, 1);
  const [row] = await query<Row & { version: number; deleted: boolean }>(
    `SELECT ${cols.join(', ')}, t.version, t.deleted FROM ${table} t WHERE ${where.sql}${lock ? ' FOR UPDATE' : ''}`,
    where.params,
  );
  if (!row || row.deleted) return null;
  const { deleted: _deleted, ...rest } = row;
  return { ...rest, version: Number(row.version) };
}

/**
 * Reference tables the ERP feeds and no desk mutation writes: mutations only look rows up there
 * (declared with lookUp), so they are not locked (every new order locked its warehouse's row, and
 * all order creations of all desks, and the ERP's stock feed, queued behind each other on it).
 * Clients and users stay locked though looked up: a reassignment must not pass an order's check.
 */
const LOOKED_AT_ONLY: ReadonlySet<SyncTableName> = new Set(['items', 'warehouses']);

/**
 * The rows a mutation reads, keyed "table|key": tables with a one-column key in one query each
 * (a 1,000-line edit reads its lines and items in two queries, not two thousand). Rows the
 * mutation may write are locked; catalog rows it only looks at are not.
 */
async function readRows(query: Query, refs: RowRef[]): Promise<Map<string, Row | null>> {
  const rows = new Map<string, Row | null>();
  const byTable = new Map<SyncTableName, string[]>();
  for (const ref of refs) {
    if (def(ref.table).pk.length === 1) byTable.set(ref.table, [...(byTable.get(ref.table) ?? []), ref.key]);
    else rows.set(refId(ref), await readRow(query, ref.table, ref.key, true));
  }
  for (const [table, keys] of byTable) {
    const d = def(table);
    const pk = d.pk[0]!;
    const cols = d.columns.map((c) => (d.decimals?.includes(c) ? `t.${c}::text AS ${c}` : `t.${c}`));
    const numeric = keys.every((k) => /^-?\d+$/.test(k));
    const found = await query<Row & { version: number; deleted: boolean }>(
      `SELECT ${cols.join(', ')}, t.version, t.deleted FROM ${table} t WHERE t.${pk} = ANY($1::${numeric ? 'bigint' : 'text'}[]) ORDER BY t.${pk}${LOOKED_AT_ONLY.has(table) ? '' : ' FOR UPDATE'}`,
      [numeric ? keys.map(Number) : keys],
    );
    for (const key of keys) rows.set(`${table}|${key}`, null);
    for (const { deleted, ...rest } of found)
      if (!deleted) rows.set(`${table}|${String(rest[pk])}`, { ...rest, version: Number(rest.version) });
  }
  return rows;
}

async function deleteRow(query: Query, table: SyncTableName, key: string, version: number): Promise<void> {
  const where = pkWhere(table, key, 2);
  await query(`UPDATE ${table} t SET deleted = true, version = $1 WHERE ${where.sql}`, [version, ...where.params]);
}

/** Parameters PostgreSQL takes in one statement are at most 65,535; a chunk stays below. */
const MAX_PARAMS = 60_000;

/** Upserts rows of one table in multi-row statements (their params take the columns' types). */
async function upsertRows(query: Query, table: SyncTableName, rows: { row: Row; version: number }[]): Promise<void> {
  const d = def(table);
  const cols = [...d.columns];
  const width = cols.length + 1;
  const updates = cols.filter((c) => !d.pk.includes(c)).map((c) => `${c} = EXCLUDED.${c}`);
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map(({ row, version }, r) => {
      for (const c of cols) params.push(d.json?.includes(c) ? JSON.stringify(row[c] ?? null) : row[c]);
      params.push(version);
      const at = r * width;
      return `(${cols.map((c, i) => (d.json?.includes(c) ? `$${at + i + 1}::jsonb` : `$${at + i + 1}`)).join(', ')}, $${at + width}, false)`;
    });
    await query(
      `INSERT INTO ${table} (${cols.join(', ')}, version, deleted) VALUES ${tuples.join(', ')}
       ON CONFLICT (${d.pk.join(', ')}) DO UPDATE SET ${[...updates, 'version = EXCLUDED.version', 'deleted = false'].join(', ')}`,
      params,
    );
  }
}

/**
 * Writes rows with their versions in as few statements as the order of the writes allows: a run
 * of upserts to one table is one statement (a 1,000-line paste was 2,000 round trips under the
 * write lock, and every other desk's push waited behind them). A key written twice ends the run,
 * so the later write still lands after the earlier one; deletions go one by one (rare).
 */
async function writeRows(
  query: Query,
  writes: readonly { table: SyncTableName; key: string; row: Row | null }[],
  versions: readonly number[],
): Promise<void> {
  let run: { table: SyncTableName; keys: Set<string>; rows: { row: Row; version: number }[] } | null = null;
  const flush = async (): Promise<void> => {
    if (run) await upsertRows(query, run.table, run.rows);
    run = null;
  };
  for (const [i, w] of writes.entries()) {
    if (w.row === null) {
      await flush();
      await deleteRow(query, w.table, w.key, versions[i]!);
      continue;
    }
    if (run && (run.table !== w.table || run.keys.has(w.key))) await flush();
    run ??= { table: w.table, keys: new Set(), rows: [] };
    run.keys.add(w.key);
    run.rows.push({ row: w.row, version: versions[i]! });
  }
  await flush();
}

/** The next `count` row versions, ascending, in one round trip (call under the write lock). */
async function takeVersions(query: Query, count: number): Promise<number[]> {
  if (count <= 0) return [];
  const rows = await query<{ v: string }>(`SELECT nextval('row_version')::text AS v FROM generate_series(1, $1::int)`, [
    count,
  ]);
  return rows.map((r) => Number(r.v)).sort((a, b) => a - b);
}

/** Marks everything written so far as committed-visible (call last in a writing transaction). */
export async function advanceHead(query: Query): Promise<number> {
  const [row] = await query<{ version: string }>(
    `UPDATE sync_head SET version = GREATEST(version, (SELECT last_value FROM row_version)) WHERE id = 1 RETURNING version`,
  );
  return Number(row?.version ?? 0);
}

/**
 * Writes rows on the server's own account (ERP feeds, delivery results) with the same version
 * and head discipline as a push. Lock the rows (readRow with lock) before calling: the write lock
 * is taken here, after them, in the same order a push takes them. Returns who must be poked.
 */
export async function writeServerRows(
  query: Query,
  writes: { table: SyncTableName; key: string; row: Row | null }[],
): Promise<{ audiences: Audience[]; head: number }> {
  if (writes.length === 0) return { audiences: [], head: 0 };
  const directory = await directoryFor(query);
  await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  await writeRows(query, writes, await takeVersions(query, writes.length));
  const audiences = writes.map((w): Audience => (w.row ? rowAudience(w.table, w.row, directory) : 'everyone'));
  return { audiences, head: await advanceHead(query) };
}

/**
 * Server-side updates of existing rows: each row is locked in key order (two writers touching the
 * same rows never wait on each other in a cycle), `change` returns the new row or null when
 * nothing differs, and only real changes are written, with versions and head as above.
 */
export async function updateServerRows(
  query: Query,
  table: SyncTableName,
  changes: Map<string, (before: Row) => Row | null>,
): Promise<{ audiences: Audience[]; head: number }> {
  const writes: { table: SyncTableName; key: string; row: Row }[] = [];
  for (const key of [...changes.keys()].sort()) {
    const before = await readRow(query, table, key, true);
    if (!before) continue;
    const after = changes.get(key)!(before);
    if (after) writes.push({ table, key, row: after });
  }
  return writeServerRows(query, writes);
}

async function notifyConflicts(query: Query, user: SessionUser, conflicts: FieldConflict[]): Promise<Audience[]> {
  const audiences: Audience[] = [];
  for (const c of conflicts) {
    const payload = {
      table: c.table,
      key: c.key,
      field: c.field,
      overwrittenValue: c.overwrittenValue,
      newValue: c.newValue,
      byUserId: user.id,
      byName: user.name,
      overwrittenUserId: c.overwrittenUserId,
    };
    await query(
      `INSERT INTO sync_notices (user_id, kind, payload) VALUES ($1, 'overwritten', $2::jsonb), ($3, 'overwrote', $2::jsonb)`,
      [c.overwrittenUserId, JSON.stringify(payload), user.id],
    );
    audiences.push([c.overwrittenUserId, user.id]);
  }
  return audiences;
}

// The staff directory changes rarely (a new manager, a new team); reading it for every mutation
// would double the cost of a small push. Kept for a second, per process.
let directoryCache: { at: number; value: Directory } | null = null;
async function directoryFor(query: Query): Promise<Directory> {
  if (directoryCache && Date.now() - directoryCache.at < 1000) return directoryCache.value;
  directoryCache = { at: Date.now(), value: await loadDirectory(query) };
  return directoryCache.value;
}

export async function applyPush(
  store: CentralStore,
  user: SessionUser,
  clientId: string,
  mutations: PushedMutation[],
  now: () => Date = () => new Date(),
  onError?: (err: unknown) => void,
): Promise<PushOutcome> {
  const results: PushResult[] = [];
  const audiences: Audience[] = [];
  const rejectedAggregates = new Set<string>();
  let head = 0;
  const sorted = [...mutations].sort((a, b) => a.seq - b.seq);
  for (const m of sorted) {
    const result = await store
      .transaction(async (tx) => {
        const query = tx.query as Query;
        // Registers the desk on first sight and locks its row (its sequence) in one statement.
        const [desk] = await query<{ user_id: number; last_seq: number }>(
          `INSERT INTO desk_clients (client_id, user_id) VALUES ($1, $2) ON CONFLICT (client_id) DO UPDATE SET client_id = EXCLUDED.client_id RETURNING user_id, last_seq`,
          [clientId, user.id],
        );
        if (desk!.user_id !== user.id)
          return {
            seq: m.seq,
            status: 'rejected',
            code: 'forbidden',
            message: 'This desk belongs to another user',
            stop: true,
          } as const;
        if (m.seq <= desk!.last_seq) {
          // Already done: the same answer again, and no second effect.
          const [logged] = await query<{ status: PushResult['status']; code: string | null; message: string | null }>(
            `SELECT status, code, message FROM mutation_log WHERE client_id = $1 AND seq = $2`,
            [clientId, m.seq],
          );
          return {
            seq: m.seq,
            status: logged?.status ?? 'applied',
            code: logged?.code ?? undefined,
            message: logged?.message ?? undefined,
            duplicate: true,
          } as const;
        }
        if (m.seq > desk!.last_seq + 1)
          return {
            seq: m.seq,
            status: 'rejected',
            code: 'sequence_gap',
            message: `Expected mutation ${desk!.last_seq + 1}, got ${m.seq}`,
            stop: true,
          } as const;

        const aggregate = mutationAggregate(m.name, m.args);
        let outcome: { status: PushResult['status']; code?: string; message?: string; locked?: boolean };
        if (rejectedAggregates.has(aggregate)) {
          outcome = {
            status: 'rejected',
            code: 'depends_on_rejected',
            message: `An earlier change to ${aggregate} was rejected`,
          };
        } else {
          outcome = await applyOne(query, user, m, now());
        }
        const bookkeeping = [
          clientId,
          m.seq,
          m.name.slice(0, 100),
          outcome.status,
          outcome.code ?? null,
          outcome.message ?? null,
        ];
        const book = `WITH d AS (UPDATE desk_clients SET last_seq = $2, last_seen_at = now() WHERE client_id = $1),
              l AS (INSERT INTO mutation_log (client_id, seq, name, status, code, message) VALUES ($1, $2, $3, $4, $5, $6))`;
        if (outcome.locked) {
          // Sequence, answer and head in one statement. The head moves only under the write lock:
          // moved by anyone else it could pass a version whose transaction has not committed.
          const [booked] = await query<{ version: string }>(
            `${book} UPDATE sync_head SET version = GREATEST(version, (SELECT last_value FROM row_version)) WHERE id = 1 RETURNING version`,
            bookkeeping,
          );
          head = Number(booked?.version ?? 0);
        } else {
          await query(`${book} SELECT 1`, bookkeeping);
        }
        delete outcome.locked;
        if (outcome.status === 'rejected') rejectedAggregates.add(aggregate);
        return { seq: m.seq, ...outcome };
      })
      .catch((err: unknown) => {
        // Not the mutation's fault (store down, deadlock): no answer, so the desk keeps it and resends.
        onError?.(err);
        return null;
      });
    if (!result) return { results, audiences, head, failed: true };
    const { stop, duplicate: _d, ...answer } = result as PushResult & { stop?: boolean; duplicate?: boolean };
    results.push(answer);
    if (stop) break;
  }
  return { results, audiences, head };

  async function applyOne(
    query: Query,
    u: SessionUser,
    m: PushedMutation,
    at: Date,
  ): Promise<{ status: PushResult['status']; code?: string; message?: string; locked?: boolean }> {
    const reads = mutationReads(m.name, m.args);
    const directory: Directory = await directoryFor(query);
    const rows = await readRows(query, reads);
    for (const ref of reads) {
      const row = rows.get(refId(ref));
      // A row outside the user's scope is refused for reading and writing alike.
      if (row && MANAGER_SCOPED.has(ref.table) && !inScope(ref.table, row, directory, u)) {
        return { status: 'rejected', code: 'out_of_scope', message: `${ref.table} ${ref.key} is not in your scope` };
      }
    }
    if (m.name === 'order.submit@1') {
      const refused = await recheckSubmit(query, m.args, rows);
      if (refused) return refused;
    }
    // Row locks (FOR UPDATE above) order changes to the same rows; the write lock, held from the
    // first version taken to commit, makes versions commit in order. Taken as late as possible.
    await query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    const [{ v }] = (await query<{ v: string }>(`SELECT nextval('row_version') AS v`)) as [{ v: string }];
    const firstVersion = Number(v);
    const outcome = runMutation(m.name, m.args, rows, {
      userId: u.id,
      role: u.role,
      now: at.toISOString(),
      writeVersion: firstVersion,
    });
    if (!outcome.ok) return { status: 'rejected', code: outcome.code, message: outcome.message, locked: true };
    // Every check before the first write: a rejected mutation leaves no trace but its answer.
    if (outcome.writes.some((w) => w.row && !inScope(w.table, w.row, directory, u)))
      return {
        status: 'rejected',
        code: 'out_of_scope',
        message: 'The change would move the row out of your scope',
        locked: true,
      };
    const versions = [firstVersion, ...(await takeVersions(query, outcome.writes.length - 1))];
    await writeRows(query, outcome.writes, versions);
    for (const w of outcome.writes) {
      const before = rows.get(`${w.table}|${w.key}`) ?? null;
      // People who could see the row before but not after are told to drop it.
      const was = before ? rowAudience(w.table, before, directory) : [];
      const now = w.row ? rowAudience(w.table, w.row, directory) : [];
      if (Array.isArray(was) && Array.isArray(now)) {
        for (const gone of was.filter((id) => !now.includes(id)))
          await query(`INSERT INTO scope_exits (user_id, table_name, row_key) VALUES ($1, $2, $3)`, [
            gone,
            w.table,
            w.key,
          ]);
        audiences.push([...new Set([...was, ...now])]);
      } else audiences.push('everyone');
    }
    // The audit of prices commits with the change, written here so no desk can leave it out.
    const audit = auditEntries(outcome.writes, (ref) => rows.get(ref) ?? null, { userId: u.id, now: at.toISOString() });
    if (audit.length) {
      await query(
        `INSERT INTO price_audit (at, user_id, manager_id, entity, entity_key, order_id, old, new, reason, version)
        SELECT x.at, x.user_id, x.manager_id, x.entity, x.entity_key, x.order_id, x.old, x.new, x.reason, nextval('row_version')
        FROM jsonb_to_recordset($1::jsonb) AS x(at text, user_id int, manager_id int, entity text, entity_key text, order_id text, old jsonb, new jsonb, reason text)`,
        [JSON.stringify(audit)],
      );
      for (const e of audit) audiences.push(rowAudience('price_audit', e as unknown as Row, directory));
    }
    // The ERP's message commits with the change that caused it, or neither does.
    for (const effect of outcome.erp ?? []) {
      if ('orderId' in effect) await enqueueOrderMessage(query, effect);
      else await enqueueAftersalesMessage(query, effect);
    }
    audiences.push(...(await notifyConflicts(query, u, outcome.conflicts)));
    return outcome.conflicts.length
      ? {
          status: 'conflict',
          code: 'overwrote_newer',
          message: outcome.conflicts.map((c) => c.field).join(', '),
          locked: true,
        }
      : { status: 'applied', locked: true };
  }
}

/**
 * At submit the server checks the order against the freshest ERP prices and stock it has; the
 * manager confirmed a check on the desk, and only the same differences may go through.
 */
async function recheckSubmit(
  query: Query,
  args: unknown,
  rows: ReadonlyMap<string, Row | null>,
): Promise<{ status: 'rejected'; code: string; message: string } | null> {
  const a = args as { orderId?: unknown; checkDigest?: unknown };
  const order = typeof a.orderId === 'string' ? rows.get(`orders|${a.orderId}`) : null;
  if (!order || (order.status !== 'draft' && order.status !== 'rejected')) return null;
  // Prices below floor, overrides without a reason, credit over the limit: not without a supervisor.
  const blocks = await blocksOnServer(query, String(a.orderId));
  if (blocks.length)
    return {
      status: 'rejected',
      code: 'needs_approval',
      message: JSON.stringify({ count: blocks.length, blocks: blocks.slice(0, 200) }),
    };
  const check = await checkOrderOnServer(query, String(a.orderId));
  if (!check || check.digest === a.checkDigest) return null;
  const shown = check.differences.slice(0, 200);
  return {
    status: 'rejected',
    code: 'check_changed',
    message: JSON.stringify({
      digest: check.digest,
      totalEffect: check.totalEffect,
      count: check.differences.length,
      differences: shown,
    }),
  };
}

function inScope(table: SyncTableName, row: Row, directory: Directory, user: SessionUser): boolean {
  // Admins edit everything; reassignment moves a client to another manager and must stay allowed.
  if (user.role === 'admin') return true;
  const audience = rowAudience(table, row, directory);
  return audience === 'everyone' || audience.includes(user.id);
}
