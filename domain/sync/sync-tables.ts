// The replicated tables: what travels from the central server to a desk's replica. Each row
// carries `version` (one server-wide sequence, bumped on every write) and `deleted` (tombstone),
// so "what changed since cursor C" is one indexed query per table. Column order here is the
// wire order: batches send arrays, not objects, to keep initial sync of big catalogs cheap.

export const syncTables = {
  users: { pk: ['id'], columns: ['id', 'login', 'name', 'role', 'supervisor_id', 'active'] },
  // stock_as_of: when the ERP's last stock snapshot of this warehouse was taken.
  warehouses: { pk: ['id'], columns: ['id', 'code', 'name', 'city', 'stock_as_of'] },
  // places: the decimals a unit price of this type is rounded to (half up).
  price_types: { pk: ['id'], columns: ['id', 'code', 'name', 'with_vat', 'is_base', 'places'] },
  /**
   * Price rules for everyone: quantity breaks and promotions (kind + body, checked by
   * domain/pricing/price-rules.ts). Clients' own coefficients travel with the client (coefficient_rules).
   */
  price_rules: { pk: ['id'], columns: ['id', 'kind', 'body', 'updated_by', 'updated_at'], json: ['body'] },
  items: {
    pk: ['id'],
    // cost: the ERP's unit cost (same VAT basis as the base price); weight_kg, volume_m3: per unit;
    // description: the ERP's text about the item (may be empty).
    columns: [
      'id',
      'article',
      'name',
      'manufacturer',
      'group_name',
      'unit',
      'pack_size',
      'attributes',
      'analog_group',
      'lifecycle',
      'vat_rate',
      'cost',
      'weight_kg',
      'volume_m3',
      'description',
    ],
    decimals: ['vat_rate', 'cost', 'weight_kg', 'volume_m3'],
    json: ['attributes'],
  },
  prices: {
    pk: ['item_id', 'price_type_id'],
    columns: ['item_id', 'price_type_id', 'price', 'as_of'],
    decimals: ['price'],
  },
  stock: {
    pk: ['item_id', 'warehouse_id'],
    columns: ['item_id', 'warehouse_id', 'quantity', 'lead_days', 'as_of'],
    decimals: ['quantity'],
  },
  clients: {
    pk: ['id'],
    columns: [
      'id',
      'name',
      'inn',
      'price_type_id',
      'coefficient',
      'credit_limit',
      'overdue',
      'manager_id',
      'payment_terms',
      'kpp',
      'legal_address',
      'contacts',
      'delivery_addresses',
      'notes',
      'field_versions',
      'receivables_as_of',
      'agreements',
      'client_group',
      'coefficient_rules',
      'erp_error',
      'receivables',
    ],
    decimals: ['coefficient', 'credit_limit', 'overdue'],
    json: ['contacts', 'delivery_addresses', 'field_versions', 'agreements', 'coefficient_rules', 'receivables'],
  },
  // Orders and their lines have text keys (UUIDs made on the desk, so an order can be created
  // offline); `number` is given by the server when it first sees the order. A line keeps the
  // item's unit cost from when it was written, and the order the sum of its lines' costs, so the
  // margin (total − cost_total) is exact and the orders list needs no join over the lines.
  orders: {
    pk: ['id'],
    columns: [
      'id',
      'number',
      'client_id',
      'manager_id',
      'kind',
      'status',
      'warehouse_id',
      'delivery_date',
      'comment',
      'lines_count',
      'total',
      'created_at',
      'submitted_at',
      'erp_number',
      'erp_status_at',
      'erp_error',
      'cost_total',
      'agreement',
      'delivery_method',
      'delivery_address',
      'last_line_no',
      'origin',
      // A reserve: until when 1C holds it, held/released/converted, what the desk asked and
      // awaits (extend, convert), when its manager was told it is about to end. An order made
      // of a preorder's secured part: that preorder.
      'held_until',
      'hold_state',
      'hold_request',
      'hold_warned_at',
      'from_order_id',
      // Two orders 1C has, being merged (domain/orders/order-merge.ts): which side, the other
      // order, the lines moved, and the step waiting for 1C; null once done or undone.
      'merge',
      // A seasonal order: the programme whose commitment it fills.
      'programme_id',
    ],
    decimals: ['total', 'cost_total'],
    json: ['hold_request', 'merge'],
  },
  order_lines: {
    pk: ['id'],
    columns: [
      'id',
      'order_id',
      'manager_id',
      'line_no',
      'item_id',
      'quantity',
      'price',
      'price_source',
      'discount',
      'amount',
      'warehouse_id',
      'comment',
      'cost',
      'override_reason',
      'override_note',
      // What 1C holds of a reserve's line, secured of a preorder's line (and how much of that
      // became an order); the preorder line an order's line was made from.
      'held',
      'secured',
      'converted',
      'from_line_id',
    ],
    decimals: ['quantity', 'price', 'discount', 'amount', 'cost', 'held', 'secured', 'converted'],
  },
  /**
   * One per order that asked a supervisor to approve prices below floor or credit over the limit
   * (domain/pricing/price-floors.ts): the lines asked for, what is approved so far, the decision.
   */
  price_approvals: {
    pk: ['order_id'],
    columns: [
      'order_id',
      'manager_id',
      'status',
      'lines',
      'credit',
      'approved',
      'credit_up_to',
      'given_away',
      'note',
      'requested_by',
      'requested_at',
      'decided_by',
      'decided_at',
      'comment',
    ],
    decimals: ['credit_up_to', 'given_away'],
    json: ['lines', 'credit', 'approved'],
  },
  /**
   * The audit of prices, written by the server with the change that caused it: overrides (old,
   * new, why), approvals and credit releases, rule and coefficient changes (who, when, old, new).
   * Scoped like orders by manager_id; rule changes (no manager) are for admins.
   */
  price_audit: {
    pk: ['id'],
    columns: ['id', 'at', 'user_id', 'manager_id', 'entity', 'entity_key', 'order_id', 'old', 'new', 'reason'],
    json: ['old', 'new'],
  },
  /** Claims against shipped orders (domain/claim.ts): lines, files and history inside the row. */
  claims: {
    pk: ['id'],
    columns: [
      'id',
      'number',
      'client_id',
      'manager_id',
      'order_id',
      'order_number',
      'status',
      'defect_type',
      'description',
      'lines',
      'amount',
      'resolution',
      'resolution_amount',
      'attachments',
      'history',
      'deadline_at',
      'created_at',
      'created_by',
      'updated_at',
      'erp_number',
      'erp_status',
      'erp_error',
    ],
    decimals: ['amount', 'resolution_amount'],
    json: ['lines', 'attachments', 'history'],
  },
  /**
   * Sales plans (domain/plans/sales-plan.ts): per manager, client (0: all) and group ('': all), for
   * the month or quarter starting at `month`; from the ERP's feed or set by a supervisor.
   */
  sales_plans: {
    pk: ['id'],
    columns: [
      'id',
      'client_id',
      'manager_id',
      'group_name',
      'month',
      'period',
      'amount',
      'bonus_percent',
      'source',
      'note',
      'set_by',
      'set_at',
    ],
    decimals: ['amount', 'bonus_percent'],
  },
  /** Seasonal programmes (domain/seasonal/programme.ts): goods, order window, bonus scale; everyone sees them. */
  seasonal_programmes: {
    pk: ['id'],
    columns: [
      'id',
      'name',
      'season',
      'order_from',
      'order_to',
      'groups',
      'item_ids',
      'bonus_steps',
      'updated_by',
      'updated_at',
    ],
    json: ['groups', 'item_ids', 'bonus_steps'],
  },
  /** A client's commitment under a programme, in money or quantity; the client's manager's team sees it. */
  seasonal_commitments: {
    pk: ['id'],
    columns: ['id', 'programme_id', 'client_id', 'manager_id', 'unit', 'amount', 'note', 'set_by', 'set_at'],
    decimals: ['amount'],
  },
  /** The client's documents from the ERP (domain/erp/erp-documents.ts); sha256 once the PDF is in the file store. */
  erp_documents: {
    pk: ['id'],
    columns: [
      'id',
      'kind',
      'number',
      'doc_date',
      'client_id',
      'manager_id',
      'order_id',
      'amount',
      'title',
      'sha256',
      'size',
      'issued_at',
    ],
    decimals: ['amount'],
  },
  /** Per order: what each line has claimed so far (open and approved claims). */
  order_claims: { pk: ['order_id'], columns: ['order_id', 'manager_id', 'claimed'], json: ['claimed'] },
  /** Tickets (domain/ticket.ts) and their messages. */
  tickets: {
    pk: ['id'],
    columns: [
      'id',
      'number',
      'client_id',
      'manager_id',
      'assignee_id',
      'category',
      'subject',
      'fields',
      'status',
      'created_at',
      'created_by',
      'first_response_at',
      'resolved_at',
      'closed_at',
      'history',
      'messages_count',
      'last_message_at',
      'last_message_kind',
      'erp_number',
      'erp_error',
    ],
    json: ['fields', 'history'],
  },
  ticket_messages: {
    pk: ['id'],
    columns: ['id', 'ticket_id', 'manager_id', 'author_id', 'author_kind', 'body', 'attachments', 'created_at'],
    json: ['attachments'],
  },
  /** E-mail with the clients (server/mail): out with its delivery state, in with what it became. */
  mail_messages: {
    pk: ['id'],
    columns: [
      'id',
      'direction',
      'kind',
      'state',
      'client_id',
      'manager_id',
      'ticket_id',
      'ticket_message_id',
      'claim_id',
      'order_id',
      'from_address',
      'to_address',
      'subject',
      'error',
      'attempts',
      'created_at',
      'sent_at',
    ],
  },
  /** Which of a client's contacts asked for letters when an order ships (by e-mail address). */
  client_mail_prefs: {
    pk: ['client_id'],
    columns: ['client_id', 'manager_id', 'shipped_to'],
    json: ['shipped_to'],
  },
  /** The notification centre (one person's): what happened that they wait for, read and told marks. */
  notifications: {
    pk: ['id'],
    columns: ['id', 'user_id', 'kind', 'ref_kind', 'ref_id', 'params', 'created_at', 'read_at', 'told_at'],
    json: ['params'],
  },
  /** One person's choice of which notifications pop up. */
  notification_prefs: { pk: ['user_id'], columns: ['user_id', 'muted'], json: ['muted'] },
  /** The ERP link as the server sees it (one row): what the status bar shows on every desk. */
  erp_link: {
    pk: ['id'],
    columns: ['id', 'state', 'since', 'pending', 'parked', 'oldest_pending_at', 'checked_at', 'last_error'],
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

/** The key of a row: its primary key values joined, e.g. "12", "3:1" or a UUID. */
export function rowKeyOf(table: SyncTableName, row: Record<string, unknown>): string {
  return syncTables[table].pk.map((c) => String(row[c])).join(':');
}

/**
 * The primary key values of a key: integers stay numbers, text keys (UUIDs) stay text. A key of a
 * one-column primary key is one value whatever it holds (a sales plan's key has colons in it).
 */
export function keyParts(key: string, columns = 2): (number | string)[] {
  const part = (p: string) => (/^-?\d+$/.test(p) ? Number(p) : p);
  return columns === 1 ? [part(key)] : key.split(':').map(part);
}

export type SyncTableName = keyof typeof syncTables;
export const syncTableNames = Object.keys(syncTables) as SyncTableName[];

/** Wire columns of a table: its data columns, then version and the tombstone flag. */
export function wireColumns(table: SyncTableName): string[] {
  return [...syncTables[table].columns, 'version', 'deleted'];
}

/** A value as it means, whatever side wrote it: decimals without trailing zeros, booleans as 0/1, JSON in key order. */
function canonical(value: unknown, decimal: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (decimal) {
    const text = String(value).trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) {
      const [whole, fraction = ''] = text.replace(/^(-?)0+(?=\d)/, '$1').split('.');
      const kept = fraction.replace(/0+$/, '');
      const out = kept ? `${whole}.${kept}` : whole!;
      return out === '-0' ? '0' : out;
    }
    return text;
  }
  if (typeof value === 'object') return stableJson(value);
  if (typeof value === 'string' && (value.startsWith('{') || value.startsWith('['))) {
    try {
      return stableJson(JSON.parse(value));
    } catch {
      return value;
    }
  }
  return String(value);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

/**
 * Whether two versions of a row hold the same data (their versions aside), however each side
 * wrote it: '5' and '5.000', true and 1, JSON text and objects. A row written again with the same
 * data (the server's copy of an edit this desk made) is not a change the views must hear of.
 */
export function sameRowContent(
  table: SyncTableName,
  a: Record<string, unknown> | null,
  b: Record<string, unknown> | null,
): boolean {
  if (a === null || b === null) return a === b;
  const def: SyncTable = syncTables[table];
  const decimals = new Set(def.decimals ?? []);
  return def.columns.every((c) => canonical(a[c], decimals.has(c)) === canonical(b[c], decimals.has(c)));
}
