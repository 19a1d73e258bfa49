// The protocol document's examples run against its reference implementation: every request in a
// ```json block of docs/erp-protocol.md is sent to the ERP simulator, and both the document's
// answer and the simulator's must pass the protocol's schemas for that method and have the same
// fields. A 1C developer implementing from the document alone gets what the server accepts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generateDemoData } from '../../db/demo/generate';
import { ERP_WRITE_METHODS, ErpStatusChange, ErpWriteResult } from '../../domain/erp/erp-protocol';
import {
  FeedPage,
  MASTER_ENTITIES,
  MASTER_METHODS,
  MASTER_RECORD,
  MasterChange,
  SnapshotPage,
} from '../../domain/erp/master-feeds';
import { DocumentChange, DocumentPdf, ErpDocument } from '../../domain/erp/erp-documents';
import { erpMasterFromDemo } from '../../server/erp-sim/demo-master';
import { startErpSimulator, type ErpSimulator } from '../../server/erp-sim/simulator';

interface Example {
  request: { method: string; params: unknown; id: number };
  answer: { result?: Record<string, unknown>; error?: unknown };
}

/** Request / answer pairs of the document's JSON blocks (each value may span lines). */
function examples(): Example[] {
  const doc = readFileSync('docs/erp-protocol.md', 'utf8');
  const out: Example[] = [];
  for (const block of doc.matchAll(/```json\n([\s\S]*?)```/g)) {
    const values: unknown[] = [];
    let pending = '';
    for (const line of block[1]!.split('\n')) {
      pending += line;
      try {
        values.push(JSON.parse(pending));
        pending = '';
      } catch {
        // not a whole value yet
      }
    }
    for (let i = 0; i + 1 < values.length; i += 2)
      out.push({ request: values[i] as Example['request'], answer: values[i + 1] as Example['answer'] });
  }
  return out;
}

/** Checks an answer of a method against the protocol's schemas; returns the problems found. */
function check(method: string, result: unknown): string[] {
  const problems: string[] = [];
  const parse = (schema: z.ZodType, value: unknown, what: string) => {
    const r = schema.safeParse(value);
    if (!r.success)
      problems.push(`${what}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return r.success;
  };
  const entity = MASTER_ENTITIES.find(
    (e) => MASTER_METHODS[e].snapshot === method || MASTER_METHODS[e].changes === method,
  );
  if ((ERP_WRITE_METHODS as readonly string[]).includes(method)) parse(ErpWriteResult, result, 'write result');
  else if (entity && MASTER_METHODS[entity].snapshot === method) {
    if (parse(SnapshotPage, result, 'snapshot page'))
      for (const row of (result as { rows: unknown[] }).rows) parse(MASTER_RECORD[entity], row, `${entity} record`);
  } else if (entity) {
    if (parse(FeedPage, result, 'feed page'))
      for (const c of (result as { changes: unknown[] }).changes)
        if (parse(MasterChange, c, 'change') && (c as { op: string }).op === 'put')
          parse(MASTER_RECORD[entity], (c as { data: unknown }).data, `${entity} record`);
  } else if (method === 'documents.changes') {
    if (parse(FeedPage, result, 'feed page'))
      for (const c of (result as { changes: unknown[] }).changes)
        if (parse(DocumentChange, c, 'change') && (c as { op: string }).op === 'put')
          parse(ErpDocument, (c as { data: unknown }).data, 'document');
  } else if (method === 'document.pdf') {
    // The example's bytes are cut short ("..."): only the simulator's answer is a whole PDF.
    parse(DocumentPdf.omit({ base64: true }), result, 'document pdf');
  } else if (method === 'orderStatus.changes') {
    if (parse(FeedPage, result, 'feed page'))
      for (const c of (result as { changes: unknown[] }).changes) parse(ErpStatusChange, c, 'status change');
  } else problems.push(`no schema for ${method}`);
  return problems;
}

let erp: ErpSimulator;
beforeAll(async () => {
  erp = await startErpSimulator({
    data: erpMasterFromDemo(generateDemoData({ items: 1000, clients: 60, orders: 0, bigOrders: [] })),
  });
  // Some changes in the feeds, so the feed examples answer with changes to check.
  erp.changePrice(812, 1, '58.8900');
  erp.master.prices.retire('813:3');
});
afterAll(async () => erp?.close());

describe('docs/erp-protocol.md examples against the simulator', () => {
  const all = examples();
  it('the document has examples of writes, snapshots and feeds', () => {
    const methods = all.map((e) => e.request.method);
    expect(methods).toEqual(expect.arrayContaining(['order.submit', 'catalog.snapshot', 'prices.changes']));
  });

  it.each(all.map((e) => [e.request.method, e] as const))(
    '%s: example and simulator both conform',
    async (method, e) => {
      expect(check(method, e.answer.result), "the document's own answer").toEqual([]);
      const params = method.endsWith('.changes')
        ? { ...(e.request.params as object), since: 0 }
        : method === 'document.pdf'
          ? { id: [...erp.documents.documents.keys()][0] }
          : e.request.params;
      const res = await fetch(erp.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...e.request, params }),
      });
      const answer = (await res.json()) as { id: number; result?: Record<string, unknown>; error?: unknown };
      expect(answer.error).toBeUndefined();
      expect(answer.id).toBe(e.request.id);
      expect(check(method, answer.result), "the simulator's answer").toEqual([]);
      expect(Object.keys(answer.result!).sort()).toEqual(Object.keys(e.answer.result!).sort());
      if (method === 'document.pdf') {
        const pdf = DocumentPdf.parse(answer.result);
        const bytes = Buffer.from(pdf.base64, 'base64');
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf.sha256);
      }
    },
  );
});
