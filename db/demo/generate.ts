// Demo data: a deterministic, seeded data set of a Russian electronic-components distributor
// (catalog with analog families, warehouses, stock, prices per price type, clients, staff).
// Same seed and options → the same rows, byte for byte; the clock is passed in.
import type { CoefficientRule } from '../../domain/pricing/pricing';
import { demoPricingRules } from './pricing-rules';
import { Faker, base, en, ru } from '@faker-js/faker';
import { addMoney, lineAmount } from '../../domain/orders/order';
import { clientPrice } from '../../domain/orders/submit-check';
import type { Row } from '../../domain/sync/mutation-def';
import { demoAftersales } from './aftersales';
import { demoSalesPlans } from './sales-plans';

export interface DemoOptions {
  seed: number;
  items: number;
  clients: number;
  managers: number;
  supervisors: number;
  /** "As of" time of ERP-sourced values (prices, stock), ISO string. */
  asOf: string;
  /** Historical orders over the past year, across statuses and kinds (most with 5-200 lines). */
  orders: number;
  /** Large orders of the first manager (line counts), for working with big documents. */
  bigOrders: number[];
  /** Claims and tickets over the year (db/demo/aftersales.ts). */
  claims: number;
  tickets: number;
}

export const defaultDemoOptions: DemoOptions = {
  seed: 20261122,
  items: 50_000,
  clients: 300,
  managers: 12,
  supervisors: 2,
  asOf: '2026-11-22T07:00:00.000Z',
  orders: 20_000,
  bigOrders: [5_000, 20_000, 50_000],
  claims: 600,
  tickets: 3_000,
};

/** Demo sign-in: every demo user's password; the README lists the logins. */
export const DEMO_PASSWORD = 'demo1234';

export interface DemoUser {
  id: number;
  login: string;
  name: string;
  role: 'manager' | 'supervisor' | 'admin';
  supervisor_id: number | null;
  active: boolean;
  password: string;
}
export interface DemoWarehouse {
  id: number;
  code: string;
  name: string;
  city: string;
}
export interface DemoPriceType {
  id: number;
  code: string;
  name: string;
  with_vat: boolean;
  is_base: boolean;
  places: number;
}
export interface DemoItem {
  id: number;
  article: string;
  name: string;
  manufacturer: string;
  group_name: string;
  unit: string;
  pack_size: number;
  attributes: Record<string, string>;
  analog_group: number | null;
  lifecycle: 'active' | 'discontinued';
  vat_rate: string;
  cost: string;
  weight_kg: string;
  volume_m3: string;
}
export interface DemoPrice {
  item_id: number;
  price_type_id: number;
  price: string;
  as_of: string;
}
export interface DemoStock {
  item_id: number;
  warehouse_id: number;
  quantity: string;
  lead_days: number | null;
  as_of: string;
}
export interface DemoClient {
  id: number;
  name: string;
  inn: string;
  price_type_id: number;
  coefficient: string;
  credit_limit: string;
  overdue: string;
  manager_id: number;
  payment_terms: string;
  kpp: string;
  legal_address: string;
  contacts: { name: string; position: string; phone: string; email: string }[];
  delivery_addresses: { label: string; address: string }[];
  agreements: { number: string; date: string; terms: string }[];
  client_group: string | null;
  coefficient_rules: Omit<CoefficientRule, 'clientId'>[];
  /** When the ERP last reported the client's debts (credit limit, overdue): shown beside them. */
  receivables_as_of: string | null;
}
export interface DemoPriceRule {
  id: string;
  kind: 'break' | 'promotion' | 'floor';
  body: Record<string, unknown>;
  updated_by: number;
  updated_at: string;
}

export interface DemoOrder {
  id: string;
  number: string;
  client_id: number;
  manager_id: number;
  kind: string;
  status: string;
  warehouse_id: number;
  delivery_date: string | null;
  comment: string;
  lines_count: number;
  /** The last line number the order gave; new lines take the next (a number is never given twice). */
  last_line_no: number;
  total: string;
  created_at: string;
  submitted_at: string | null;
  erp_number: string | null;
  erp_status_at: string | null;
  erp_error: string | null;
  cost_total: string;
  agreement: string | null;
  delivery_method: string;
  delivery_address: string;
}
export interface DemoOrderLine {
  id: string;
  order_id: string;
  manager_id: number;
  line_no: number;
  item_id: number;
  quantity: string;
  price: string;
  price_source: string;
  discount: string;
  amount: string;
  warehouse_id: number | null;
  comment: string;
  cost: string;
  override_reason: string;
  override_note: string;
}

export interface DemoData {
  users: DemoUser[];
  warehouses: DemoWarehouse[];
  price_types: DemoPriceType[];
  price_rules: DemoPriceRule[];
  items: DemoItem[];
  prices: DemoPrice[];
  stock: DemoStock[];
  clients: DemoClient[];
  orders: DemoOrder[];
  order_lines: DemoOrderLine[];
  claims: Row[];
  order_claims: Row[];
  tickets: Row[];
  ticket_messages: Row[];
  sales_plans: Row[];
}

const WAREHOUSES: DemoWarehouse[] = [
  { id: 1, code: 'MSK', name: 'Москва, Центральный', city: 'Москва' },
  { id: 2, code: 'SPB', name: 'Санкт-Петербург, Парнас', city: 'Санкт-Петербург' },
  { id: 3, code: 'EKB', name: 'Екатеринбург', city: 'Екатеринбург' },
  { id: 4, code: 'NSK', name: 'Новосибирск', city: 'Новосибирск' },
  { id: 5, code: 'KZN', name: 'Казань', city: 'Казань' },
];

