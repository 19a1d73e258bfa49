// Aging recomputed independently: the same documents summed in integer kopecks bucket by bucket
// from day counts done with calendar arithmetic, for random documents and days.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGING_BUCKETS, agingOf, ReceivableDocument, type AgingBucket } from './receivables';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const toKop = (s: string) => {
  const [w, f = ''] = s.split('.');
  return BigInt(w!) * 100n + BigInt((f + '00').slice(0, 2));
};
const rub = (k: bigint) => `${k / 100n}.${String(k % 100n).padStart(2, '0')}`;

const document = fc
  .record({
    date: fc.date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2026-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    term: fc.integer({ min: 0, max: 120 }),
    amountKop: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
    paidShare: fc.integer({ min: 0, max: 100 }),
    n: fc.nat(99_999),
  })
  .map(({ date, term, amountKop, paidShare, n }) => {
    const due = new Date(date.getTime() + term * 86_400_000);
    const paidKop = (amountKop * BigInt(paidShare)) / 100n;
    return { number: `УПД-${n}`, date: iso(date), dueDate: iso(due), amount: rub(amountKop), paid: rub(paidKop) };
  });

describe('receivables aging', () => {
  it('equals an independent computation in integer kopecks, and the buckets sum to the open total', () => {
    fc.assert(
      fc.property(
        fc.array(document, { maxLength: 40 }),
        fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z'), noInvalidDate: true }),
        (docs, asOf) => {
          const asOfDay = iso(asOf);
          const expected: Record<AgingBucket, bigint> = { notDue: 0n, d1_30: 0n, d31_60: 0n, d61_90: 0n, d90plus: 0n };
          for (const d of docs) {
            const open = toKop(d.amount) - toKop(d.paid);
            if (open <= 0n) continue;
            // Calendar days by stepping dates one by one: no shared arithmetic with the code under test.
            let days = 0;
            const step = new Date(`${d.dueDate}T12:00:00Z`);
            while (iso(step) < asOfDay) {
              step.setUTCDate(step.getUTCDate() + 1);
              days++;
            }
            const bucket: AgingBucket =
              days === 0 ? 'notDue' : days <= 30 ? 'd1_30' : days <= 60 ? 'd31_60' : days <= 90 ? 'd61_90' : 'd90plus';
            expected[bucket] += open;
          }
          const aging = agingOf(
            docs.map((d) => ReceivableDocument.parse(d)),
            asOfDay,
          );
          for (const b of AGING_BUCKETS) expect(aging.buckets[b]).toBe(rub(expected[b]));
          const total = AGING_BUCKETS.reduce((s, b) => s + expected[b], 0n);
          expect(aging.open).toBe(rub(total));
          expect(aging.overdue).toBe(rub(total - expected.notDue));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a document paid over its amount or due before it was issued', () => {
    expect(
      ReceivableDocument.safeParse({
        number: '1',
        date: '2026-11-01',
        dueDate: '2026-11-10',
        amount: '10.00',
        paid: '10.01',
      }).success,
    ).toBe(false);
    expect(
      ReceivableDocument.safeParse({ number: '1', date: '2026-11-01', dueDate: '2026-10-30', amount: '10.00' }).success,
    ).toBe(false);
  });
});
