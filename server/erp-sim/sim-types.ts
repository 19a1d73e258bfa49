// The simulator's shapes shared by its parts: the faults switched at run time, the ledger of
// writes received, and an order as 1C keeps it.
import type { DocumentLine } from './documents';

export interface ErpFaults {
  down: boolean;
  latencyMs: number;
  /** Share of requests answered with a temporary error before doing anything. */
  errorRate: number;
  /** Share of write requests whose work is done but whose answer never arrives. */
  timeoutAfterCommitRate: number;
  /** Share of requests handled twice (as if the network delivered them twice); feeds re-send recent changes. */
  duplicateRate: number;
  /** Delay between doing the work and answering (the window in which a caller may die). */
  answerDelayMs: number;
  /** Share of new documents refused for a business reason (as 1C refuses a closed period). */
  rejectRate: number;
  /** `document.pdf` answers with bytes that are not a PDF (a broken print form in 1C). */
  brokenPdf: boolean;
}

export interface LedgerEntry {
  idempotencyKey: string;
  method: string;
  aggregate: string;
  seq: number;
  /** For order messages: the order header as received (what a 1C operator would see). */
  order?: unknown;
  /** How many times the request arrived (repeats are answered "already_done", without effect). */
  received: number;
  firstAt: number;
  erpId: string;
}

export interface ErpOrder {
  orderId: string;
  erpId: string;
  clientId: number;
  status: string;
  statusAt: number;
  lines: number;
  vat: string | null;
  /** The lines as the ERP printed them on the order's documents. */
  documentLines: DocumentLine[];
}