const PRICE_TYPES: DemoPriceType[] = [
  { id: 1, code: 'BASE', name: 'Базовая', with_vat: true, is_base: true, places: 4 },
  { id: 2, code: 'OPT', name: 'Крупный опт', with_vat: true, is_base: false, places: 4 },
  { id: 3, code: 'DEALER', name: 'Дилерская (без НДС)', with_vat: false, is_base: false, places: 4 },
];

// Price type factor against the base price, in basis points: exact integer arithmetic.
const PRICE_TYPE_BP: Record<number, number> = { 1: 10000, 2: 9200, 3: 7377 };

interface Family {
  group: string;
  unit: string;
  manufacturers: string[];
  /** Article stems and their variant suffixes (variants of one stem are analogs); a stem may fix its maker. */
  article(f: Faker): { stem: string; variants: string[]; maker?: string };
  name(f: Faker, stem: string, variant: string): string;
  attributes(f: Faker, variant: string): Record<string, string>;
  pack: number[];
  priceKop: [number, number];
  vat: string;
}

const SOVIET_FUNCS = ['ЛА', 'ЛЕ', 'ЛИ', 'ЛН', 'ЛП', 'ТМ', 'ТВ', 'ИЕ', 'ИР', 'КП', 'ИД', 'УД', 'ЕН', 'АГ'];
const SOVIET_SERIES = ['155', '555', '561', '564', '1533', '1554', '176', '140', '142', '1564', '1561'];
const RU_MAKERS = ['Ангстрем', 'Интеграл', 'Микрон', 'Миландр', 'НЗПП', 'Транзистор', 'Кремний'];
const IC_MAKERS = [
  'Texas Instruments',
  'STMicroelectronics',
  'NXP',
  'Microchip',
  'Analog Devices',
  'Infineon',
  'onsemi',
  'Renesas',
];
const PASSIVE_MAKERS = [
  'Yageo',
  'Murata',
  'Vishay',
  'Kemet',
  'Samsung Electro-Mechanics',
  'TDK',
  'Bourns',
  'Panasonic',
];
const CONN_MAKERS = ['TE Connectivity', 'Molex', 'Amphenol', 'Harting', 'Phoenix Contact', 'Würth Elektronik'];
// Microcontroller lines: article prefix, its maker, package/grade suffixes.
const MCU_LINES: [string, string, string[]][] = [
  ['STM32F', 'STMicroelectronics', ['C8T6', 'CBT6', 'RCT6', 'VET6']],
  ['STM32G', 'STMicroelectronics', ['C8T6', 'CBT6', 'KBT6']],
  ['STM32L', 'STMicroelectronics', ['C8T6', 'RCT6', 'VET6']],
  ['ATMEGA', 'Microchip', ['-AU', '-PU', '-MU']],
  ['PIC16F', 'Microchip', ['-I/P', '-I/SO', '-E/SS']],
  ['PIC18F', 'Microchip', ['-I/P', '-I/PT', '-E/ML']],
  ['GD32F', 'GigaDevice', ['C8T6', 'CBT6', 'RCT6']],
  ['1986ВЕ', 'Миландр', ['1Т', '91Т', '92У', '93У']],
  ['LPC', 'NXP', ['FBD48', 'FBD64', 'JBD100']],
  ['ESP32-', 'Espressif', ['WROOM-32E', 'S3', 'C3']],
];
const PACKAGES = { N: 'DIP', D: 'SOIC', PW: 'TSSOP', DR: 'SOIC (лента)', QFN: 'QFN' } as const;

