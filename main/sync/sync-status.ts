// What the status bar shows of the desk's sync: the connection, a pull's progress, the last
// error, the outbox (pending since when, rejected), unresolved conflicts, the ERP link as the
// server last reported it, and whether the desk has caught up with the server. Sent to the views
// at most every 100 ms while a pull streams in (the UI needs a few updates a second, not
// hundreds), at once when something the user did changed it.
import type { ErpLinkStatus, SyncStatus } from '../../domain/contract';
import type { SessionUser } from '../../domain/roles';
import type { DeskEvents } from '../session/desk-events';
import type { Replica } from './replica';
import type { SyncClient, SyncConnection } from './sync-client';

/** The parts of a signed-in session the status reads. */
export interface StatusSource {
  user: SessionUser;
  replica: Replica;
  sync: SyncClient;
}

export interface SyncStatusBoard {
  current(): SyncStatus;
  /** Tells the views; `now` for what the user is waiting to see, otherwise throttled. */
  publish(now?: boolean): void;
  setConnection(state: SyncConnection): void;
  setProgress(progress: SyncStatus['progress']): void;
  setError(error: SyncStatus['lastError']): void;
  addNotice(notice: string): void;
  /** Rows in the replica changed in number (a batch, a sign-in, a sign-out). */
  recountRows(): void;
  reset(): void;
  close(): void;
}

interface ConflictRow {
  id: number;
  kind: string;
  payload: string;
  created_at: string;
}

/** Conflict notices of this desk's user that were not dismissed, newest first. */
export function openConflicts(replica: Replica): ConflictRow[] {
  const hidden = new Set(dismissedConflicts(replica));
  return (
    replica.sqlite
      .prepare(`SELECT id, kind, payload, created_at FROM sync_notices ORDER BY id DESC LIMIT 200`)
      .all() as ConflictRow[]
  ).filter((r) => !hidden.has(r.id));
}

export function dismissedConflicts(replica: Replica): number[] {
  return JSON.parse(replica.getState('dismissed_conflicts') ?? '[]') as number[];
}

export function dismissConflict(replica: Replica, id: number): void {
  replica.setState('dismissed_conflicts', JSON.stringify([...dismissedConflicts(replica), id].slice(-1000)));
}

function outboxSummary(replica: Replica): { pending: number; oldest: string | null; rejected: number } {
  // Counted in SQL: status is sent often and an offline day can queue thousands of changes.
  const row = replica.sqlite
    .prepare(
      `SELECT sum(status = 'pending') AS pending, min(CASE WHEN status = 'pending' THEN created_at END) AS oldest,
        sum(status = 'rejected') AS rejected FROM outbox`,
    )
    .get() as { pending: number | null; oldest: string | null; rejected: number | null };
  return { pending: row.pending ?? 0, oldest: row.oldest, rejected: row.rejected ?? 0 };
}

function erpLink(replica: Replica): ErpLinkStatus | null {
  const row = replica.sqlite
    .prepare(
      `SELECT state, since, pending, parked, oldest_pending_at AS oldestPendingAt, checked_at AS checkedAt,
        last_error AS lastError FROM erp_link WHERE id = 1`,
    )
    .get() as ErpLinkStatus | undefined;
  return row ?? null;
}

export function createSyncStatus(
  serverUrl: string,
  session: () => StatusSource | null,
  events: DeskEvents,
): SyncStatusBoard {
  let connection: SyncConnection = 'offline';
  let progress: SyncStatus['progress'] = null;
  let lastError: SyncStatus['lastError'] = null;
  let rowsInReplica = 0;
  let rowsBefore = 0;
  const notices: string[] = [];
  let timer: NodeJS.Timeout | null = null;

  const current = (): SyncStatus => {
    const s = session();
    const outbox = s ? outboxSummary(s.replica) : { pending: 0, oldest: null, rejected: 0 };
    return {
      connection,
      user: s?.user ?? null,
      serverUrl,
      lastSyncAt: s?.replica.getState('last_sync_at') ?? null,
      rowsInReplica,
      progress,
      lastError,
      notices: [...notices],
      caughtUp: !!s && connection === 'online' && s.sync.caughtUp(),
      pending: outbox.pending,
      oldestPendingAt: outbox.oldest,
      rejected: outbox.rejected,
      conflicts: s ? openConflicts(s.replica).length : 0,
      erp: s ? erpLink(s.replica) : null,
    };
  };
  const publish = (now = false): void => {
    if (now) {
      if (timer) clearTimeout(timer);
      timer = null;
      events.emit('sync.status', current());
      return;
    }
    timer ??= setTimeout(() => {
      timer = null;
      events.emit('sync.status', current());
    }, 100);
  };
  return {
    current,
    publish,
    setConnection(state) {
      connection = state;
      if (state === 'online') lastError = null;
    },
    setProgress(p) {
      // Counting every table on each batch would slow the first sync: while it runs, the rows held
      // are those counted before it plus those received since (exact again once caught up).
      if (p && !progress) rowsBefore = rowsInReplica;
      progress = p;
      if (p) rowsInReplica = rowsBefore + p.done;
    },
    setError(error) {
      lastError = error;
    },
    addNotice(notice) {
      notices.push(notice);
    },
    recountRows() {
      rowsInReplica = session()?.replica.rowCount() ?? 0;
    },
    reset() {
      rowsInReplica = 0;
      progress = null;
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
