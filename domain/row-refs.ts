// Rows a mutation declares before it runs: the server locks them, the desk's rebase knows from
// them which queued mutations depend on which rows.
import type { SyncTableName } from './sync-tables';

/**
 * A row a mutation reads. `lookOnly`: the mutation only looks it up and never writes it; a desk's
 * rebase then does not tie the mutation to others through that row (every new order read its
 * client's and warehouse's rows, so rebasing one order re-ran every order waiting to be sent).
 */
export interface RowRef {
  table: SyncTableName;
  key: string;
  lookOnly?: true;
}
/** A row the mutation only looks up (see RowRef). */
export const lookUp = (table: SyncTableName, key: string): RowRef => ({ table, key, lookOnly: true });

export const refId = (r: RowRef): string => `${r.table}|${r.key}`;
