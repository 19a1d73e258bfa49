// Local changes and rebase: a mutation is applied to the replica and appended to the outbox in
// one SQLite transaction; the server's version of every row it touched is kept in the shadow
// table. When server rows arrive, rows under pending mutations go to the shadow, and those rows
// (and the rows sharing a pending mutation with them) are rebuilt as server state + pending
// mutations re-run in order, in the same transaction as the batch and its cursor.
// The server acknowledges a push before its rows come back in a pull. An applied mutation stays
// in the outbox (status 'applied', not sent again, not shown as waiting) until a pull completes
// at or past the version it was committed at: until then its effect may not be in the server
// rows the desk holds, so a rebase in between (a rejection, another user's row) must re-run it.
// Only a complete pull counts: a window's cursor says nothing of rows committed again past it
// (a ticket created, then answered: the created version never comes, the answered one later).
import { randomUUID } from 'node:crypto';
import { parseMutation, runParsed, type ParsedMutation } from '../../domain/sync/mutations';
import { refId, type Row, type RowRef } from '../../domain/sync/mutation-def';
import type { Role } from '../../domain/roles';
import type { PushedMutation, TableChanges } from '../../domain/sync/sync-protocol';
import { sameRowContent, type SyncTableName } from '../../domain/sync/sync-tables';
import type { AckResult, ChangedRows, OutboxEntry } from './outbox-entry';
import type { Replica } from './replica';

export type { AckResult, ChangedRows, OutboxEntry } from './outbox-entry';

export interface LocalChanges {
  clientId(): string;
  /** Applies a mutation locally and queues it; a mutation the desk itself rejects changes nothing. */
  mutate(
    name: string,
    args: unknown,
  ): { ok: true; seq: number; changed: ChangedRows } | { ok: false; code: string; message: string };
  /**
   * Several mutations as one local transaction: all applied and queued, or (one rejected) none,
   * so an operation made of many mutations (a 20,000-line paste, a split) never half-happens here.
   */
  mutateAll(
    list: { name: string; args: unknown }[],
  ): { ok: true; seqs: number[]; changed: ChangedRows } | { ok: false; index: number; code: string; message: string };
  /**
   * A batch of server rows up to `cursor`. `complete`: the pull reached the server's head, so the
   * desk now holds every row of its scope as of `cursor` (a window of a long pull does not).
   */
  applyServerBatch(changes: TableChanges[], cursor: number, complete?: boolean): ChangedRows;
  /**
   * The server's answers to a push. `version`: the server's head after it committed them (its
   * rows come back with a pull up to there); without it, applied mutations are forgotten at once.
   */
  ack(results: AckResult[], version?: number): ChangedRows;
  /** Pending mutations in sequence order, as pushed. */
  pending(): PushedMutation[];
  /** Pending mutations after a sequence number, at most `limit` (what a push sends next). */
  pendingAfter(seq: number, limit: number): PushedMutation[];
  /** Pending and rejected mutations (not those applied whose rows are still on their way). */
  entries(): OutboxEntry[];
  /** Re-queues a rejected mutation as a new one (new sequence number). */
  retry(seq: number): ReturnType<LocalChanges['mutate']>;
  discard(seq: number): void;
  /** Replacement sync: forget server rows (keeping the outbox) and start from cursor 0. */
  reset(): void;
  /** After a replacement sync: re-run every pending mutation on the fresh server state. */
  rebaseAll(): ChangedRows;
  needsRebaseAll(): boolean;
}

export interface LocalChangesOptions {
  replica: Replica;
  user: () => { id: number; role: Role };
  now?: () => Date;
}

const SCOPE_EXITS = 'scope_exits';

