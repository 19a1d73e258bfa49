// Attachment files on the desk: added here first (checked by content, size-limited, stored by
// sha-256 in the data folder, recorded in the replica in the same step), uploaded to the server
// in resumable chunks whenever it is reachable, fetched from it lazily the first time a file from
// another desk is opened. Thumbnails of images are made once (sharp) and kept beside the file.
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import sharp from 'sharp';
import {
  ATTACHMENT_CHUNK_BYTES,
  chunkCount,
  isImage,
  MAX_ATTACHMENT_BYTES,
  safeAttachmentName,
  type AttachmentMime,
  type AttachmentRef,
} from '../../domain/aftersales/attachment';
import { CodedError } from '../../domain/errors';
import { fileKind } from '../../domain/aftersales/file-kind';

export interface FileTransport {
  serverUrl: string;
  token(): string;
  /** Renews the access token after a 401; false when it cannot. */
  renew(): Promise<boolean>;
}

export interface UploadReport {
  uploaded: number;
  failed: number;
  chunksSent: number;
  bytesSent: number;
}

export interface DeskFiles {
  /** Checks and keeps a file; the reference goes into a claim or message. Same bytes → same reference. */
  add(name: string, bytes: Uint8Array): Promise<AttachmentRef>;
  /** The file's bytes, from this desk or (first time) from the server. */
  read(sha256: string): Promise<{ bytes: Buffer; mime: string; name: string }>;
  /** A small JPEG of an image, as a data URL (null for other kinds). */
  thumbnail(sha256: string): Promise<string | null>;
  /** Files added here and not yet on the server. */
  pending(): { sha256: string; name: string; size: number; lastError: string | null }[];
  /** Sends every pending file; stops at the first connection failure (the next call resumes). */
  uploadPending(): Promise<UploadReport>;
  /**
   * A file the server serves at a route of its own (a document's PDF): fetched, checked against
   * the hash the server names, kept like any other file; `read` has it offline afterwards.
   */
  fetchKept(route: string, name: string): Promise<{ sha256: string; bytes: Buffer; mime: string }>;
}

/** The desk's error for a server's answer to a file request. */
function fetchError(status: number, body: string): CodedError {
  let message = `HTTP ${status}`;
  try {
    message = (JSON.parse(body) as { message?: string }).message ?? message;
  } catch {
    /* not JSON */
  }
  const code =
    status === 404 ? 'not_found' : status === 502 ? 'bad_file' : status === 503 ? 'erp_unavailable' : 'internal';
  return new CodedError(code, message);
}

const THUMB_PX = 240;

