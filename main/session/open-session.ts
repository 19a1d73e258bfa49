// Opens a signed-in session (at sign-in, or at start from the last session's replica): the
// replica, the outbox and sync client over it, the one commit path, the shared services, and the
// feature slices' handlers. Whatever changes in the replica, here or from the server, is told to
// the views once, from one place (`tell`).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SessionUser } from '../../domain/roles';
import { CATALOG_TABLES, createCatalogService } from '../catalog/catalog';
import { createCatalogMemory } from '../catalog/catalog-memory';
import { createQuotes } from '../catalog/quotes';
import { createDeskFiles } from '../files/files';
import { createFileUploads } from '../files/file-uploads';
import { createOrderDeltas } from '../orders/order-deltas';
import { createOrderEditing } from '../orders/order-editing';
import { createOrderService } from '../orders/orders';
import { createDeskPricing } from '../pricing/pricing';
import { createCommit, type QueuedChange } from '../sync/commit';
import { createLocalChanges, type ChangedRows } from '../sync/local-changes';
import { openReplica } from '../sync/replica';
import { createSyncClient } from '../sync/sync-client';
import type { SyncStatusBoard } from '../sync/sync-status';
import type { DeskEvents } from './desk-events';
import type { DeskCoreOptions, DeskSession, SessionHandlers } from './desk-session';
import { serverCalls } from './server-api';
import { sessionSlices } from './session-slices';

export interface OpenSessionInput {
  options: DeskCoreOptions;
  events: DeskEvents;
  status: SyncStatusBoard;
  user: SessionUser;
  token: string;
  /** Sealed (SecretBox); null when resuming offline from the replica (its refresh token is already there). */
  refreshToken: string | null;
  /** The server no longer takes this session (deactivated, role changed, sessions ended): sign out. */
  onRevoked?: (code: string) => void;
}

export const replicaFile = (dataDir: string, userId: number): string => path.join(dataDir, `replica-${userId}.sqlite`);
export const sessionFile = (dataDir: string): string => path.join(dataDir, 'session.json');

export function openSession({
  options,
  events,
  status,
  user,
  token,
  refreshToken,
  onRevoked,
}: OpenSessionInput): DeskSession {
  mkdirSync(options.dataDir, { recursive: true });
  const replica = openReplica(replicaFile(options.dataDir, user.id), { onNotice: (n) => status.addNotice(n) });
  replica.setState('token', token);
  if (refreshToken) replica.setState('refresh_token', refreshToken);
  replica.setState('user', JSON.stringify(user));
  const server = serverCalls(
    options.serverUrl,
    {
      token: () => replica.getState('token') ?? '',
      sealedRefreshToken: () => replica.getState('refresh_token'),
      save(t, r) {
        replica.setState('token', t);
        replica.setState('refresh_token', r);
      },
    },
    options.secrets,
  );
  const changes = createLocalChanges({ replica, user: () => user });
  // The catalog in memory, shared: order lines, prices and the catalog grid read it, not three joins.
  const memory = createCatalogMemory(replica.sqlite);
  const catalog = createCatalogService(replica.sqlite, memory);
  const pricing = createDeskPricing(replica.sqlite, memory);
  const orders = createOrderService(replica.sqlite, pricing, memory);
  const quotes = createQuotes(replica.sqlite, memory, pricing);
  let commitRef: ((list: QueuedChange[]) => number[]) | null = null;
  const editing = createOrderEditing(replica.sqlite, (list) => commitRef!(list));
  const deltas = createOrderDeltas(orders, events, (orderId) => editing.labels(orderId));
  const files = createDeskFiles(replica.sqlite, path.join(options.dataDir, 'files'), {
    serverUrl: options.serverUrl,
    token: () => replica.getState('token') ?? '',
    renew: () => server.renew(),
  });
  const uploads = createFileUploads(files);

  /** Everything that follows the replica hears of changed rows here, local or from the server. */
  const tell = (changed: ChangedRows): void => {
    if ([...changed.keys()].some((t) => CATALOG_TABLES.has(t))) {
      memory.changed(changed);
      // The article keys follow the items; stock and prices are read live from memory.
      if (changed.has('items')) catalog.invalidate();
    }
    events.emit('replica.changed', {
      tables: [...changed.keys()],
      rows: Object.fromEntries([...changed].map(([t, keys]) => [t, [...keys].slice(0, 5000)])),
    });
    deltas.changed(changed);
  };
  let warmed = false;
  let prewarm: NodeJS.Timeout | undefined;
  const sync = createSyncClient({
    serverUrl: options.serverUrl,
    token: () => replica.getState('token') ?? '',
    renewToken: () => server.renew(),
    replica,
    changes,
    onConnection: (state) => {
      status.setConnection(state);
      if (state === 'online') uploads.online();
      status.publish(true);
    },
    onProgress: (p) => {
      status.setProgress(p);
      status.publish();
    },
    onApplied: (changed) => {
      tell(changed);
      if (changed.has('erp_link')) status.publish();
    },
    onOutbox: () => status.publish(true),
    onReset: () => {
      memory.reset();
      catalog.invalidate();
    },
    onCaughtUp: (at) => {
      replica.setState('last_sync_at', at.toISOString());
      // Read the catalog into memory while the desk is idle, before the first order or file needs it.
      if (!warmed) {
        warmed = true;
        prewarm = setTimeout(() => catalog.warm(), 0);
        prewarm.unref();
      }
      status.setProgress(null);
      status.recountRows();
      status.publish(true);
    },
    onError: (e) => {
      if (e.fatal && (e.code === 'token_invalid' || e.code === 'token_expired')) onRevoked?.(e.code);
      status.setError({ code: e.code, message: e.message });
      status.publish(true);
    },
  });
  const commit = createCommit({
    changes,
    tell(changed) {
      tell(changed);
      status.publish(true);
    },
    push: () => sync.push(),
  });
  commitRef = (list) => commit(list).seqs;
  const checkpoints = setInterval(() => replica.checkpoint(), 5000);
  checkpoints.unref();

  const session: Omit<DeskSession, 'handlers'> & { handlers?: SessionHandlers } = {
    user,
    options,
    replica,
    changes,
    sync,
    commit,
    server,
    events,
    status,
    files,
    uploads,
    catalog,
    quotes,
    pricing,
    orders,
    editing,
    deltas,
    mutate: (name, args) => ({ seq: commit([{ name, args } satisfies QueuedChange]).seqs[0] ?? 0 }),
    async close({ forget } = { forget: false }) {
      clearInterval(checkpoints);
      clearTimeout(prewarm);
      uploads.close();
      commit.flush();
      await sync.stop();
      // Signing out forgets the session but never the outbox: unsent changes wait in the replica
      // and go out when this user signs in again.
      if (forget) {
        replica.setState('token', null);
        replica.setState('refresh_token', null);
      }
      replica.close();
    },
  };
  session.handlers = sessionSlices(session as DeskSession);
  writeFileSync(sessionFile(options.dataDir), JSON.stringify({ userId: user.id }));
  sync.start();
  return session as DeskSession;
}
