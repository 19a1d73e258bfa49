// Short unsigned decimal texts ("12", "0.50", "1234.5") read without a Decimal object: a
// 10,000-line file has three or four such cells a line, and Decimal's constructor was a third of
// the preview's time. Anything longer, signed or in exponent form is left to Decimal by the caller.

export interface ShortDecimal {
  /** As Decimal's toString() writes it: no leading zeros, no trailing fraction zeros. */
  text: string;
  /** Decimal places of `text` (Decimal's decimalPlaces()). */
  places: number;
  zero: boolean;
}

// Up to 15 integer digits and 6 places: every such value is exact in a double and printed by
// Decimal without an exponent (it uses one below 1e-7 and from 1e21).
const SHORT = /^(\d{1,15})(?:\.(\d{1,6}))?$/;

export function shortDecimal(s: string): ShortDecimal | null {
  const m = SHORT.exec(s);
  if (!m) return null;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return { text: fraction ? `${whole}.${fraction}` : whole, places: fraction.length, zero: whole === '0' && !fraction };
}

/** `text` with exactly `places` decimal places, padded with zeros (Decimal's toFixed for fewer places). */
export function padPlaces(d: ShortDecimal, places: number): string {
  const [whole, fraction = ''] = d.text.split('.');
  return `${whole}.${fraction.padEnd(places, '0')}`;
}
