// The ERP link of one server instance: the outbox delivery worker, the health monitor (pings the
// ERP, publishes online / degraded / offline-since with queue depth and oldest message age as the
// replicated `erp_link` row, and wakes the outbox the moment the ERP is back), and the inbound
// feeds on their cadences. Everything it writes is an ordinary versioned row; desks get it by sync.
import type { Audience } from '../audience';
import type { Row } from '../../domain/sync/mutation-def';
import type { ChangeFeed } from '../change-feed';
import { applyAftersalesResults } from '../aftersales/erp-results';
import { applyClientResults } from '../clients/erp-results';
import { applyDeliveryResults } from '../orders/erp-results';
import { advanceMerges } from '../orders/merge-saga';
import { readRow, writeServerRows } from '../row-store';
import type { CentralStore } from '../store';
import { createDeliveryWorker, type DeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import { createErpCaller, type ErpCaller } from './erp-caller';
import { createInbound, type Inbound } from './inbound';
import { createInitialLoad, type InitialLoad, type LoadState } from './initial-load';
import { outboxStats } from './outbox';
import type { Query } from '../query';
import { checkErpUrl } from './erp-access';

export interface ErpCadence {
  healthMs: number;
  statusesMs: number;
  /** The master data feeds (items, prices, stock, clients, staff, warehouses, price types), read in one round. */
  masterMs: number;
  /** Stock snapshots: every 5 minutes unless configured. */
  stockMs: number;
  /** Receivables: daily, and on demand. */
  receivablesMs: number;
}

export const DEFAULT_CADENCE: ErpCadence = {
  healthMs: 2000,
  statusesMs: 1000,
  // A new item is on the desks within seconds of its creation in 1C (bench: new_item_to_desk).
  masterMs: 1000,
  stockMs: 5 * 60_000,
  receivablesMs: 24 * 3600_000,
};

export interface ErpLinkOptions {
  store: CentralStore;
  erpUrl: string;
  feed: ChangeFeed;
  cadence?: Partial<ErpCadence>;
  delivery?: Partial<Omit<DeliveryWorkerOptions, 'store' | 'erpUrl' | 'onSettled' | 'onRound'>>;
  /** A ping slower than this counts as degraded. */
  slowPingMs?: number;
  onError?: (what: string, err: unknown) => void;
  /** The initial load's progress, about every second, and once when it is done. */
  onLoadProgress?: (state: LoadState) => void;
  /** Records per snapshot page (tests use small pages to cut a load in many). */
  loadPageSize?: number;
}

export type ErpState = 'unknown' | 'online' | 'degraded' | 'offline';

export interface ErpLink {
  /** Calls the ERP (reads on demand: a document's PDF). */
  erp: ErpCaller;
  worker: DeliveryWorker;
  inbound: Inbound;
  initialLoad: InitialLoad;
  /** Settles when the master data is loaded (at once for a store that has it). */
  loaded: Promise<void>;
  /** Pings the ERP, updates the `erp_link` row; returns the state. */
  checkHealth(): Promise<ErpState>;
  start(): void;
  stop(): Promise<void>;
}

export function createErpLink(options: ErpLinkOptions): ErpLink {
  const { store, feed } = options;
  checkErpUrl(options.erpUrl);
  const cadence = { ...DEFAULT_CADENCE, ...options.cadence };
  const caller = createErpCaller(options.erpUrl);
  const pingCaller = createErpCaller(options.erpUrl, { timeoutMs: Math.max(1000, cadence.healthMs) });
  const onError = options.onError ?? (() => undefined);
  const committed = (audiences: Audience[], head: number): void => {
    if (audiences.length) feed.publish(audiences, head).catch((err: unknown) => onError('publish', err));
  };
  // Whether recent delivery rounds reached the ERP: a ping can pass while batches time out.
  let lastRoundFailed = false;
  let pendingAudiences: { audiences: Audience[]; head: number } | null = null;

  const worker = createDeliveryWorker({
    ...options.delivery,
    store,
    erpUrl: options.erpUrl,
    onError: (err) => onError('delivery', err),
    async onSettled(query, settled) {
      const now = new Date().toISOString();
      const orders = await applyDeliveryResults(query, settled, now);
      // A merge of two orders 1C has moves on (or is undone) with 1C's answer, after the order's own.
      const merges = await advanceMerges(query, settled, now);
      const aftersales = await applyAftersalesResults(query, settled);
      const clients = await applyClientResults(query, settled);
      pendingAudiences = {
        audiences: [...orders.audiences, ...merges.audiences, ...aftersales.audiences, ...clients.audiences],
        head: Math.max(orders.head, merges.head, aftersales.head, clients.head),
      };
    },
    onRound(round) {
      if (round.claimed > 0) lastRoundFailed = round.failure !== null;
      if (pendingAudiences) committed(pendingAudiences.audiences, pendingAudiences.head);
      pendingAudiences = null;
    },
  });
  const inbound = createInbound(store, caller, committed);

  let state: ErpState = 'unknown';
  async function checkHealth(): Promise<ErpState> {
    const started = Date.now();
    let next: ErpState;
    let error: string | null = null;
    try {
      await pingCaller.call('erp.ping', {});
      next = Date.now() - started > (options.slowPingMs ?? 1000) || lastRoundFailed ? 'degraded' : 'online';
    } catch (err) {
      next = 'offline';
      error = err instanceof Error ? err.message : String(err);
    }
    // Back after an outage: messages waiting out their backoff go now, not in a minute.
    if (next !== 'offline' && (state === 'offline' || state === 'unknown'))
      await store.queryObjects(
        `UPDATE erp_outbox SET next_attempt_at = now() WHERE status = 'pending' AND next_attempt_at > now()`,
      );
    state = next;
    await publishLinkRow(next, error);
    return next;
  }

  async function publishLinkRow(next: ErpState, error: string | null): Promise<void> {
    const stats = await outboxStats(store.queryObjects as Query);
    const result = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      const before = await readRow(query, 'erp_link', '1', true);
      const now = new Date().toISOString();
      const row: Row = {
        id: 1,
        state: next,
        since: before && before.state === next ? before.since : now,
        pending: stats.pending,
        parked: stats.parked,
        oldest_pending_at: stats.oldestPendingAt,
        checked_at: now,
        last_error: next === 'offline' ? (error?.slice(0, 500) ?? null) : null,
      };
      // Only a change desks would see is written: a quiet link costs no versions.
      const same =
        before &&
        before.state === row.state &&
        before.pending === row.pending &&
        before.parked === row.parked &&
        sameTime(before.oldest_pending_at, row.oldest_pending_at) &&
        (before.last_error ?? null) === row.last_error;
      if (same) return null;
      return writeServerRows(query, [{ table: 'erp_link', key: '1', row }]);
    });
    if (result) committed(result.audiences, result.head);
  }

  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  let running = false;
  /** Runs `task` every `ms`, never two at once, errors reported and the schedule kept. */
  function every(ms: number, what: string, task: () => Promise<unknown>, immediately = true): void {
    const run = async (): Promise<void> => {
      if (!running) return;
      try {
        await task();
      } catch (err) {
        onError(what, err);
      }
      if (running) later(ms, () => void run());
    };
    later(immediately ? 0 : ms, () => void run());
  }

  const initialLoad = createInitialLoad(store, caller, options.loadPageSize);
  let loadDone: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (loadDone = resolve));

  /** Reads the master data first (a store without it), then follows the feeds on their cadences. */
  async function loadThenFollow(whenUp: (task: () => Promise<unknown>) => () => Promise<unknown>): Promise<void> {
    let lastShown = 0;
    let loadedHere = false;
    while (running) {
      try {
        const step = state === 'offline' ? null : await initialLoad.step();
        if (step?.audiences.length) committed(step.audiences, step.head);
        if (step?.state.status === 'done') break;
        if (step) loadedHere = true;
        if (step && Date.now() - lastShown > 1000) {
          lastShown = Date.now();
          options.onLoadProgress?.(step.state);
        }
        if (!step) await new Promise((r) => setTimeout(r, 500));
      } catch (err) {
        onError('initial load', err);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
    if (!running) return;
    const done = await initialLoad.state();
    if (done) options.onLoadProgress?.(done);
    loadDone();
    // One round reads every master feed in the order their records refer to each other.
    every(
      cadence.masterMs,
      'master data feeds',
      whenUp(async () => {
        await inbound.pollAllMaster();
        await inbound.pollOrdersMadeInErp();
        await inbound.pollClientDocuments();
      }),
    );
    // The first snapshot soon after start, so "stock as of" is known; then on the cadence.
    later(
      Math.min(cadence.stockMs, 10_000),
      () => void whenUp(() => inbound.pollAllStock())().catch((err: unknown) => onError('stock', err)),
    );
    every(
      cadence.stockMs,
      'stock',
      whenUp(() => inbound.pollAllStock()),
      false,
    );
    // Right after a load the clients' debts are not known yet: read them now, then daily.
    every(
      cadence.receivablesMs,
      'receivables',
      whenUp(() => inbound.pollReceivables()),
      loadedHere,
    );
  }

  return {
    erp: caller,
    worker,
    inbound,
    initialLoad,
    loaded,
    checkHealth,
    start() {
      if (running) return;
      running = true;
      worker.start();
      every(cadence.healthMs, 'health', checkHealth);
      // Feeds are read only while the ERP answers pings: no point queueing doomed calls.
      const whenUp = (task: () => Promise<unknown>) => async () => (state === 'offline' ? undefined : task());
      every(cadence.statusesMs, 'order statuses', whenUp(inbound.pollStatuses));
      void loadThenFollow(whenUp);
    },
    async stop() {
      running = false;
      for (const t of timers) clearTimeout(t);
      await worker.stop();
    },
  };
}

function sameTime(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return new Date(String(a)).getTime() === new Date(String(b)).getTime();
}
