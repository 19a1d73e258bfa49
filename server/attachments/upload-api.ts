// Resumable uploads and lazy downloads of attachment files over HTTP, for authenticated desks.
// A file is announced by its sha-256 and size, sent in fixed chunks in any order and any number of
// sittings; each chunk lands in its own file by rename, so a cut connection loses at most the
// chunk in flight and the desk asks what is already here before sending more. With the last chunk
// the server joins them, checks the hash and the kind by content, and only then stores the file.
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
import { scopeCondition } from '../scope';
import type { CentralStore } from '../store';
import type { FileStore } from './file-store';

type Send = (res: ServerResponse, status: number, body: unknown) => void;
type SendError = (res: ServerResponse, status: number, code: ErrorCode, message: string) => void;

const Announce = z.object({ size: z.number().int().positive().max(MAX_ATTACHMENT_BYTES) }).strict();

export interface UploadApi {
  handle(req: IncomingMessage, res: ServerResponse, user: SessionUser, route: string): Promise<boolean>;
}

export function createUploadApi(opts: {
  store: CentralStore;
  files: FileStore;
  partialDir: string;
  sendJson: Send;
  sendError: SendError;
}): UploadApi {
  const { store, files, partialDir, sendJson, sendError } = opts;
  const partOf = (sha: string) => path.join(partialDir, sha);
  const received = (sha: string): number[] =>
    existsSync(partOf(sha))
      ? readdirSync(partOf(sha))
          .filter((n) => /^\d+$/.test(n))
          .map(Number)
          .sort((a, b) => a - b)
      : [];
  const sizeOf = (sha: string): number | null => {
    try {
      return Number((JSON.parse(readFileSync(path.join(partOf(sha), 'size.json'), 'utf8')) as { size: number }).size);
    } catch {
      return null;
    }
  };
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
    sha: string,
    size: number,
    user: SessionUser,
  ): Promise<{ ok: true } | { ok: false; status: number; code: ErrorCode; message: string }> {
    const dir = partOf(sha);
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

  /** Whether the user may read the file: it is on a claim or message in their scope, or they brought it. */
  async function mayRead(sha: string, user: SessionUser): Promise<boolean> {
    const ref = JSON.stringify([{ sha256: sha }]);
    // Both scope conditions take the same parameters (the user's id) from $2 on; the reference follows them.
    const claims = scopeCondition('claims', user, 2);
    const messages = scopeCondition('ticket_messages', user, 2);
    const [row] = await store.queryObjects<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM attachment_files WHERE sha256 = $1 AND uploaded_by = ${Number(user.id)})
          OR EXISTS (SELECT 1 FROM claims t WHERE NOT t.deleted AND t.attachments @> $${2 + claims.params.length}::jsonb AND ${claims.where})
          OR EXISTS (SELECT 1 FROM ticket_messages t WHERE NOT t.deleted AND t.attachments @> $${2 + claims.params.length}::jsonb AND ${messages.where}) AS ok`,
      [sha, ...claims.params, ref],
    );
    return row?.ok === true;
  }

  return {
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
        mkdirSync(partOf(id), { recursive: true });
        const known = sizeOf(id);
        if (known !== null && known !== body.data.size) rmSync(partOf(id), { recursive: true, force: true });
        mkdirSync(partOf(id), { recursive: true });
        writeFileSync(path.join(partOf(id), 'size.json'), JSON.stringify({ size: body.data.size }));
        sendJson(res, 200, { complete: false, chunkSize: ATTACHMENT_CHUNK_BYTES, received: received(id) });
        return true;
      }
      if (method === 'PUT' && rawChunk !== undefined) {
        const size = sizeOf(id);
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
        const tmp = path.join(partOf(id), `${index}.part`);
        writeFileSync(tmp, bytes);
        renameSync(tmp, path.join(partOf(id), String(index)));
        const have = received(id);
        if (have.length < count) {
          sendJson(res, 200, { complete: false, received: have.length });
          return true;
        }
        if (!completing.has(id))
          completing.set(
            id,
            complete(id, size, user).finally(() => completing.delete(id)),
          );
        const done = await completing.get(id)!;
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
