// Resumable uploads and lazy downloads of attachment files over HTTP, for authenticated desks.
// A file is announced by its sha-256 and size, sent in fixed chunks in any order and any number of
// sittings; each chunk lands in its own file by rename, so a cut connection loses at most the
// chunk in flight and the desk asks what is already here before sending more. With the last chunk
// the server joins them, checks the hash and the kind by content, and only then stores the file.
// Unfinished uploads are each user's own (one user cannot add chunks to another's), count against
// that user's quota of bytes in progress, and are swept away when left for a day.
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ATTACHMENT_CHUNK_BYTES, chunkCount, MAX_ATTACHMENT_BYTES, Sha256 } from '../../domain/aftersales/attachment';
import { fileKind } from '../../domain/aftersales/file-kind';
import type { ErrorCode } from '../../domain/errors';
import type { SessionUser } from '../../domain/roles';
import type { Query } from '../query';
import type { CentralStore } from '../store';
import { mayReadFile } from './attachment-rights';
import type { FileStore } from './file-store';

type Send = (res: ServerResponse, status: number, body: unknown) => void;
type SendError = (res: ServerResponse, status: number, code: ErrorCode, message: string) => void;

const Announce = z.object({ size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES) }).strict();
/** Bytes one user may have in unfinished uploads at once (a few large files; a desk sends one at a time). */
export const UPLOAD_QUOTA_BYTES = 1024 * 1024 * 1024;
/** Unfinished uploads untouched this long are removed. */
export const PARTIAL_MAX_AGE_MS = 24 * 3600_000;

export interface UploadApi {
  handle(req: IncomingMessage, res: ServerResponse, user: SessionUser, route: string): Promise<boolean>;
  /** Removes unfinished uploads left for a day (also run every hour). */
  sweep(): void;
  close(): void;
}

