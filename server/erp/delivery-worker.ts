// The ERP delivery worker: claims the head message of each aggregate (FOR UPDATE SKIP LOCKED, so
// several server instances share one outbox), sends them as one JSON-RPC 2.0 batch, and in the
// same transaction marks each delivered, parks it (the ERP refused it for good, with its
// reason), or schedules a retry with capped exponential backoff and jitter. The ERP answering
// "already_done" to a repeated idempotency key counts as delivered: the effect happens once.
import { JSONRPCClient, type JSONRPCResponse } from 'json-rpc-2.0';
import { ErpWriteResult, isFinalErpError } from '../../domain/erp/erp-protocol';
import type { CentralStore } from '../store';
import type { Query } from '../query';
import { erpAuthorization } from './erp-access';
import { readLimited } from './erp-caller';

export interface DeliveryWorkerOptions {
  store: CentralStore;
  erpUrl: string;
  batchSize?: number;
  /** How long one ERP call may take before it counts as failed. */
  timeoutMs?: number;
  /** Largest ERP answer read; a bigger one counts as failed. */
  maxAnswerBytes?: number;
  backoff?: { initialMs: number; maxMs: number };
  idleMs?: number;
  random?: () => number;
  onError?: (err: unknown) => void;
  /**
   * Called inside the delivery transaction for each message delivered or parked, after it is
   * recorded, so business rows that follow from it (an order accepted, rejected) commit with it.
   */
  onSettled?: (query: Query, settled: SettledMessage[]) => Promise<void>;
  /** Told after each round that delivered or parked something (and whether the ERP answered at all). */
  onRound?: (round: DeliveryRound & { failure: string | null }) => void;
}

export type SettledMessage =
  | {
      outcome: 'delivered';
      method: string;
      aggregate: string;
      erpId: string | null;
      repeated: boolean;
      /** reserve.extend: the end the ERP gave. */
      heldUntil?: string;
    }
  | { outcome: 'parked'; method: string; aggregate: string; reason: string };

export interface DeliveryRound {
  claimed: number;
  delivered: number;
  parked: number;
  retried: number;
}

export interface DeliveryWorker {
  /** One claim-send-record round; resolves with what happened. */
  deliverOnce(): Promise<DeliveryRound>;
  start(): void;
  stop(): Promise<void>;
}

interface Claimed {
  id: string;
  method: string;
  params: Record<string, unknown>;
  idempotency_key: string;
  aggregate: string;
  seq: number;
  attempts: number;
}

