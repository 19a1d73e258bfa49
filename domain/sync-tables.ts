// The replicated tables: what travels from the central server to a desk's replica. Each row
// carries `version` (one server-wide sequence, bumped on every write) and `deleted` (tombstone),
// so "what changed since cursor C" is one indexed query per table. Column order here is the
// wire order: batches send arrays, not objects, to keep initial sync of big catalogs cheap.

export const syncTables = {
  users: { pk: ['id'], columns: ['id', 'login', 'name', 'role', 'supervisor_id', 'active'] },
  warehouses: { pk: ['id'], columns: ['id', 'code', 'name', 'city'] },
  price_types: { pk: ['id'], columns: ['id', 'code', 'name', 'with_vat', 'is_base'] },
  items: {
    pk: ['id'],
    columns: ['id', 'article', 'name', 'manufacturer', 'group_name', 'unit', 'pack_size', 'attributes', 'analog_group', 'lifecycle', 'vat_rate'],
    decimals: ['vat_rate'],
    json: ['attributes'],
  },
  prices: { pk: ['item_id', 'price_type_id'], columns: ['item_id', 'price_type_id', 'price', 'as_of'], decimals: ['price'] },
  stock: { pk: ['item_id', 'warehouse_id'], columns: ['item_id', 'warehouse_id', 'quantity', 'lead_days', 'as_of'], decimals: ['quantity'] },
  clients: {
    pk: ['id'],
    columns: ['id', 'name', 'inn', 'price_type_id', 'coefficient', 'credit_limit', 'overdue', 'manager_id', 'payment_terms',
      'kpp', 'legal_address', 'contacts', 'delivery_addresses', 'notes', 'field_versions'],
    decimals: ['coefficient', 'credit_limit', 'overdue'],
    json: ['contacts', 'delivery_addresses', 'field_versions'],
  },
  scope_exits: { pk: ['id'], columns: ['id', 'user_id', 'table_name', 'row_key'] },
  sync_notices: { pk: ['id'], columns: ['id', 'user_id', 'kind', 'payload', 'created_at'], json: ['payload'] },
} as const satisfies Record<string, SyncTable>;

interface SyncTable {
  pk: readonly string[];
  columns: readonly string[];
  /** Exact decimal columns: always travel as strings, never as JSON numbers (binary floats). */
  decimals?: readonly string[];
  /** JSON columns: objects on the wire and in mutations, JSON text in the replica. */
  json?: readonly string[];
}

/** The key of a row: its primary key values joined, e.g. "12" or "3:1". */
export function rowKeyOf(table: SyncTableName, row: Record<string, unknown>): string {
  return syncTables[table].pk.map((c) => String(row[c])).join(':');
}

export type SyncTableName = keyof typeof syncTables;
export const syncTableNames = Object.keys(syncTables) as SyncTableName[];

/** Wire columns of a table: its data columns, then version and the tombstone flag. */
export function wireColumns(table: SyncTableName): string[] {
  return [...syncTables[table].columns, 'version', 'deleted'];
}
