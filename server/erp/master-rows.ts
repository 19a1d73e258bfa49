// From the ERP's records to the server's rows: which table each kind fills, which columns the ERP
// owns (a change never touches the columns desks own: a client's coefficient, notes, the
// contacts a manager edited), what a new row starts with, what "removed in the ERP" means for
// the table (a tombstone, or the item's lifecycle, or a staff member made inactive), and which
// references a record must resolve before it may be written.
import type { MasterEntity } from '../../domain/erp/master-feeds';
import type {
  ErpClient,
  ErpItem,
  ErpPlan,
  ErpPrice,
  ErpPriceType,
  ErpStaff,
  ErpStock,
  ErpWarehouse,
} from '../../domain/erp/master-data';
import type { Row } from '../../domain/sync/mutation-def';
import { periodMonths } from '../../domain/plans/sales-plan';
import type { SyncTableName } from '../../domain/sync/sync-tables';

/** Codes the store knows, for checking a record's references before it is written. */
export interface KnownCodes {
  warehouses: Set<number>;
  priceTypes: Set<number>;
  staff: Set<number>;
  items: Set<number>;
  clients: Set<number>;
  /** Staff who have not left (a plan from now on is for one of them). */
  activeStaff: Set<number>;
  /** Today in Moscow, YYYY-MM-DD. */
  today: string;
}

export interface MasterTable {
  table: SyncTableName;
  /** The ERP-owned columns of a record ("as of" is the change's or the snapshot's time). */
  owned(record: never, at: string): Row;
  /** Columns a new row starts with, besides the owned ones. */
  fresh(record: never): Row;
  /** Removed in the ERP: the row's new values, or null for a tombstone. */
  retire: ((before: Row) => Row) | null;
  /** Why the record cannot be written here (an unknown reference), or null. */
  refuse(record: never, known: KnownCodes): string | null;
  /** Columns the ERP gives only while the desk has not changed them (client card fields). */
  deskAfterCreate?: readonly string[];
}

const unknownRef = (what: string, code: number, known: Set<number>): string | null =>
  known.has(code) ? null : `unknown ${what} ${code}`;

export const MASTER_TABLES: Record<MasterEntity, MasterTable> = {
  warehouses: {
    table: 'warehouses',
    owned: (w: ErpWarehouse) => ({ id: w.id, code: w.code, name: w.name, city: w.city }),
    fresh: () => ({ stock_as_of: null }),
    retire: null,
    refuse: () => null,
  },
  priceTypes: {
    table: 'price_types',
    owned: (t: ErpPriceType) => ({
      id: t.id,
      code: t.code,
      name: t.name,
      with_vat: t.withVat,
      is_base: t.isBase,
      places: t.places,
    }),
    fresh: () => ({}),
    retire: null,
    refuse: () => null,
  },
  staff: {
    table: 'users',
    owned: (s: ErpStaff) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      supervisor_id: s.supervisorId,
      active: s.active,
      ...(s.login ? { login: s.login } : {}),
    }),
    // Signs in once an admin sets a password (or the demo option does).
    fresh: (s: ErpStaff) => ({ login: s.login ?? `staff${s.id}` }),
    // A person who left keeps their name on old orders but can no longer sign in.
    retire: (before) => ({ ...before, active: false }),
    refuse: (s: ErpStaff, known) =>
      s.supervisorId === null ? null : unknownRef('supervisor', s.supervisorId, known.staff),
  },
  items: {
    table: 'items',
    owned: (i: ErpItem) => ({
      id: i.id,
      article: i.article,
      name: i.name,
      manufacturer: i.manufacturer,
      group_name: i.group,
      unit: i.unit,
      pack_size: i.packSize,
      attributes: i.attributes,
      analog_group: i.analogGroup,
      lifecycle: i.lifecycle,
      vat_rate: i.vatRate,
      cost: i.cost,
      weight_kg: i.weightKg,
      volume_m3: i.volumeM3,
      description: i.description,
    }),
    fresh: () => ({}),
    // Orders and claims still name it: an item removed from the ERP's range is discontinued, not gone.
    retire: (before) => ({ ...before, lifecycle: 'discontinued' }),
    refuse: () => null,
  },
  prices: {
    table: 'prices',
    owned: (p: ErpPrice, at) => ({ item_id: p.itemId, price_type_id: p.priceTypeId, price: p.price, as_of: at }),
    fresh: () => ({}),
    retire: null,
    refuse: (p: ErpPrice, known) =>
      unknownRef('item', p.itemId, known.items) ?? unknownRef('price type', p.priceTypeId, known.priceTypes),
  },
  stock: {
    table: 'stock',
    owned: (s: ErpStock, at) => ({
      item_id: s.itemId,
      warehouse_id: s.warehouseId,
      quantity: s.quantity,
      lead_days: s.leadDays,
      as_of: at,
    }),
    fresh: () => ({}),
    retire: null,
    refuse: (s: ErpStock, known) =>
      unknownRef('item', s.itemId, known.items) ?? unknownRef('warehouse', s.warehouseId, known.warehouses),
  },
  clients: {
    table: 'clients',
    owned: (c: ErpClient) => ({
      id: c.id,
      name: c.name,
      inn: c.inn,
      kpp: c.kpp,
      legal_address: c.legalAddress,
      price_type_id: c.priceTypeId,
      client_group: c.category,
      credit_limit: c.creditLimit,
      payment_terms: c.paymentTerms,
      manager_id: c.managerId,
      agreements: c.agreements,
      contacts: c.contacts,
      delivery_addresses: c.deliveryAddresses,
    }),
    fresh: () => ({
      coefficient: '1.0000',
      overdue: '0',
      notes: '',
      field_versions: {},
      receivables_as_of: null,
      coefficient_rules: [],
    }),
    deskAfterCreate: ['contacts', 'delivery_addresses'],
    retire: null,
    refuse: (c: ErpClient, known) =>
      unknownRef('price type', c.priceTypeId, known.priceTypes) ?? unknownRef('manager', c.managerId, known.staff),
  },
  plans: {
    table: 'sales_plans',
    owned: (p: ErpPlan) => ({
      id: String(p.id),
      manager_id: p.managerId,
      client_id: p.clientId ?? 0,
      group_name: p.group ?? '',
      month: p.start,
      period: p.period,
      amount: p.amount,
      bonus_percent: p.bonusPercent,
      source: 'erp',
    }),
    fresh: () => ({ note: '', set_by: null, set_at: null }),
    retire: null,
    refuse: (p: ErpPlan, known) => {
      const client = p.clientId === null ? null : unknownRef('client', p.clientId, known.clients);
      if (client) return client;
      if (!known.staff.has(p.managerId)) return `unknown manager ${p.managerId}`;
      // A plan of a period not yet over, for someone who left, has nobody to fulfil it; their
      // past plans are history and are kept.
      const ends = periodMonths(p.period, p.start).at(-1)!.slice(0, 7);
      if (!known.activeStaff.has(p.managerId) && ends >= known.today.slice(0, 7))
        return `manager ${p.managerId} has left: no plan for ${p.start}`;
      return null;
    },
  },
};

/** "As of" columns: part of the row, but a value unchanged since is not a change. */
export const AS_OF_COLUMNS: ReadonlySet<string> = new Set(['as_of']);
