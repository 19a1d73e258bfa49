// The desk's sync socket against a scripted server: a pull that reached the server twice (a link
// that duplicates frames) is answered twice; the desk follows the answer to the pull it sent from
// where it stands and drops the twin, so it neither pulls every later window twice nor sets its
// cursor back.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { PROTOCOL_VERSION } from '../../domain/sync/sync-protocol';
import { createLocalChanges } from './local-changes';
import { openReplica } from './replica';
import { createSyncClient, type SyncClient } from './sync-client';

const HEAD = 30;
const WINDOW = 10;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function scriptedServer(): Promise<{ url: string; pulls: number[] }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const pulls: number[] = [];
  wss.on('connection', (ws) => {
    ws.send(
      JSON.stringify({
        type: 'welcome',
        protocol: PROTOCOL_VERSION,
        user: { id: 100, login: 'manager1', name: 'Менеджер', role: 'manager' },
        serverTime: new Date().toISOString(),
        headVersion: HEAD,
      }),
    );
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { type: string; cursor?: number };
      if (msg.type !== 'pull') return;
      const from = msg.cursor!;
      pulls.push(from);
      const cursor = Math.min(HEAD, from + WINDOW);
      const batch = JSON.stringify({
        type: 'batch',
        changes: [],
        from,
        cursor,
        remaining: HEAD - cursor,
        done: cursor === HEAD,
      });
      ws.send(batch);
      // The first pull arrived twice: the server answers its twin as well.
      if (pulls.length === 1) ws.send(batch);
    });
  });
  cleanup.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  return { url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`, pulls };
}

describe('sync client', () => {
  it('follows only the answer to the pull it sent from where it stands', async () => {
    const server = await scriptedServer();
    const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-sc-')), 'r.sqlite'));
    const changes = createLocalChanges({ replica, user: () => ({ id: 100, role: 'manager' }) });
    const cursors: number[] = [];
    let caughtUp = false;
    const client: SyncClient = createSyncClient({
      serverUrl: server.url,
      token: () => 'test',
      replica,
      changes,
      onApplied: () => cursors.push(replica.cursor()),
      onCaughtUp: () => (caughtUp = true),
    });
    cleanup.push(async () => {
      await client.stop();
      replica.close();
    });
    client.start();
    const end = Date.now() + 5000;
    while (!caughtUp && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(caughtUp).toBe(true);
    // A moment for anything the twin would have set off.
    await new Promise((r) => setTimeout(r, 200));
    expect(server.pulls).toEqual([0, 10, 20]);
    expect(replica.cursor()).toBe(HEAD);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
  });
});