const families: Family[] = [
  {
    group: 'Микросхемы отечественные',
    unit: 'шт',
    manufacturers: RU_MAKERS,
    article: (f) => {
      const stem = `${f.helpers.arrayElement(SOVIET_SERIES)}${f.helpers.arrayElement(SOVIET_FUNCS)}${f.number.int({ min: 1, max: 24 })}`;
      return { stem, variants: f.helpers.arrayElements(['К', 'КР', 'КМ', 'ЭКР', 'Н'], { min: 1, max: 3 }) };
    },
    name: (_f, stem, variant) => `Микросхема ${variant}${stem}`,
    attributes: (f, variant) => ({
      Корпус:
        variant === 'КР' || variant === 'ЭКР' ? 'DIP-14 пластик' : variant === 'Н' ? 'Бескорпусная' : 'DIP-14 керамика',
      Приёмка: f.helpers.arrayElement(['ОТК', 'ВП', '5']),
      'Температура, °C': f.helpers.arrayElement(['-10…+70', '-45…+85', '-60…+125']),
    }),
    pack: [1, 10, 25, 50],
    priceKop: [1200, 45000],
    vat: '22.00',
  },
  {
    group: 'Микросхемы импортные',
    unit: 'шт',
    manufacturers: IC_MAKERS,
    article: (f) => {
      const stem = `${f.helpers.arrayElement(['LM', 'NE', 'TL', 'SN74HC', 'SN74LS', 'MAX', 'AD', 'OPA', 'LT', 'TPS', 'UA', 'MC'])}${f.number.int({ min: 100, max: 9899 })}`;
      return { stem, variants: f.helpers.arrayElements(Object.keys(PACKAGES), { min: 1, max: 4 }) };
    },
    name: (f, stem, variant) =>
      `${f.helpers.arrayElement(['Операционный усилитель', 'Стабилизатор напряжения', 'Логический элемент', 'Таймер', 'Компаратор', 'Драйвер', 'АЦП', 'ЦАП'])} ${stem}${variant}`,
    attributes: (f, variant) => ({
      Корпус: PACKAGES[variant as keyof typeof PACKAGES],
      'Напряжение питания, В': f.helpers.arrayElement(['3.3', '5', '2…6', '4.5…36', '±15']),
      'Температура, °C': f.helpers.arrayElement(['0…+70', '-40…+85', '-40…+125']),
    }),
    pack: [1, 25, 50, 75, 100, 2500],
    priceKop: [900, 120000],
    vat: '22.00',
  },
  {
    group: 'Микроконтроллеры',
    unit: 'шт',
    manufacturers: MCU_LINES.map(([, maker]) => maker),
    article: (f) => {
      const [prefix, maker, suffixes] = f.helpers.arrayElement(MCU_LINES);
      return {
        stem: `${prefix}${f.number.int({ min: 10, max: 999 })}`,
        variants: f.helpers.arrayElements(suffixes, { min: 1, max: 3 }),
        maker,
      };
    },
    name: (_f, stem, variant) => `Микроконтроллер ${stem}${variant}`,
    attributes: (f) => ({
      Ядро: f.helpers.arrayElement(['ARM Cortex-M0+', 'ARM Cortex-M3', 'ARM Cortex-M4', 'AVR', 'PIC']),
      'Flash, КБ': String(f.helpers.arrayElement([16, 32, 64, 128, 256, 512])),
      Корпус: f.helpers.arrayElement(['LQFP-48', 'LQFP-64', 'TQFP-32', 'DIP-28', 'QFN-32']),
    }),
    pack: [1, 10, 90, 160, 250],
    priceKop: [8000, 350000],
    vat: '22.00',
  },
  {
    group: 'Транзисторы',
    unit: 'шт',
    manufacturers: [...RU_MAKERS, 'onsemi', 'Infineon', 'Nexperia', 'Vishay'],
    article: (f) => {
      if (f.datatype.boolean()) {
        const stem = `КТ${f.number.int({ min: 200, max: 9999 })}`;
        return { stem, variants: f.helpers.arrayElements(['А', 'Б', 'В', 'Г', 'Д', 'А9', 'Б9'], { min: 1, max: 3 }) };
      }
      const stem = `${f.helpers.arrayElement(['BC', 'BD', 'IRF', 'IRFZ', '2N', 'BSS', 'MMBT', 'AO'])}${f.number.int({ min: 100, max: 9999 })}`;
      return { stem, variants: f.helpers.arrayElements(['', 'A', 'B', 'C', 'PBF', 'LT1G'], { min: 1, max: 3 }) };
    },
    name: (f, stem, variant) =>
      `Транзистор ${f.helpers.arrayElement(['биполярный', 'полевой', 'MOSFET N-канал', 'MOSFET P-канал'])} ${stem}${variant}`,
    attributes: (f) => ({
      Корпус: f.helpers.arrayElement(['TO-92', 'TO-220', 'SOT-23', 'TO-247', 'КТ-26', 'DPAK']),
      'Uкэ/Uси макс, В': String(f.helpers.arrayElement([20, 30, 45, 60, 100, 200, 400, 600])),
      'Ток, А': f.helpers.arrayElement(['0.1', '0.5', '1', '4', '10', '30']),
    }),
    pack: [1, 10, 100, 1000, 3000],
    priceKop: [300, 60000],
    vat: '22.00',
  },
  {
    group: 'Резисторы',
    unit: 'шт',
    manufacturers: PASSIVE_MAKERS,
    article: (f) => {
      const size = f.helpers.arrayElement(['0402', '0603', '0805', '1206', '2512']);
      const value = `${f.helpers.arrayElement(['10', '22', '47', '100', '220', '470', '1K', '2K2', '4K7', '10K', '22K', '47K', '100K', '1M'])}`;
      const stem = `RC${size}-${value}-${f.number.int({ min: 1, max: 99 })}`;
      return { stem, variants: f.helpers.arrayElements(['FR', 'JR', 'DR'], { min: 1, max: 3 }) };
    },
    name: (_f, stem, variant) => `Резистор SMD ${stem}${variant}`,
    attributes: (f, variant) => ({
      Допуск: variant === 'FR' ? '±1%' : variant === 'JR' ? '±5%' : '±0.5%',
      'Мощность, Вт': f.helpers.arrayElement(['0.0625', '0.1', '0.125', '0.25', '1']),
      'ТКС, ppm/°C': f.helpers.arrayElement(['±100', '±200', '±50']),
    }),
    pack: [100, 1000, 5000, 10000],
    priceKop: [5, 900],
    vat: '22.00',
  },
  {
    group: 'Конденсаторы',
    unit: 'шт',
    manufacturers: PASSIVE_MAKERS,
    article: (f) => {
      const stem = `${f.helpers.arrayElement(['GRM', 'CL', 'C', 'K73-17-', 'К10-17Б-', 'ECAP-'])}${f.number.int({ min: 10, max: 9999 })}`;
      return { stem, variants: f.helpers.arrayElements(['X7R', 'NP0', 'Y5V', 'X5R'], { min: 1, max: 3 }) };
    },
    name: (f, stem, variant) =>
      `Конденсатор ${f.helpers.arrayElement(['керамический', 'электролитический', 'плёночный', 'танталовый'])} ${stem}${variant}`,
    attributes: (f, variant) => ({
      Диэлектрик: variant,
      Ёмкость: f.helpers.arrayElement([
        '10 пФ',
        '100 пФ',
        '1 нФ',
        '10 нФ',
        '0.1 мкФ',
        '1 мкФ',
        '10 мкФ',
        '100 мкФ',
        '1000 мкФ',
      ]),
      'Напряжение, В': String(f.helpers.arrayElement([6.3, 16, 25, 50, 100, 250, 400])),
    }),
    pack: [10, 100, 1000, 4000],
    priceKop: [10, 9000],
    vat: '22.00',
  },
  {
    group: 'Диоды и стабилитроны',
    unit: 'шт',
    manufacturers: [...RU_MAKERS, 'Vishay', 'Diodes Inc', 'onsemi'],
    article: (f) => {
      if (f.datatype.boolean())
        return {
          stem: `${f.helpers.arrayElement(['КД', 'КС', 'Д'])}${f.number.int({ min: 100, max: 999 })}`,
          variants: f.helpers.arrayElements(['А', 'Б', 'В', 'Г'], { min: 1, max: 3 }),
        };
      return {
        stem: `${f.helpers.arrayElement(['1N', 'BZX55C', 'SS', 'BAV', 'SMBJ', 'P6KE'])}${f.number.int({ min: 10, max: 5999 })}`,
        variants: f.helpers.arrayElements(['', 'A', 'CA', '-TP', '-E3'], { min: 1, max: 3 }),
      };
    },
    name: (f, stem, variant) =>
      `${f.helpers.arrayElement(['Диод выпрямительный', 'Диод Шоттки', 'Стабилитрон', 'TVS-диод'])} ${stem}${variant}`,
    attributes: (f) => ({
      Корпус: f.helpers.arrayElement(['DO-41', 'SOD-123', 'SMA', 'SMB', 'КД-2']),
      'Ток, А': f.helpers.arrayElement(['0.2', '1', '3', '5']),
      'Uобр, В': String(f.helpers.arrayElement([30, 40, 100, 400, 1000])),
    }),
    pack: [1, 10, 100, 5000],
    priceKop: [100, 8000],
    vat: '22.00',
  },
  {
    group: 'Разъёмы',
    unit: 'шт',
    manufacturers: CONN_MAKERS,
    article: (f) => ({
      stem: `${f.helpers.arrayElement(['PLS-', 'PBS-', 'IDC-', 'DB-', 'RJ45-', 'СНП', '2РМ', 'ОНЦ-'])}${f.number.int({ min: 2, max: 999 })}`,
      variants: f.helpers.arrayElements(['', 'R', 'M', 'F', 'G'], { min: 1, max: 3 }),
    }),
    name: (f, stem, variant) =>
      `Разъём ${f.helpers.arrayElement(['штыревой', 'гнездовой', 'угловой', 'на кабель', 'на плату'])} ${stem}${variant}`,
    attributes: (f) => ({
      Контактов: String(f.number.int({ min: 2, max: 64 })),
      'Шаг, мм': f.helpers.arrayElement(['1.27', '2.0', '2.54', '3.96', '5.08']),
      Монтаж: f.helpers.arrayElement(['THT', 'SMD', 'кабельный']),
    }),
    pack: [1, 10, 50, 100],
    priceKop: [500, 250000],
    vat: '22.00',
  },
  {
    group: 'Реле',
    unit: 'шт',
    manufacturers: ['Omron', 'TE Connectivity', 'Finder', 'Hongfa', 'РЭК', 'Релтех'],
    article: (f) => ({
      stem: `${f.helpers.arrayElement(['G5LE-', 'HF115F-', 'РЭС', 'РЭК', '40.52.', 'JQC-'])}${f.number.int({ min: 1, max: 999 })}`,
      variants: f.helpers.arrayElements(['-5V', '-12V', '-24V', '-230V'], { min: 1, max: 4 }),
    }),
    name: (_f, stem, variant) => `Реле электромагнитное ${stem}${variant}`,
    attributes: (_f, variant) => ({ 'Напряжение катушки': variant.replace('-', ''), Контакты: 'SPDT' }),
    pack: [1, 10, 50],
    priceKop: [4000, 90000],
    vat: '22.00',
  },
  {
    group: 'Техническая литература',
    unit: 'шт',
    manufacturers: ['Додэка', 'Техносфера', 'БХВ'],
    article: (f) => ({ stem: `КН-${f.number.int({ min: 1000, max: 9999 })}`, variants: [''] }),
    name: (f) =>
      `Справочник: ${f.helpers.arrayElement(['Микросхемы ТТЛ', 'Транзисторы', 'Микроконтроллеры STM32', 'Силовая электроника', 'Источники питания'])}`,
    attributes: () => ({ Переплёт: 'твёрдый' }),
    pack: [1],
    priceKop: [50000, 300000],
    vat: '10.00',
  },
];

