// Attachment files in an S3-compatible store: the server configured with s3FileStore keeps
// uploads in a bucket of s3rver (a real S3 HTTP API on loopback, files on disk), in parts when
// large; the desk reads them back through the server byte-identical; a missing key is "no file".
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskFiles } from '../../main/files/files';
import { openReplica } from '../../main/sync/replica';
import { s3FileStore, s3FileStoreFromEnv } from '../../server/attachments/s3-file-store';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

const BUCKET = 'opta-files';
let s3: S3rver;
let s3Dir: string;
let endpoint: string;
let central: TestCentral;
let store: ReturnType<typeof s3FileStore>;

beforeAll(async () => {
  s3Dir = mkdtempSync(path.join(os.tmpdir(), 'opta-s3-'));
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const address = (await s3.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
  // s3rver's fixed test credentials: it checks the request signature like S3 does.
  store = s3FileStore({
    bucket: BUCKET,
    prefix: 'files/',
    endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  central = await startTestCentral({ items: 200, orders: 10, fileStore: store });
});
afterAll(async () => {
  await central?.stop();
  await s3?.close();
  rmSync(s3Dir, { recursive: true, force: true });
});

function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
  return Buffer.concat([head, randomBytes(size - head.length)]);
}
const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('attachment files in an S3-compatible store', () => {
  it('an upload from a desk lands in the bucket (in parts) and reads back byte-identical', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-files-'));
    const replica = openReplica(path.join(dir, 'replica.sqlite'));
    const { token } = await login(central.server.url, 'manager1');
    const files = createDeskFiles(replica.sqlite, path.join(dir, 'files'), {
      serverUrl: central.server.url,
      token: () => token,
      renew: async () => false,
    });
    // 20 MB: three parts of 8 MB, so the multipart path of the store is what runs.
    const bytes = pdfOf(20 * 1024 * 1024 + 777);
    const ref = await files.add('Акт.pdf', bytes);
    while (files.pending().length > 0) await files.uploadPending();
    expect(await store.has(ref.sha256)).toBe(true);
    const object = await store.client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: `files/${ref.sha256.slice(0, 2)}/${ref.sha256}` }),
    );
    expect(sha256(await object.Body!.transformToByteArray())).toBe(sha256(bytes));
    // Nothing kept in the server's folder: the bucket is the store.
    expect(existsSync(path.join(central.dir, 'files', 'store', ref.sha256.slice(0, 2), ref.sha256))).toBe(false);
    const other = createDeskFiles(openReplica(path.join(dir, 'other.sqlite')).sqlite, path.join(dir, 'files-2'), {
      serverUrl: central.server.url,
      token: () => token,
      renew: async () => false,
    });
    expect(sha256((await other.read(ref.sha256)).bytes)).toBe(sha256(bytes));
    replica.close();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('put consumes the source file; a key never stored is no file, not an error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-s3src-'));
    const source = path.join(dir, 'joined');
    const bytes = randomBytes(1000);
    writeFileSync(source, bytes);
    const sha = sha256(bytes);
    await store.put(sha, source);
    expect(existsSync(source)).toBe(false);
    const read = await store.read(sha);
    expect(read?.size).toBe(1000);
    const chunks: Buffer[] = [];
    for await (const c of read!.stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    const missing = 'f'.repeat(64);
    expect(await store.has(missing)).toBe(false);
    expect(await store.read(missing)).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is chosen by configuration: a bucket in the environment turns it on, none keeps the folder', () => {
    expect(s3FileStoreFromEnv({})).toBeNull();
    expect(s3FileStoreFromEnv({ OPTA_FILES_S3_BUCKET: BUCKET, OPTA_FILES_S3_ENDPOINT: endpoint })?.kind).toBe('s3');
  });
});
