// The client's documents from 1C, read from the `documents.changes` feed: each one is kept as a
// row of erp_documents under the client's manager, so it is listed on the desks of those who see
// the client, per client and per order. A withdrawn document is removed. The PDF itself is
// fetched only when someone opens it (document-files.ts).
import Decimal from 'decimal.js';
import { DocumentChange, ErpDocument } from '../../domain/erp/erp-documents';
import type { Row } from '../../domain/sync/mutation-def';
import { sameRowContent, type SyncTableName } from '../../domain/sync/sync-tables';
import type { Audience } from '../audience';
import type { Query } from '../query';
import { writeServerRows } from '../row-store';
import type { CentralStore } from '../store';
import type { ErpCaller } from './erp-caller';
import { erpOrderId } from './erp-orders';
import { readFeed, type FeedChange } from './feed-pages';
import { parseProblem, type InboundError } from './inbound-errors';

const FEED = 'documents.changes';
const PAGE = 1000;

type Parsed =
  { op: 'put'; doc: ErpDocument; at: string; position: string } | { op: 'retire'; id: string; position: string };

function parse(changes: FeedChange[], problems: InboundError[]): Parsed[] {
  // The last change of a document in the page wins.
  const byId = new Map<string, Parsed>();
  for (const { raw, position } of changes) {
    const envelope = DocumentChange.safeParse(raw);
    if (!envelope.success) {
      problems.push({ feed: FEED, position, key: null, message: parseProblem(envelope.error.issues) });
      continue;
    }
    if (envelope.data.op === 'retire') {
      byId.delete(envelope.data.key.id);
      byId.set(envelope.data.key.id, { op: 'retire', id: envelope.data.key.id, position });
      continue;
    }
    const doc = ErpDocument.safeParse(envelope.data.data);
    if (!doc.success) {
      const key = (envelope.data.data as { id?: unknown } | null)?.id;
      problems.push({
        feed: FEED,
        position,
        key: typeof key === 'string' ? key : null,
        message: parseProblem(doc.error.issues),
      });
      continue;
    }
    byId.delete(doc.data.id);
    byId.set(doc.data.id, { op: 'put', doc: doc.data, at: envelope.data.at, position });
  }
  return [...byId.values()];
}

async function applyDocuments(
  query: Query,
  changes: FeedChange[],
  problems: InboundError[],
): Promise<{ audiences: Audience[]; head: number }> {
  const parsed = parse(changes, problems);
  const puts = parsed.flatMap((p) => (p.op === 'put' ? [p.doc] : []));
  const clients = new Map(
    (
      await query<{ id: number; manager_id: number }>(
        `SELECT id, manager_id FROM clients WHERE id = ANY($1::int[]) AND NOT deleted`,
        [[...new Set(puts.map((d) => d.clientId))]],
      )
    ).map((c) => [Number(c.id), Number(c.manager_id)]),
  );
  // The order a document names: a desk's order by its id, an order made in 1C by its number.
  const orderIds = puts.map((d) => d.orderId ?? (d.erpOrderId ? erpOrderId(d.erpOrderId) : null));
  const orders = new Map(
    (
      await query<{ id: string; client_id: number }>(
        `SELECT id, client_id FROM orders WHERE id = ANY($1::text[]) AND NOT deleted`,
        [[...new Set(orderIds.filter((x): x is string => x !== null))]],
      )
    ).map((o) => [o.id, Number(o.client_id)]),
  );
  const befores = new Map(
    (
      await query<Row>(
        `SELECT d.*, d.amount::text AS amount FROM erp_documents d WHERE d.id = ANY($1::text[]) ORDER BY d.id FOR UPDATE`,
        [parsed.map((p) => (p.op === 'put' ? p.doc.id : p.id))],
      )
    ).map((r) => [String(r.id), r]),
  );
  const writes: { table: SyncTableName; key: string; row: Row | null }[] = [];
  for (const p of parsed) {
    if (p.op === 'retire') {
      const before = befores.get(p.id);
      if (before && !before.deleted) writes.push({ table: 'erp_documents', key: p.id, row: null });
      continue;
    }
    const d = p.doc;
    const managerId = clients.get(d.clientId);
    const orderId = d.orderId ?? (d.erpOrderId ? erpOrderId(d.erpOrderId) : null);
    const why =
      managerId === undefined
        ? `unknown client ${d.clientId}`
        : orderId !== null && !orders.has(orderId)
          ? `unknown order ${d.orderId ?? d.erpOrderId}`
          : orderId !== null && orders.get(orderId) !== d.clientId
            ? `order ${d.orderId ?? d.erpOrderId} is of another client`
            : null;
    if (why) {
      problems.push({ feed: FEED, position: p.position, key: d.id, message: why });
      continue;
    }
    const live = befores.get(d.id);
    const before = live && !live.deleted ? live : null;
    // A corrected document is printed again: the old file is not its printed form any more.
    const reprinted = !before || !samePrint(before, d);
    const row: Row = {
      id: d.id,
      kind: d.kind,
      number: d.number,
      doc_date: d.date,
      client_id: d.clientId,
      manager_id: managerId,
      order_id: orderId,
      amount: d.amount,
      title: d.title,
      sha256: reprinted ? null : before.sha256,
      size: reprinted ? null : before.size,
      issued_at: before ? before.issued_at : p.at,
    };
    if (before && sameRowContent('erp_documents', row, before)) continue;
    writes.push({ table: 'erp_documents', key: d.id, row });
  }
  return writeServerRows(query, writes, befores);
}

/** Whether a document's printed content stays what it was (same kind, number, date and sum). */
function samePrint(before: Row, d: ErpDocument): boolean {
  const sum = (v: unknown) => (v === null || v === undefined ? null : new Decimal(String(v)).toFixed(2));
  return (
    before.kind === d.kind &&
    before.number === d.number &&
    before.doc_date === d.date &&
    sum(before.amount) === sum(d.amount)
  );
}

/** Reads the documents feed to its end; returns how many changes it read. */
export function pollDocuments(
  store: CentralStore,
  erp: ErpCaller,
  committed: (audiences: Audience[], head: number) => void,
): Promise<number> {
  return readFeed(store, erp, { method: FEED, lock: 'documents', page: PAGE, apply: applyDocuments }, committed);
}
