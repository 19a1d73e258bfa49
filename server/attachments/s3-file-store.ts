// Attachment files in an S3-compatible object store (AWS S3, MinIO, Yandex Object Storage, Ceph),
// chosen by configuration instead of the server's folder. Keys are the sha-256 under a prefix,
// so the store stays content-addressed; big files go up in parts (lib-storage), reads stream.
import { unlink } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { FileStore } from './file-store';

export interface S3FileStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, e.g. "opta/files/". */
  prefix?: string;
  /** An S3-compatible endpoint (MinIO, a local stand-in); AWS itself needs none. */
  endpoint?: string;
  region?: string;
  /** Path-style URLs (bucket in the path): what MinIO and most self-hosted stores want. */
  forcePathStyle?: boolean;
  /** Explicit credentials; otherwise the SDK's own chain (AWS_ACCESS_KEY_ID..., profiles, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

export function s3FileStore(options: S3FileStoreOptions): FileStore & { client: S3Client } {
  const config: S3ClientConfig = {
    region: options.region ?? 'us-east-1',
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
    credentials: options.credentials,
    // Checksums only where S3 requires them: self-hosted stores do not all speak the newer
    // trailing-checksum uploads, and the file's sha-256 is checked by us before it is stored.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  const client = new S3Client(config);
  const key = (sha: string) => `${options.prefix ?? ''}${sha.slice(0, 2)}/${sha}`;
  return {
    kind: 's3',
    client,
    async has(sha) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key(sha) }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },
    async put(sha, source) {
      // Parts of 8 MB, two at a time: a 200 MB photo archive goes up without holding it in memory.
      const upload = new Upload({
        client,
        params: { Bucket: options.bucket, Key: key(sha), Body: createReadStream(source) },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
      });
      await upload.done();
      await unlink(source);
    },
    async read(sha) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key(sha) }));
        if (!out.Body) return null;
        return { size: Number(out.ContentLength ?? 0), stream: out.Body as Readable };
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
  };
}

/**
 * The store from the environment: OPTA_FILES_S3_BUCKET turns S3 on; OPTA_FILES_S3_ENDPOINT,
 * _REGION, _PREFIX and _PATH_STYLE=1 refine it; credentials come from the SDK's usual chain
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile, instance role), never from the repository.
 */
export function s3FileStoreFromEnv(env: NodeJS.ProcessEnv): FileStore | null {
  const bucket = env.OPTA_FILES_S3_BUCKET;
  if (!bucket) return null;
  return s3FileStore({
    bucket,
    endpoint: env.OPTA_FILES_S3_ENDPOINT || undefined,
    region: env.OPTA_FILES_S3_REGION || undefined,
    prefix: env.OPTA_FILES_S3_PREFIX || undefined,
    forcePathStyle: env.OPTA_FILES_S3_PATH_STYLE ? env.OPTA_FILES_S3_PATH_STYLE === '1' : undefined,
  });
}
