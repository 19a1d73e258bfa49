// Push timing keeps the last pushes and reports percentiles over a window of them.
import { describe, expect, it } from 'vitest';
import { createPushTiming } from './push-timing';

describe('push timing', () => {
  it('reports percentiles of the pushes since a time, and keeps only the last 100,000', () => {
    const t = createPushTiming();
    expect(t.summary()).toEqual({ count: 0, p50: null, p95: null, p99: null });
    for (let i = 1; i <= 100; i++) t.record(1000 + i, i);
    expect(t.summary()).toEqual({ count: 100, p50: 51, p95: 96, p99: 100 });
    // Only those after 1050 (51..100 ms).
    expect(t.summary(1051)).toMatchObject({ count: 50, p50: 76 });
    for (let i = 0; i < 100_000; i++) t.record(5000, 0.5);
    expect(t.summary()).toEqual({ count: 100_000, p50: 0.5, p95: 0.5, p99: 0.5 });
  });
});
