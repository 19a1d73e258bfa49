// The desk contract, the client's documents from 1C (invoice, УПД, act, reconciliation act,
// certificates): listed per client or per order from the replica, and opened as PDF, fetched from
// the server the first time and kept on the desk, so it opens offline afterwards.
import { z } from 'zod';
import { ERP_DOCUMENT_KINDS } from '../erp/erp-documents';

export const DocumentRow = z.object({
  id: z.string(),
  kind: z.enum(ERP_DOCUMENT_KINDS),
  number: z.string(),
  date: z.string(),
  clientId: z.number().int(),
  clientName: z.string(),
  orderId: z.string().nullable(),
  orderNumber: z.string().nullable(),
  amount: z.string().nullable(),
  title: z.string(),
  /** Kept on this desk: opens offline. */
  kept: z.boolean(),
});
export type DocumentRow = z.infer<typeof DocumentRow>;

export const documentsMethods = {
  'documents.list': {
    input: z
      .object({ clientId: z.number().int().positive().optional(), orderId: z.string().uuid().optional() })
      .strict()
      .refine((a) => (a.clientId === undefined) !== (a.orderId === undefined), 'a client or an order'),
    output: z.array(DocumentRow),
  },
  /** The PDF: from this desk when kept, otherwise from the server (which asks 1C once). */
  'documents.open': {
    input: z.object({ id: z.string().min(1).max(80) }).strict(),
    output: z.object({ name: z.string(), mime: z.literal('application/pdf'), base64: z.string() }),
  },
} as const;
