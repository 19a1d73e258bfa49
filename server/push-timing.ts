// How long this server takes with a push, from the message's arrival to its acknowledgement
// being sent: the server's own share of a desk's wait, apart from the network and the desk.
// The last 100,000 pushes are kept; /health reports percentiles over those since a given time
// (a load test asks for its own window).
const KEEP = 100_000;

export interface PushTiming {
  record(arrivedAt: number, ms: number): void;
  /** Percentiles of the pushes acknowledged since `since` (ms since the epoch), in ms. */
  summary(since?: number): { count: number; p50: number | null; p95: number | null; p99: number | null };
}

export function createPushTiming(): PushTiming {
  const at = new Float64Array(KEEP);
  const took = new Float64Array(KEEP);
  let next = 0;
  let size = 0;
  return {
    record(arrivedAt, ms) {
      at[next] = arrivedAt;
      took[next] = ms;
      next = (next + 1) % KEEP;
      size = Math.min(KEEP, size + 1);
    },
    summary(since = 0) {
      const values: number[] = [];
      for (let i = 0; i < size; i++) if (at[i]! >= since) values.push(took[i]!);
      values.sort((a, b) => a - b);
      const q = (p: number): number | null =>
        values.length
          ? Math.round(values[Math.min(values.length - 1, Math.floor(p * values.length))]! * 10) / 10
          : null;
      return { count: values.length, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
    },
  };
}
