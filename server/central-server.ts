// The central server: HTTP (health, sign-in, the ERP queue, attachment files, the update feed)
// and the sync WebSocket on one port, loopback by default. Every socket is authenticated at the
// upgrade; every message is size-limited and schema-checked; one bad client is closed and the
// others keep being served. The parts: auth/ (sign-in, tokens), sync-socket.ts, erp/, attachments/.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { CodedError, type ErrorCode } from '../domain/errors';
import { createAccountsApi } from './accounts/accounts-api';
import { folderFileStore, type FileStore } from './attachments/file-store';
import { createUploadApi } from './attachments/upload-api';
import { createDocumentFiles } from './erp/document-files';
import type { MailConfig } from './mail/mail-config';
import { createNotificationsApi } from './notifications/notifications-api';
import { createSlaWatch } from './notifications/sla-watch';
import type { Audience } from './audience';
import { createReserveWatch } from './orders/reserve-watch';
import { createMailLink, type MailLink, type MailLinkOptions } from './mail/mail-link';
import { createTriageApi } from './mail/triage-api';
import { createAuth, loadUser } from './auth/sign-in';
import { inProcessFeed, postgresFeed, type ChangeFeed } from './change-feed';
import { createErpApi } from './erp/erp-api';
import { createErpLink, type ErpLink, type ErpLinkOptions } from './erp/erp-link';
import { asUser, rejectUpgrade, sendError, sendJson } from './http-io';
import { headVersion } from './pull';
import type { CentralStore } from './store';
import { createSyncSockets } from './sync-socket';
import type { TokenIssuer } from './tokens';

/** Refusals of ours a route may throw, and their HTTP status. */
const CODED_STATUS: Partial<Record<ErrorCode, number>> = {
  bad_input: 400,
  weak_password: 400,
  message_too_large: 413,
  forbidden: 403,
  not_found: 404,
  token_invalid: 401,
  password_change_required: 401,
};

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
  /** HTTPS and WSS with this certificate and key (PEM); plain HTTP without (loopback, or behind a proxy). */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** Open sync sockets per user (4: a person's desks, with room for a dead link or two). */
  maxSocketsPerUser?: number;
  /** Absolute lifetime of a sign-in's refresh token family. */
  sessionMaxSeconds?: number;
  /** The ERP's JSON-RPC endpoint: when given, this instance runs the ERP link (outbox, health, feeds). */
  erpUrl?: string;
  erp?: Partial<Omit<ErpLinkOptions, 'store' | 'erpUrl' | 'feed'>>;
  /** Attachment files: kept in this folder (unfinished uploads under its partial/). Without it, /api/files answers 503. */
  filesDir?: string;
  /** Another store for finished files (S3-compatible), instead of the folder. */
  fileStore?: FileStore;
  /** E-mail with the clients (server/mail): SMTP out and the IMAP mailbox in, where configured. */
  mail?: MailConfig;
  mailOptions?: Pick<MailLinkOptions, 'sender' | 'reader'>;
}

export interface CentralServer {
  url: string;
  port: number;
  tokens: TokenIssuer;
  /** Sockets currently connected (for tests and the health endpoint). */
  connections(): number;
  erpLink: ErpLink | null;
  mailLink: MailLink | null;
  close(): Promise<void>;
}

/** Files of the update feed (/updates/…) for electron-updater's generic provider. */
function serveUpdate(dir: string | undefined, res: ServerResponse, pathname: string): void {
  const name = decodeURIComponent(pathname.slice('/updates/'.length));
  if (!dir || !/^[\w.\- ]+$/.test(name)) return sendError(res, 404, 'not_found', 'No such update file');
  const file = path.join(dir, name);
  if (!existsSync(file) || !statSync(file).isFile()) return sendError(res, 404, 'not_found', 'No such update file');
  res.writeHead(200, { 'content-length': statSync(file).size });
  createReadStream(file).pipe(res);
}

