// The workstation core, plain Node: the signed-in session, the user's replica, the sync client
// and the services behind every contract method. Electron runs it in a utility process; the web
// shell runs it in its host process. It knows nothing of windows or transports.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DeskHandlers, EventName, EventPayload, SyncStatus } from '../domain/contract';
import { CodedError } from '../domain/errors';
import { SessionUser } from '../domain/roles';
import { createCatalogService, type CatalogService } from './catalog';
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

const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: SessionUser });
const LastSession = z.object({ userId: z.number().int() });

interface OpenSession {
  user: SessionUser;
  replica: Replica;
  catalog: CatalogService;
  sync: SyncClient;
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

  const status = (): SyncStatus => ({
    connection,
    user: session?.user ?? null,
    serverUrl: options.serverUrl,
    lastSyncAt: session?.replica.getState('last_sync_at') ?? null,
    rowsInReplica,
    progress,
    lastError,
    notices: [...notices],
  });
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

  function openSession(user: SessionUser, token: string): OpenSession {
    const replica = openReplica(replicaFile(user.id), { onNotice: (n) => notices.push(n) });
    replica.setState('token', token);
    replica.setState('user', JSON.stringify(user));
    rowsInReplica = replica.rowCount();
    const catalog = createCatalogService(replica.sqlite);
    const sync = createSyncClient({
      serverUrl: options.serverUrl,
      token: () => replica.getState('token') ?? '',
      replica,
      onConnection: (s) => {
        connection = s;
        if (s === 'online') lastError = null;
        emitStatus(true);
      },
      onProgress: (p) => {
        progress = p;
        emitStatus();
      },
      onApplied: (tables) => {
        if (tables.includes('items')) catalog.invalidate();
        rowsInReplica = replica.rowCount();
        emit('replica.changed', { tables });
      },
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
    return { user, replica, catalog, sync };
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
        if (token && user) session = openSession(SessionUser.parse(JSON.parse(user)), token);
      }
    } catch {
      rmSync(sessionFile, { force: true });
    }
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
    s.replica.setState('token', null);
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
      session = openSession(body.user, body.token);
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
      if (session) {
        await session.sync.stop();
        session.replica.close();
        session = null;
      }
    },
  };
}
