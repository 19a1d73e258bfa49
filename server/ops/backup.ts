// Backups of a server on embedded storage (PGlite in its data folder), for a small office without
// a PostgreSQL: with the server stopped, `backup --to <folder>` writes PGlite's own archive of the
// data folder, which holds the database and the file store (files/) alike; `restore --from
// <folder>` unpacks it into an empty data folder. A server on PostgreSQL is backed up with pg_dump and the file store's folder (or
// its bucket's versioning), as docs/deploy.md says; tests/integration/backup-restore.test.ts
// performs both drills.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const DATABASE_FILE = 'database.tar.gz';
const FILES_DIR = 'files';
const MANIFEST = 'backup.json';

export interface BackupManifest {
  kind: 'opta-desk-embedded';
  takenAt: string;
  databaseBytes: number;
  files: number;
}

/** The server's data folder (`--data`) into `toDir`: database archive, file store, a manifest. */
export async function backupEmbedded(dataDir: string, toDir: string, now = new Date()): Promise<BackupManifest> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION')) && !existsSync(path.join(dataDir, 'base')))
    throw new Error(`${dataDir} holds no embedded database`);
  if (existsSync(toDir) && readdirSync(toDir).length > 0) throw new Error(`${toDir} is not empty`);
  mkdirSync(toDir, { recursive: true });
  // Opening the folder fails while a server holds it: a backup is of a stopped server.
  const db = new PGlite(dataDir);
  let archive: Blob;
  try {
    await db.waitReady;
    archive = await db.dumpDataDir('gzip');
  } finally {
    await db.close();
  }
  const bytes = Buffer.from(await archive.arrayBuffer());
  writeFileSync(path.join(toDir, DATABASE_FILE), bytes);
  const store = path.join(dataDir, FILES_DIR);
  const files = existsSync(store) ? countFiles(store) : 0;
  const manifest: BackupManifest = {
    kind: 'opta-desk-embedded',
    takenAt: now.toISOString(),
    databaseBytes: bytes.length,
    files,
  };
  writeFileSync(path.join(toDir, MANIFEST), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** A backup into an empty data folder (never over a live one). */
export async function restoreEmbedded(fromDir: string, dataDir: string): Promise<BackupManifest> {
  const manifest = JSON.parse(readFileSync(path.join(fromDir, MANIFEST), 'utf8')) as BackupManifest;
  if (manifest.kind !== 'opta-desk-embedded') throw new Error(`${fromDir} is not an Opta Desk backup`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
    throw new Error(`${dataDir} is not empty: restore into a new folder`);
  mkdirSync(dataDir, { recursive: true });
  const archive = new Blob([readFileSync(path.join(fromDir, DATABASE_FILE))]);
  const db = new PGlite(dataDir, { loadDataDir: archive });
  await db.waitReady;
  await db.close();
  const files = existsSync(path.join(dataDir, FILES_DIR)) ? countFiles(path.join(dataDir, FILES_DIR)) : 0;
  if (files < manifest.files) throw new Error(`The backup restored ${files} of ${manifest.files} files`);
  return manifest;
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1),
    0,
  );
}
