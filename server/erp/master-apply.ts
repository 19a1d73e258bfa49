// Writes a page of the ERP's master data (a snapshot page or a feed page) as rows: creates the
// rows it has not seen, changes the ERP's columns of known ones, retires removed ones, and
// writes nothing where nothing differs, so a page read twice or a snapshot over a filled store
// costs no versions. A record whose references do not resolve (an unknown warehouse, price type,
// item or manager) is refused and reported, the rest of the page is written. One statement reads
// the page's rows, one writes them.
import type { MasterEntity } from '../../domain/erp/master-feeds';
import type { Row } from '../../domain/sync/mutation-def';
import { keyParts, sameRowContent, syncTables } from '../../domain/sync/sync-tables';
import type { Audience } from '../audience';
import type { Query } from '../query';
import { writeServerRows } from '../row-store';
import { MASTER_TABLES, type KnownCodes } from './master-rows';

export type MasterOp =
  | { op: 'put'; key: string; record: Record<string, unknown>; at: string; position: string }
  | { op: 'retire'; key: string; at: string; position: string };

export interface Refusal {
  key: string;
  position: string;
  message: string;
}

export interface Applied {
  audiences: Audience[];
  head: number;
  written: number;
  refused: Refusal[];
}

/** The rows of a table with these keys, tombstones left out, locked in key order. */
/** Tables whose key column is text (the ERP's codes are written as strings there). */
const TEXT_KEYED: ReadonlySet<string> = new Set(['sales_plans']);

async function readByKeys(
  query: Query,
  entity: MasterEntity,
  keys: string[],
  inKeyOrder: boolean,
): Promise<Map<string, Row>> {
  const { table } = MASTER_TABLES[entity];
  const d = syncTables[table] as { pk: readonly string[]; columns: readonly string[]; decimals?: readonly string[] };
  const cols = d.columns.map((c) => (d.decimals?.includes(c) ? `t.${c}::text AS ${c}` : `t.${c}`)).join(', ');
  const parts = keys.map((k) => keyParts(k)) as number[][];
  const pk = d.pk.map((c) => `t.${c}`).join(', ');
  let where: string;
  let params: unknown[];
  if (TEXT_KEYED.has(table)) {
    // Plans share their table with the supervisors' own, keyed by text: the ERP's are its codes.
    where = `t.${d.pk[0]} = ANY($1::text[])`;
    params = [keys];
  } else if (inKeyOrder && parts.length > 1) {
    // A snapshot page is a run of keys in order: one range scan of the key's index (empty while
    // the table fills) instead of a lookup per key; rows in the range but not in the page are left out below.
    const ends = [
      parts.reduce((a, b) => (compareKeys(a, b) <= 0 ? a : b)),
      parts.reduce((a, b) => (compareKeys(a, b) >= 0 ? a : b)),
    ];
    const n = d.pk.length;
    where = `(${pk}) BETWEEN (${d.pk.map((_, i) => `$${i + 1}::int`).join(', ')}) AND (${d.pk.map((_, i) => `$${n + i + 1}::int`).join(', ')})`;
    params = [...ends[0]!, ...ends[1]!];
  } else if (d.pk.length === 1) {
    where = `t.${d.pk[0]} = ANY($1::int[])`;
    params = [parts.map((p) => p[0])];
  } else {
    where = `(t.${d.pk[0]}, t.${d.pk[1]}) IN (SELECT * FROM unnest($1::int[], $2::int[]))`;
    params = [parts.map((p) => p[0]), parts.map((p) => p[1])];
  }
  const rows = await query<Row>(
    `SELECT ${cols} FROM ${table} t WHERE ${where} AND NOT t.deleted ORDER BY ${pk} FOR UPDATE`,
    params,
  );
  const wanted = new Set(keys);
  return new Map(
    rows.flatMap((r) => {
      const key = d.pk.map((c) => String(r[c])).join(':');
      return wanted.has(key) ? [[key, r] as const] : [];
    }),
  );
}

/** Orders two keys (codes, or pairs field by field). */
const compareKeys = (a: number[], b: number[]): number =>
  a[0]! - b[0]! !== 0 ? a[0]! - b[0]! : (a[1] ?? 0) - (b[1] ?? 0);

