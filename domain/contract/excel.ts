// The desk contract, spreadsheets: an order file read into a preview, orders and the import
// template written as .xlsx, and any table on screen exported as it is shown.
import { z } from 'zod';
import { LinePreview } from './order-lines';
import { Cell, FileData, OrderId } from './shared';

const ColumnMapping = z.object({
  article: z.number().int().nonnegative().nullable(),
  quantity: z.number().int().nonnegative().nullable(),
  price: z.number().int().nonnegative().nullable(),
  discount: z.number().int().nonnegative().nullable(),
  comment: z.number().int().nonnegative().nullable(),
  warehouse: z.number().int().nonnegative().nullable(),
});

export type ColumnMapping = z.infer<typeof ColumnMapping>;

/** What the desk read from a spreadsheet: its layout, the mapping used, notes, and the preview. */
export const ImportedFile = z.object({
  sheets: z.array(z.string()),
  sheet: z.number().int(),
  headerRow: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), header: z.string(), sample: z.string() })),
  mapping: ColumnMapping,
  notes: z.array(z.object({ code: z.string(), count: z.number().int().optional(), rows: z.string().optional() })),
  lines: z.array(LinePreview),
});

export type ImportedFile = z.infer<typeof ImportedFile>;

/** Any table on screen, as the user sees it, to .xlsx: typed columns so Excel gets numbers and dates. */
export const TableExport = z
  .object({
    title: z.string().min(1).max(200),
    columns: z
      .array(z.object({ header: z.string().max(200), type: z.enum(['text', 'int', 'money', 'datetime', 'date']) }))
      .min(1)
      .max(60),
    rows: z.array(z.array(Cell)).max(200_000),
  })
  .strict();

export const excelMethods = {
  'table.exportXlsx': { input: TableExport, output: z.object({ base64: z.string() }) },
  'excel.readLines': {
    input: z
      .object({
        orderId: OrderId,
        fileName: z.string().max(300),
        // Base64 of the file; the limit (about 30 MB of file) is checked again with a clear message.
        data: z.string().max(45_000_000),
        sheet: z.number().int().nonnegative().optional(),
        mapping: ColumnMapping.optional(),
      })
      .strict(),
    output: ImportedFile,
  },
  'excel.exportOrders': {
    input: z.object({ ids: z.array(OrderId).min(1).max(100), lang: z.enum(['ru', 'en']).optional() }).strict(),
    output: FileData,
  },
  'excel.template': { input: z.object({ lang: z.enum(['ru', 'en']).optional() }).strict(), output: FileData },
} as const;