export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { store } = options;
  const batchSize = options.batchSize ?? 200;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAnswer = options.maxAnswerBytes ?? 4 * 1024 * 1024;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 60_000 };
  const random = options.random ?? Math.random;
  let running = false;
  let loop: Promise<void> | null = null;

  const client = new JSONRPCClient(async (payload) => {
    const res = await fetch(options.erpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...erpAuthorization() },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`ERP answered HTTP ${res.status}`);
    // Cut off while it streams: a hostile or broken ERP's endless answer costs the limit, no more.
    const text = await readLimited(res, maxAnswer);
    client.receive(JSON.parse(text));
  });

  const retryDelay = (attempts: number): number => {
    const cap = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(attempts, 20));
    return Math.round(cap / 2 + random() * (cap / 2));
  };

  async function deliverOnce(): Promise<DeliveryRound> {
    return store
      .transaction(async (tx) => {
        // Only the first undelivered message of each aggregate: messages of one order go in
        // sequence, and a parked one holds back the rest of its order until someone decides.
        const claimed = await tx.query<Claimed>(
          `SELECT o.id, o.method, o.params, o.idempotency_key, o.aggregate, o.seq, o.attempts FROM erp_outbox o
         WHERE o.status = 'pending' AND o.next_attempt_at <= now()
           AND NOT EXISTS (SELECT 1 FROM erp_outbox p WHERE p.aggregate = o.aggregate AND p.status IN ('pending', 'parked') AND p.seq < o.seq)
         ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize],
        );
        const round: DeliveryRound = { claimed: claimed.length, delivered: 0, parked: 0, retried: 0 };
        if (claimed.length === 0) return { ...round, failure: null };
        let answers: JSONRPCResponse[] = [];
        let failure: string | null = null;
        try {
          // The timeout also covers answers that never come for some ids (a wrong or missing id).
          answers = await client.timeout(timeoutMs).requestAdvanced(
            claimed.map((m, i) => ({
              jsonrpc: '2.0' as const,
              id: i + 1,
              method: m.method,
              params: { idempotencyKey: m.idempotency_key, aggregate: m.aggregate, seq: m.seq, payload: m.params },
            })),
          );
        } catch (err) {
          failure = err instanceof Error ? err.message : String(err);
        }
        const byId = new Map(answers.map((a) => [Number(a.id), a]));
        const settled: SettledMessage[] = [];
        const retries = { ids: [] as Claimed['id'][], errors: [] as string[], delays: [] as number[] };
        for (const [i, m] of claimed.entries()) {
          const answer = byId.get(i + 1);
          const result = answer && 'result' in answer ? ErpWriteResult.safeParse(answer.result) : null;
          if (result?.success) {
            await tx.query(
              `UPDATE erp_outbox SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, result = $2::jsonb, last_error = NULL WHERE id = $1`,
              [m.id, JSON.stringify(result.data)],
            );
            round.delivered++;
            settled.push({
              outcome: 'delivered',
              method: m.method,
              aggregate: m.aggregate,
              erpId: result.data.erpId ?? null,
              repeated: result.data.status === 'already_done',
              ...(result.data.heldUntil ? { heldUntil: result.data.heldUntil } : {}),
            });
          } else if (answer && 'error' in answer && answer.error && isFinalErpError(answer.error.code)) {
            const reason = `${answer.error.code}: ${answer.error.message}`.slice(0, 2000);
            await tx.query(
              `UPDATE erp_outbox SET status = 'parked', attempts = attempts + 1, last_error = $2 WHERE id = $1`,
              [m.id, reason],
            );
            round.parked++;
            settled.push({ outcome: 'parked', method: m.method, aggregate: m.aggregate, reason: answer.error.message });
          } else {
            const why =
              failure ??
              (answer && 'error' in answer && answer.error
                ? `${answer.error.code}: ${answer.error.message}`
                : 'no answer for this message');
            retries.ids.push(m.id);
            retries.errors.push(why.slice(0, 2000));
            retries.delays.push(retryDelay(m.attempts) / 1000);
            round.retried++;
          }
        }
        // One statement for every message to try again: while the ERP is down that is the whole
        // batch, every round, and a statement each kept the database busy for the desks' pushes.
        if (retries.ids.length) {
          await tx.query(
            `UPDATE erp_outbox o SET attempts = o.attempts + 1, last_error = r.error, next_attempt_at = now() + make_interval(secs => r.delay)
           FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS r(id, error, delay) WHERE o.id = r.id`,
            [retries.ids, retries.errors, retries.delays],
          );
        }
        if (settled.length) await options.onSettled?.(tx.query as Query, settled);
        return { ...round, failure };
      })
      .then((round) => {
        options.onRound?.(round);
        const { failure: _f, ...plain } = round;
        return plain;
      });
  }

  return {
    deliverOnce,
    start() {
      if (running) return;
      running = true;
      loop = (async () => {
        while (running) {
          try {
            const round = await deliverOnce();
            if (round.claimed === 0 || round.retried === round.claimed)
              await new Promise((r) => setTimeout(r, options.idleMs ?? 250));
          } catch (err) {
            options.onError?.(err);
            await new Promise((r) => setTimeout(r, options.idleMs ?? 250));
          }
        }
      })();
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}
