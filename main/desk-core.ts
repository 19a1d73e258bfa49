// The workstation core, plain Node: the signed-in session, the user's replica, the sync client
// and the services behind every contract method. Electron runs it in a utility process; the web
// shell runs it in its host process. It knows nothing of windows or transports.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DeskHandlers, EventName, EventPayload, MethodOutput, SyncStatus } from '../domain/contract';
import { CodedError } from '../domain/errors';
import { LineInput } from '../domain/order-mutations';
import { SessionUser } from '../domain/roles';
import { createCatalogService, type CatalogService } from './catalog';
import { createClientService, type ClientService } from './clients';
import { createOrderService, type OrderService } from './orders';
import { createLocalChanges, type ChangedRows, type LocalChanges } from './local-changes';
import { openReplica, type Replica } from './replica';
import { createSyncClient, type SyncClient } from './sync-client';

export interface DeskCoreOptions {
  dataDir: string;
  serverUrl: string;
  shell: 'electron' | 'web';
  locale: string;
  version: string;
}

export type DeskListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface DeskCore {
  handlers: DeskHandlers;
  subscribe(listener: DeskListener): () => void;
  status(): SyncStatus;
  close(): Promise<void>;
}

const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), refreshToken: z.string(), user: SessionUser });
const LastSession = z.object({ userId: z.number().int() });

interface OpenSession {
  user: SessionUser;
  replica: Replica;
  catalog: CatalogService;
  clients: ClientService;
  orders: OrderService;
  changes: LocalChanges;
  sync: SyncClient;
}

const CATALOG_TABLES = new Set(['items', 'stock', 'prices', 'warehouses', 'price_types']);

function changedPayload(changed: ChangedRows): { tables: string[]; rows: Record<string, string[]> } {
  return { tables: [...changed.keys()], rows: Object.fromEntries([...changed].map(([t, keys]) => [t, [...keys].slice(0, 5000)])) };
}

