// The client's documents from 1C on the desk: listed from the replica (per client or per order,
// newest first), opened as PDF from this desk's kept files or, the first time, from the server,
// which asks 1C once; a fetched document then opens offline.
import type { documentsMethods, DocumentRow, HandlersOf } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import type { DeskSession } from '../session/desk-session';

const LIST = `SELECT d.id, d.kind, d.number, d.doc_date AS date, d.client_id AS clientId, coalesce(c.name, '') AS clientName,
    d.order_id AS orderId, o.number AS orderNumber, d.amount, d.title, (f.sha256 IS NOT NULL) AS kept
  FROM erp_documents d
  LEFT JOIN clients c ON c.id = d.client_id
  LEFT JOIN orders o ON o.id = d.order_id
  LEFT JOIN document_files f ON f.document_id = d.id`;

/** A file name a user can read in their downloads: the title's words, no path characters. */
const fileName = (title: string, number: string): string =>
  `${(title || number).replace(/[\\/:*?"<>|]+/g, ' ').trim()}.pdf`;

export function documentsHandlers(s: DeskSession): HandlersOf<typeof documentsMethods> {
  const db = s.replica.sqlite;
  const keptSha = db.prepare(`SELECT sha256 FROM document_files WHERE document_id = ?`);
  const remember = db.prepare(
    `INSERT INTO document_files (document_id, sha256, fetched_at) VALUES (?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET sha256 = excluded.sha256, fetched_at = excluded.fetched_at`,
  );
  return {
    'documents.list': ({ clientId, orderId }) => {
      const where = clientId !== undefined ? 'd.client_id = ?' : 'd.order_id = ?';
      const rows = db
        .prepare(`${LIST} WHERE ${where} ORDER BY d.doc_date DESC, d.number DESC`)
        .all(clientId ?? orderId) as (Omit<DocumentRow, 'kept'> & { kept: number })[];
      return rows.map((r) => ({ ...r, kept: r.kept === 1 }));
    },
    'documents.open': async ({ id }) => {
      const doc = db.prepare(`SELECT title, number, sha256 FROM erp_documents WHERE id = ?`).get(id) as
        { title: string; number: string; sha256: string | null } | undefined;
      if (!doc) throw new CodedError('not_found', `document ${id}`);
      const name = fileName(doc.title, doc.number);
      const kept = keptSha.get(id) as { sha256: string } | undefined;
      // A corrected document has a new print form: the kept one is the old one.
      if (kept && (doc.sha256 === null || doc.sha256 === kept.sha256)) {
        try {
          const file = await s.files.read(kept.sha256);
          return { name, mime: 'application/pdf' as const, base64: file.bytes.toString('base64') };
        } catch {
          /* the kept bytes are gone: fetch again */
        }
      }
      const got = await s.files.fetchKept(`/api/documents/${encodeURIComponent(id)}`, name);
      remember.run(id, got.sha256, new Date().toISOString());
      return { name, mime: 'application/pdf' as const, base64: got.bytes.toString('base64') };
    },
  };
}
