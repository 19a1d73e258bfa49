// How a plan's period reads: "IV кв. 2026" or "декабрь 2026" (in the chosen language).
import type { TFunction } from 'i18next';

const ROMAN = ['I', 'II', 'III', 'IV'];

export function periodLabel(period: 'month' | 'quarter', start: string, t: TFunction, language: string): string {
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7));
  if (period === 'quarter') {
    const q = Math.floor((month - 1) / 3);
    return t('plans.quarter', { q: language.startsWith('ru') ? ROMAN[q] : q + 1, year });
  }
  const name = new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(
    language.startsWith('ru') ? 'ru-RU' : 'en-GB',
    {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    },
  );
  return name.replace(/\s*г\.$/, '');
}