export function createUploadApi(opts: {
  store: CentralStore;
  files: FileStore;
  partialDir: string;
  sendJson: Send;
  sendError: SendError;
  quotaBytes?: number;
  now?: () => number;
}): UploadApi {
  const { store, files, partialDir, sendJson, sendError } = opts;
  const quota = opts.quotaBytes ?? UPLOAD_QUOTA_BYTES;
  const now = opts.now ?? Date.now;
  // Per user: "<partial>/u<id>/<sha>".
  const userDir = (id: number) => path.join(partialDir, `u${id}`);
  const partOf = (userId: number, sha: string) => path.join(userDir(userId), sha);
  const received = (dir: string): number[] =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => /^\d+$/.test(n))
          .map(Number)
          .sort((a, b) => a - b)
      : [];
  const sizeIn = (dir: string): number | null => {
    try {
      return Number((JSON.parse(readFileSync(path.join(dir, 'size.json'), 'utf8')) as { size: number }).size);
    } catch {
      return null;
    }
  };
  /** Bytes the user has announced in unfinished uploads, this one aside. */
  const inProgress = (userId: number, except: string): number =>
    existsSync(userDir(userId))
      ? readdirSync(userDir(userId))
          .filter((n) => n !== except)
          .reduce((sum, n) => sum + (sizeIn(path.join(userDir(userId), n)) ?? 0), 0)
      : 0;
  /** Removes unfinished uploads left untouched for a day (everyone's). */
  const sweep = (): void => {
    if (!existsSync(partialDir)) return;
    for (const u of readdirSync(partialDir)) {
      const dir = path.join(partialDir, u);
      for (const sha of existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir) : []) {
        const part = path.join(dir, sha);
        const touched = Math.max(
          ...[part, ...readdirSync(part).map((n) => path.join(part, n))].map((f) => statSync(f).mtimeMs),
        );
        if (now() - touched > PARTIAL_MAX_AGE_MS) rmSync(part, { recursive: true, force: true });
      }
    }
  };
  const sweeper = setInterval(sweep, 3600_000);
  sweeper.unref();
  // Two requests completing the same file at once (two desks, a retried last chunk) join it once.
  const completing = new Map<string, ReturnType<typeof complete>>();

  async function stored(sha: string): Promise<boolean> {
    return (
      (await store.queryObjects(`SELECT 1 FROM attachment_files WHERE sha256 = $1`, [sha])).length > 0 &&
      (await files.has(sha))
    );
  }

  /** Joins the chunks, checks hash and kind, stores the file: all or nothing. */
  async function complete(
    dir: string,
    sha: string,
    size: number,
    user: SessionUser,
  ): Promise<{ ok: true } | { ok: false; status: number; code: ErrorCode; message: string }> {
    const joined = path.join(dir, 'joined');
    const hash = createHash('sha256');
    const out = createWriteStream(joined);
    // A plain loop, not pipeline() per chunk: pipeline would add listeners to `out` for every chunk.
    for (let i = 0; i < chunkCount(size); i++) {
      for await (const chunk of createReadStream(path.join(dir, String(i)))) {
        hash.update(chunk as Buffer);
        if (!out.write(chunk)) await once(out, 'drain');
      }
    }
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const digest = hash.digest('hex');
    if (digest !== sha) {
      rmSync(dir, { recursive: true, force: true });
      return { ok: false, status: 422, code: 'bad_file', message: `hash_mismatch:${digest}` };
    }
    const head = Buffer.alloc(Math.min(size, 1024 * 1024));
    const fd = openSync(joined, 'r');
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const kind = await fileKind(head);
    if (!kind.ok) {
      rmSync(dir, { recursive: true, force: true });
      return { ok: false, status: 415, code: 'bad_file', message: `file_type:${kind.detected ?? 'unknown'}` };
    }
    await files.put(sha, joined);
    await store.queryObjects(
      `INSERT INTO attachment_files (sha256, size, mime, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING`,
      [sha, size, kind.mime, user.id],
    );
    rmSync(dir, { recursive: true, force: true });
    return { ok: true };
  }

  const mayRead = (sha: string, user: SessionUser) => mayReadFile(store.queryObjects as Query, sha, user);

  return {
    sweep,
    close: () => clearInterval(sweeper),
    async handle(req, res, user, route) {
      const m = /^(GET|POST|PUT) \/api\/files\/([^/]+)(?:\/chunks\/(\d+))?$/.exec(route);
      if (!m) return false;
      const [, method, rawSha, rawChunk] = m;
      const sha = Sha256.safeParse(rawSha);
      if (!sha.success) {
        sendError(res, 400, 'bad_input', 'Not a sha-256');
        return true;
      }
      const id = sha.data;
      const dir = partOf(user.id, id);
      if (method === 'GET' && rawChunk === undefined) {
        if (!(await mayRead(id, user))) {
          sendError(res, 404, 'not_found', 'No such file');
          return true;
        }
        const file = await files.read(id);
        if (!file) {
          sendError(res, 404, 'not_found', 'No such file');
          return true;
        }
        const [meta] = await store.queryObjects<{ mime: string }>(
          `SELECT mime FROM attachment_files WHERE sha256 = $1`,
          [id],
        );
        res.writeHead(200, {
          'content-length': file.size,
          'content-type': meta?.mime ?? 'application/octet-stream',
          'x-content-type-options': 'nosniff',
        });
        await pipeline(file.stream, res);
        return true;
      }
      if (method === 'POST' && rawChunk === undefined) {
        const body = Announce.safeParse(JSON.parse(await readBody(req, 1024)));
        if (!body.success) {
          sendError(res, 400, 'bad_input', `size: at most ${MAX_ATTACHMENT_BYTES} bytes`);
          return true;
        }
        if (await stored(id)) {
          sendJson(res, 200, { complete: true, chunkSize: ATTACHMENT_CHUNK_BYTES, received: [] });
          return true;
        }
        if (inProgress(user.id, id) + body.data.size > quota) {
          sendError(res, 413, 'message_too_large', `upload_quota:${quota}`);
          return true;
        }
        const known = sizeIn(dir);
        if (known !== null && known !== body.data.size) rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, 'size.json'), JSON.stringify({ size: body.data.size }));
        sendJson(res, 200, { complete: false, chunkSize: ATTACHMENT_CHUNK_BYTES, received: received(dir) });
        return true;
      }
      if (method === 'PUT' && rawChunk !== undefined) {
        const size = sizeIn(dir);
        const index = Number(rawChunk);
        if (size === null) {
          sendError(res, 409, 'bad_input', 'Announce the file first');
          return true;
        }
        const count = chunkCount(size);
        const expected = index === count - 1 ? size - index * ATTACHMENT_CHUNK_BYTES : ATTACHMENT_CHUNK_BYTES;
        if (index >= count) {
          sendError(res, 400, 'bad_input', `Chunk ${index} of ${count}`);
          return true;
        }
        const bytes = await readRaw(req, expected);
        if (bytes === null || bytes.length !== expected) {
          sendError(res, 400, 'bad_input', `Chunk ${index} must be ${expected} bytes`);
          return true;
        }
        // Written aside and renamed: a chunk cut mid-way never counts as received.
        const tmp = path.join(dir, `${index}.part`);
        writeFileSync(tmp, bytes);
        renameSync(tmp, path.join(dir, String(index)));
        const have = received(dir);
        if (have.length < count) {
          sendJson(res, 200, { complete: false, received: have.length });
          return true;
        }
        const key = `${user.id}/${id}`;
        if (!completing.has(key))
          completing.set(
            key,
            complete(dir, id, size, user).finally(() => completing.delete(key)),
          );
        const done = await completing.get(key)!;
        if (done.ok) sendJson(res, 200, { complete: true });
        else sendError(res, done.status, done.code, done.message);
        return true;
      }
      sendError(res, 405, 'bad_input', 'Method not allowed');
      return true;
    },
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const bytes = await readRaw(req, limit);
  if (bytes === null) throw new SyntaxError('body too large');
  return bytes.toString('utf8');
}

/** The request body, or null when it is longer than `limit` (the rest is not read). */
function readRaw(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let length = 0;
    req.on('data', (d: Buffer) => {
      length += d.length;
      if (length > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      parts.push(d);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}