export function createDeskCore(options: DeskCoreOptions): DeskCore {
  mkdirSync(options.dataDir, { recursive: true });
  const listeners = new Set<DeskListener>();
  const emit: DeskListener = (event, payload) => {
    for (const l of listeners) l(event, payload);
  };
  const sessionFile = path.join(options.dataDir, 'session.json');
  const replicaFile = (userId: number): string => path.join(options.dataDir, `replica-${userId}.sqlite`);

  let session: OpenSession | null = null;
  let connection: SyncStatus['connection'] = 'offline';
  let progress: SyncStatus['progress'] = null;
  let lastError: SyncStatus['lastError'] = null;
  let rowsInReplica = 0;
  const notices: string[] = [];
  let statusTimer: NodeJS.Timeout | null = null;
  let checkpointTimer: NodeJS.Timeout | null = null;

  const outboxSummary = (s: OpenSession | null): { pending: number; oldest: string | null; rejected: number } => {
    if (!s) return { pending: 0, oldest: null, rejected: 0 };
    // Counted in SQL: status is sent often and an offline day can queue thousands of changes.
    const row = s.replica.sqlite.prepare(`SELECT sum(status = 'pending') AS pending, min(CASE WHEN status = 'pending' THEN created_at END) AS oldest, sum(status = 'rejected') AS rejected FROM outbox`).get() as { pending: number | null; oldest: string | null; rejected: number | null };
    return { pending: row.pending ?? 0, oldest: row.oldest, rejected: row.rejected ?? 0 };
  };
  const status = (): SyncStatus => {
    const outbox = outboxSummary(session);
    return {
      connection,
      user: session?.user ?? null,
      serverUrl: options.serverUrl,
      lastSyncAt: session?.replica.getState('last_sync_at') ?? null,
      rowsInReplica,
      progress,
      lastError,
      notices: [...notices],
      pending: outbox.pending,
      oldestPendingAt: outbox.oldest,
      rejected: outbox.rejected,
      conflicts: session ? conflictRows(session).length : 0,
      erp: session?.orders.erpLink() ?? null,
    };
  };
  const dismissed = (s: OpenSession): number[] => JSON.parse(s.replica.getState('dismissed_conflicts') ?? '[]') as number[];
  const conflictRows = (s: OpenSession): { id: number; kind: string; payload: string; created_at: string }[] => {
    const hidden = new Set(dismissed(s));
    return (s.replica.sqlite.prepare(`SELECT id, kind, payload, created_at FROM sync_notices ORDER BY id DESC LIMIT 200`).all() as { id: number; kind: string; payload: string; created_at: string }[]).filter((r) => !hidden.has(r.id));
  };
  // Progress arrives per batch; the UI needs a few updates a second, not hundreds.
  const emitStatus = (now = false): void => {
    if (now) {
      if (statusTimer) clearTimeout(statusTimer);
      statusTimer = null;
      emit('sync.status', status());
      return;
    }
    statusTimer ??= setTimeout(() => {
      statusTimer = null;
      emit('sync.status', status());
    }, 100);
  };

  function openSession(user: SessionUser, token: string, refreshToken: string | null): OpenSession {
    const replica = openReplica(replicaFile(user.id), { onNotice: (n) => notices.push(n) });
    replica.setState('token', token);
    if (refreshToken) replica.setState('refresh_token', refreshToken);
    replica.setState('user', JSON.stringify(user));
    rowsInReplica = replica.rowCount();
    const catalog = createCatalogService(replica.sqlite);
    const changes = createLocalChanges({ replica, user: () => user });
    const applied = (changed: ChangedRows): void => {
      if ([...changed.keys()].some((t) => CATALOG_TABLES.has(t))) catalog.invalidate();
      rowsInReplica = replica.rowCount();
      emit('replica.changed', changedPayload(changed));
      if (changed.has('erp_link')) emitStatus();
    };
    const sync = createSyncClient({
      serverUrl: options.serverUrl,
      token: () => replica.getState('token') ?? '',
      renewToken: () => renewToken(replica),
      replica,
      changes,
      onConnection: (s) => {
        connection = s;
        if (s === 'online') lastError = null;
        emitStatus(true);
      },
      onProgress: (p) => {
        progress = p;
        emitStatus();
      },
      onApplied: (changed) => applied(changed),
      onOutbox: () => emitStatus(true),
      onCaughtUp: (at) => {
        replica.setState('last_sync_at', at.toISOString());
        progress = null;
        emitStatus(true);
      },
      onError: (e) => {
        lastError = { code: e.code, message: e.message };
        emitStatus(true);
      },
    });
    writeFileSync(sessionFile, JSON.stringify({ userId: user.id }));
    sync.start();
    checkpointTimer ??= setInterval(() => session?.replica.checkpoint(), 5000);
    checkpointTimer.unref();
    return { user, replica, catalog, clients: createClientService(replica.sqlite), orders: createOrderService(replica.sqlite), changes, sync };
  }

  /** Renews an expired access token with the stored refresh token; the outbox is untouched. */
  async function renewToken(replica: Replica): Promise<boolean> {
    const refreshToken = replica.getState('refresh_token');
    if (!refreshToken) return false;
    try {
      const res = await fetch(`${options.serverUrl}/api/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }), signal: AbortSignal.timeout(15_000) });
      if (!res.ok) return false;
      const body = LoginResponse.parse(await res.json());
      replica.setState('token', body.token);
      replica.setState('refresh_token', body.refreshToken);
      return true;
    } catch {
      // Server unreachable: not a verdict on the token; the reconnect loop tries again.
      throw new Error('refresh unreachable');
    }
  }

  /** Runs a named mutation locally, queues it, tells the views, and pushes it if online. */
  function mutate(s: OpenSession, name: string, args: unknown): { seq: number } {
    const result = s.changes.mutate(name, args);
    if (!result.ok) throw new CodedError('bad_input', result.message);
    emit('replica.changed', changedPayload(result.changed));
    emitStatus(true);
    s.sync.push();
    return { seq: result.seq };
  }

  // Offline start: reopen the last signed-in user's replica and keep working from it.
  if (existsSync(sessionFile)) {
    try {
      const last = LastSession.parse(JSON.parse(readFileSync(sessionFile, 'utf8')));
      if (existsSync(replicaFile(last.userId))) {
        const probe = openReplica(replicaFile(last.userId), { onNotice: (n) => notices.push(n) });
        const token = probe.getState('token');
        const user = probe.getState('user');
        probe.close();
        if (token && user) session = openSession(SessionUser.parse(JSON.parse(user)), token, null);
      }
    } catch {
      rmSync(sessionFile, { force: true });
    }
  }

  /** A call to the server's HTTP API with the session's token (admin tools, on-demand ERP reads). */
  async function serverApi<T>(s: OpenSession, method: 'GET' | 'POST', route: string, body?: unknown, retried = false): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${options.serverUrl}${route}`, {
        method, headers: { 'content-type': 'application/json', authorization: `Bearer ${s.replica.getState('token') ?? ''}` },
        body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new CodedError('offline', `Cannot reach ${options.serverUrl}`);
    }
    if (res.status === 401 && !retried && (await renewToken(s.replica).catch(() => false))) return serverApi(s, method, route, body, true);
    const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } & T;
    if (!res.ok) {
      const code = json.error?.code;
      throw new CodedError(code === 'forbidden' || code === 'not_found' || code === 'bad_input' || code === 'erp_unavailable' ? code : 'internal', json.error?.message ?? `Server answered ${res.status}`);
    }
    return json;
  }

  /**
   * Sets many lines of an order: all or nothing (every line is checked before the first is
   * applied), one mutation per thousand lines so each stays a bounded message, all in order.
   */
  function applyLines(s: OpenSession, orderId: string, inputs: LineInput[]): number[] {
    for (const [i, input] of inputs.entries()) {
      const parsed = LineInput.safeParse(input);
      if (!parsed.success) throw new CodedError('bad_input', `line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    const seqs: number[] = [];
    for (let i = 0; i < inputs.length; i += 1000) seqs.push(mutate(s, 'order.setLines@1', { orderId, lines: inputs.slice(i, i + 1000) }).seq);
    return seqs;
  }

  const requireSession = (): OpenSession => {
    if (!session) throw new CodedError('not_signed_in', 'Sign in first');
    return session;
  };

  async function closeSession(): Promise<void> {
    if (!session) return;
    const s = session;
    session = null;
    await s.sync.stop();
    // Signing out forgets the session but never the outbox: unsent changes wait in the replica
    // and go out when this user signs in again.
    s.replica.setState('token', null);
    s.replica.setState('refresh_token', null);
    s.replica.close();
    rmSync(sessionFile, { force: true });
    rowsInReplica = 0;
    progress = null;
  }

  const handlers: DeskHandlers = {
    'app.info': () => ({ version: options.version, shell: options.shell, locale: options.locale }),
    'session.login': async ({ login, password }) => {
      let res: Response;
      try {
        res = await fetch(`${options.serverUrl}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login, password }),
          signal: AbortSignal.timeout(15_000),
        });
      } catch {
        throw new CodedError('server_unreachable', `Cannot reach ${options.serverUrl}`);
      }
      if (res.status === 401) throw new CodedError('wrong_credentials', 'Wrong login or password');
      if (!res.ok) throw new CodedError('server_unreachable', `Server answered ${res.status}`);
      const body = LoginResponse.parse(await res.json());
      await closeSession();
      lastError = null;
      session = openSession(body.user, body.token, body.refreshToken);
      emitStatus(true);
      return body.user;
    },
    'session.logout': async () => {
      await closeSession();
      emitStatus(true);
      return null;
    },
    'sync.status': () => status(),
    'sync.now': () => {
      requireSession().sync.pull();
      return null;
    },
    'catalog.page': () => requireSession().catalog.page(),
    'catalog.search': ({ query, limit }) => requireSession().catalog.search(query, limit),
    'catalog.item': ({ id }) => requireSession().catalog.item(id),
    'catalog.bulkSearch': ({ text }) => requireSession().catalog.bulkSearch(text),
    'clients.list': () => requireSession().clients.list(),
    'clients.card': ({ id }) => requireSession().clients.card(id),
    'clients.updateCard': (args) => mutate(requireSession(), 'client.updateCard@1', args),
    'clients.reassign': (args) => mutate(requireSession(), 'client.reassign@1', args),
    'orders.list': () => requireSession().orders.list(),
    'orders.get': ({ id }) => requireSession().orders.get(id),
    'orders.create': (args) => {
      const id = randomUUID();
      return { id, ...mutate(requireSession(), 'order.create@1', { orderId: id, ...args }) };
    },
    'orders.setLines': (args) => mutate(requireSession(), 'order.setLines@1', args),
    'orders.removeLines': (args) => mutate(requireSession(), 'order.removeLines@1', args),
    'orders.updateLine': ({ orderId, lineId, patch }) => {
      const s = requireSession();
      return mutate(s, 'order.setLines@1', { orderId, lines: [s.orders.patchedLine(orderId, lineId, patch)] });
    },
    'orders.updateLines': ({ orderId, lineIds, patch }) => {
      const s = requireSession();
      const seqs = applyLines(s, orderId, lineIds.map((lineId) => s.orders.patchedLine(orderId, lineId, patch)));
      return { changed: lineIds.length, seqs };
    },
    'orders.addLines': ({ orderId, lines }) => {
      const s = requireSession();
      const inputs = s.orders.newLines(orderId, lines);
      return { added: inputs.length, seqs: applyLines(s, orderId, inputs) };
    },
    'orders.submitCheck': ({ id }) => requireSession().orders.submitCheck(id),
    'orders.submit': ({ id, checkDigest }) => mutate(requireSession(), 'order.submit@1', { orderId: id, checkDigest }),
    'orders.cancel': ({ id, reason }) => mutate(requireSession(), 'order.cancel@1', { orderId: id, reason }),
    'erp.outbox': async ({ status }) => (await serverApi<{ messages: MethodOutput<'erp.outbox'> }>(requireSession(), 'GET', `/api/erp/outbox?status=${status}`)).messages,
    'erp.decide': async (args) => {
      await serverApi(requireSession(), 'POST', '/api/erp/outbox/decide', args);
      return null;
    },
    'erp.refreshReceivables': async ({ clientIds }) => {
      const s = requireSession();
      const result = await serverApi<{ updated: number }>(s, 'POST', '/api/erp/receivables', { clientIds });
      s.sync.pull();
      return { updated: result.updated };
    },
    'sync.problems': () => {
      const s = requireSession();
      const entries = s.changes.entries();
      return {
        pending: entries.filter((e) => e.status === 'pending').map(({ seq, mutation, aggregate, createdAt }) => ({ seq, mutation, aggregate, createdAt })),
        rejected: entries.filter((e) => e.status === 'rejected').map(({ seq, mutation, aggregate, args, errorCode, errorMessage, createdAt }) => ({ seq, mutation, aggregate, args, code: errorCode ?? '', message: errorMessage ?? '', createdAt })),
        conflicts: conflictRows(s).map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload) as Record<string, unknown>, createdAt: r.created_at })),
      };
    },
    'sync.retry': ({ seq }) => {
      const s = requireSession();
      const result = s.changes.retry(seq);
      if (!result.ok) throw new CodedError(result.code === 'not_found' ? 'not_found' : 'bad_input', result.message);
      emit('replica.changed', changedPayload(result.changed));
      emitStatus(true);
      s.sync.push();
      return { seq: result.seq };
    },
    'sync.discard': ({ seq }) => {
      requireSession().changes.discard(seq);
      emitStatus(true);
      return null;
    },
    'sync.dismissConflict': ({ id }) => {
      const s = requireSession();
      s.replica.setState('dismissed_conflicts', JSON.stringify([...dismissed(s), id].slice(-1000)));
      emitStatus(true);
      return null;
    },
  };

  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status,
    async close() {
      if (statusTimer) clearTimeout(statusTimer);
      if (checkpointTimer) clearInterval(checkpointTimer);
      if (session) {
        await session.sync.stop();
        session.replica.close();
        session = null;
      }
    },
  };
}
