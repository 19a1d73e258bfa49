// A client's document as PDF, for desks: served from the server's file store when it was fetched
// before, otherwise asked from the ERP (`document.pdf`) once, checked (the hash the ERP gives, the
// bytes really a PDF, the size), stored hash-addressed like attachments, and its sha256 written to
// the document's row so every desk that lists it knows it is here. Only someone who sees the
// client may have it. What the ERP hands over that is not a PDF is recorded like a bad feed record.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileKind } from '../../domain/aftersales/file-kind';
import { DocumentPdf, MAX_DOCUMENT_BYTES } from '../../domain/erp/erp-documents';
import type { SessionUser } from '../../domain/roles';
import type { Row } from '../../domain/sync/mutation-def';
import type { Audience } from '../audience';
import type { FileStore } from '../attachments/file-store';
import { sendError } from '../http-io';
import type { Query } from '../query';
import { writeServerRows } from '../row-store';
import { scopeCondition } from '../scope';
import type { CentralStore } from '../store';
import type { ErpCaller } from './erp-caller';
import { recordInboundErrors } from './inbound-errors';

export interface DocumentFiles {
  /** GET /api/documents/<id>: the PDF, or an error. */
  serve(res: ServerResponse, user: SessionUser, id: string): Promise<void>;
}

type Fetched = { ok: true; sha256: string; size: number } | { ok: false; status: number; message: string };

export function createDocumentFiles(opts: {
  store: CentralStore;
  files: FileStore;
  erp: () => ErpCaller | null;
  committed: (audiences: Audience[], head: number) => void;
  tmpDir?: string;
}): DocumentFiles {
  const { store, files } = opts;
  const tmpDir = opts.tmpDir ?? path.join(os.tmpdir(), 'opta-documents');
  // Two desks opening the same document at once ask the ERP once.
  const fetching = new Map<string, Promise<Fetched>>();

  async function fetchFromErp(id: string): Promise<Fetched> {
    const erp = opts.erp();
    if (!erp) return { ok: false, status: 503, message: 'This server has no ERP link' };
    let answer: unknown;
    try {
      answer = await erp.call('document.pdf', { id });
    } catch (err) {
      return { ok: false, status: 503, message: err instanceof Error ? err.message : 'ERP unavailable' };
    }
    const refuse = async (message: string): Promise<Fetched> => {
      await recordInboundErrors(store.queryObjects as Query, [
        { feed: 'document.pdf', position: new Date().toISOString(), key: id, message },
      ]);
      return { ok: false, status: 502, message };
    };
    const parsed = DocumentPdf.safeParse(answer);
    if (!parsed.success) return refuse(`not a document answer: ${parsed.error.issues[0]?.message ?? ''}`);
    if (parsed.data.id !== id) return refuse(`answer for another document: ${parsed.data.id}`);
    const bytes = Buffer.from(parsed.data.base64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_DOCUMENT_BYTES) return refuse(`size ${bytes.length} bytes`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== parsed.data.sha256) return refuse(`hash mismatch: ${sha256}`);
    const kind = await fileKind(bytes.subarray(0, 1024 * 1024));
    if (!kind.ok || kind.mime !== 'application/pdf')
      return refuse(`not a PDF: ${kind.ok ? kind.mime : (kind.detected ?? 'unknown')}`);
    if (!(await files.has(sha256))) {
      mkdirSync(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${sha256}.${process.pid}.${Date.now()}`);
      writeFileSync(tmp, bytes);
      try {
        await files.put(sha256, tmp);
      } finally {
        rmSync(tmp, { force: true });
      }
    }
    const written = await store.transaction(async (tx) => {
      const query = tx.query as Query;
      const [before] = await query<Row>(
        `SELECT d.*, d.amount::text AS amount FROM erp_documents d WHERE d.id = $1 AND NOT d.deleted FOR UPDATE`,
        [id],
      );
      if (!before || before.sha256 === sha256) return null;
      return writeServerRows(
        query,
        [{ table: 'erp_documents', key: id, row: { ...before, sha256, size: bytes.length } }],
        new Map([[id, before]]),
      );
    });
    if (written) opts.committed(written.audiences, written.head);
    return { ok: true, sha256, size: bytes.length };
  }

  return {
    async serve(res, user, id) {
      const scope = scopeCondition('erp_documents', user, 2);
      const [doc] = await store.queryObjects<{ sha256: string | null; kind: string; number: string }>(
        `SELECT t.sha256, t.kind, t.number FROM erp_documents t WHERE t.id = $1 AND NOT t.deleted AND ${scope.where}`,
        [id, ...scope.params],
      );
      if (!doc) return sendError(res, 404, 'not_found', 'No such document');
      let sha = doc.sha256;
      if (!sha || !(await files.has(sha))) {
        if (!fetching.has(id))
          fetching.set(
            id,
            fetchFromErp(id).finally(() => fetching.delete(id)),
          );
        const got = await fetching.get(id)!;
        if (!got.ok)
          return sendError(res, got.status, got.status === 502 ? 'bad_file' : 'erp_unavailable', got.message);
        sha = got.sha256;
      }
      const file = await files.read(sha);
      if (!file) return sendError(res, 404, 'not_found', 'No such file');
      res.writeHead(200, {
        'content-length': file.size,
        'content-type': 'application/pdf',
        'x-content-sha256': sha,
        'x-content-type-options': 'nosniff',
      });
      await pipeline(file.stream, res);
    },
  };
}
