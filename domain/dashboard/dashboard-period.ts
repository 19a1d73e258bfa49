// Dashboard periods in the company's calendar (Moscow, UTC+3 all year): "today", "this week",
// "this month", "this quarter" or a custom range of days become instants [from, to); the
// calendar months a period touches are those the ERP's monthly sales plans are counted in.
// The same days on every desk, wherever it is, and the same as the dashboard's daily buckets.

export type Preset = 'today' | 'week' | 'month' | 'quarter' | 'custom';

const MSK_MS = 3 * 3600_000;
/** The instant a Moscow calendar day starts (month and day may overflow, as in Date.UTC). */
const mskDay = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d) - MSK_MS);

/** The Moscow date (YYYY-MM-DD) of an instant. */
export const isoDay = (d: Date): string => new Date(d.getTime() + MSK_MS).toISOString().slice(0, 10);

export function periodOf(
  preset: Preset,
  now: Date,
  custom: { from: string; to: string },
): { fromAt: string; toAt: string } {
  const m = new Date(now.getTime() + MSK_MS);
  const [y, mo, d] = [m.getUTCFullYear(), m.getUTCMonth(), m.getUTCDate()];
  let from: Date;
  let to: Date;
  switch (preset) {
    case 'today':
      from = mskDay(y, mo, d);
      to = mskDay(y, mo, d + 1);
      break;
    case 'week': {
      const monday = (m.getUTCDay() + 6) % 7;
      from = mskDay(y, mo, d - monday);
      to = mskDay(y, mo, d - monday + 7);
      break;
    }
    case 'month':
      from = mskDay(y, mo, 1);
      to = mskDay(y, mo + 1, 1);
      break;
    case 'quarter': {
      const q = Math.floor(mo / 3) * 3;
      from = mskDay(y, q, 1);
      to = mskDay(y, q + 3, 1);
      break;
    }
    default: {
      const [fy, fm, fd] = custom.from.split('-').map(Number) as [number, number, number];
      const [ty, tm, td] = custom.to.split('-').map(Number) as [number, number, number];
      from = mskDay(fy, fm - 1, fd);
      // The last day is included.
      to = mskDay(ty, tm - 1, td + 1);
    }
  }
  return { fromAt: from.toISOString(), toAt: to.toISOString() };
}

/** Calendar months (YYYY-MM-01) the period [from, to) touches, in Moscow time. */
export function monthsOf(fromAt: string, toAt: string): string[] {
  const a = new Date(Date.parse(fromAt) + MSK_MS);
  const b = new Date(Date.parse(toAt) - 1 + MSK_MS);
  const out: string[] = [];
  let y = a.getUTCFullYear();
  let m = a.getUTCMonth();
  // At most ten years of months: a period is a human range, not a loop bound to trust blindly.
  while ((y < b.getUTCFullYear() || (y === b.getUTCFullYear() && m <= b.getUTCMonth())) && out.length < 120) {
    out.push(`${y}-${String(m + 1).padStart(2, '0')}-01`);
    if (m === 11) {
      y++;
      m = 0;
    } else m++;
  }
  return out;
}
