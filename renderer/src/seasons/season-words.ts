// How a commitment's amount reads: rubles as money, units as a quantity, with the unit's sign.
import type { TFunction } from 'i18next';
import { formatMoney } from '../shared/format';

export function amountText(value: string, unit: 'money' | 'quantity', t: TFunction): string {
  const n = unit === 'money' ? formatMoney(value) : Number(value).toLocaleString('ru-RU', { maximumFractionDigits: 3 });
  return `${n} ${t(`seasons.units.${unit}`)}`;
}
