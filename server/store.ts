// The central store: PGlite in a data folder by default (zero setup), PostgreSQL when
// DATABASE_URL is set. Both speak the same schema and migrations; everything above this
// module sees one `CentralStore`.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { managedPool, warnToStderr, type PgErrorSink } from './pg-connections';
import type { CopyFrom } from './query';

export interface CentralStore {
  kind: 'pglite' | 'postgres';
  /** Rows as arrays in column order: the cheap shape for streaming sync batches. */
  queryArrays(text: string, params?: unknown[]): Promise<unknown[][]>;
  queryObjects<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs statements in one transaction on one connection. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreTx {
  query: CentralStore['queryObjects'];
  /** Bulk load in COPY text format (tab-separated, \\N for null), where the store supports it. */
  copyFrom?: (table: string, columns: string[], text: string) => Promise<void>;
}

export interface StoreOptions {
  /** Folder for the embedded PGlite database; ignored when databaseUrl is given. */
  dataDir?: string;
  databaseUrl?: string;
  /** Where a lost PostgreSQL connection is reported (stderr by default); the store carries on. */
  onConnectionError?: PgErrorSink;
}

function migrationsFolder(): string {
  // The server bundle and the sources both find migrations next to the schema (shipped as files).
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '../db/central/migrations'),
    path.resolve(here, '../../db/central/migrations'),
    path.resolve(process.cwd(), 'db/central/migrations'),
  ];
  return (
    candidates.find((c) => {
      try {
        return existsSync(c);
      } catch {
        return false;
      }
    }) ?? candidates[0]!
  );
}

export async function openStore(options: StoreOptions): Promise<CentralStore> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.onConnectionError ?? warnToStderr);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir?: string): Promise<CentralStore> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? new PGlite(dataDir) : new PGlite();
  await client.waitReady;
  // drizzle runs the generated migrations; every query after that is SQL (statements tuned for
  // sync, bulk writes under the write lock, COPY), which reads better here than a query builder.
  await migratePglite(drizzlePglite(client), { migrationsFolder: migrationsFolder() });
  return {
    kind: 'pglite',
    async queryArrays(text, params = []) {
      const r = await client.query<unknown[]>(text, params, { rowMode: 'array' });
      return r.rows;
    },
    async queryObjects<T>(text: string, params: unknown[] = []) {
      const r = await client.query<T>(text, params);
      return r.rows;
    },
    async transaction(fn) {
      return client.transaction(async (tx) => {
        // PGlite reads COPY input from its /dev/blob device: an order of magnitude faster than INSERTs.
        const copyFrom: CopyFrom = async (table, columns, text) =>
          void (await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], {
            blob: new Blob([text]),
          }));
        // The query carries it too: row-store's big upserts stage through COPY (query.ts copyOf).
        const query = Object.assign(
          async <T>(text: string, params: unknown[] = []) => (await tx.query<T>(text, params)).rows,
          { copyFrom },
        );
        return fn({ query, copyFrom });
      });
    },
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, onError: PgErrorSink): Promise<CentralStore> {
  // No JIT: the server runs short statements many times a second, and PostgreSQL compiled the
  // larger pulls (cost estimates over its threshold) at tens of milliseconds each, for nothing;
  // acks under 200 desks waited behind them (p50 567 -> 8 ms in the bench).
  const managed = managedPool({ connectionString: url, max: 20, options: '-c jit=off' }, onError);
  const pool = managed.pool;
  await migratePg(drizzlePg(pool), { migrationsFolder: migrationsFolder() });
  return {
    kind: 'postgres',
    async queryArrays(text, params = []) {
      const r = await pool.query({ text, values: params, rowMode: 'array' });
      return r.rows as unknown[][];
    },
    async queryObjects<T>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return r.rows as T[];
    },
    async transaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const out = await fn({
          query: async <T>(text: string, params: unknown[] = []) => (await conn.query(text, params)).rows as T[],
        });
        await conn.query('COMMIT');
        return out;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    async close() {
      await managed.end();
    },
  };
}
