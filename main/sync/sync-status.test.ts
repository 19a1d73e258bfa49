// The status the status bar shows: rows held while the first sync runs (not 0 until it ends), and
// "caught up with the server" apart from "nothing unsent".
import { describe, expect, it } from 'vitest';
import { createDeskEvents } from '../session/desk-events';
import type { SyncClient } from './sync-client';
import { createSyncStatus } from './sync-status';
import { seededReplica } from './test-replica';

describe('sync status', () => {
  it('counts rows as a first sync brings them, and tells caught up apart from nothing unsent', () => {
    const { replica } = seededReplica({ items: 50, orders: 0 });
    let caughtUp = false;
    const sync = { caughtUp: () => caughtUp } as SyncClient;
    const board = createSyncStatus(
      'http://server',
      () => ({ user: { id: 100 } as never, replica, sync }),
      createDeskEvents(),
    );
    try {
      board.recountRows();
      const held = board.current().rowsInReplica;
      expect(held).toBe(replica.rowCount());
      board.setConnection('online');
      board.setProgress({ done: 5000, total: 20_000 });
      expect(board.current()).toMatchObject({ rowsInReplica: held + 5000, caughtUp: false, pending: 0 });
      board.setProgress({ done: 12_000, total: 20_000 });
      expect(board.current().rowsInReplica).toBe(held + 12_000);
      caughtUp = true;
      board.setProgress(null);
      board.recountRows();
      expect(board.current()).toMatchObject({ rowsInReplica: held, caughtUp: true, pending: 0 });
      // Offline with nothing unsent: not caught up (the desk cannot know what the server has).
      board.setConnection('offline');
      expect(board.current()).toMatchObject({ caughtUp: false, pending: 0 });
    } finally {
      board.close();
      replica.close();
    }
  });
});