export function createDeskFiles(
  sqlite: Database.Database,
  dir: string,
  transport: FileTransport,
  now: () => Date = () => new Date(),
): DeskFiles {
  mkdirSync(dir, { recursive: true });
  const fileOf = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  const insert =
    sqlite.prepare(`INSERT INTO local_files (sha256, name, mime, size, added_at, pending_upload, uploaded_at, last_error) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
    ON CONFLICT (sha256) DO NOTHING`);
  const meta = sqlite.prepare(
    `SELECT sha256, name, mime, size, pending_upload AS pendingUpload FROM local_files WHERE sha256 = ?`,
  );

  /** Writes by rename: a crash never leaves half a file under a hash name. */
  function keep(sha: string, bytes: Uint8Array): void {
    mkdirSync(path.dirname(fileOf(sha)), { recursive: true });
    if (existsSync(fileOf(sha))) return;
    const tmp = `${fileOf(sha)}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, fileOf(sha));
  }

  async function call(
    method: string,
    route: string,
    body: BodyInit | undefined,
    contentType: string,
    retried = false,
  ): Promise<Response> {
    const res = await fetch(`${transport.serverUrl}${route}`, {
      method,
      body,
      headers: { 'content-type': contentType, authorization: `Bearer ${transport.token()}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status === 401 && !retried && (await transport.renew().catch(() => false)))
      return call(method, route, body, contentType, true);
    return res;
  }

  function readChunk(sha: string, index: number, size: number): Buffer {
    const length = Math.min(ATTACHMENT_CHUNK_BYTES, size - index * ATTACHMENT_CHUNK_BYTES);
    const buf = Buffer.alloc(length);
    const fd = openSync(fileOf(sha), 'r');
    try {
      readSync(fd, buf, 0, length, index * ATTACHMENT_CHUNK_BYTES);
    } finally {
      closeSync(fd);
    }
    return buf;
  }

  let running: Promise<UploadReport> | null = null;

  async function uploadAll(): Promise<UploadReport> {
    const report: UploadReport = { uploaded: 0, failed: 0, chunksSent: 0, bytesSent: 0 };
    const list = sqlite
      .prepare(`SELECT sha256, size FROM local_files WHERE pending_upload = 1 ORDER BY added_at`)
      .all() as { sha256: string; size: number }[];
    for (const f of list) {
      // What the server already has (from an earlier sitting, or another desk with the same file).
      const announced = await call(
        'POST',
        `/api/files/${f.sha256}`,
        JSON.stringify({ size: f.size }),
        'application/json',
      );
      const state = (await announced.json().catch(() => ({}))) as {
        complete?: boolean;
        received?: number[];
        error?: { code?: string; message?: string };
      };
      if (!announced.ok) {
        if (announced.status >= 500 || announced.status === 401)
          throw new CodedError('offline', `Server answered ${announced.status}`);
        markRefused(f.sha256, state.error?.message ?? `HTTP ${announced.status}`);
        report.failed++;
        continue;
      }
      if (!state.complete) {
        const have = new Set(state.received ?? []);
        let refused: string | null = null;
        for (let i = 0; i < chunkCount(f.size) && !refused; i++) {
          if (have.has(i)) continue;
          const chunk = readChunk(f.sha256, i, f.size);
          report.chunksSent++;
          report.bytesSent += chunk.length;
          const res = await call(
            'PUT',
            `/api/files/${f.sha256}/chunks/${i}`,
            new Uint8Array(chunk),
            'application/octet-stream',
          );
          const answer = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
          if (res.status >= 500 || res.status === 401) throw new CodedError('offline', `Server answered ${res.status}`);
          if (!res.ok) refused = answer.error?.message ?? `HTTP ${res.status}`;
        }
        if (refused) {
          markRefused(f.sha256, refused);
          report.failed++;
          continue;
        }
      }
      sqlite
        .prepare(`UPDATE local_files SET pending_upload = 0, uploaded_at = ?, last_error = NULL WHERE sha256 = ?`)
        .run(now().toISOString(), f.sha256);
      report.uploaded++;
    }
    return report;
  }

  /** The server will not take the file (its kind, its hash): kept here, shown with the reason, not retried. */
  function markRefused(sha: string, reason: string): void {
    sqlite
      .prepare(`UPDATE local_files SET pending_upload = 0, last_error = ? WHERE sha256 = ?`)
      .run(reason.slice(0, 500), sha);
  }

  return {
    async add(name, bytes) {
      if (bytes.length > MAX_ATTACHMENT_BYTES)
        throw new CodedError('bad_file', `too_large:${bytes.length}:${MAX_ATTACHMENT_BYTES}`);
      const kind = await fileKind(bytes);
      if (!kind.ok) throw new CodedError('bad_file', `file_type:${kind.detected ?? 'unknown'}`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const ref: AttachmentRef = {
        sha256: sha,
        name: safeAttachmentName(name, kind.mime),
        mime: kind.mime,
        size: bytes.length,
      };
      keep(sha, bytes);
      insert.run(sha, ref.name, ref.mime, ref.size, now().toISOString(), 1, null);
      return ref;
    },

    async read(sha) {
      const known = meta.get(sha) as { name: string; mime: string } | undefined;
      if (existsSync(fileOf(sha)))
        return {
          bytes: readFileSync(fileOf(sha)),
          mime: known?.mime ?? 'application/octet-stream',
          name: known?.name ?? sha,
        };
      let res: Response;
      try {
        res = await call('GET', `/api/files/${sha}`, undefined, 'application/json');
      } catch {
        throw new CodedError('offline', 'file_not_here_offline');
      }
      if (!res.ok) throw new CodedError(res.status === 404 ? 'not_found' : 'internal', `HTTP ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      if (createHash('sha256').update(bytes).digest('hex') !== sha) throw new CodedError('bad_file', 'hash_mismatch');
      keep(sha, bytes);
      const mime = res.headers.get('content-type') ?? 'application/octet-stream';
      insert.run(sha, sha, mime, bytes.length, now().toISOString(), 0, now().toISOString());
      return { bytes, mime, name: known?.name ?? sha };
    },

    async thumbnail(sha) {
      const thumb = `${fileOf(sha)}.thumb.jpg`;
      if (existsSync(thumb)) return `data:image/jpeg;base64,${readFileSync(thumb).toString('base64')}`;
      const file = await this.read(sha);
      if (!isImage(file.mime as AttachmentMime)) return null;
      const jpeg = await sharp(file.bytes, { failOn: 'none' })
        .rotate()
        .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 75 })
        .toBuffer();
      writeFileSync(thumb, jpeg);
      return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    },

    pending() {
      return sqlite
        .prepare(
          `SELECT sha256, name, size, last_error AS lastError FROM local_files WHERE pending_upload = 1 OR (last_error IS NOT NULL AND uploaded_at IS NULL) ORDER BY added_at`,
        )
        .all() as ReturnType<DeskFiles['pending']>;
    },

    async fetchKept(route, name) {
      let res: Response;
      try {
        res = await call('GET', route, undefined, 'application/json');
      } catch {
        throw new CodedError('offline', 'file_not_here_offline');
      }
      if (!res.ok) throw fetchError(res.status, await res.text());
      const bytes = Buffer.from(await res.arrayBuffer());
      const sha = createHash('sha256').update(bytes).digest('hex');
      const named = res.headers.get('x-content-sha256');
      if (named && named !== sha) throw new CodedError('bad_file', 'hash_mismatch');
      const mime = res.headers.get('content-type') ?? 'application/octet-stream';
      keep(sha, bytes);
      insert.run(sha, name, mime, bytes.length, now().toISOString(), 0, now().toISOString());
      return { sha256: sha, bytes, mime };
    },

    uploadPending() {
      // One sitting at a time: a reconnect and a new file arriving together do not upload twice.
      running ??= uploadAll().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

/** Size on disk of a kept file (tests, diagnostics). */
export const keptSize = (dir: string, sha: string): number => statSync(path.join(dir, sha.slice(0, 2), sha)).size;
