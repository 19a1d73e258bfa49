// Order mutations: create, set lines, remove lines, submit, cancel. Like every mutation they are
// pure (args + rows read → rows written), run optimistically on the desk and authoritatively on
// the server. Lines are separate rows, so an edit of one line of a 20,000-line order sends and
// writes that line and the order header (its totals), never the whole document.
import { z } from 'zod';
import type { ErpEffect, MutationDef, MutationOutcome, Row, RowRef, RowWrite } from '../sync/mutation-def';
import { lookUp } from '../sync/mutation-def';
import {
  addMoney,
  typedDate,
  canCancel,
  canSubmit,
  changesGoToErp,
  DELIVERY_METHODS,
  lineAmount,
  lineCost,
  linesLockedReason,
  ORDER_KINDS,
  subtractMoney,
  type OrderStatus,
} from './order';
import { isOverride, OVERRIDE_REASONS } from '../pricing/price-floors';

const reject = (code: 'not_found' | 'invalid' | 'locked' | 'forbidden', message: string): MutationOutcome => ({
  ok: false,
  code,
  message,
});

const Uuid = z.string().uuid();
/** Decimal text with at most `places` decimals (no exponent, no binary float on the way). */
const decimalText = (places: number, max: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,12}(\\.\\d{1,${places}})?$`), `a number with at most ${places} decimals`)
    .refine((v) => Number(v) <= max, `at most ${max}`);

const MAX_LINES_PER_MUTATION = 1000;

const orderRef = (orderId: string): RowRef => ({ table: 'orders', key: orderId });
/** The first element of a JSON list column (an array in mutations; text if it ever arrives unparsed). */
const firstOf = (v: unknown): unknown =>
  Array.isArray(v) ? v[0] : typeof v === 'string' && v.startsWith('[') ? (JSON.parse(v) as unknown[])[0] : undefined;
const orderOf = (rows: ReadonlyMap<string, Row | null>, orderId: string): Row | null | undefined =>
  rows.get(`orders|${orderId}`);

function lockedFor(order: Row): MutationOutcome | null {
  const reason = linesLockedReason(order.status as OrderStatus);
  return reason ? reject('locked', `Order lines are locked: ${reason}`) : null;
}

// ---- create ------------------------------------------------------------------------------------

const CreateArgs = z
  .object({
    orderId: Uuid,
    clientId: z.number().int().positive(),
    kind: z.enum(ORDER_KINDS),
    warehouseId: z.number().int().positive(),
    deliveryDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable()
      .default(null),
    comment: z.string().trim().max(2000).default(''),
    agreement: z.string().trim().min(1).max(100).nullable().optional(),
    deliveryMethod: z.enum(DELIVERY_METHODS).default('delivery'),
    deliveryAddress: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreateOrderArgs = z.input<typeof CreateArgs>;

export const createOrder: MutationDef<z.infer<typeof CreateArgs>> = {
  name: 'order.create@1',
  args: CreateArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [
    orderRef(a.orderId),
    lookUp('clients', String(a.clientId)),
    lookUp('warehouses', String(a.warehouseId)),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    // Set semantics: re-running a create on a state that has the order changes nothing.
    if (orderOf(rows, a.orderId)) return { ok: true, writes: [], conflicts: [] };
    const client = rows.get(`clients|${a.clientId}`);
    if (!client) return reject('not_found', `Client ${a.clientId} not found`);
    if (!rows.get(`warehouses|${a.warehouseId}`)) return reject('not_found', `Warehouse ${a.warehouseId} not found`);
    const order: Row = {
      id: a.orderId,
      number: ctx.writeVersion === null ? null : String(ctx.writeVersion),
      client_id: a.clientId,
      manager_id: Number(client.manager_id),
      kind: a.kind,
      status: 'draft',
      warehouse_id: a.warehouseId,
      delivery_date: a.deliveryDate,
      comment: a.comment,
      lines_count: 0,
      total: '0.00',
      created_at: ctx.now,
      submitted_at: null,
      erp_number: null,
      erp_status_at: null,
      erp_error: null,
      cost_total: '0.00',
      // Unless told otherwise: the client's main contract, delivered to its first address.
      agreement:
        a.agreement === undefined
          ? ((firstOf(client.agreements) as { number?: string } | undefined)?.number ?? null)
          : a.agreement,
      delivery_method: a.deliveryMethod,
      delivery_address:
        a.deliveryMethod === 'pickup'
          ? ''
          : (a.deliveryAddress ??
            (firstOf(client.delivery_addresses) as { address?: string } | undefined)?.address ??
            ''),
    };
    return { ok: true, writes: [{ table: 'orders', key: a.orderId, row: order }], conflicts: [] };
  },
};

// ---- set lines ------------------------------------------------------------------------------

export const LineInput = z
  .object({
    id: Uuid,
    lineNo: z.number().int().positive().max(10_000_000),
    itemId: z.number().int().positive(),
    quantity: decimalText(3, 1e9).refine((v) => Number(v) > 0, 'greater than zero'),
    price: decimalText(4, 1e11),
    priceSource: z.enum(['list', 'client', 'promo', 'manual']),
    discount: decimalText(2, 100).default('0'),
    warehouseId: z.number().int().positive().nullable().default(null),
    comment: z.string().trim().max(1000).default(''),
    /** Why the manager set the price or discount by hand (domain/pricing/price-floors OVERRIDE_REASONS), and their words. */
    overrideReason: z.enum(OVERRIDE_REASONS).or(z.literal('')).default(''),
    overrideNote: z.string().trim().max(1000).default(''),
  })
  .strict();
export type LineInput = z.input<typeof LineInput>;

const SetLinesArgs = z
  .object({
    orderId: Uuid,
    lines: z.array(LineInput).min(1).max(MAX_LINES_PER_MUTATION),
  })
  .strict()
  .refine((a) => new Set(a.lines.map((l) => l.id)).size === a.lines.length, 'a line appears twice');

export const setOrderLines: MutationDef<z.infer<typeof SetLinesArgs>> = {
  name: 'order.setLines@1',
  args: SetLinesArgs,
  aggregate: (a) => `order:${a.orderId}`,
  // The items too: a line keeps its item's unit cost, so the order's margin stays exact.
  reads: (a) => [
    orderRef(a.orderId),
    ...a.lines.map((l) => ({ table: 'order_lines' as const, key: l.id })),
    ...[...new Set(a.lines.map((l) => l.itemId))].map((id) => lookUp('items', String(id))),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    const locked = lockedFor(order);
    if (locked) return locked;
    let total = String(order.total ?? '0');
    let costTotal = String(order.cost_total ?? '0');
    let count = Number(order.lines_count ?? 0);
    const writes: RowWrite[] = [];
    for (const l of a.lines) {
      const before = rows.get(`order_lines|${l.id}`);
      if (before && before.order_id !== a.orderId) return reject('invalid', `Line ${l.id} belongs to another order`);
      const item = rows.get(`items|${l.itemId}`);
      if (!item) return reject('not_found', `Item ${l.itemId} not found`);
      const amount = lineAmount(l.quantity, l.price, l.discount);
      // An edited line keeps the cost it was priced with; a new line (or another item) takes today's.
      const cost =
        before && Number(before.item_id) === l.itemId ? String(before.cost ?? '0') : String(item.cost ?? '0');
      if (before) {
        total = subtractMoney(total, String(before.amount));
        costTotal = subtractMoney(costTotal, lineCost(String(before.quantity), String(before.cost ?? '0')));
      } else count++;
      total = addMoney(total, amount);
      costTotal = addMoney(costTotal, lineCost(l.quantity, cost));
      writes.push({
        table: 'order_lines',
        key: l.id,
        row: {
          id: l.id,
          order_id: a.orderId,
          manager_id: order.manager_id,
          line_no: l.lineNo,
          item_id: l.itemId,
          quantity: l.quantity,
          price: l.price,
          price_source: l.priceSource,
          discount: l.discount,
          amount,
          warehouse_id: l.warehouseId,
          comment: l.comment,
          cost,
          // A line priced by the rules again has no override to explain.
          ...(isOverride({ price_source: l.priceSource, discount: l.discount })
            ? { override_reason: l.overrideReason, override_note: l.overrideNote }
            : { override_reason: '', override_note: '' }),
        },
      });
    }
    writes.push({
      table: 'orders',
      key: a.orderId,
      row: { ...order, total, cost_total: costTotal, lines_count: count },
    });
    return {
      ok: true,
      writes,
      conflicts: [],
      erp: changeEffect(
        order,
        a.lines.map((l) => l.id),
      ),
    };
  },
};

function changeEffect(order: Row, lineIds: string[]): ErpEffect[] | undefined {
  return changesGoToErp(order.status as OrderStatus)
    ? [{ method: 'order.change', aggregate: `order:${String(order.id)}`, orderId: String(order.id), lineIds }]
    : undefined;
}

// ---- remove lines --------------------------------------------------------------------------

const RemoveLinesArgs = z.object({ orderId: Uuid, lineIds: z.array(Uuid).min(1).max(MAX_LINES_PER_MUTATION) }).strict();

export const removeOrderLines: MutationDef<z.infer<typeof RemoveLinesArgs>> = {
  name: 'order.removeLines@1',
  args: RemoveLinesArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [orderRef(a.orderId), ...a.lineIds.map((id) => ({ table: 'order_lines' as const, key: id }))],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    const locked = lockedFor(order);
    if (locked) return locked;
    let total = String(order.total ?? '0');
    let costTotal = String(order.cost_total ?? '0');
    let count = Number(order.lines_count ?? 0);
    const writes: RowWrite[] = [];
    // Removing a line already gone is fine (set semantics): the result is the same.
    for (const id of new Set(a.lineIds)) {
      const before = rows.get(`order_lines|${id}`);
      if (!before) continue;
      if (before.order_id !== a.orderId) return reject('invalid', `Line ${id} belongs to another order`);
      total = subtractMoney(total, String(before.amount));
      costTotal = subtractMoney(costTotal, lineCost(String(before.quantity), String(before.cost ?? '0')));
      count--;
      writes.push({ table: 'order_lines', key: id, row: null });
    }
    if (writes.length === 0) return { ok: true, writes: [], conflicts: [] };
    writes.push({
      table: 'orders',
      key: a.orderId,
      row: { ...order, total, cost_total: costTotal, lines_count: count },
    });
    return { ok: true, writes, conflicts: [], erp: changeEffect(order, [...new Set(a.lineIds)]) };
  },
};

// ---- header ----------------------------------------------------------------------------------

const SetHeaderArgs = z
  .object({
    orderId: Uuid,
    agreement: z.string().trim().min(1).max(100).nullable().optional(),
    deliveryMethod: z.enum(DELIVERY_METHODS).optional(),
    deliveryAddress: z.string().trim().max(500).optional(),
    deliveryDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine((d) => typedDate(d) === d, 'a real date')
      .nullable()
      .optional(),
    comment: z.string().trim().max(2000).optional(),
    warehouseId: z.number().int().positive().optional(),
  })
  .strict()
  .refine((a) => Object.keys(a).length > 1, 'nothing to change');
export type SetOrderHeaderArgs = z.input<typeof SetHeaderArgs>;

/** Header fields a manager edits: contract, shipment (method, address, date), warehouse, comment. */
export const setOrderHeader: MutationDef<z.infer<typeof SetHeaderArgs>> = {
  name: 'order.setHeader@1',
  args: SetHeaderArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [
    orderRef(a.orderId),
    ...(a.warehouseId === undefined ? [] : [lookUp('warehouses', String(a.warehouseId))]),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    // What ships and how is fixed once the warehouse starts assembling, like the lines.
    const locked = linesLockedReason(order.status as OrderStatus);
    if (locked) return reject('locked', `The order is locked: ${locked}`);
    if (a.warehouseId !== undefined && !rows.get(`warehouses|${a.warehouseId}`))
      return reject('not_found', `Warehouse ${a.warehouseId} not found`);
    const method = a.deliveryMethod ?? String(order.delivery_method ?? 'delivery');
    const next: Row = {
      ...order,
      ...(a.agreement === undefined ? {} : { agreement: a.agreement }),
      delivery_method: method,
      // Pickup has no address; switching back to delivery needs one.
      delivery_address: method === 'pickup' ? '' : (a.deliveryAddress ?? String(order.delivery_address ?? '')),
      ...(a.deliveryDate === undefined ? {} : { delivery_date: a.deliveryDate }),
      ...(a.comment === undefined ? {} : { comment: a.comment }),
      ...(a.warehouseId === undefined ? {} : { warehouse_id: a.warehouseId }),
    };
    if (
      method === 'delivery' &&
      !String(next.delivery_address).trim() &&
      (a.deliveryMethod !== undefined || a.deliveryAddress !== undefined)
    ) {
      return reject('invalid', 'A delivery needs an address');
    }
    const changed = Object.keys(next).some((k) => next[k] !== order[k]);
    if (!changed) return { ok: true, writes: [], conflicts: [] };
    return {
      ok: true,
      writes: [{ table: 'orders', key: a.orderId, row: next }],
      conflicts: [],
      erp: changeEffect(order, []),
    };
  },
};

// ---- submit / cancel ---------------------------------------------------------------------------

const SubmitArgs = z
  .object({
    orderId: Uuid,
    /** Digest of the submit check the manager confirmed (domain/submit-check.ts). */
    checkDigest: z.string().min(1).max(100),
  })
  .strict();

export const submitOrder: MutationDef<z.infer<typeof SubmitArgs>> = {
  name: 'order.submit@1',
  args: SubmitArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [orderRef(a.orderId)],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    // Already submitted (a rebase re-running it, or a second click): nothing more to do.
    if (order.status === 'submitted') return { ok: true, writes: [], conflicts: [] };
    if (!canSubmit(order.status as OrderStatus))
      return reject('locked', `An order in status ${String(order.status)} cannot be submitted`);
    if (Number(order.lines_count) === 0) return reject('invalid', 'The order has no lines');
    return {
      ok: true,
      writes: [
        {
          table: 'orders',
          key: a.orderId,
          row: { ...order, status: 'submitted', submitted_at: ctx.now, erp_error: null },
        },
      ],
      conflicts: [],
      erp: [{ method: 'order.submit', aggregate: `order:${a.orderId}`, orderId: a.orderId }],
    };
  },
};

const CancelArgs = z.object({ orderId: Uuid, reason: z.string().trim().min(1).max(1000) }).strict();

export const cancelOrder: MutationDef<z.infer<typeof CancelArgs>> = {
  name: 'order.cancel@1',
  args: CancelArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [orderRef(a.orderId)],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const order = orderOf(rows, a.orderId);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    if (order.status === 'cancelled') return { ok: true, writes: [], conflicts: [] };
    const status = order.status as OrderStatus;
    if (!canCancel(status)) return reject('locked', `An order in status ${status} cannot be cancelled`);
    // The ERP hears of it only if it was ever sent there.
    const sent = status !== 'draft' && status !== 'rejected';
    return {
      ok: true,
      writes: [
        {
          table: 'orders',
          key: a.orderId,
          row: { ...order, status: 'cancelled', erp_status_at: sent ? order.erp_status_at : ctx.now },
        },
      ],
      conflicts: [],
      erp: sent
        ? [{ method: 'order.cancel', aggregate: `order:${a.orderId}`, orderId: a.orderId, reason: a.reason }]
        : undefined,
    };
  },
};

export const orderMutations: MutationDef<any>[] = [
  createOrder,
  setOrderLines,
  removeOrderLines,
  setOrderHeader,
  submitOrder,
  cancelOrder,
];
