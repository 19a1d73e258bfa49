// Short decimal texts read without Decimal say exactly what Decimal says of them.
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padPlaces, shortDecimal } from './decimal-text';

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

describe('short decimal text', () => {
  it('agrees with Decimal on text, places, zero and fixed places', () => {
    fc.assert(
      fc.property(digits(1, 15), fc.option(digits(1, 6), { nil: undefined }), (whole, fraction) => {
        const s = fraction === undefined ? whole : `${whole}.${fraction}`;
        const d = shortDecimal(s)!;
        const x = new Decimal(s);
        expect(d.text).toBe(x.toString());
        expect(d.places).toBe(x.decimalPlaces());
        expect(d.zero).toBe(x.isZero());
        if (d.places <= 4) expect(padPlaces(d, 4)).toBe(x.toFixed(4));
      }),
      { numRuns: 2000 },
    );
  });
  it('leaves signs, exponents, long and malformed texts to Decimal', () => {
    for (const s of ['-1', '+1', '1e5', '1.', '.5', '', '1234567890123456', '0.0000001', '1,5', ' 1'])
      expect(shortDecimal(s)).toBeNull();
  });
});
