// What a signed-in session is: the user's replica, the outbox and sync client over it, the one
// commit path of local changes, the server's HTTP API with the session's tokens, the services
// several features share, and every contract method that needs a session. The feature slices
// take it; open-session.ts makes it.
import type { DeskHandlers } from '../../domain/contract';
import type { SessionUser } from '../../domain/roles';
import type { CatalogService } from '../catalog/catalog';
import type { QuoteService } from '../catalog/quotes';
import type { DeskFiles } from '../files/files';
import type { FileUploads } from '../files/file-uploads';
import type { OrderDeltas } from '../orders/order-deltas';
import type { OrderEditing } from '../orders/order-editing';
import type { OrderService } from '../orders/orders';
import type { DeskPricing } from '../pricing/pricing';
import type { Commit } from '../sync/commit';
import type { LocalChanges } from '../sync/local-changes';
import type { Replica } from '../sync/replica';
import type { SyncClient } from '../sync/sync-client';
import type { SyncStatusBoard } from '../sync/sync-status';
import type { DeskEvents } from './desk-events';
import type { SecretBox } from './secret-box';
import type { ServerCalls } from './server-api';

export interface DeskCoreOptions {
  dataDir: string;
  serverUrl: string;
  shell: 'electron' | 'web';
  locale: string;
  version: string;
  /** Seals the refresh token before it is stored (Electron: the OS keychain); as it is when absent. */
  secrets?: SecretBox;
}

/** Methods the core answers without a session (or about the session itself). */
export const ROOT_METHODS = [
  'app.info',
  'session.login',
  'session.logout',
  'session.setPassword',
  'sync.status',
] as const;
export type SessionHandlers = Omit<DeskHandlers, (typeof ROOT_METHODS)[number]>;

export interface DeskSession {
  readonly user: SessionUser;
  readonly options: DeskCoreOptions;
  readonly replica: Replica;
  readonly changes: LocalChanges;
  readonly sync: SyncClient;
  readonly commit: Commit;
  readonly server: ServerCalls;
  readonly events: DeskEvents;
  readonly status: SyncStatusBoard;
  readonly files: DeskFiles;
  readonly uploads: FileUploads;
  readonly catalog: CatalogService;
  /** A client's prices over the catalog, quoted lists. */
  readonly quotes: QuoteService;
  readonly pricing: DeskPricing;
  readonly orders: OrderService;
  /** Line edits and their undo history (this desk, this session). */
  readonly editing: OrderEditing;
  readonly deltas: OrderDeltas;
  /** One mutation through the commit path; its sequence number. */
  mutate(name: string, args: unknown): { seq: number };
  readonly handlers: SessionHandlers;
  close(options?: { forget: boolean }): Promise<void>;
}
