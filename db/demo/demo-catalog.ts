// The demo catalog: warehouses, price types, and the families of electronic components the items
// are drawn from (analogs within a family), with their makers, packages and pack sizes; units'
// weights and volumes; the demo price rules (breaks, promotions, floors).
import { demoPricingRules } from './pricing-rules';
import { Faker } from '@faker-js/faker';
import { DemoClient, DemoItem, DemoPrice, DemoPriceRule, DemoPriceType, DemoWarehouse } from './demo-types';
import { fixed, prng } from './demo-orders';

export const WAREHOUSES: DemoWarehouse[] = [
  { id: 1, code: 'MSK', name: 'Москва, Центральный', city: 'Москва' },
  { id: 2, code: 'SPB', name: 'Санкт-Петербург, Парнас', city: 'Санкт-Петербург' },
  { id: 3, code: 'EKB', name: 'Екатеринбург', city: 'Екатеринбург' },
  { id: 4, code: 'NSK', name: 'Новосибирск', city: 'Новосибирск' },
  { id: 5, code: 'KZN', name: 'Казань', city: 'Казань' },
];

export const PRICE_TYPES: DemoPriceType[] = [
  { id: 1, code: 'BASE', name: 'Базовая', with_vat: true, is_base: true, places: 4 },
  { id: 2, code: 'OPT', name: 'Крупный опт', with_vat: true, is_base: false, places: 4 },
  { id: 3, code: 'DEALER', name: 'Дилерская (без НДС)', with_vat: false, is_base: false, places: 4 },
];

// Price type factor against the base price, in basis points: exact integer arithmetic.
export const PRICE_TYPE_BP: Record<number, number> = { 1: 10000, 2: 9200, 3: 7377 };

export interface Family {
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

export const SOVIET_FUNCS = ['ЛА', 'ЛЕ', 'ЛИ', 'ЛН', 'ЛП', 'ТМ', 'ТВ', 'ИЕ', 'ИР', 'КП', 'ИД', 'УД', 'ЕН', 'АГ'];
export const SOVIET_SERIES = ['155', '555', '561', '564', '1533', '1554', '176', '140', '142', '1564', '1561'];
export const RU_MAKERS = ['Ангстрем', 'Интеграл', 'Микрон', 'Миландр', 'НЗПП', 'Транзистор', 'Кремний'];
export const IC_MAKERS = [
  'Texas Instruments',
  'STMicroelectronics',
  'NXP',
  'Microchip',
  'Analog Devices',
  'Infineon',
  'onsemi',
  'Renesas',
];
export const PASSIVE_MAKERS = [
  'Yageo',
  'Murata',
  'Vishay',
  'Kemet',
  'Samsung Electro-Mechanics',
  'TDK',
  'Bourns',
  'Panasonic',
];
export const CONN_MAKERS = ['TE Connectivity', 'Molex', 'Amphenol', 'Harting', 'Phoenix Contact', 'Würth Elektronik'];
// Microcontroller lines: article prefix, its maker, package/grade suffixes.
export const MCU_LINES: [string, string, string[]][] = [
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
export const PACKAGES = { N: 'DIP', D: 'SOIC', PW: 'TSSOP', DR: 'SOIC (лента)', QFN: 'QFN' } as const;

export const families: Family[] = [
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
export const FAMILY_WEIGHTS = [12, 18, 8, 14, 18, 14, 9, 5, 3, 1];

export const GROUP_SIZES: Record<string, { grams: [number, number]; cm3: [number, number] }> = {
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
export function itemCostsAndSizes(seed: number, items: DemoItem[], prices: DemoPrice[]): void {
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

export function demoRules(clients: DemoClient[], items: DemoItem[], asOf: string): DemoPriceRule[] {
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

/**
 * A description for every fifth item, made from what the item already is (no random draws: the
 * rest of the data set stays what it was), as a catalog department would write it in 1C.
 */
export function itemDescriptions(items: DemoItem[]): void {
  for (const item of items) {
    if (item.id % 5 !== 0) continue;
    const specs = Object.entries(item.attributes)
      .map(([k, v]) => `${k}: ${v}`)
      .join('; ');
    item.description =
      `${item.name} (${item.manufacturer}). ${specs ? `${specs}. ` : ''}` +
      `Поставляется упаковками по ${item.pack_size} ${item.unit}` +
      (item.lifecycle === 'discontinued' ? '. Снят с производства: поставки до исчерпания остатков.' : '.');
  }
}
