// Demo data: a deterministic, seeded data set of a Russian electronic-components distributor
// (catalog with analog families, warehouses, stock, prices per price type, clients, staff).
// Same seed and options → the same rows, byte for byte; the clock is passed in.
import { Faker, base, en, ru } from '@faker-js/faker';
import { demoAftersales } from './aftersales';
import { demoSalesPlans, demoTeamPlans } from './sales-plans';
import { demoSeasonal } from './demo-seasonal';
import {
  DEMO_PASSWORD,
  DemoClient,
  DemoData,
  DemoItem,
  DemoOptions,
  DemoPrice,
  DemoStock,
  DemoUser,
  defaultDemoOptions,
} from './demo-types';
import {
  FAMILY_WEIGHTS,
  Family,
  PRICE_TYPES,
  PRICE_TYPE_BP,
  WAREHOUSES,
  demoRules,
  families,
  itemCostsAndSizes,
  itemDescriptions,
} from './demo-catalog';
import {
  CLIENT_FORMS,
  CLIENT_ROOTS,
  CLIENT_TAILS,
  PAYMENT_TERMS,
  clientAgreements,
  clientCard,
  kopToString,
  legalInn,
} from './demo-clients';
import { demoOrders, PROJECT_CLIENTS, prng } from './demo-orders';

export * from './demo-types';

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
      description: '',
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
  itemDescriptions(items);

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
  // Project clients pay in advance, so no credit limit stands between their big orders and the
  // ERP. Part of the master data (the ERP's terms), whatever orders are generated with it.
  const firstManager = Math.min(...clients.map((c) => c.manager_id));
  for (const c of clients.filter((x) => x.manager_id === firstManager).slice(0, PROJECT_CLIENTS)) {
    c.payment_terms = 'Предоплата 100%';
    if (c.agreements[0]) c.agreements[0].terms = c.payment_terms;
  }
  const price_rules = demoRules(clients, items, o.asOf);

  const { orders, order_lines } = demoOrders(o, clients, items, prices);
  // Generators of their own (seed + 5, + 6): adding after-sales work leaves the rest unchanged.
  const aftersales = demoAftersales(
    { users, clients, orders, order_lines, items },
    { claims: o.claims, tickets: o.tickets },
    o.asOf,
    prng(o.seed + 5),
  );
  const sales_plans = [
    ...demoSalesPlans({ clients, orders, order_lines, items }, o.asOf, prng(o.seed + 6)),
    // Its own generator (seed + 7): the plans above stay as they were.
    ...demoTeamPlans({ users, orders }, o.asOf, prng(o.seed + 7)),
  ];
  // Its own generator (seed + 8); it places the demo's seasonal orders under their programmes.
  const seasonal = demoSeasonal({ users, orders, order_lines, items }, o.asOf, prng(o.seed + 8));
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
    ...seasonal,
  };
}

/**
 * A few orders per manager: drafts to work on and submit, and some already through the ERP.
 * A faker of its own (seed + 1), so adding orders leaves the rest of the data set unchanged.
 */