export async function startCentralServer(options: CentralServerOptions): Promise<CentralServer> {
  const { store } = options;
  const log = options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'server' });
  const now = options.now ?? Date.now;
  const startedAt = now();
  const auth = await createAuth({
    store,
    log,
    now,
    // An hour: a desk renews it unseen; a reset or deactivation reaches a token within that.
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    // Unused for two weeks, a session ends; renewed or not, it ends a month after its sign-in.
    refreshTtlSeconds: options.refreshTtlSeconds ?? 14 * 86400,
    sessionMaxSeconds: options.sessionMaxSeconds ?? 30 * 86400,
  });
  const feed =
    options.feed ??
    (store.kind === 'postgres' && options.databaseUrl
      ? await postgresFeed(options.databaseUrl, {
          onError: (err, what) => log.warn({ err: err.message }, `PostgreSQL: ${what}`),
          currentHead: () => headVersion(store),
        })
      : inProcessFeed());
  const sockets = createSyncSockets({
    store,
    feed,
    log,
    now,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    currentUser: (id) => loadUser(store, id),
    maxSocketsPerUser: options.maxSocketsPerUser,
  });
  const accounts = createAccountsApi({ store, auth, feed, now });
  let erpLink: ErpLink | null = null;
  const erpApi = createErpApi(store, () => erpLink);
  const fileStore = options.filesDir
    ? (options.fileStore ?? folderFileStore(path.join(options.filesDir, 'store')))
    : null;
  const documents = fileStore
    ? createDocumentFiles({
        store,
        files: fileStore,
        erp: () => erpLink?.erp ?? null,
        committed: (audiences, head) => {
          if (audiences.length) feed.publish(audiences, head).catch((err: unknown) => log.warn({ err }, 'publish'));
        },
        tmpDir: path.join(options.filesDir!, 'partial'),
      })
    : null;
  const triageApi = createTriageApi(store, (audiences, head) => {
    if (audiences.length) feed.publish(audiences, head).catch((err: unknown) => log.warn({ err }, 'publish'));
  });
  const notificationsApi = createNotificationsApi(store, (audiences, head) => {
    if (audiences.length) feed.publish(audiences, head).catch((err: unknown) => log.warn({ err }, 'publish'));
  });
  const uploads = fileStore
    ? createUploadApi({
        store,
        files: fileStore,
        partialDir: path.join(options.filesDir!, 'partial'),
        sendJson,
        sendError,
      })
    : null;

  /** Attachment files: resumable uploads and lazy downloads (server/attachments/upload-api.ts). */
  async function filesApi(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    await asUser(auth.authenticate, req, res, async (user) => {
      if (!uploads) return sendError(res, 503, 'internal', 'This server keeps no files');
      try {
        if (!(await uploads.handle(req, res, user, route))) sendError(res, 404, 'not_found', 'Not found');
      } catch (err) {
        if (err instanceof SyntaxError) return sendError(res, 400, 'bad_input', 'Body is not JSON');
        throw err;
      }
    });
  }

  const http = (options.tls ? createTlsServer.bind(null, options.tls) : createServer)((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = `${req.method} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      if (route === 'GET /health') {
        // A load balancer or a stranger learns that it is up, nothing more; a signed-in user sees the figures.
        const user = await auth.authenticate(req).catch(() => null);
        if (!user) return sendJson(res, 200, { status: 'ok' });
        return sendJson(res, 200, {
          status: 'ok',
          storage: store.kind,
          uptimeSeconds: Math.round((now() - startedAt) / 1000),
          connections: sockets.connections(),
          headVersion: await headVersion(store),
          // ?since=<ms since the epoch>: a load test's own window.
          pushAckMs: sockets.pushTiming.summary(Number(url.searchParams.get('since') ?? 0) || 0),
        });
      }
      if (route === 'POST /api/login') return auth.login(req, res);
      if (route === 'POST /api/refresh') return auth.refresh(req, res);
      if (route === 'POST /api/logout') return auth.logout(req, res);
      if (route === 'POST /api/password') return accounts.ownPassword(req, res);
      if (url.pathname.startsWith('/api/admin/'))
        return asUser(auth.authenticate, req, res, (user) => accounts.admin(req, res, user, route));
      if (url.pathname.startsWith('/api/erp/'))
        return asUser(auth.authenticate, req, res, (user) => erpApi(req, res, user, route, url));
      if (url.pathname.startsWith('/api/mail/'))
        return asUser(auth.authenticate, req, res, (user) => triageApi(req, res, user, route, url));
      if (url.pathname.startsWith('/api/notifications/'))
        return asUser(auth.authenticate, req, res, (user) => notificationsApi(req, res, user, route));
      if (url.pathname.startsWith('/api/files/')) return filesApi(req, res, route);
      if (req.method === 'GET' && url.pathname.startsWith('/api/documents/'))
        return asUser(auth.authenticate, req, res, async (user) => {
          if (!documents) return sendError(res, 503, 'internal', 'This server keeps no files');
          let id = '';
          try {
            id = decodeURIComponent(url.pathname.slice('/api/documents/'.length));
          } catch {
            /* not an id */
          }
          if (!id || id.length > 80) return sendError(res, 400, 'bad_input', 'A document id');
          await documents.serve(res, user, id);
        });
      if (req.method === 'GET' && url.pathname.startsWith('/updates/'))
        return serveUpdate(options.updatesDir, res, url.pathname);
      sendError(res, 404, 'not_found', 'Not found');
    };
    handle().catch((err) => {
      // Our own refusals carry their code; anything else is logged here and never echoed.
      const status = err instanceof CodedError ? CODED_STATUS[err.code] : undefined;
      if (status && err instanceof CodedError) {
        if (!res.headersSent) sendError(res, status, err.code, err.message);
        return;
      }
      log.error({ err, route }, 'request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal error');
    });
  });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/sync') return rejectUpgrade(socket, 400, 'protocol_error', 'Unknown socket path');
    const bearer = req.headers.authorization ?? '';
    const token = bearer.startsWith('Bearer ') ? bearer.slice(7) : '';
    if (!token) return rejectUpgrade(socket, 401, 'token_invalid', 'Missing bearer token');
    auth
      .verifiedUser(token)
      .then(({ user, expiresAtMs }) => sockets.accept(req, socket, head, user, expiresAtMs))
      .catch((err) =>
        rejectUpgrade(
          socket,
          401,
          err instanceof CodedError ? err.code : 'token_invalid',
          err instanceof Error ? err.message : 'Bad token',
        ),
      );
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  log.info({ port, storage: store.kind }, 'central server listening');
  erpLink = options.erpUrl
    ? createErpLink({
        ...options.erp,
        store,
        feed,
        erpUrl: options.erpUrl,
        onError: options.erp?.onError ?? ((what, err) => log.warn({ err, what }, 'ERP link')),
        onLoadProgress:
          options.erp?.onLoadProgress ??
          ((s) =>
            log.info(
              { status: s.status, entity: s.entity, read: s.read, totals: s.totals, refused: s.refused },
              s.status === 'done' ? 'ERP initial load done' : 'loading master data from the ERP',
            )),
      })
    : null;
  erpLink?.start();
  const link = erpLink;
  const mailLink = options.mail
    ? createMailLink({
        store,
        config: options.mail,
        files: fileStore,
        log,
        committed: (audiences, head) => {
          if (audiences.length) feed.publish(audiences, head).catch((err: unknown) => log.warn({ err }, 'publish'));
        },
        ...options.mailOptions,
      })
    : null;
  mailLink?.start();
  // Tickets whose SLA clock is about to run out, reserves about to end: their people are told
  // (one instance looks at a time).
  const watchOptions = (what: string) => ({
    store,
    committed: (audiences: Audience[], head: number) => {
      if (audiences.length) feed.publish(audiences, head).catch((err: unknown) => log.warn({ err }, 'publish'));
    },
    onError: (err: unknown) => log.warn({ err: (err as Error).message }, what),
  });
  const slaWatch = createSlaWatch(watchOptions('SLA watch'));
  const reserveWatch = createReserveWatch(watchOptions('reserve watch'));
  slaWatch.start();
  reserveWatch.start();

  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    tokens: auth.tokens,
    connections: () => sockets.connections(),
    erpLink: link,
    mailLink,
    async close() {
      await slaWatch.stop();
      await reserveWatch.stop();
      await mailLink?.stop();
      await link?.stop();
      uploads?.close();
      sockets.close();
      if (!options.feed) await feed.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
