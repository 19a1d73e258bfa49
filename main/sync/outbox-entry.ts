// The outbox's entries as the desk shows them, the server's answers to a push, and the rows a
// change touched: the shapes local-changes.ts, the sync client and the views share.
import type { SyncTableName } from '../../domain/sync/sync-tables';

export interface OutboxEntry {
  seq: number;
  mutation: string;
  args: unknown;
  aggregate: string;
  createdAt: string;
  status: 'pending' | 'rejected' | 'applied';
  errorCode: string | null;
  errorMessage: string | null;
}

export interface AckResult {
  seq: number;
  status: 'applied' | 'rejected' | 'conflict';
  code?: string;
  message?: string;
}

/** Which rows changed locally: table → row keys. */
export type ChangedRows = Map<SyncTableName, Set<string>>;
