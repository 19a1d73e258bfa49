// Demo clients: Russian legal entities with valid INNs, requisites, contacts, delivery addresses,
// payment terms and agreements.
import { Faker } from '@faker-js/faker';
import { DemoClient } from './demo-types';
import { prng } from './demo-orders';

export function legalInn(f: Faker): string {
  const digits = Array.from({ length: 9 }, () => f.number.int({ min: 0, max: 9 }));
  digits[0] = f.number.int({ min: 1, max: 9 });
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((s, d, i) => s + d * w[i]!, 0) % 11) % 10;
  return [...digits, check].join('');
}

export function kopToString(kop: number): string {
  return `${Math.trunc(kop / 100)}.${String(kop % 100).padStart(2, '0')}`;
}

export const CLIENT_FORMS = ['ООО', 'АО', 'ПАО', 'ООО НПП', 'ООО ТД', 'ИП'];
export const CLIENT_ROOTS = [
  'Электрон',
  'Радиотех',
  'Элком',
  'Микротех',
  'Сигнал',
  'Импульс',
  'Контакт',
  'Вектор',
  'Спектр',
  'Прибор',
  'Автоматика',
  'Энергия',
  'Гамма',
  'Альфа',
  'Квант',
  'Модуль',
  'Стандарт',
  'Феникс',
  'Полюс',
  'Орбита',
];
export const CLIENT_TAILS = [
  'Комплект',
  'Снаб',
  'Трейд',
  'Пром',
  'Сервис',
  'Системы',
  'Маш',
  'Инжиниринг',
  'Поставка',
  'Групп',
  'Тех',
  'Дистрибуция',
];
export const PAYMENT_TERMS = [
  'Предоплата 100%',
  'Отсрочка 14 дней',
  'Отсрочка 30 дней',
  'Отсрочка 45 дней',
  'Рассрочка 3 платежа',
];

export const POSITIONS = ['Директор', 'Главный инженер', 'Менеджер по закупкам', 'Снабженец', 'Бухгалтер', 'Кладовщик'];

/** Requisites from the ERP and the card a manager keeps: contacts and delivery addresses. */
export function clientCard(
  f: Faker,
  name: string,
): Pick<DemoClient, 'kpp' | 'legal_address' | 'contacts' | 'delivery_addresses'> {
  const city = f.location.city();
  const address = (): string => `г. ${city}, ${f.location.street()}, д. ${f.number.int({ min: 1, max: 120 })}`;
  return {
    kpp: name.startsWith('ИП') ? '' : `${f.string.numeric(4)}01001`,
    legal_address: `${f.location.zipCode('######')}, ${address()}`,
    contacts: Array.from({ length: f.number.int({ min: 1, max: 3 }) }, () => {
      const sex = f.helpers.arrayElement(['male', 'female'] as const);
      return {
        name: `${f.person.lastName(sex)} ${f.person.firstName(sex)}`,
        position: f.helpers.arrayElement(POSITIONS),
        phone: `+7 (${f.string.numeric(3)}) ${f.string.numeric(3)}-${f.string.numeric(2)}-${f.string.numeric(2)}`,
        email: `${f.string.alpha({ length: 6, casing: 'lower' })}@${f.string.alpha({ length: 7, casing: 'lower' })}.ru`,
      };
    }),
    delivery_addresses: [{ label: 'Склад', address: `${address()}, склад ${f.number.int({ min: 1, max: 9 })}` }],
  };
}

export function clientAgreements(seed: number, clients: DemoClient[], asOf: string): void {
  const r = prng(seed);
  const RESERVE_DAYS = [1, 2, 3, 5, 7];
  // Sized to the demo's turnover (a client buys some 50 to 450 million rubles a quarter), so
  // clients stand on different steps, some one call away from the next.
  const bonusScaleFor = (id: number) => {
    const unit = [30_000_000, 60_000_000, 100_000_000][id % 3]!;
    return {
      period: 'quarter' as const,
      steps: [
        { from: String(unit), percent: '1.5' },
        { from: String(unit * 3), percent: '2.5' },
        { from: String(unit * 6), percent: '4' },
      ],
    };
  };
  const year = Number(asOf.slice(0, 4));
  for (const c of clients) {
    const count = r() < 0.3 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const y = year - 1 - Math.floor(r() * 3) + k;
      const month = 1 + Math.floor(r() * 12);
      const day = 1 + Math.floor(r() * 28);
      c.agreements.push({
        number: `Д-${y}/${String(c.id * 7 + k * 31).padStart(4, '0')}`,
        date: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        terms: k === 0 ? c.payment_terms : 'Предоплата 100%',
        // How long 1C holds a reserve under it: from a day to a week (by the client, not drawn:
        // the demo's other figures stay as they were).
        reserveDays: RESERVE_DAYS[(c.id + k) % RESERVE_DAYS.length]!,
        // Two main agreements in five have a quarterly retro bonus scale, sized by the client.
        ...(k === 0 && c.id % 5 < 2 ? { bonusScale: bonusScaleFor(c.id) } : {}),
      });
    }
  }
}

/**
 * The demo's price rules (db/demo/pricing-rules.ts): dealers (clients of the dealer price type)
 * form a client group; some clients have a coefficient of their own for one product group;
 * breaks and promotions go to the rules table.
 */
