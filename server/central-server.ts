// The central server: HTTP (health, login, update feed) and the sync WebSocket on one port,
// loopback by default. Every socket is authenticated at the upgrade; every message is size-
// limited and schema-checked; one bad client is closed and the others keep being served.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { CodedError, type ErrorCode } from '../domain/errors';
import { SessionUser } from '../domain/roles';
import {
  ClientMessage,
  DEFAULT_BATCH_ROWS,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '../domain/sync/sync-protocol';
import { verifyPassword } from './passwords';
import { inAudience } from './audience';
import { inProcessFeed, postgresFeed, type ChangeFeed } from './change-feed';
import { batchMessage, countAbove, headVersion, readBatch, tombstoneHorizon } from './pull';
import { applyPush } from './push';
import { scopeCondition } from './scope';
import type { CentralStore } from './store';
import { createTokenIssuer, newSecret, type TokenIssuer } from './tokens';
import { createErpLink, type ErpLink, type ErpLinkOptions } from './erp/erp-link';
import { decideParked, listOutbox } from './erp/outbox-admin';
import { folderFileStore, type FileStore } from './attachments/file-store';
import { createUploadApi } from './attachments/upload-api';

export interface CentralServerOptions {
  store: CentralStore;
  host?: string;
  port?: number;
  tokenTtlSeconds?: number;
  /** Folder served at /updates/ for electron-updater's generic provider. */
  updatesDir?: string;
  logger?: Logger;
  heartbeatMs?: number;
  now?: () => number;
  /** Cross-instance change feed; defaults to LISTEN/NOTIFY on PostgreSQL, in-process on PGlite. */
  feed?: ChangeFeed;
  /** Needed for the PostgreSQL change feed. */
  databaseUrl?: string;
  refreshTtlSeconds?: number;
  /** The ERP's JSON-RPC endpoint: when given, this instance runs the ERP link (outbox, health, feeds). */
  erpUrl?: string;
  erp?: Partial<Omit<ErpLinkOptions, 'store' | 'erpUrl' | 'feed'>>;
  /** Attachment files: kept in this folder (unfinished uploads under its partial/). Without it, /api/files answers 503. */
  filesDir?: string;
  /** Another store for finished files (S3-compatible), instead of the folder. */
  fileStore?: FileStore;
}

export interface CentralServer {
  url: string;
  port: number;
  tokens: TokenIssuer;
  /** Sockets currently connected (for tests and the health endpoint). */
  connections(): number;
  erpLink: ErpLink | null;
  close(): Promise<void>;
}

const LoginBody = z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict();

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function tokenSecret(store: CentralStore): Promise<string> {
  if (process.env.OPTA_TOKEN_SECRET) return process.env.OPTA_TOKEN_SECRET;
  const existing = await store.queryObjects<{ value: string }>(
    `SELECT value FROM server_settings WHERE key = 'token_secret'`,
  );
  if (existing[0]) return existing[0].value;
  const secret = newSecret();
  await store.queryObjects(
    `INSERT INTO server_settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [secret],
  );
  const [row] = await store.queryObjects<{ value: string }>(
    `SELECT value FROM server_settings WHERE key = 'token_secret'`,
  );
  return row!.value;
}

async function loadUser(store: CentralStore, id: number): Promise<SessionUser | null> {
  const [row] = await store.queryObjects<{
    id: number;
    login: string;
    name: string;
    role: string;
    active: boolean;
    deleted: boolean;
  }>(`SELECT id, login, name, role, active, deleted FROM users WHERE id = $1`, [id]);
  if (!row || !row.active || row.deleted) return null;
  return SessionUser.parse({ id: row.id, login: row.login, name: row.name, role: row.role });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new CodedError('message_too_large', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function rejectUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.write(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

export async function startCentralServer(options: CentralServerOptions): Promise<CentralServer> {
  const { store } = options;
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'server' });
  const now = options.now ?? Date.now;
  const tokens = createTokenIssuer(await tokenSecret(store), options.tokenTtlSeconds ?? 12 * 3600, now);
  const startedAt = now();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();
  const users = new Map<WebSocket, SessionUser>();
  const feed =
    options.feed ??
    (store.kind === 'postgres' && options.databaseUrl
      ? await postgresFeed(options.databaseUrl, {
          onError: (err, what) => log.warn({ err: err.message }, `PostgreSQL: ${what}`),
          currentHead: () => headVersion(store),
        })
      : inProcessFeed());
  // After any commit (on this instance or another), poke the desks that can see what changed.
  // Pokes are coalesced: a desk in the middle of a pull is poked once when that pull ends.
  const pulling = new Set<WebSocket>();
  const pokeOwed = new Set<WebSocket>();
  const unsubscribeFeed = feed.subscribe((audiences, head) => {
    for (const [ws, u] of users) {
      if (!audiences.some((a) => inAudience(a, u.id))) continue;
      if (pulling.has(ws)) pokeOwed.add(ws);
      else send(ws, { type: 'poke', headVersion: head });
    }
  });
  const refreshTtl = options.refreshTtlSeconds ?? 30 * 86400;

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, 16 * 1024));
    } catch (err) {
      return sendError(
        res,
        400,
        err instanceof CodedError ? err.code : 'bad_input',
        'Body must be JSON {login, password}',
      );
    }
    const parsed = LoginBody.safeParse(body);
    if (!parsed.success) return sendError(res, 400, 'bad_input', 'Body must be JSON {login, password}');
    const [row] = await store.queryObjects<{
      id: number;
      password_hash: string;
      role: string;
      active: boolean;
      deleted: boolean;
    }>(`SELECT id, password_hash, role, active, deleted FROM users WHERE lower(login) = lower($1)`, [
      parsed.data.login,
    ]);
    // Verify against a dummy hash when the login is unknown so timing does not reveal which logins exist.
    const ok = await verifyPassword(
      parsed.data.password,
      row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    if (!row || !ok || !row.active || row.deleted) {
      log.info({ login: parsed.data.login }, 'login refused');
      return sendError(res, 401, 'wrong_credentials', 'Wrong login or password');
    }
    const user = (await loadUser(store, row.id))!;
    const { token, expiresAt } = await tokens.issue({ userId: user.id, role: user.role });
    const refreshToken = await issueRefreshToken(user.id);
    log.info({ userId: user.id }, 'login');
    sendJson(res, 200, { token, expiresAt, refreshToken, user });
  }

  async function issueRefreshToken(userId: number): Promise<string> {
    const refreshToken = randomBytes(32).toString('base64url');
    await store.queryObjects(`INSERT INTO refresh_tokens (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [
      sha256(refreshToken),
      userId,
      new Date(now() + refreshTtl * 1000).toISOString(),
    ]);
    return refreshToken;
  }

  // An expired access token is renewed with the refresh token (rotated on use), so a desk that
  // was offline for days rejoins without its user typing a password and without losing its queue.
  async function refresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: { refreshToken?: unknown };
    try {
      body = JSON.parse(await readBody(req, 4096));
    } catch {
      return sendError(res, 400, 'bad_input', 'Body must be JSON {refreshToken}');
    }
    if (typeof body.refreshToken !== 'string' || body.refreshToken.length > 200)
      return sendError(res, 400, 'bad_input', 'Body must be JSON {refreshToken}');
    const hash = sha256(body.refreshToken);
    const rows = await store.transaction(async (tx) => {
      const found = await tx.query<{ user_id: number; expires_at: string | Date; revoked: boolean }>(
        `SELECT user_id, expires_at, revoked FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [hash],
      );
      if (found[0]) await tx.query(`UPDATE refresh_tokens SET revoked = true WHERE token_hash = $1`, [hash]);
      return found;
    });
    const row = rows[0];
    if (!row || row.revoked || new Date(row.expires_at).getTime() < now())
      return sendError(res, 401, 'token_invalid', 'Refresh token is not valid');
    const user = await loadUser(store, row.user_id);
    if (!user) return sendError(res, 401, 'token_invalid', 'User is not active');
    const { token, expiresAt } = await tokens.issue({ userId: user.id, role: user.role });
    sendJson(res, 200, { token, expiresAt, refreshToken: await issueRefreshToken(user.id), user });
  }

  function serveUpdate(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const dir = options.updatesDir;
    const name = decodeURIComponent(pathname.slice('/updates/'.length));
    if (!dir || !/^[\w.\- ]+$/.test(name)) return sendError(res, 404, 'not_found', 'No such update file');
    const file = path.join(dir, name);
    if (!existsSync(file) || !statSync(file).isFile()) return sendError(res, 404, 'not_found', 'No such update file');
    res.writeHead(200, { 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  }

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      if (route === 'GET /health')
        return sendJson(res, 200, {
          status: 'ok',
          storage: store.kind,
          uptimeSeconds: Math.round((now() - startedAt) / 1000),
          connections: wss.clients.size,
          headVersion: await headVersion(store),
        });
      if (route === 'POST /api/login') return login(req, res);
      if (route === 'POST /api/refresh') return refresh(req, res);
      if (url.pathname.startsWith('/api/erp/')) return erpApi(req, res, route, url);
      if (url.pathname.startsWith('/api/files/')) return filesApi(req, res, route);
      if (req.method === 'GET' && url.pathname.startsWith('/updates/')) return serveUpdate(req, res, url.pathname);
      sendError(res, 404, 'not_found', 'Not found');
    };
    handle().catch((err) => {
      log.error({ err, route }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal error');
    });
  });

  async function authenticate(req: IncomingMessage): Promise<SessionUser> {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) throw new CodedError('token_invalid', 'Missing bearer token');
    const claims = await tokens.verify(auth.slice(7));
    const user = await loadUser(store, claims.userId);
    if (!user) throw new CodedError('token_invalid', 'User is not active');
    return user;
  }

  const uploads = options.filesDir
    ? createUploadApi({
        store,
        files: options.fileStore ?? folderFileStore(path.join(options.filesDir, 'store')),
        partialDir: path.join(options.filesDir, 'partial'),
        sendJson,
        sendError,
      })
    : null;

  /** Attachment files: resumable uploads and lazy downloads (server/attachments/upload-api.ts). */
  async function filesApi(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    let user: SessionUser;
    try {
      user = await authenticate(req);
    } catch (err) {
      return sendError(
        res,
        401,
        err instanceof CodedError ? err.code : 'token_invalid',
        err instanceof Error ? err.message : 'Bad token',
      );
    }
    if (!uploads) return sendError(res, 503, 'internal', 'This server keeps no files');
    try {
      if (!(await uploads.handle(req, res, user, route))) sendError(res, 404, 'not_found', 'Not found');
    } catch (err) {
      if (err instanceof SyntaxError) return sendError(res, 400, 'bad_input', 'Body is not JSON');
      throw err;
    }
  }

  const OutboxQuery = z.enum(['pending', 'parked', 'discarded']);
  const Decision = z
    .object({
      id: z.number().int().positive(),
      action: z.enum(['retry', 'discard']),
      reason: z.string().trim().min(3).max(1000),
    })
    .strict();
  const ReceivablesBody = z.object({ clientIds: z.array(z.number().int().positive()).min(1).max(1000) }).strict();

  /** The ERP link's HTTP API for desks: the outbox (admins), receivables on demand. */
  async function erpApi(req: IncomingMessage, res: ServerResponse, route: string, url: URL): Promise<void> {
    let user: SessionUser;
    try {
      user = await authenticate(req);
    } catch (err) {
      return sendError(
        res,
        401,
        err instanceof CodedError ? err.code : 'token_invalid',
        err instanceof Error ? err.message : 'Bad token',
      );
    }
    try {
      if (route === 'GET /api/erp/outbox') {
        if (user.role === 'manager') return sendError(res, 403, 'forbidden', 'Managers do not see the ERP outbox');
        const status = OutboxQuery.safeParse(url.searchParams.get('status') ?? 'parked');
        if (!status.success) return sendError(res, 400, 'bad_input', 'status must be pending, parked or discarded');
        return sendJson(res, 200, { messages: await listOutbox(store, status.data) });
      }
      if (route === 'POST /api/erp/outbox/decide') {
        const body = Decision.safeParse(JSON.parse(await readBody(req, 8192)));
        if (!body.success)
          return sendError(
            res,
            400,
            'bad_input',
            body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        await decideParked(store, user, body.data.id, body.data.action, body.data.reason);
        await erpLink?.checkHealth();
        return sendJson(res, 200, { ok: true });
      }
      if (route === 'POST /api/erp/receivables') {
        if (!erpLink) return sendError(res, 503, 'erp_unavailable', 'This server has no ERP link');
        const body = ReceivablesBody.safeParse(JSON.parse(await readBody(req, 64 * 1024)));
        if (!body.success) return sendError(res, 400, 'bad_input', 'clientIds: a list of client ids');
        // Only the user's own clients: a manager asking for others' learns nothing.
        const scope = scopeCondition('clients', user, 2);
        const allowed = (
          await store.queryObjects<{ id: number }>(
            `SELECT t.id FROM clients t WHERE t.id = ANY($1::int[]) AND ${scope.where}`,
            [body.data.clientIds, ...scope.params],
          )
        ).map((r) => r.id);
        if (allowed.length === 0) return sendJson(res, 200, { updated: 0 });
        try {
          return sendJson(res, 200, { updated: await erpLink.inbound.pollReceivables(allowed) });
        } catch (err) {
          return sendError(res, 503, 'erp_unavailable', err instanceof Error ? err.message : 'ERP unavailable');
        }
      }
      sendError(res, 404, 'not_found', 'Not found');
    } catch (err) {
      if (err instanceof SyntaxError) return sendError(res, 400, 'bad_input', 'Body is not JSON');
      if (err instanceof CodedError)
        return sendError(
          res,
          err.code === 'forbidden' ? 403 : err.code === 'not_found' ? 404 : 400,
          err.code,
          err.message,
        );
      throw err;
    }
  }

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/sync') return rejectUpgrade(socket, 400, 'protocol_error', 'Unknown socket path');
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!token) return rejectUpgrade(socket, 401, 'token_invalid', 'Missing bearer token');
    tokens
      .verify(token)
      .then(async (claims) => {
        const user = await loadUser(store, claims.userId);
        if (!user) return rejectUpgrade(socket, 401, 'token_invalid', 'User is not active');
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, user));
      })
      .catch((err) =>
        rejectUpgrade(
          socket,
          401,
          err instanceof CodedError ? err.code : 'token_invalid',
          err instanceof Error ? err.message : 'Bad token',
        ),
      );
  });

  function send(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  function closeWithError(ws: WebSocket, code: ErrorCode, message: string, closeCode: number): void {
    send(ws, { type: 'error', code, message });
    ws.close(closeCode, code);
  }

  function onConnection(ws: WebSocket, user: SessionUser): void {
    alive.set(ws, true);
    users.set(ws, user);
    ws.on('pong', () => alive.set(ws, true));
    log.info({ userId: user.id }, 'desk connected');
    // Remaining-row estimate for progress: counted once per catch-up, then decremented.
    let remaining: number | null = null;
    // Pushes in order, pulls in order, but a push never waits behind a pull (or a pull behind a
    // push): an acknowledgement's latency is the push's own work.
    let pushChain = Promise.resolve();
    let pullChain = Promise.resolve();

    headVersion(store)
      .then((head) =>
        send(ws, {
          type: 'welcome',
          protocol: PROTOCOL_VERSION,
          user,
          serverTime: new Date(now()).toISOString(),
          headVersion: head,
        }),
      )
      .catch((err: unknown) => {
        // The database is unreachable: the desk keeps its outbox and tries again later.
        log.error({ err, userId: user.id }, 'welcome failed');
        closeWithError(ws, 'internal', 'Sync failed', 1011);
      });

    ws.on('message', (data, isBinary) => {
      if (isBinary) return closeWithError(ws, 'protocol_error', 'Binary messages are not part of the protocol', 1003);
      let msg: ClientMessage;
      try {
        const parsed = ClientMessage.safeParse(JSON.parse(data.toString()));
        if (!parsed.success)
          return closeWithError(
            ws,
            'protocol_error',
            `Not a protocol message: ${parsed.error.issues[0]?.message ?? ''}`,
            1008,
          );
        msg = parsed.data;
      } catch {
        return closeWithError(ws, 'protocol_error', 'Message is not valid JSON', 1007);
      }
      if (msg.type === 'ping') return send(ws, { type: 'pong', at: msg.at });
      const failed = (err: unknown): void => {
        log.error({ err, userId: user.id }, 'sync message failed');
        closeWithError(ws, 'internal', 'Sync failed', 1011);
      };
      if (msg.type === 'push') {
        pushChain = pushChain
          .then(async () => {
            const outcome = await applyPush(
              store,
              user,
              msg.clientId,
              msg.mutations,
              () => new Date(now()),
              (err) => log.error({ err, userId: user.id }, 'push failed'),
            );
            // The version below which the push's rows are committed: the head it moved, or (answers
            // only, e.g. a resent push) the head now, which is past the first time's commit.
            const version = outcome.head || (await headVersion(store));
            send(ws, { type: 'ack', results: outcome.results, version });
            if (outcome.audiences.length) await feed.publish(outcome.audiences, outcome.head);
            // The rest got no answer, and a desk sends a change once per connection: it sends them
            // again when it connects again (a connection the database had just cut, say).
            if (outcome.failed) closeWithError(ws, 'internal', 'Sync failed', 1011);
          })
          .catch(failed);
        return;
      }
      pullChain = pullChain
        .then(async () => {
          const limit = msg.limit ?? DEFAULT_BATCH_ROWS;
          // A cursor below the tombstone horizon may have missed deletions: replacement sync.
          if (msg.cursor > 0 && msg.cursor < (await tombstoneHorizon(store)))
            return send(ws, { type: 'reset', reason: 'cursor_older_than_horizon' });
          pulling.add(ws);
          const batch = await readBatch(store, user, msg.cursor, limit);
          // Progress needs a total only for a long catch-up, not for the small pulls after a poke,
          // nor for one that fell short only because commits landed while it read (the head moved
          // less than a batch past it): under load that is most pulls, and counting is a scan.
          if (remaining === null)
            remaining =
              batch.done || batch.head - batch.cursor <= limit ? 0 : await countAbove(store, user, msg.cursor);
          remaining = batch.done ? 0 : Math.max(0, remaining - batch.rows);
          if (ws.readyState === ws.OPEN) ws.send(batchMessage(batch, remaining, msg.cursor));
          if (batch.done) {
            remaining = null;
            pulling.delete(ws);
            // Commits that poked while this pull ran: one poke for all of them.
            if (pokeOwed.delete(ws)) send(ws, { type: 'poke', headVersion: await headVersion(store) });
          }
        })
        .catch(failed);
    });
    ws.on('close', () => {
      users.delete(ws);
      pulling.delete(ws);
      pokeOwed.delete(ws);
      log.info({ userId: user.id }, 'desk disconnected');
    });
    ws.on('error', (err) => log.warn({ err: err.message, userId: user.id }, 'socket error'));
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  log.info({ port, storage: store.kind }, 'central server listening');
  const erpLink = options.erpUrl
    ? createErpLink({
        ...options.erp,
        store,
        feed,
        erpUrl: options.erpUrl,
        onError: options.erp?.onError ?? ((what, err) => log.warn({ err, what }, 'ERP link')),
      })
    : null;
  erpLink?.start();

  return {
    url: `http://${host}:${port}`,
    port,
    tokens,
    connections: () => wss.clients.size,
    erpLink,
    async close() {
      await erpLink?.stop();
      clearInterval(heartbeat);
      unsubscribeFeed();
      if (!options.feed) await feed.close();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
