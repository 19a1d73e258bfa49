// How a commitment's amount reads (rubles as money, units as a quantity, with the unit's sign),
// and a percent in the chosen language ("1,5 %" in Russian).
import i18n, { type TFunction } from 'i18next';
import { formatMoney } from '../shared/format';

export function amountText(value: string, unit: 'money' | 'quantity', t: TFunction): string {
  const n = unit === 'money' ? formatMoney(value) : Number(value).toLocaleString('ru-RU', { maximumFractionDigits: 3 });
  return `${n} ${t(`seasons.units.${unit}`)}`;
}

/** A decimal percent text as the language writes it, with the sign. */
export function percentText(value: string): string {
  return `${i18n.language.startsWith('ru') ? value.replace('.', ',') : value} %`;
}
