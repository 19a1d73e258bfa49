// The demo data set's shapes (the rows it makes for each table), its options and defaults, and the
// demo users' password.
import type { CoefficientRule } from '../../domain/pricing/pricing';
import type { Row } from '../../domain/sync/mutation-def';

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

/**
 * The demo's "now" for data generated at `now`: 07:00 UTC (10:00 in Moscow) of the day, or of the
 * day before when that is still ahead. Recent orders, claims and plans fall in the weeks before it,
 * so a first start shows today's dashboards full; the same day and seed give the same data.
 */
export function demoAsOf(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 7));
  if (day.getTime() > now.getTime()) day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString();
}

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
  /** The ERP's text about the item ('' for most: 1C has descriptions for some of the range). */
  description: string;
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
  agreements: {
    number: string;
    date: string;
    terms: string;
    reserveDays?: number;
    bonusScale?: { period: 'month' | 'quarter' | 'year'; steps: { from: string; percent: string }[] };
  }[];
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
  /** A seasonal order: the programme whose commitment it fills (db/demo/demo-seasonal.ts). */
  programme_id?: string | null;
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
  seasonal_programmes: Row[];
  seasonal_commitments: Row[];
}
