// The desk contract, reserves and preorders: what 1C holds of a reserve and until when (and what
// the desk asked of it), what it secured of a preorder and the orders made of that, and the
// actions: extend a reserve, make it an order, make a preorder's secured part an order.
import { z } from 'zod';
import { HOLD_STATES, MAX_RESERVE_DAYS } from '../orders/order-kind-terms';
import { OrderId, Seq } from './shared';

export const OrderKindState = z.object({
  hold: z
    .object({
      until: z.string().nullable(),
      state: z.enum(HOLD_STATES).nullable(),
      request: z
        .object({ kind: z.enum(['extend', 'convert']), days: z.number().int().optional(), at: z.string() })
        .nullable(),
      /** The hold period of the client's agreement: what an extension asks by default. */
      days: z.number().int(),
      lines: z.number().int(),
      /** Lines 1C holds whole, in part, not at all. */
      heldWhole: z.number().int(),
      heldPart: z.number().int(),
    })
    .nullable(),
  preorder: z
    .object({
      lines: z.number().int(),
      /** Lines secured whole (or in part), waiting for goods, and with a secured part not yet an order. */
      secured: z.number().int(),
      waiting: z.number().int(),
      convertible: z.number().int(),
      /** The orders made of its secured part so far. */
      made: z.array(z.object({ id: z.string(), number: z.string().nullable(), status: z.string() })),
    })
    .nullable(),
  fromOrder: z.object({ id: z.string(), number: z.string().nullable() }).nullable(),
  /** A seasonal order: the programme whose commitment it fills (null until chosen). */
  programmeId: z.string().nullable(),
  /** Two orders 1C has being merged: this one grows ('into') or empties ('from'); what 1C is asked now. */
  merge: z
    .object({
      role: z.enum(['into', 'from']),
      partnerId: z.string(),
      partnerNumber: z.string().nullable(),
      step: z.enum(['change', 'cancel']),
      lines: z.number().int(),
    })
    .nullable(),
});
export type OrderKindState = z.infer<typeof OrderKindState>;

export const orderKindMethods = {
  'orders.extendReserve': {
    input: z.object({ id: OrderId, days: z.number().int().min(1).max(MAX_RESERVE_DAYS) }).strict(),
    output: Seq,
  },
  'orders.convertReserve': { input: z.object({ id: OrderId }).strict(), output: Seq },
  // The secured part not yet an order becomes a new order, sent to 1C at once.
  'orders.convertSecured': {
    input: z.object({ id: OrderId }).strict(),
    output: z.object({ id: z.string(), lines: z.number().int(), seq: z.number().int() }),
  },
} as const;
