// Order mutations: create, the header, submit, cancel, and (order-line-mutations.ts) its lines.
// Like every mutation they are pure (args + rows read → rows written), run optimistically on the
// desk and authoritatively on the server. Lines are separate rows, so an edit of one line of a
// 20,000-line order sends and writes that line and the order header (its totals), never the
// whole document.
import { z } from 'zod';
import type { MutationDef, Row } from '../sync/mutation-def';
import { lookUp } from '../sync/mutation-def';
import {
  typedDate,
  canCancel,
  canSubmit,
  DELIVERY_METHODS,
  linesLockedReason,
  ORDER_KINDS,
  type OrderStatus,
} from './order';
import { orderLineMutations } from './order-line-mutations';
import { changeEffect, orderOf, orderRef, reject, Uuid } from './order-rows';

/** The first element of a JSON list column (an array in mutations; text if it ever arrives unparsed). */
const firstOf = (v: unknown): unknown =>
  Array.isArray(v) ? v[0] : typeof v === 'string' && v.startsWith('[') ? (JSON.parse(v) as unknown[])[0] : undefined;

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
      last_line_no: 0,
      total: '0.00',
      created_at: ctx.now,
      submitted_at: null,
      erp_number: null,
      erp_status_at: null,
      erp_error: null,
      cost_total: '0.00',
      origin: 'desk',
      held_until: null,
      hold_state: null,
      hold_request: null,
      hold_warned_at: null,
      from_order_id: null,
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
    // A seasonal order fills a client's commitment under a programme: which one, first.
    if (order.kind === 'seasonal' && !order.programme_id) return reject('invalid', 'no_programme');
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
    // Being merged: 1C is asked about it already; the merge decides what becomes of it.
    if (order.merge) return reject('locked', 'merging');
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
  ...orderLineMutations,
  setOrderHeader,
  submitOrder,
  cancelOrder,
];