// Weights of the families in the catalog (passives and ICs dominate a components catalog).
const FAMILY_WEIGHTS = [12, 18, 8, 14, 18, 14, 9, 5, 3, 1];

/** INN (ИНН) of a legal entity: 10 digits with a valid check digit. */
function legalInn(f: Faker): string {
  const digits = Array.from({ length: 9 }, () => f.number.int({ min: 0, max: 9 }));
  digits[0] = f.number.int({ min: 1, max: 9 });
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (digits.reduce((s, d, i) => s + d * w[i]!, 0) % 11) % 10;
  return [...digits, check].join('');
}

function kopToString(kop: number): string {
  return `${Math.trunc(kop / 100)}.${String(kop % 100).padStart(2, '0')}`;
}

const CLIENT_FORMS = ['ООО', 'АО', 'ПАО', 'ООО НПП', 'ООО ТД', 'ИП'];
const CLIENT_ROOTS = [
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
const CLIENT_TAILS = [
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
const PAYMENT_TERMS = [
  'Предоплата 100%',
  'Отсрочка 14 дней',
  'Отсрочка 30 дней',
  'Отсрочка 45 дней',
  'Рассрочка 3 платежа',
];

const POSITIONS = ['Директор', 'Главный инженер', 'Менеджер по закупкам', 'Снабженец', 'Бухгалтер', 'Кладовщик'];

/** Requisites from the ERP and the card a manager keeps: contacts and delivery addresses. */
function clientCard(
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

export function generateDemoData(options: Partial<DemoOptions> = {}): DemoData {
  const o = { ...defaultDemoOptions, ...options };
  const f = new Faker({ locale: [ru, en, base] });
  f.seed(o.seed);

  // Staff: one admin, supervisors, managers split evenly between supervisors.
  const users: DemoUser[] = [
    {
      id: 1,
      login: 'admin',
      name: 'Администратор Системы',
      role: 'admin',
      supervisor_id: null,
      active: true,
      password: DEMO_PASSWORD,
    },
  ];
  const personName = (): string => `${f.person.lastName('male')} ${f.person.firstName('male')}`;
  for (let s = 0; s < o.supervisors; s++)
    users.push({
      id: 10 + s,
      login: `supervisor${s + 1}`,
      name: personName(),
      role: 'supervisor',
      supervisor_id: null,
      active: true,
      password: DEMO_PASSWORD,
    });
  for (let m = 0; m < o.managers; m++) {
    const sex = m % 2 === 0 ? 'male' : 'female';
    users.push({
      id: 100 + m,
      login: `manager${m + 1}`,
      name: `${f.person.lastName(sex)} ${f.person.firstName(sex)}`,
      role: 'manager',
      supervisor_id: 10 + (m % o.supervisors),
      active: true,
      password: DEMO_PASSWORD,
    });
  }

  // Catalog: families of analogs (same stem, other package / grade / acceptance).
  const items: DemoItem[] = [];
  const prices: DemoPrice[] = [];
  const stock: DemoStock[] = [];
  const seen = new Set<string>();
  let analogGroup = 0;
  const addItem = (
    fam: Family,
    article: string,
    stem: string,
    variant: string,
    group: number | null,
    maker: string,
  ): void => {
    const id = items.length + 1;
    const priceKop = f.number.int({ min: fam.priceKop[0], max: fam.priceKop[1] });
    items.push({
      id,
      article,
      name: fam.name(f, stem, variant),
      manufacturer: maker,
      group_name: fam.group,
      unit: fam.unit,
      pack_size: f.helpers.arrayElement(fam.pack),
      attributes: fam.attributes(f, variant),
      analog_group: group,
      lifecycle: f.number.int({ min: 1, max: 100 }) <= 6 ? 'discontinued' : 'active',
      vat_rate: fam.vat,
      cost: '0',
      weight_kg: '0',
      volume_m3: '0',
    });
    for (const pt of PRICE_TYPES) {
      // Half-up to kopecks in integers: (kop * bp + 5000) / 10000.
      prices.push({
        item_id: id,
        price_type_id: pt.id,
        price: kopToString(Math.floor((priceKop * PRICE_TYPE_BP[pt.id]! + 5000) / 10000)),
        as_of: o.asOf,
      });
    }
    const pack = items[items.length - 1]!.pack_size;
    let any = false;
    for (const w of WAREHOUSES) {
      if (f.number.int({ min: 1, max: 100 }) <= (w.id === 1 ? 55 : 30)) {
        any = true;
        stock.push({
          item_id: id,
          warehouse_id: w.id,
          quantity: String(pack * f.number.int({ min: 1, max: 400 })),
          lead_days: w.id === 1 ? 0 : f.number.int({ min: 1, max: 5 }),
          as_of: o.asOf,
        });
      }
    }
    if (!any)
      stock.push({
        item_id: id,
        warehouse_id: 1,
        quantity: '0',
        lead_days: f.number.int({ min: 14, max: 90 }),
        as_of: o.asOf,
      });
  };

  // Articles the tests and the README use as examples, so they exist in every demo set.
  addItem(families[0]!, 'К561ЛА7', '561ЛА7', 'К', ++analogGroup, 'Ангстрем');
  addItem(families[0]!, 'КР561ЛА7', '561ЛА7', 'КР', analogGroup, 'Интеграл');
  seen.add('К561ЛА7');
  seen.add('КР561ЛА7');

  const weightSum = FAMILY_WEIGHTS.reduce((a, b) => a + b, 0);
  let guard = 0;
  while (items.length < o.items && guard++ < o.items * 20) {
    let pick = f.number.int({ min: 1, max: weightSum });
    let fi = 0;
    while (pick > FAMILY_WEIGHTS[fi]!) pick -= FAMILY_WEIGHTS[fi++]!;
    const fam = families[fi]!;
    const picked = fam.article(f);
    const { stem, variants } = picked;
    const fresh = variants.filter((v) => {
      const article = fi === 0 ? `${v}${stem}` : `${stem}${v}`;
      return !seen.has(article);
    });
    if (fresh.length === 0) continue;
    const group = fresh.length > 1 ? ++analogGroup : null;
    const maker = picked.maker ?? f.helpers.arrayElement(fam.manufacturers);
    for (const v of fresh) {
      if (items.length >= o.items) break;
      const article = fi === 0 ? `${v}${stem}` : `${stem}${v}`;
      seen.add(article);
      addItem(fam, article, stem, v, group, maker);
    }
  }

  itemCostsAndSizes(o.seed + 3, items, prices);

  const clients: DemoClient[] = [];
  const managers = users.filter((u) => u.role === 'manager');
  const names = new Set<string>();
  for (let c = 0; c < o.clients; c++) {
    let name: string;
    do {
      const form = f.helpers.arrayElement(CLIENT_FORMS);
      name =
        form === 'ИП'
          ? `ИП ${f.person.lastName()} ${f.person.firstName().charAt(0)}.${f.person.middleName().charAt(0)}.`
          : `${form} «${f.helpers.arrayElement(CLIENT_ROOTS)}${f.helpers.arrayElement(CLIENT_TAILS)}${f.datatype.boolean() ? '' : `-${f.number.int({ min: 1, max: 99 })}`}»`;
    } while (names.has(name));
    names.add(name);
    const limitRub = f.helpers.arrayElement([0, 100_000, 300_000, 500_000, 1_000_000, 3_000_000, 10_000_000]);
    const overdueKop =
      f.number.int({ min: 1, max: 100 }) <= 25
        ? f.number.int({ min: 1000_00, max: Math.max(1000_00, limitRub * 30) })
        : 0;
    clients.push({
      id: c + 1,
      name,
      inn: legalInn(f),
      price_type_id: f.helpers.weightedArrayElement([
        { weight: 6, value: 1 },
        { weight: 3, value: 2 },
        { weight: 1, value: 3 },
      ]),
      coefficient: (f.number.int({ min: 9000, max: 12500 }) / 10000).toFixed(4),
      credit_limit: `${limitRub}.00`,
      overdue: kopToString(overdueKop),
      manager_id: managers[c % managers.length]!.id,
      payment_terms: f.helpers.arrayElement(PAYMENT_TERMS),
      ...clientCard(f, name),
      agreements: [],
      client_group: null,
      coefficient_rules: [],
      receivables_as_of: o.asOf,
    });
  }
  clientAgreements(o.seed + 4, clients, o.asOf);
  const price_rules = demoRules(clients, items, o.asOf);

  const { orders, order_lines } = demoOrders(o, clients, items, prices);
  // Generators of their own (seed + 5, + 6): adding after-sales work leaves the rest unchanged.
  const aftersales = demoAftersales(
    { users, clients, orders, order_lines, items },
    { claims: o.claims, tickets: o.tickets },
    o.asOf,
    prng(o.seed + 5),
  );
  const sales_plans = demoSalesPlans({ clients, orders, order_lines, items }, o.asOf, prng(o.seed + 6));
  return {
    users,
    warehouses: WAREHOUSES,
    price_types: PRICE_TYPES,
    items,
    prices,
    stock,
    clients,
    price_rules,
    orders,
    order_lines,
    ...aftersales,
    sales_plans,
  };
}

/**
 * A few orders per manager: drafts to work on and submit, and some already through the ERP.
 * A faker of its own (seed + 1), so adding orders leaves the rest of the data set unchanged.
 */
function demoOrders(
  o: DemoOptions,
  clients: DemoClient[],
  items: DemoItem[],
  prices: DemoPrice[],
): { orders: DemoOrder[]; order_lines: DemoOrderLine[] } {
  const f = new Faker({ locale: [ru, en, base] });
  f.seed(o.seed + 1);
  const orders: DemoOrder[] = [];
  const order_lines: DemoOrderLine[] = [];
  if (items.length === 0 || clients.length === 0) return { orders, order_lines };
  const priceOf = new Map(prices.map((p) => [`${p.item_id}:${p.price_type_id}`, p.price]));
  const byManager = new Map<number, DemoClient[]>();
  for (const c of clients) byManager.set(c.manager_id, [...(byManager.get(c.manager_id) ?? []), c]);
  const statuses: { status: string; erp: boolean }[] = [
    { status: 'draft', erp: false },
    { status: 'draft', erp: false },
    { status: 'draft', erp: false },
    { status: 'processing', erp: true },
    { status: 'shipped', erp: true },
    { status: 'closed', erp: true },
  ];
  const asOf = Date.parse(o.asOf);
  for (const [managerId, own] of byManager) {
    for (const [i, st] of statuses.entries()) {
      const client = own[i % own.length]!;
      const id = f.string.uuid();
      const created = new Date(asOf - f.number.int({ min: 1, max: 30 * 24 * 60 }) * 60_000).toISOString();
      const count = f.number.int({ min: 5, max: 40 });
      const used = new Set<number>();
      let total = '0.00';
      let costKop = 0;
      for (let n = 1; n <= count; n++) {
        const item = items[f.number.int({ min: 0, max: items.length - 1 })]!;
        if (used.has(item.id)) continue;
        used.add(item.id);
        const price = clientPrice(priceOf.get(`${item.id}:${client.price_type_id}`) ?? '0', client.coefficient);
        const quantity = String(item.pack_size * f.number.int({ min: 1, max: 20 }));
        const amount = lineAmount(quantity, price, '0');
        total = addMoney(total, amount);
        costKop += lineCostKop(Number(quantity), item.cost);
        order_lines.push({
          id: f.string.uuid(),
          order_id: id,
          manager_id: managerId,
          line_no: n,
          item_id: item.id,
          quantity,
          price,
          price_source: 'client',
          discount: '0',
          amount,
          warehouse_id: null,
          comment: '',
          cost: item.cost,
          override_reason: '',
          override_note: '',
        });
      }
      orders.push({
        id,
        number: `ДМ-${String(orders.length + 1).padStart(4, '0')}`,
        client_id: client.id,
        manager_id: managerId,
        kind: i === 2 ? 'reserve' : 'order',
        status: st.status,
        warehouse_id: 1,
        delivery_date: null,
        comment: '',
        lines_count: used.size,
        last_line_no: count,
        total,
        created_at: created,
        submitted_at: st.erp ? created : null,
        erp_number: st.erp ? `ЗК-${String(90_000 + orders.length)}` : null,
        erp_status_at: st.erp ? created : null,
        erp_error: null,
        cost_total: fixed(costKop, 2),
        ...shipping(client),
      });
    }
  }
  historicalOrders(o, clients, items, prices, orders, order_lines);
  return { orders, order_lines };
}

/** Unit weight (grams) and volume (cm³) ranges per product group, for the demo's weights and volumes. */
const GROUP_SIZES: Record<string, { grams: [number, number]; cm3: [number, number] }> = {
  'Микросхемы отечественные': { grams: [500, 3000], cm3: [300, 2500] },
  'Микросхемы импортные': { grams: [100, 2000], cm3: [50, 1500] },
  Микроконтроллеры: { grams: [200, 4000], cm3: [100, 3000] },
  Транзисторы: { grams: [50, 6000], cm3: [20, 4000] },
  Резисторы: { grams: [2, 500], cm3: [1, 300] },
  Конденсаторы: { grams: [5, 8000], cm3: [2, 9000] },
  'Диоды и стабилитроны': { grams: [20, 2000], cm3: [10, 1200] },
  Разъёмы: { grams: [300, 40000], cm3: [200, 60000] },
  Реле: { grams: [5000, 60000], cm3: [4000, 50000] },
  'Техническая литература': { grams: [250000, 900000], cm3: [400000, 1500000] },
};

/**
 * Unit cost (40–65 % of the base price: a dealer price less its VAT still clears it), weight and volume per item, from a generator of their
 * own: the rest of the data set stays what it was before items had them.
 */
function itemCostsAndSizes(seed: number, items: DemoItem[], prices: DemoPrice[]): void {
  const r = prng(seed);
  const base = new Map(
    prices.filter((p) => p.price_type_id === 1).map((p) => [p.item_id, Math.round(Number(p.price) * 100)]),
  );
  for (const item of items) {
    const share = 4000 + Math.floor(r() * 2500);
    // Kopecks × basis points / 100 = units of 10^-4 roubles: the cost to 4 places, exactly.
    item.cost = fixed(Math.floor(((base.get(item.id) ?? 0) * share + 50) / 100), 4);
    const size = GROUP_SIZES[item.group_name] ?? { grams: [100, 1000], cm3: [100, 1000] };
    // Milligrams → kg with 6 places; mm³ (thousandths of cm³) → m³ with 9 places.
    item.weight_kg = fixed(size.grams[0] + Math.floor(r() * (size.grams[1] - size.grams[0])), 6);
    item.volume_m3 = fixed(size.cm3[0] + Math.floor(r() * (size.cm3[1] - size.cm3[0])), 9);
  }
}

/** One or two contracts per client (the first is the main one), from a generator of their own. */
function clientAgreements(seed: number, clients: DemoClient[], asOf: string): void {
  const r = prng(seed);
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
      });
    }
  }
}

