// The desk contract, editing an order's lines like a spreadsheet: cell patches (typing, paste,
// fill), bulk actions on a selection, new lines, undo and redo, and the preview of incoming rows.
import { z } from 'zod';
import { BulkLineKind } from '../catalog/bulk-search';
import { OVERRIDE_REASONS } from '../pricing/price-floors';
import { OrderId } from './shared';

/** A row coming into an order (pasted past the last line, or read from a file). */
export const IncomingRow = z
  .object({
    sourceRow: z.number().int().nonnegative(),
    article: z.string().max(200),
    quantity: z.string().max(50).nullable(),
    price: z.string().max(50).nullable().optional(),
    discount: z.string().max(50).nullable().optional(),
    comment: z.string().max(2000).nullable().optional(),
    warehouse: z.string().max(200).nullable().optional(),
  })
  .strict();

const PreviewItem = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  packSize: z.number().int(),
});

export const LINE_PROBLEMS = [
  'not_found',
  'bad_quantity',
  'zero_quantity',
  'negative_quantity',
  'bad_price',
  'bad_discount',
  'no_discount_on_preorder',
  'unknown_warehouse',
] as const;

export const LINE_WARNINGS = ['duplicate', 'in_order', 'discontinued', 'no_price'] as const;

/** One incoming row as the preview shows it; a row with problems is not added. */
export const LinePreview = z.object({
  sourceRow: z.number().int(),
  asked: z.string(),
  askedQuantity: z.string(),
  kind: BulkLineKind,
  /** The item the line will be (for an analog: the replacement offered). */
  item: PreviewItem.nullable(),
  askedItem: PreviewItem.nullable(),
  duplicateOf: z.number().int().nullable(),
  quantity: z.string().nullable(),
  /** For an analog offered: the quantity if the manager keeps the item asked for. */
  askedItemQuantity: z.string().nullable(),
  rounded: z.boolean(),
  price: z.string().nullable(),
  priceSource: z.enum(['client', 'manual']),
  discount: z.string(),
  warehouseId: z.number().int().nullable(),
  comment: z.string(),
  problems: z.array(z.enum(LINE_PROBLEMS)),
  warnings: z.array(z.enum(LINE_WARNINGS)),
});

export type LinePreview = z.infer<typeof LinePreview>;

/** A cell a paste or bulk action could not set, and why (the field names what was wrong). */
export const LineProblem = z.object({
  lineId: z.string(),
  lineNo: z.number().int(),
  field: z.string(),
  value: z.string(),
});

export type LineProblem = z.infer<typeof LineProblem>;

export const LinePatchInput = z
  .object({
    quantity: z.string().max(50).optional(),
    price: z.string().max(50).optional(),
    discount: z.string().max(50).optional(),
    comment: z.string().max(1000).optional(),
    warehouse: z.string().max(200).optional(),
  })
  .strict();

export const BulkAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setQuantity'), value: z.string().max(50) }),
  z.object({ kind: z.literal('multiply'), factor: z.string().max(50) }),
  z.object({ kind: z.literal('roundToPack') }),
  z.object({ kind: z.literal('setDiscount'), value: z.string().max(50) }),
  z.object({ kind: z.literal('setWarehouse'), warehouseId: z.number().int().positive().nullable() }),
  z.object({ kind: z.literal('delete') }),
  /** The manager's price and/or discount on the selection, with the mandatory reason; neither: only the reason, for lines already overridden. */
  z.object({
    kind: z.literal('override'),
    price: z.string().max(50).optional(),
    discount: z.string().max(50).optional(),
    reason: z.enum(OVERRIDE_REASONS),
    note: z.string().max(1000),
  }),
]);

export type BulkAction = z.infer<typeof BulkAction>;

export const EDIT_LABELS = [
  'edit',
  'paste',
  'fill',
  'add',
  'import',
  'delete',
  'setQuantity',
  'multiply',
  'roundToPack',
  'setDiscount',
  'setWarehouse',
  'override',
] as const;

export type EditLabel = (typeof EDIT_LABELS)[number];

export const orderLineMethods = {
  'orders.addLines': {
    input: z
      .object({
        orderId: OrderId,
        lines: z
          .array(
            z
              .object({
                itemId: z.number().int().positive(),
                quantity: z.string().max(30),
                price: z.string().max(30).optional(),
                discount: z.string().max(10).optional(),
                comment: z.string().max(1000).optional(),
                warehouseId: z.number().int().positive().nullable().optional(),
                /** With a price of one's own: why (a list of reasons, as the override dialog has them). */
                overrideReason: z.enum(OVERRIDE_REASONS).optional(),
                overrideNote: z.string().max(1000).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(50_000),
        label: z.enum(EDIT_LABELS).default('add'),
      })
      .strict(),
    /** The new lines' ids, in the order given (the order numbers them). */
    output: z.object({ added: z.number().int(), ids: z.array(z.string()), seqs: z.array(z.number().int()) }),
  },
  'orders.patchLines': {
    input: z
      .object({
        orderId: OrderId,
        patches: z
          .array(z.object({ lineId: z.string().uuid(), patch: LinePatchInput }).strict())
          .min(1)
          .max(50_000),
        // ifClean: apply only if every cell is valid (else report); validOnly: apply the valid cells,
        // skip the rest; check: report only, change nothing (a paste that also adds lines is previewed first).
        mode: z.enum(['ifClean', 'validOnly', 'check']),
        label: z.enum(EDIT_LABELS).default('paste'),
      })
      .strict(),
    output: z.object({ applied: z.boolean(), changed: z.number().int(), problems: z.array(LineProblem) }),
  },
  'orders.bulk': {
    input: z
      .object({ orderId: OrderId, lineIds: z.array(z.string().uuid()).min(1).max(50_000), action: BulkAction })
      .strict(),
    output: z.object({ changed: z.number().int(), problems: z.array(LineProblem) }),
  },
  'orders.undo': {
    input: z.object({ orderId: OrderId }).strict(),
    output: z.object({ label: z.string().nullable(), changed: z.number().int() }),
  },
  'orders.redo': {
    input: z.object({ orderId: OrderId }).strict(),
    output: z.object({ label: z.string().nullable(), changed: z.number().int() }),
  },
  'orders.previewLines': {
    input: z.object({ orderId: OrderId, rows: z.array(IncomingRow).max(50_000) }).strict(),
    output: z.array(LinePreview),
  },
} as const;