/** Which of the codes the page refers to exist (live rows), plus the page's own new records. */
async function knownCodes(query: Query, ops: MasterOp[]): Promise<KnownCodes> {
  const wanted = {
    warehouses: new Set<number>(),
    priceTypes: new Set<number>(),
    staff: new Set<number>(),
    items: new Set<number>(),
    clients: new Set<number>(),
  };
  for (const o of ops) {
    if (o.op !== 'put') continue;
    const r = o.record;
    if (typeof r.warehouseId === 'number') wanted.warehouses.add(r.warehouseId);
    if (typeof r.priceTypeId === 'number') wanted.priceTypes.add(r.priceTypeId);
    if (typeof r.itemId === 'number') wanted.items.add(r.itemId);
    if (typeof r.managerId === 'number') wanted.staff.add(r.managerId);
    if (typeof r.supervisorId === 'number') wanted.staff.add(r.supervisorId);
    if (typeof r.clientId === 'number') wanted.clients.add(r.clientId);
  }
  const existing = async (table: string, ids: Set<number>, also = ''): Promise<Set<number>> =>
    ids.size === 0
      ? new Set()
      : new Set(
          (
            await query<{ id: number }>(`SELECT id FROM ${table} WHERE id = ANY($1::int[]) AND NOT deleted ${also}`, [
              [...ids],
            ])
          ).map((r) => Number(r.id)),
        );
  return {
    warehouses: await existing('warehouses', wanted.warehouses),
    priceTypes: await existing('price_types', wanted.priceTypes),
    staff: await existing('users', wanted.staff),
    items: await existing('items', wanted.items),
    clients: await existing('clients', wanted.clients),
    activeStaff: await existing('users', wanted.staff, 'AND active'),
    today: new Date(Date.now() + 3 * 3600_000).toISOString().slice(0, 10),
  };
}

/** Per staff key, the account settings an admin made that the ERP's record does not override. */
async function adminSettings(query: Query, ops: { key: string }[]): Promise<Map<string, Row>> {
  const rows = await query<{ id: number; admin_set: Row }>(
    `SELECT id, admin_set FROM users WHERE id = ANY($1::int[]) AND admin_set IS NOT NULL`,
    [ops.map((o) => Number(o.key))],
  );
  return new Map(rows.map((r) => [String(r.id), r.admin_set]));
}

/** Logins the page's staff records ask for that some user already has (login → that user). */
async function takenLogins(query: Query, ops: MasterOp[]): Promise<Map<string, number>> {
  const logins = ops.flatMap((o) =>
    o.op === 'put' && typeof o.record.login === 'string' ? [o.record.login.toLowerCase()] : [],
  );
  if (logins.length === 0) return new Map();
  const rows = await query<{ id: number; login: string }>(
    `SELECT id, lower(login) AS login FROM users WHERE lower(login) = ANY($1::text[])`,
    [logins],
  );
  return new Map(rows.map((r) => [r.login, Number(r.id)]));
}

/** Applies a page's changes of one kind; the last change of a key wins. */
/** Applies a page of one kind; `fromSnapshot`: the page is a snapshot's run of keys in key order. */
export async function applyMaster(
  query: Query,
  entity: MasterEntity,
  page: MasterOp[],
  fromSnapshot = false,
): Promise<Applied> {
  const spec = MASTER_TABLES[entity];
  const last = new Map<string, MasterOp>();
  for (const o of page) {
    last.delete(o.key);
    last.set(o.key, o);
  }
  const ops = [...last.values()];
  if (ops.length === 0) return { audiences: [], head: 0, written: 0, refused: [] };
  const known = await knownCodes(query, ops);
  // A page's own new staff may be each other's supervisors.
  if (entity === 'staff') for (const o of ops) if (o.op === 'put') known.staff.add(Number(o.record.id));
  const before = await readByKeys(
    query,
    entity,
    ops.map((o) => o.key),
    fromSnapshot,
  );
  const refused: Refusal[] = [];
  const loginTaken = entity === 'staff' ? await takenLogins(query, ops) : new Map<string, number>();
  // What an admin set on an account (role, team, active) stays over the ERP's values.
  const adminSet = entity === 'staff' ? await adminSettings(query, ops) : new Map<string, Row>();
  const writes: { table: typeof spec.table; key: string; row: Row | null }[] = [];
  for (const o of ops) {
    const was = before.get(o.key) ?? null;
    if (o.op === 'retire') {
      if (!was) continue;
      const row = spec.retire ? spec.retire(was) : null;
      if (row && sameRowContent(spec.table, row, was)) continue;
      writes.push({ table: spec.table, key: o.key, row });
      continue;
    }
    const login = typeof o.record.login === 'string' ? o.record.login.toLowerCase() : null;
    const holder = login ? loginTaken.get(login) : undefined;
    const why =
      spec.refuse(o.record as never, known) ??
      (holder !== undefined && holder !== Number(o.record.id) ? `login ${login} belongs to user ${holder}` : null);
    if (why) {
      refused.push({ key: o.key, position: o.position, message: why });
      continue;
    }
    if (login) loginTaken.set(login, Number(o.record.id));
    const owned = { ...spec.owned(o.record as never, o.at), ...adminSet.get(o.key) };
    let row: Row;
    if (was) {
      row = { ...was, ...owned };
      // Card fields a manager has edited stay the desk's (they reach the ERP by client.update).
      const edited = (was.field_versions ?? {}) as Record<string, unknown>;
      for (const c of spec.deskAfterCreate ?? []) if (edited[c]) row[c] = was[c];
      // An unchanged value keeps its "as of": the ERP re-sending a price is not a new price.
      const asOf = 'as_of' in was ? { as_of: was.as_of } : {};
      if (sameRowContent(spec.table, { ...row, ...asOf }, was)) continue;
    } else row = { ...spec.fresh(o.record as never), ...owned };
    writes.push({ table: spec.table, key: o.key, row });
  }
  const result = await writeServerRows(query, writes, before);
  return { ...result, written: writes.length, refused };
}