/**
 * The demo's price rules (db/demo/pricing-rules.ts): dealers (clients of the dealer price type)
 * form a client group; some clients have a coefficient of their own for one product group;
 * breaks and promotions go to the rules table.
 */
function demoRules(clients: DemoClient[], items: DemoItem[], asOf: string): DemoPriceRule[] {
  const groups = [...new Set(items.map((i) => i.group_name))].sort();
  const rules = demoPricingRules(clients, groups, asOf);
  for (const c of clients) {
    c.client_group = c.price_type_id === 3 ? 'dealers' : null;
    c.coefficient_rules = rules.coefficients.filter((k) => k.clientId === c.id).map(({ clientId: _c, ...k }) => k);
  }
  return [
    ...rules.breaks.map(({ id, ...body }) => ({ id, kind: 'break' as const, body, updated_by: 1, updated_at: asOf })),
    ...rules.promotions.map(({ id, ...body }) => ({
      id,
      kind: 'promotion' as const,
      body,
      updated_by: 1,
      updated_at: asOf,
    })),
    ...rules.floors.map(({ id, ...body }) => ({ id, kind: 'floor' as const, body, updated_by: 1, updated_at: asOf })),
  ];
}

/** An order's shipment fields: under the client's main contract, delivered to its first address. */
function shipping(client: DemoClient): Pick<DemoOrder, 'agreement' | 'delivery_method' | 'delivery_address'> {
  return {
    agreement: client.agreements[0]?.number ?? null,
    delivery_method: 'delivery',
    delivery_address: client.delivery_addresses[0]?.address ?? '',
  };
}