export function createLocalChanges({ replica, user, now = () => new Date() }: LocalChangesOptions): LocalChanges {
  const db = replica.sqlite;
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (seq, mutation, args, aggregate, created_at, status) VALUES (?, ?, ?, ?, ?, 'pending')`,
  );
  // What a rebase re-runs: waiting mutations and applied ones whose rows have not come back yet.
  const pendingRows = db.prepare(`SELECT seq FROM outbox WHERE status IN ('pending', 'applied') ORDER BY seq`).pluck();
  const waitingRows = db.prepare(`SELECT seq FROM outbox WHERE status = 'pending' ORDER BY seq`).pluck();
  const allRows = db.prepare(
    `SELECT seq, mutation, args, aggregate, created_at AS createdAt, status, error_code AS errorCode, error_message AS errorMessage FROM outbox WHERE status <> 'applied' ORDER BY seq`,
  );
  const markApplied = db.prepare(`UPDATE outbox SET status = 'applied', applied_version = ? WHERE seq = ?`);
  const settledRows = db.prepare(`SELECT seq FROM outbox WHERE status = 'applied' AND applied_version <= ?`).pluck();
  /** The cursor of the last complete pull: every row as of this version is here. */
  const heldCursor = (): number => Number(replica.getState('held_cursor') ?? 0);
  const deleteEntry = db.prepare('DELETE FROM outbox WHERE seq = ?');
  const getShadow = db.prepare(`SELECT row FROM shadow_rows WHERE table_name = ? AND row_key = ?`);
  const insertShadow = db.prepare(`INSERT OR REPLACE INTO shadow_rows (table_name, row_key, row) VALUES (?, ?, ?)`);
  const deleteShadow = db.prepare(`DELETE FROM shadow_rows WHERE table_name = ? AND row_key = ?`);
  const allShadows = db.prepare(`SELECT table_name AS tableName, row_key AS rowKey FROM shadow_rows`);
  // Which rows have a shadow, known in memory: every server row of a batch asks, and an initial
  // sync brings hundreds of thousands of them. Read again after any transaction that failed.
  let shadowIds: Set<string> | null = null;
  const shadows = (): Set<string> =>
    (shadowIds ??= new Set(
      (allShadows.all() as { tableName: string; rowKey: string }[]).map((r) => `${r.tableName}|${r.rowKey}`),
    ));
  const putShadow = (table: string, key: string, row: Row | null): void => {
    insertShadow.run(table, key, JSON.stringify(row));
    shadows().add(`${table}|${key}`);
  };
  const dropShadow = (table: string, key: string): void => {
    deleteShadow.run(table, key);
    shadows().delete(`${table}|${key}`);
  };
  /**
   * A transaction that failed rolled back its shadows and queued entries too (their sequence
   * numbers will be given again): forget what memory says of them.
   */
  const guarded = <T>(fn: () => T): T => {
    try {
      return replica.transaction(fn);
    } catch (err) {
      shadowIds = null;
      queuedCache.clear();
      throw err;
    }
  };

  const clientId = (): string => {
    let id = replica.getState('client_id');
    if (!id) {
      id = randomUUID();
      replica.setState('client_id', id);
    }
    return id;
  };
  const nextSeq = (): number => {
    const seq = Number(replica.getState('last_seq') ?? 0) + 1;
    replica.setState('last_seq', String(seq));
    return seq;
  };
  const note = (changed: ChangedRows, table: SyncTableName, key: string): void => {
    let set = changed.get(table);
    if (!set) changed.set(table, (set = new Set()));
    set.add(key);
  };
  // A queued mutation never changes, so its arguments are checked, and the rows it depends on
  // worked out, once per process: a rebase re-runs the queue, and after an outage that is
  // thousands of entries for every batch that comes in. Rows it only looks up are not
  // dependencies (see RowRef). One the app no longer knows is kept but not re-run.
  type Queued = { seq: number; name: string; parsed: ParsedMutation | null; deps: RowRef[] };
  const queuedCache = new Map<number, Queued>();
  const queuedEntry = db.prepare('SELECT mutation, args FROM outbox WHERE seq = ?');
  const queued = (seq: number, name: string, args: unknown, parsed?: ParsedMutation): Queued => {
    const p =
      parsed ??
      (() => {
        const r = parseMutation(name, args);
        return r.ok ? r.parsed : null;
      })();
    const q = { seq, name, parsed: p, deps: (p?.reads ?? []).filter((ref) => !ref.lookOnly) };
    queuedCache.set(seq, q);
    return q;
  };
  const pendingList = (statement = pendingRows): Queued[] =>
    (statement.all() as number[]).map((seq) => {
      const q = queuedCache.get(seq);
      if (q) return q;
      const r = queuedEntry.get(seq) as { mutation: string; args: string };
      return queued(seq, r.mutation, JSON.parse(r.args) as unknown);
    });
  const pendingAfterRows = db.prepare(
    `SELECT seq, mutation AS name, args FROM outbox WHERE status = 'pending' AND seq > ? ORDER BY seq LIMIT ?`,
  );

  /** The rows a mutation reads, a table's many rows in one statement (a paste reads thousands). */
  function readAll(refs: readonly RowRef[]): Map<string, Row | null> {
    const byTable = new Map<SyncTableName, string[]>();
    for (const r of refs) {
      const keys = byTable.get(r.table);
      if (keys) keys.push(r.key);
      else byTable.set(r.table, [r.key]);
    }
    const rows = new Map<string, Row | null>();
    for (const [table, keys] of byTable) {
      const found = replica.readRows(table, keys);
      for (const key of keys) rows.set(`${table}|${key}`, found.get(key) ?? null);
    }
    return rows;
  }

  /**
   * Runs a mutation on local rows; snapshots the server version of rows it touches first. A write
   * that leaves a row as it is writes nothing and tells no one.
   */
  function runLocally(
    p: ParsedMutation,
    changed: ChangedRows,
  ): { ok: true } | { ok: false; code: string; message: string } {
    const rows = readAll(p.reads);
    const u = user();
    const outcome = runParsed(p, rows, {
      userId: u.id,
      role: u.role,
      now: now().toISOString(),
      writeVersion: null,
    });
    if (!outcome.ok) return outcome;
    for (const w of outcome.writes) {
      const id = refId(w);
      const before = rows.get(id) ?? null;
      if (sameRowContent(w.table, before, w.row)) continue;
      if (!shadows().has(id)) putShadow(w.table, w.key, before);
      replica.writeRow(w.table, w.key, w.row);
      note(changed, w.table, w.key);
    }
    return { ok: true };
  }

  /**
   * Rebuilds the given rows (and those sharing pending mutations with them): shadow + pending.
   * Only rows that end up other than they were are told as changed.
   */
  function rebase(dirty: Set<string>, changed: ChangedRows): void {
    if (dirty.size === 0) return;
    const pending = pendingList();
    // Closure: a mutation touching a dirty row makes all its rows dirty.
    let grew = true;
    const involved = new Set<number>();
    while (grew) {
      grew = false;
      for (const p of pending) {
        if (involved.has(p.seq) || !p.deps.some((r) => dirty.has(refId(r)))) continue;
        involved.add(p.seq);
        for (const r of p.deps) {
          if (dirty.has(refId(r))) continue;
          dirty.add(refId(r));
          grew = true;
        }
      }
    }
    const was = new Map<string, Row | null>();
    for (const id of dirty) {
      const [table, key] = id.split('|') as [SyncTableName, string];
      was.set(id, replica.readRow(table, key));
      const shadow = getShadow.get(table, key) as { row: string | null } | undefined;
      if (!shadow) continue;
      replica.writeRow(table, key, shadow.row === null ? null : (JSON.parse(shadow.row) as Row | null));
    }
    const scratch: ChangedRows = new Map();
    for (const p of pending) if (involved.has(p.seq) && p.parsed) runLocally(p.parsed, scratch);
    for (const [id, before] of was) {
      const [table, key] = id.split('|') as [SyncTableName, string];
      if (!sameRowContent(table, before, replica.readRow(table, key))) note(changed, table, key);
    }
    collectShadows();
  }

  /** Drops shadows no pending mutation needs: the local row is the server's row again. */
  function collectShadows(): void {
    const needed = new Set(pendingList().flatMap((p) => p.deps.map(refId)));
    for (const id of [...shadows()]) {
      if (needed.has(id)) continue;
      const [table, key] = id.split('|') as [string, string];
      dropShadow(table, key);
    }
  }

  /**
   * A server row: under a mutation still to re-run it goes to the shadow (and the row is rebuilt);
   * otherwise it is the local row, and a shadow nothing needs any more goes.
   */
  function applyServerRow(
    table: SyncTableName,
    key: string,
    row: Row | null,
    wire: unknown[] | null,
    needed: () => Set<string>,
    dirty: Set<string>,
    changed: ChangedRows,
  ): void {
    const id = `${table}|${key}`;
    let echo = false;
    if (shadows().has(id)) {
      if (needed().has(id)) {
        putShadow(table, key, row);
        dirty.add(id);
        return;
      }
      dropShadow(table, key);
      // This desk's own change coming back from the server is not news to anyone here.
      echo = sameRowContent(table, replica.readRow(table, key), row);
    }
    if (wire) replica.writeWireRow(table, wire);
    else replica.writeRow(table, key, row);
    if (!echo) note(changed, table, key);
  }

  /**
   * Applied mutations whose rows the desk now holds (committed at or below `cursor`) leave the
   * outbox; their rows are rebuilt from the server's version (and what is still to re-run).
   */
  function settle(cursor: number, dirty: Set<string>): void {
    const seqs = settledRows.all(cursor) as number[];
    if (!seqs.length) return;
    const settled = new Set(seqs);
    for (const p of pendingList()) {
      if (!settled.has(p.seq)) continue;
      for (const ref of p.deps) dirty.add(refId(ref));
      deleteEntry.run(p.seq);
      queuedCache.delete(p.seq);
    }
  }

  const engine: Omit<LocalChanges, 'mutateAll'> = {
    clientId,
    mutate(name, args) {
      const parsed = parseMutation(name, args);
      if (!parsed.ok) throw Object.assign(new Error(parsed.message), { rejection: parsed });
      return guarded(() => {
        const changed: ChangedRows = new Map();
        const result = runLocally(parsed.parsed, changed);
        if (!result.ok) {
          // Nothing written: the transaction is rolled back by throwing.
          throw Object.assign(new Error(result.message), { rejection: result });
        }
        const seq = nextSeq();
        insertOutbox.run(seq, name, JSON.stringify(args), parsed.parsed.aggregate, now().toISOString());
        queued(seq, name, args, parsed.parsed);
        return { ok: true as const, seq, changed };
      });
    },
    applyServerBatch(changes, cursor, complete = true) {
      return guarded(() => {
        const changed: ChangedRows = new Map();
        const dirty = new Set<string>();
        // Applied mutations this batch completes are not re-run on rows that already carry them.
        if (complete) {
          settle(cursor, dirty);
          replica.setState('held_cursor', String(cursor));
        }
        let neededIds: Set<string> | null = null;
        const needed = (): Set<string> => (neededIds ??= new Set(pendingList().flatMap((p) => p.deps.map(refId))));
        const exits: unknown[][] = [];
        for (const { table, rows } of changes) {
          const t = table as SyncTableName;
          for (const wire of rows) {
            const key = replica.keyOfWire(t, wire);
            applyServerRow(t, key, replica.wireToRow(t, wire), wire, needed, dirty, changed);
            if (t === SCOPE_EXITS && wire[wire.length - 1] !== true) exits.push(wire);
          }
        }
        // Rows that left this user's scope: gone from the replica (and from under pending changes).
        for (const exit of exits) {
          const row = replica.wireToRow('scope_exits', exit)!;
          applyServerRow(row.table_name as SyncTableName, String(row.row_key), null, null, needed, dirty, changed);
        }
        rebase(dirty, changed);
        replica.setCursor(cursor);
        return changed;
      });
    },
    ack(results, version) {
      return guarded(() => {
        const changed: ChangedRows = new Map();
        const dirty = new Set<string>();
        const pending = new Map(pendingList(waitingRows).map((p) => [p.seq, p]));
        // Rows already pulled up to the commit (or a server that does not say): done with it.
        const arrived = version === undefined || version <= heldCursor();
        for (const r of results) {
          const p = pending.get(r.seq);
          if (!p) continue;
          if (r.status === 'applied' || r.status === 'conflict') {
            if (arrived) {
              deleteEntry.run(r.seq);
              queuedCache.delete(r.seq);
              // Its rows as the server has them (a rebase before re-ran it on top of them).
              if (version !== undefined) for (const ref of p.deps) dirty.add(refId(ref));
            } else markApplied.run(version, r.seq);
          } else {
            queuedCache.delete(r.seq);
            db.prepare(`UPDATE outbox SET status = 'rejected', error_code = ?, error_message = ? WHERE seq = ?`).run(
              r.code ?? 'rejected',
              r.message ?? '',
              r.seq,
            );
            // Its optimistic effect must go: rebuild its rows from the server state.
            for (const ref of p.deps) dirty.add(refId(ref));
          }
        }
        rebase(dirty, changed);
        collectShadows();
        return changed;
      });
    },
    pending: () =>
      (pendingAfterRows.all(0, 1_000_000) as { seq: number; name: string; args: string }[]).map((r) => ({
        seq: r.seq,
        name: r.name,
        args: JSON.parse(r.args) as unknown,
      })),
    pendingAfter: (seq, limit) =>
      (pendingAfterRows.all(seq, limit) as { seq: number; name: string; args: string }[]).map((r) => ({
        seq: r.seq,
        name: r.name,
        args: JSON.parse(r.args) as unknown,
      })),
    entries: () =>
      (allRows.all() as (Omit<OutboxEntry, 'args'> & { args: string })[]).map((e) => ({
        ...e,
        args: JSON.parse(e.args) as unknown,
      })),
    retry(seq) {
      const entry = engine.entries().find((e) => e.seq === seq && e.status === 'rejected');
      if (!entry) return { ok: false, code: 'not_found', message: `No rejected change ${seq}` };
      const result = safeMutate(entry.mutation, entry.args);
      if (result.ok) db.prepare('DELETE FROM outbox WHERE seq = ?').run(seq);
      return result;
    },
    discard(seq) {
      db.prepare(`DELETE FROM outbox WHERE seq = ? AND status = 'rejected'`).run(seq);
    },
    reset() {
      guarded(() => {
        for (const table of [
          'users',
          'warehouses',
          'price_types',
          'items',
          'prices',
          'stock',
          'clients',
          'scope_exits',
          'sync_notices',
        ])
          db.prepare(`DELETE FROM ${table}`).run();
        db.prepare('DELETE FROM shadow_rows').run();
        shadowIds = new Set();
        replica.setCursor(0);
        replica.setState('held_cursor', null);
        replica.setState('rebase_all', '1');
      });
    },
    needsRebaseAll: () => replica.getState('rebase_all') === '1',
    rebaseAll() {
      return guarded(() => {
        const changed: ChangedRows = new Map();
        for (const p of pendingList()) if (p.parsed) runLocally(p.parsed, changed);
        replica.setState('rebase_all', null);
        return changed;
      });
    },
  };

  function safeMutate(name: string, args: unknown): ReturnType<LocalChanges['mutate']> {
    try {
      return engine.mutate(name, args);
    } catch (err) {
      const rejection = (err as { rejection?: { code: string; message: string } }).rejection;
      if (rejection) return { ok: false, ...rejection };
      throw err;
    }
  }
  function mutateAll(list: { name: string; args: unknown }[]): ReturnType<LocalChanges['mutateAll']> {
    try {
      return guarded(() => {
        const changed: ChangedRows = new Map();
        const seqs: number[] = [];
        list.forEach(({ name, args }, index) => {
          try {
            const r = engine.mutate(name, args);
            // engine.mutate throws on a rejection; this is for the type checker.
            if (!r.ok) throw Object.assign(new Error(r.message), { rejection: r });
            seqs.push(r.seq);
            for (const [table, keys] of r.changed) {
              const into = changed.get(table) ?? new Set<string>();
              for (const k of keys) into.add(k);
              changed.set(table, into);
            }
          } catch (err) {
            throw Object.assign(err as Error, { index });
          }
        });
        return { ok: true as const, seqs, changed };
      });
    } catch (err) {
      const rejection = (err as { rejection?: { code: string; message: string }; index?: number }).rejection;
      if (rejection) return { ok: false, index: (err as { index: number }).index, ...rejection };
      throw err;
    }
  }
  return { ...engine, mutate: safeMutate, mutateAll };
}
