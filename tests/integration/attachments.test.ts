// Attachment files between a desk and the real server: a 24 MB file uploaded through a proxy that
// cuts the connection 20 times at random points arrives complete and byte-identical, and the desk
// resends at most the chunk in flight at each cut; a file that lies about its type is refused by
// the desk and by the server; another manager cannot download a file that is not in their scope.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_CHUNK_BYTES, chunkCount } from '../../domain/aftersales/attachment';
import { createDeskFiles } from '../../main/files/files';
import { openReplica } from '../../main/sync/replica';
import { login, startTestCentral, type TestCentral } from '../helpers/central';
import { startCuttingProxy } from '../helpers/cutting-proxy';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 200, orders: 10 });
});
afterAll(async () => {
  await central?.stop();
});

async function deskFiles(loginName: string, serverUrl: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-files-'));
  const replica = openReplica(path.join(dir, 'replica.sqlite'));
  const { token } = await login(central.server.url, loginName);
  return {
    dir,
    replica,
    files: createDeskFiles(replica.sqlite, path.join(dir, 'files'), {
      serverUrl,
      token: () => token,
      renew: async () => false,
    }),
  };
}

/** A PDF of `size` bytes: the kind is in the first bytes, the rest is noise that does not compress. */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

describe('attachment files', () => {
  it('a 24 MB upload cut 20 times arrives byte-identical, resending at most the chunk in flight per cut', async () => {
    const bytes = pdfOf(24 * 1024 * 1024 + 12_345);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const cuts = 20;
    const proxy = await startCuttingProxy(new URL(central.server.url), cuts, [64 * 1024, ATTACHMENT_CHUNK_BYTES]);
    const { files, replica } = await deskFiles('manager1', proxy.url);
    const ref = await files.add('Фото брака.pdf', bytes);
    expect(ref).toEqual({ sha256: sha, name: 'Фото брака.pdf', mime: 'application/pdf', size: bytes.length });
    let chunksSent = 0;
    let failures = 0;
    for (let attempt = 0; attempt < 200 && files.pending().length > 0; attempt++) {
      try {
        chunksSent += (await files.uploadPending()).chunksSent;
      } catch {
        failures++;
      }
    }
    await proxy.close();
    expect(files.pending()).toEqual([]);
    expect(proxy.cutsDone()).toBe(cuts);
    expect(failures).toBeGreaterThan(0);
    // Chunks started and not finished are what was resent: never more than one per cut.
    const resent = chunksSent - chunkCount(bytes.length);
    expect(resent).toBeLessThanOrEqual(cuts);
    const stored = readFileSync(path.join(central.dir, 'files', 'store', sha.slice(0, 2), sha));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha);
    const [row] = await central.store.queryObjects<{ size: string; mime: string }>(
      `SELECT size::text, mime FROM attachment_files WHERE sha256 = $1`,
      [sha],
    );
    expect(row).toEqual({ size: String(bytes.length), mime: 'application/pdf' });
    // The uploader reads it back; another manager (the file is on nothing of theirs) cannot.
    const again = await deskFiles('manager1', central.server.url);
    expect(
      createHash('sha256')
        .update((await again.files.read(sha)).bytes)
        .digest('hex'),
    ).toBe(sha);
    const other = await deskFiles('manager2', central.server.url);
    await expect(other.files.read(sha)).rejects.toMatchObject({ code: 'not_found' });
    replica.close();
  }, 120_000);

  it('a file lying about its type is refused by the desk and by the server, and nothing is stored', async () => {
    const { files } = await deskFiles('manager1', central.server.url);
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(5000)]);
    await expect(files.add('photo.jpg', elf)).rejects.toMatchObject({
      code: 'bad_file',
      message: 'file_type:application/x-elf',
    });
    expect(files.pending()).toEqual([]);
    // Past the desk, straight to the server: refused when the last chunk arrives, not stored.
    const sha = createHash('sha256').update(elf).digest('hex');
    const { token } = await login(central.server.url, 'manager1');
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (
        await fetch(`${central.server.url}/api/files/${sha}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ size: elf.length }),
        })
      ).status,
    ).toBe(200);
    const put = await fetch(`${central.server.url}/api/files/${sha}/chunks/0`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/octet-stream' },
      body: elf,
    });
    expect(put.status).toBe(415);
    expect(await central.store.queryObjects(`SELECT 1 FROM attachment_files WHERE sha256 = $1`, [sha])).toEqual([]);
    // A wrong-size chunk, a bad hash and no token are refused too.
    expect(
      (
        await fetch(`${central.server.url}/api/files/${sha}/chunks/0`, {
          method: 'PUT',
          headers: auth,
          body: elf.subarray(0, 10),
        })
      ).status,
    ).toBe(409);
    expect((await fetch(`${central.server.url}/api/files/not-a-hash`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${central.server.url}/api/files/${sha}`)).status).toBe(401);
    await expect(files.add('big.pdf', Buffer.alloc(201 * 1024 * 1024))).rejects.toMatchObject({ code: 'bad_file' });
  }, 60_000);
});
