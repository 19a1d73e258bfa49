// Attachment figures: a 100 MB file uploaded from a desk to the server over loopback (MB/s), and
// the same upload through a proxy that cuts the connection 20 times (bytes resent, in chunks).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ATTACHMENT_CHUNK_BYTES } from '../domain/aftersales/attachment';
import { createDeskFiles } from '../main/files/files';
import { openReplica } from '../main/sync/replica';
import { startCuttingProxy } from '../tests/helpers/cutting-proxy';

export interface AttachmentFigures {
  mbPerS: number;
  seconds: number;
  resentBytes: number;
  resentChunks: number;
  cuts: number;
}

function pdfNoise(size: number): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  return Buffer.concat([head, randomBytes(size - head.length)]);
}

async function upload(serverUrl: string, token: string, bytes: Buffer): Promise<{ ms: number; sent: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-bench-files-'));
  const replica = openReplica(path.join(dir, 'replica.sqlite'));
  try {
    const files = createDeskFiles(replica.sqlite, path.join(dir, 'files'), {
      serverUrl,
      token: () => token,
      renew: async () => false,
    });
    await files.add('bench.pdf', bytes);
    const t0 = performance.now();
    let sent = 0;
    for (let i = 0; i < 500 && files.pending().length; i++) {
      try {
        sent += (await files.uploadPending()).bytesSent;
      } catch {
        // Cut by the proxy: the next sitting asks what arrived and goes on.
      }
    }
    if (files.pending().length) throw new Error('upload did not finish');
    return { ms: performance.now() - t0, sent };
  } finally {
    replica.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function attachmentFigures(serverUrl: string, token: string, megabytes = 100): Promise<AttachmentFigures> {
  const size = megabytes * 1024 * 1024;
  const plain = await upload(serverUrl, token, pdfNoise(size));
  const cuts = 20;
  const proxy = await startCuttingProxy(new URL(serverUrl), cuts, [256 * 1024, 4 * ATTACHMENT_CHUNK_BYTES]);
  const cutFile = pdfNoise(size);
  await upload(proxy.url, token, cutFile);
  await proxy.close();
  // Counted on the wire (the proxy), so a chunk cut half-way counts too; the HTTP envelopes of the
  // requests (well under 1 KB each) are in it, which only makes the figure stricter.
  const resentBytes = Math.max(0, proxy.clientBytes() - size);
  return {
    mbPerS: megabytes / (plain.ms / 1000),
    seconds: plain.ms / 1000,
    resentBytes,
    resentChunks: resentBytes / ATTACHMENT_CHUNK_BYTES,
    cuts: proxy.cutsDone(),
  };
}