/** A line's cost in kopecks: quantity × unit cost (4 places), half up, as domain/orders/order.ts's lineCost. */
function lineCostKop(quantity: number, cost: string): number {
  const [whole, frac = ''] = cost.split('.');
  const cost4 = Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
  return Math.floor((quantity * cost4 + 50) / 100);
}

/** An integer amount in units of 10^-places as a decimal string: fixed(12345, 2) = "123.45". */
function fixed(units: number, places: number): string {
  const text = String(units).padStart(places + 1, '0');
  return `${text.slice(0, -places)}.${text.slice(-places)}`;
}

/** A small fast seeded generator (mulberry32): hundreds of thousands of lines in a second or two. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HISTORY_STATUSES: [string, number][] = [
  ['closed', 52],
  ['shipped', 14],
  ['cancelled', 5],
  ['assembling', 3],
  ['processing', 6],
  ['accepted', 3],
  ['submitted', 1],
  ['draft', 14],
  ['rejected', 2],
];
const HISTORY_KINDS: [string, number][] = [
  ['order', 70],
  ['reserve', 15],
  ['preorder', 10],
  ['seasonal', 5],
];

function pick<T>(r: number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = r * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[weighted.length - 1]![0];
}

/**
 * The order history: `orders` orders over the past year (most small, a long tail to 200 lines),
 * and the first manager's big orders (5,000, 20,000, 50,000 lines; drafts, so they can be worked on).
 */
