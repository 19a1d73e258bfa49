// The sync panel's part of the contract: sync now (reconnect at once when offline), the pending,
// rejected and conflicting changes, and retrying, discarding or dismissing them.
import type { HandlersOf, syncMethods } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import type { DeskSession } from '../session/desk-session';
import { dismissConflict, openConflicts } from './sync-status';

export function syncHandlers(s: DeskSession): Omit<HandlersOf<typeof syncMethods>, 'sync.status'> {
  return {
    'sync.now': () => {
      s.sync.now();
      return null;
    },
    'sync.problems': () => {
      const entries = s.changes.entries();
      return {
        pending: entries
          .filter((e) => e.status === 'pending')
          .map(({ seq, mutation, aggregate, createdAt }) => ({ seq, mutation, aggregate, createdAt })),
        rejected: entries
          .filter((e) => e.status === 'rejected')
          .map(({ seq, mutation, aggregate, args, errorCode, errorMessage, createdAt }) => ({
            seq,
            mutation,
            aggregate,
            args,
            code: errorCode ?? '',
            message: errorMessage ?? '',
            createdAt,
          })),
        conflicts: openConflicts(s.replica).map((r) => ({
          id: r.id,
          kind: r.kind,
          payload: JSON.parse(r.payload) as Record<string, unknown>,
          createdAt: r.created_at,
        })),
      };
    },
    'sync.retry': ({ seq }) => {
      const entry = s.changes.entries().find((e) => e.seq === seq && e.status === 'rejected');
      if (!entry) throw new CodedError('not_found', `No rejected change ${seq}`);
      // The change again as a new one (a new sequence number), through the one commit path.
      const { seqs } = s.commit([{ name: entry.mutation, args: entry.args }]);
      s.changes.discard(seq);
      return { seq: seqs[0] ?? 0 };
    },
    'sync.discard': ({ seq }) => {
      s.changes.discard(seq);
      s.status.publish(true);
      return null;
    },
    'sync.dismissConflict': ({ id }) => {
      dismissConflict(s.replica, id);
      s.status.publish(true);
      return null;
    },
  };
}
