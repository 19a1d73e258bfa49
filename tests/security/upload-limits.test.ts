// Files as an attacker would try them: chunks sent to another user's unfinished upload go
// nowhere (each user's uploads are their own); one user cannot fill the disk (a quota of bytes in
// progress); uploads left for a day are swept; and a file someone else uploaded, out of one's
// sight, cannot be attached to one's own claim to read it (knowing its hash is not enough).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ATTACHMENT_CHUNK_BYTES } from '../../domain/aftersales/attachment';
import { createUploadApi } from '../../server/attachments/upload-api';
import { folderFileStore } from '../../server/attachments/file-store';
import { sendError, sendJson } from '../../server/http-io';
import { login, startTestCentral, type TestCentral } from '../helpers/central';

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 50, orders: 20, claims: 30 });
});
afterAll(async () => central?.stop());

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const call = (token: string, method: string, route: string, body?: Buffer | unknown) =>
  fetch(`${central.server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
  });

async function upload(token: string, bytes: Buffer): Promise<void> {
  const id = sha(bytes);
  expect((await call(token, 'POST', `/api/files/${id}`, { size: bytes.length })).status).toBe(200);
  expect((await call(token, 'PUT', `/api/files/${id}/chunks/0`, bytes)).status).toBe(200);
}

describe('unfinished uploads', () => {
  it("are each user's own: another user's chunks do not land in them", async () => {
    const a = (await login(central.server.url, 'manager1')).token;
    const b = (await login(central.server.url, 'manager2')).token;
    const bytes = pdf(ATTACHMENT_CHUNK_BYTES + 100);
    const id = sha(bytes);
    expect((await call(a, 'POST', `/api/files/${id}`, { size: bytes.length })).status).toBe(200);
    // B never announced it: B's chunk is refused, A's upload is untouched.
    const intruder = await call(b, 'PUT', `/api/files/${id}/chunks/0`, bytes.subarray(0, ATTACHMENT_CHUNK_BYTES));
    expect(intruder.status).toBe(409);
    const state = (await (await call(a, 'POST', `/api/files/${id}`, { size: bytes.length })).json()) as {
      received: number[];
    };
    expect(state.received).toEqual([]);
  });

  it('count against a quota per user, and are swept when left for a day', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-quota-'));
    let now = Date.now();
    const api = createUploadApi({
      store: central.store,
      files: folderFileStore(path.join(dir, 'store')),
      partialDir: path.join(dir, 'partial'),
      sendJson,
      sendError,
      quotaBytes: 3 * 1024 * 1024,
      now: () => now,
    });
    const answers: number[] = [];
    const res = () =>
      ({
        writeHead: (status: number) => answers.push(status),
        setHeader: () => undefined,
        end: () => undefined,
      }) as never;
    const announce = async (size: number, userId = 7) => {
      const body = Buffer.from(JSON.stringify({ size }));
      const req = Object.assign(
        (async function* () {
          yield body;
        })(),
        { on: (event: string, fn: (x?: Buffer) => void) => (event === 'data' ? fn(body) : event === 'end' ? fn() : 0) },
      );
      await api.handle(
        req as never,
        res(),
        { id: userId, login: 'u', name: 'U', role: 'manager' },
        `POST /api/files/${randomBytes(32).toString('hex')}`,
      );
      return answers.at(-1);
    };
    expect(await announce(2 * 1024 * 1024)).toBe(200);
    expect(await announce(2 * 1024 * 1024)).toBe(413);
    // Someone else has a quota of their own.
    expect(await announce(2 * 1024 * 1024, 8)).toBe(200);
    // A day later, untouched: swept, and the quota is free again.
    const old = (Date.now() - 25 * 3600_000) / 1000;
    for (const u of readdirSync(path.join(dir, 'partial')))
      for (const s of readdirSync(path.join(dir, 'partial', u))) {
        const part = path.join(dir, 'partial', u, s);
        for (const f of readdirSync(part)) utimesSync(path.join(part, f), old, old);
        utimesSync(part, old, old);
      }
    now = Date.now();
    api.sweep();
    expect(readdirSync(path.join(dir, 'partial', 'u7'))).toEqual([]);
    expect(await announce(2 * 1024 * 1024)).toBe(200);
    api.close();
    expect(existsSync(dir)).toBe(true);
  });
});

describe('attaching a file to a claim', () => {
  it('is refused for a file someone else uploaded that one cannot see', async () => {
    const owner = (await login(central.server.url, 'manager1')).token;
    const secret = pdf(4096);
    await upload(owner, secret);
    // manager2 knows the hash and attaches it to a claim of their own.
    const [claim] = await central.store.queryObjects<{ id: string }>(
      `SELECT c.id FROM claims c JOIN users u ON u.id = c.manager_id WHERE u.login = 'manager2' AND c.status <> 'closed' LIMIT 1`,
    );
    expect(claim).toBeTruthy();
    const thief = (await login(central.server.url, 'manager2')).token;
    const ws = new WebSocket(`${central.server.url.replace('http', 'ws')}/sync`, {
      headers: { authorization: `Bearer ${thief}` },
    });
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    await new Promise((r) => ws.on('open', r));
    const attach = (seq: number, bytes: Buffer) =>
      ws.send(
        JSON.stringify({
          type: 'push',
          clientId: '7d1c2b1e-2222-4a4a-8b8b-000000000002',
          mutations: [
            {
              seq,
              name: 'claim.attach@1',
              args: {
                claimId: claim!.id,
                attachments: [{ sha256: sha(bytes), name: 'x.pdf', mime: 'application/pdf', size: bytes.length }],
              },
            },
          ],
        }),
      );
    attach(1, secret);
    await expect.poll(() => messages.find((m) => m.type === 'ack')).toBeTruthy();
    expect(messages.find((m) => m.type === 'ack').results[0]).toMatchObject({
      status: 'rejected',
      code: 'forbidden',
      message: `file_not_yours:${sha(secret)}`,
    });
    expect((await call(thief, 'GET', `/api/files/${sha(secret)}`)).status).toBe(404);
    // A file of one's own, or one not uploaded yet (attached offline), is taken.
    const mine = pdf(2048);
    attach(2, mine);
    await expect.poll(() => messages.filter((m) => m.type === 'ack').length).toBe(2);
    expect(messages.filter((m) => m.type === 'ack')[1].results[0]).toMatchObject({ status: 'applied' });
    ws.close();
  });
});