function historicalOrders(
  o: DemoOptions,
  clients: DemoClient[],
  items: DemoItem[],
  prices: DemoPrice[],
  orders: DemoOrder[],
  lines: DemoOrderLine[],
): void {
  if (items.length === 0 || clients.length === 0) return;
  const r = prng(o.seed + 2);
  const uuid = (): string => {
    const hex = (n: number) =>
      Math.floor(r() * 16 ** n)
        .toString(16)
        .padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  };
  const priceOf = new Map(prices.map((p) => [`${p.item_id}:${p.price_type_id}`, p.price]));
  const asOf = Date.parse(o.asOf);
  const add = (client: DemoClient, count: number, status: string, kind: string, created: number): void => {
    const id = uuid();
    let totalKop = 0;
    let costKop = 0;
    // Consecutive items from a random start: no item twice in one order.
    const start = Math.floor(r() * items.length);
    const n = Math.min(count, items.length);
    const coef = Math.round(Number(client.coefficient) * 10_000);
    for (let k = 0; k < n; k++) {
      const item = items[(start + k * 7919) % items.length]!;
      // Integer arithmetic, exactly domain/orders/order.ts's rules (half up; a test compares them): the
      // Decimal versions would take ten seconds over 800,000 lines.
      const baseKop = Math.round(Number(priceOf.get(`${item.id}:${client.price_type_id}`) ?? '0') * 100);
      const price4 = Math.floor((baseKop * coef + 50) / 100);
      const qty = item.pack_size * (1 + Math.floor(r() * r() * 10));
      const disc = kind === 'preorder' || r() < 0.85 ? 0 : Math.floor(r() * 10);
      const amountKop = Math.floor((qty * price4 * (100 - disc) + 5000) / 10_000);
      totalKop += amountKop;
      costKop += lineCostKop(qty, item.cost);
      lines.push({
        id: uuid(),
        order_id: id,
        manager_id: client.manager_id,
        line_no: k + 1,
        item_id: item.id,
        quantity: String(qty),
        price: fixed(price4, 4),
        price_source: 'client',
        discount: String(disc),
        amount: fixed(amountKop, 2),
        warehouse_id: null,
        comment: '',
        cost: item.cost,
        // A manager's discount always has its reason (domain/pricing/price-floors): demo discounts are for volume.
        override_reason: disc ? 'volume' : '',
        override_note: '',
      });
    }
    const total = fixed(totalKop, 2);
    const sent = status !== 'draft';
    const at = new Date(created).toISOString();
    orders.push({
      id,
      number: `ДМ-${String(orders.length + 1).padStart(5, '0')}`,
      client_id: client.id,
      manager_id: client.manager_id,
      kind,
      status,
      warehouse_id: 1 + Math.floor(r() * r() * 5),
      delivery_date: null,
      comment: '',
      lines_count: n,
      last_line_no: n,
      total,
      created_at: at,
      submitted_at: sent ? at : null,
      erp_number:
        sent && status !== 'submitted' && status !== 'rejected' ? `ЗК-${String(10_000 + orders.length)}` : null,
      erp_status_at: sent ? new Date(created + 3600_000).toISOString() : null,
      erp_error: status === 'rejected' ? 'Документ отклонён: превышен кредитный лимит' : null,
      cost_total: fixed(costKop, 2),
      ...shipping(client),
    });
  };
  // Wide range of sizes, mostly small: 5 + 195 × r⁵ lines (median about 11, mean about 37).
  for (let i = 0; i < o.orders; i++) {
    const status = pick(r(), HISTORY_STATUSES);
    // Drafts and open orders are recent; closed ones spread over the year.
    const ageDays = status === 'closed' || status === 'cancelled' ? 20 + r() * 345 : r() * 20;
    add(
      clients[Math.floor(r() * clients.length)]!,
      5 + Math.floor(195 * r() ** 5),
      status,
      pick(r(), HISTORY_KINDS),
      asOf - ageDays * 86_400_000,
    );
  }
  const firstManagers = clients.filter((c) => c.manager_id === Math.min(...clients.map((x) => x.manager_id)));
  for (const [i, count] of o.bigOrders.entries()) {
    const client = firstManagers[i % firstManagers.length]!;
    // Project-sized orders are paid in advance: no credit limit stands between them and the ERP.
    client.payment_terms = 'Предоплата 100%';
    if (client.agreements[0]) client.agreements[0].terms = client.payment_terms;
    add(client, count, 'draft', 'order', asOf - (3 + i) * 86_400_000);
  }
}
