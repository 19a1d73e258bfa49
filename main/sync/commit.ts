// The one way a local change goes: its mutations run as one local transaction (all applied and
// queued in the outbox, or none), then, once per turn of the event loop however many commits
// it held, the views are told exactly which rows changed and the outbox is pushed. The caller
// gets its answer as soon as the transaction is committed; telling and sending follow.
import { CodedError } from '../../domain/errors';
import type { ChangedRows, LocalChanges } from './local-changes';

export interface QueuedChange {
  name: string;
  args: unknown;
}

export interface Committed {
  seqs: number[];
  changed: ChangedRows;
}

export type Commit = (list: QueuedChange[]) => Committed;

export function mergeChanged(into: ChangedRows, from: ChangedRows): ChangedRows {
  for (const [table, keys] of from) {
    const set = into.get(table);
    if (!set) into.set(table, new Set(keys));
    else for (const k of keys) set.add(k);
  }
  return into;
}

export interface CommitOptions {
  changes: LocalChanges;
  /** Tells the views (and whatever follows the replica) which rows changed here. */
  tell(changed: ChangedRows): void;
  /** Sends the outbox when connected. */
  push(): void;
}

export function createCommit({ changes, tell, push }: CommitOptions): Commit & { flush(): void } {
  let told: ChangedRows | null = null;
  let scheduled: NodeJS.Immediate | null = null;
  const flush = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    const changed = told;
    told = null;
    if (changed) tell(changed);
    push();
  };
  const commit = (list: QueuedChange[]): Committed => {
    if (list.length === 0) return { seqs: [], changed: new Map() };
    const result = changes.mutateAll(list);
    if (!result.ok) throw new CodedError(result.code === 'locked' ? 'locked' : 'bad_input', result.message);
    told = mergeChanged(told ?? new Map(), result.changed);
    scheduled ??= setImmediate(flush);
    return { seqs: result.seqs, changed: result.changed };
  };
  return Object.assign(commit, { flush });
}
