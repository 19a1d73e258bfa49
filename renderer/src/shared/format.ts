// Locale formatting of quantities, money (exact decimal strings, never via float) and times.
import { intlLocale } from './i18n';

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${intlLocale()}|${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(intlLocale(), opts)));
  return f;
}

/** Money from an exact decimal string: Intl formats the string's digits as they are. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  return nf('money', { minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(value as Intl.StringNumericLiteral);
}

export function formatQuantity(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return nf('qty', { maximumFractionDigits: 3 }).format(value);
}

/** m³: small volumes keep their significant digits (0,0004), large ones two decimals. */
export function formatVolume(value: number): string {
  return nf(
    value < 1 ? 'vol-small' : 'vol',
    value < 1 ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 },
  ).format(value);
}

export function formatCount(value: number): string {
  return nf('count', { maximumFractionDigits: 0 }).format(value);
}

export function formatTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(
    intlLocale(),
    sameDay
      ? { hour: '2-digit', minute: '2-digit' }
      : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' },
  ).format(d);
}

/** A date alone (an order's, a document's): the time of day would read as "today". */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(intlLocale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** A percent given as exact decimal text ("25.0"), with one decimal in the user's locale. */
export function formatPercent(value: string | null): string {
  if (value === null) return '—';
  return nf('pct', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value as Intl.StringNumericLiteral);
}
