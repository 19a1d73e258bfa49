// The client's shipping and financial documents held by the ERP (invoice, УПД, act, reconciliation
// act, certificates): the `documents.changes` feed announces each one (what it is, for which
// client and order), and `document.pdf` hands over its printed form on demand. The server keeps
// the list on every desk that sees the client and the PDF, once fetched, in its file store.
import { z } from 'zod';
import { Sha256 } from '../aftersales/attachment';
import { ErpCode } from './master-data';

export const ERP_DOCUMENT_KINDS = [
  'invoice',
  'upd',
  'waybill',
  'act',
  'reconciliation',
  'certificate',
  'other',
] as const;
export type ErpDocumentKind = (typeof ERP_DOCUMENT_KINDS)[number];

/** The largest printed document the server takes from the ERP. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const ErpDocument = z
  .object({
    /** The ERP's own id of the document (a 1C GUID): its identity in the feed and in `document.pdf`. */
    id: z.string().trim().min(1).max(80),
    kind: z.enum(ERP_DOCUMENT_KINDS),
    number: z.string().trim().min(1).max(50),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
    clientId: ErpCode,
    /** The desk's order (the id it was submitted with), when the document belongs to one. */
    orderId: z.string().uuid().nullable().default(null),
    /** An order made in the ERP (its number, as in `orders.changes`), when the document belongs to one. */
    erpOrderId: z.string().trim().min(1).max(50).nullable().default(null),
    /** The document's sum, rubles with kopecks; null for documents without one (certificates). */
    amount: z
      .string()
      .regex(/^-?\d{1,13}(\.\d{1,2})?$/, 'a sum with at most 2 decimals')
      .nullable()
      .default(null),
    title: z.string().trim().max(300).default(''),
  })
  .refine((d) => d.orderId === null || d.erpOrderId === null, {
    message: 'a document belongs to one order: orderId or erpOrderId, not both',
    path: ['erpOrderId'],
  });
export type ErpDocument = z.infer<typeof ErpDocument>;

/** One change of the documents feed: a document issued or corrected (`put`), or withdrawn (`retire`, by its id). */
export const DocumentChange = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), at: z.string().datetime({ offset: true }), data: z.unknown() }),
  z.object({
    op: z.literal('retire'),
    at: z.string().datetime({ offset: true }),
    key: z.object({ id: z.string().trim().min(1).max(80) }),
  }),
]);
export type DocumentChange = z.infer<typeof DocumentChange>;

export const DocumentPdfParams = z.object({ id: z.string().trim().min(1).max(80) }).strict();

/** The printed form: the PDF's bytes in base64 and their sha-256, which the server checks. */
export const DocumentPdf = z.object({
  id: z.string(),
  sha256: Sha256,
  base64: z
    .string()
    .max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64'),
});
export type DocumentPdf = z.infer<typeof DocumentPdf>;
