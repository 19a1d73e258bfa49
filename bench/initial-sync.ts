// Initial sync for `npm run bench`: a manager's first sync over a real WebSocket into a real
// replica file, from a server in its own process, beside its limit measured in the same run:
// raw better-sqlite3 inserting the same rows into an empty replica (5,000-row transactions).
// Measured against a warm server, as a desk meets it: the first sync after the server's start
// (its database cache and JIT cold) is run first and reported beside it.
import path from 'node:path';
import { syncTableNames, wireColumns } from '../domain/sync/sync-tables';
import { createLocalChanges } from '../main/sync/local-changes';
import { openReplica, type Replica } from '../main/sync/replica';
import type { Role } from '../domain/roles';
import { createSyncClient } from '../main/sync/sync-client';

export interface InitialSync {
  rows: number;
  syncMs: number;
  rowsPerS: number;
  /** The same sync right after the server started. */
  coldRowsPerS: number;
  rawRowsPerS: number;
  replicaFile: string;
  token: string;
  user: { id: number; role: 'manager' };
}

/** A desk's sync client on `replica`, from where it stands until caught up with the server, then stopped. */
export function syncUntilCaughtUp(
  serverUrl: string,
  token: string,
  user: { id: number; role: Role },
  replica: Replica,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const client = createSyncClient({
      serverUrl,
      token: () => token,
      replica,
      changes: createLocalChanges({ replica, user: () => user }),
      onCaughtUp: () => void client.stop().then(resolve),
    });
    client.start();
  });
}

export async function initialSyncFigures(serverUrl: string, dir: string, login: string): Promise<InitialSync> {
  const res = await fetch(`${serverUrl}/api/login`, {
    method: 'POST',
    body: JSON.stringify({ login, password: 'demo1234' }),
  });
  const { token, user } = (await res.json()) as { token: string; user: { id: number; role: 'manager' } };
  const syncInto = async (file: string) => {
    const replica = openReplica(file);
    const t0 = performance.now();
    await syncUntilCaughtUp(serverUrl, token, user, replica);
    return { replica, ms: performance.now() - t0 };
  };
  const cold = await syncInto(path.join(dir, 'replica-cold.sqlite'));
  const coldRowsPerS = cold.replica.rowCount() / (cold.ms / 1000);
  cold.replica.close();
  const replicaFile = path.join(dir, 'replica.sqlite');
  const { replica, ms: syncMs } = await syncInto(replicaFile);
  const rows = replica.rowCount();

  // The limit: the same rows inserted by better-sqlite3 alone into an empty replica.
  const raw = openReplica(path.join(dir, 'raw.sqlite'));
  const tables = syncTableNames.map((t) => {
    const cols = wireColumns(t).filter((c) => c !== 'deleted');
    const all = [...cols, ...(t === 'items' ? ['key_lookalike', 'key_translit', 'search_text'] : [])];
    return {
      rows: replica.sqlite
        .prepare(`SELECT ${all.join(',')} FROM ${t}`)
        .raw()
        .all() as unknown[][],
      insert: raw.sqlite.prepare(`INSERT INTO ${t} (${all.join(',')}) VALUES (${all.map(() => '?').join(',')})`),
    };
  });
  const insertBatch = raw.sqlite.transaction(
    (batch: { insert: { run: (...a: unknown[]) => unknown }; rows: unknown[][] }) => {
      for (const r of batch.rows) batch.insert.run(...r);
    },
  );
  const t1 = performance.now();
  for (const t of tables)
    for (let i = 0; i < t.rows.length; i += 5000) insertBatch({ insert: t.insert, rows: t.rows.slice(i, i + 5000) });
  const rawRowsPerS = rows / ((performance.now() - t1) / 1000);
  raw.close();
  replica.close();
  return { rows, syncMs, rowsPerS: rows / (syncMs / 1000), coldRowsPerS, rawRowsPerS, replicaFile, token, user };
}
