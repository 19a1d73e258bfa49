// Where the server keeps attachment files, by their sha-256. A folder by default; the interface
// is what an S3-compatible store implements when configured (put once, read as a stream).
import { createReadStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  kind: string;
  has(sha256: string): Promise<boolean>;
  /** Moves a complete, verified file into the store (the source path is consumed). */
  put(sha256: string, sourcePath: string): Promise<void>;
  read(sha256: string): Promise<{ size: number; stream: Readable } | null>;
}

/** Files in a folder, two levels by hash prefix, written by rename so a reader never sees half a file. */
export function folderFileStore(dir: string): FileStore {
  const file = (sha: string) => path.join(dir, sha.slice(0, 2), sha);
  return {
    kind: 'folder',
    async has(sha) {
      return existsSync(file(sha));
    },
    async put(sha, source) {
      mkdirSync(path.dirname(file(sha)), { recursive: true });
      renameSync(source, file(sha));
    },
    async read(sha) {
      if (!existsSync(file(sha))) return null;
      return { size: statSync(file(sha)).size, stream: createReadStream(file(sha)) };
    },
  };
}
