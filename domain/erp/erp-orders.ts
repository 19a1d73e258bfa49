// Orders the ERP holds that did not come from a desk (taken by phone, by a field rep, through the
// client portal): the `orders.changes` feed sends each whole, with its lines and status, as it is
// created and as it moves. The server keeps them as orders of origin "erp", read-only on desks.
import { z } from 'zod';
import { ORDER_KINDS } from '../orders/order';
import { ErpCode } from './master-data';

const decimal = (intDigits: number, fracDigits: number) =>
  z.string().regex(new RegExp(`^\\d{1,${intDigits}}(\\.\\d{1,${fracDigits}})?$`), `a decimal, ${fracDigits} places`);

export const ErpOrderLine = z.object({
  lineNo: z.number().int().min(1).max(1_000_000),
  itemId: ErpCode,
  quantity: decimal(12, 3),
  /** Unit price, in the client's price type's VAT basis. */
  price: decimal(11, 4),
  discount: decimal(3, 2).default('0'),
  /** quantity × price × (1 − discount/100), kopecks. */
  amount: decimal(13, 2),
});

export const ERP_ORDER_STATUSES = ['accepted', 'processing', 'assembling', 'shipped', 'closed', 'cancelled'] as const;

export const ErpOrder = z.object({
  /** The ERP's number of the order: its identity in this feed. */
  erpId: z.string().trim().min(1).max(50),
  clientId: ErpCode,
  kind: z.enum(ORDER_KINDS).default('order'),
  status: z.enum(ERP_ORDER_STATUSES),
  /** Where it was taken: by phone, by a field rep, through the client portal. */
  source: z.enum(['phone', 'field', 'portal', 'other']).default('other'),
  createdAt: z.string().datetime({ offset: true }),
  warehouseId: ErpCode,
  deliveryDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
  comment: z.string().max(2000).default(''),
  lines: z.array(ErpOrderLine).min(1).max(50_000),
});
export type ErpOrder = z.infer<typeof ErpOrder>;
export type ErpOrderLine = z.infer<typeof ErpOrderLine>;
