// The order screen's computed figures: exact, and the same as the document's.
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { amountOnBasis, marginPercent, priceChange, priceOnBasis, rangeFigures } from './order-figures';

describe('order figures', () => {
  it('converts prices and amounts between VAT bases to kopecks, amounts from the line VAT', () => {
    expect(priceOnBasis('122.00', '22', 'with', 'without')).toBe('100.00');
    expect(priceOnBasis('100.00', '22', 'without', 'with')).toBe('122.00');
    expect(priceOnBasis('100.00', '22', 'with', 'with')).toBe('100.00');
    expect(amountOnBasis('1220.00', '220.00', 'with', 'without')).toBe('1000.00');
    expect(amountOnBasis('1000.00', '220.00', 'without', 'with')).toBe('1220.00');
  });

  it('an amount converted there and back is the amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.integer({ min: 0, max: 100_000 }), (kop, vatKop) => {
        const amount = new Decimal(kop).dividedBy(100).toFixed(2);
        const vat = new Decimal(vatKop).dividedBy(100).toFixed(2);
        const out = amountOnBasis(amount, vat, 'with', 'without');
        expect(amountOnBasis(out, vat, 'without', 'with')).toBe(amount);
      }),
    );
  });

  it('margin percent, price change, and range figures', () => {
    expect(marginPercent('250.00', '1000.00')).toBe('25.0');
    expect(marginPercent('1.00', '0.00')).toBeNull();
    expect(priceChange('110.50', '100')).toEqual({ direction: 'up', by: '10.5' });
    expect(priceChange('90', '100.00')).toEqual({ direction: 'down', by: '10' });
    expect(priceChange('100.00', '100')).toEqual({ direction: 'none', by: '0' });
    expect(rangeFigures(['0.1', '0.2', 3, null, 'abc'])).toEqual({ count: 3, sum: '3.3', avg: '1.1' });
    expect(rangeFigures([])).toEqual({ count: 0, sum: '0', avg: null });
  });
});
