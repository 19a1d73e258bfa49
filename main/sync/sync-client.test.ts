// The desk's sync socket against a scripted server: a pull that reached the server twice (a link
// that duplicates frames) is answered twice; the desk follows the answer to the pull it sent from
// where it stands and drops the twin, so it neither pulls every later window twice nor sets its
// cursor back. A desk waiting out a long backoff reconnects at once when told to sync now. An
// offline day's backlog goes out eight frames at a time as the acks come back, every change once.
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

async function scriptedServer(port = 0): Promise<{ url: string; pulls: number[] }> {
  const wss = new WebSocketServer({ port, host: '127.0.0.1' });
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

  it('sync now reconnects at once instead of waiting out the backoff', async () => {
    // A port with nobody on it yet: the first connection fails and the desk waits a minute.
    const probe = await scriptedServer();
    const port = Number(new URL(probe.url).port);
    await cleanup.pop()!();
    const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-sc-')), 'r.sqlite'));
    const changes = createLocalChanges({ replica, user: () => ({ id: 100, role: 'manager' }) });
    let caughtUp = false;
    const states: string[] = [];
    const client = createSyncClient({
      serverUrl: `http://127.0.0.1:${port}`,
      token: () => 'test',
      replica,
      changes,
      backoff: { initialMs: 60_000, maxMs: 60_000 },
      random: () => 1,
      onConnection: (s) => states.push(s),
      onCaughtUp: () => (caughtUp = true),
    });
    client.start();
    const offline = Date.now() + 5000;
    while (!states.includes('offline') && Date.now() < offline) await new Promise((r) => setTimeout(r, 10));
    expect(states).toContain('offline');
    await scriptedServer(port);
    // Stopped before the server closes (the server waits for its clients).
    cleanup.push(async () => {
      await client.stop();
      replica.close();
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(caughtUp).toBe(false);
    const asked = Date.now();
    client.now();
    while (!caughtUp && Date.now() < asked + 5000) await new Promise((r) => setTimeout(r, 10));
    expect(caughtUp).toBe(true);
    expect(Date.now() - asked).toBeLessThan(5000);
  });

  it('sends a backlog eight frames at a time as acks come back, every change once and in order', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const frames: { seqs: number[]; ack: () => void }[] = [];
    wss.on('connection', (ws) => {
      ws.send(
        JSON.stringify({
          type: 'welcome',
          protocol: PROTOCOL_VERSION,
          user: { id: 100, login: 'manager1', name: 'Менеджер', role: 'manager' },
          serverTime: new Date().toISOString(),
          headVersion: 0,
        }),
      );
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { type: string; mutations?: { seq: number }[]; cursor?: number };
        if (msg.type === 'pull')
          ws.send(
            JSON.stringify({ type: 'batch', changes: [], from: msg.cursor, cursor: 0, remaining: 0, done: true }),
          );
        if (msg.type !== 'push') return;
        const seqs = msg.mutations!.map((m) => m.seq);
        frames.push({
          seqs,
          ack: () => ws.send(JSON.stringify({ type: 'ack', results: seqs.map((seq) => ({ seq, status: 'applied' })) })),
        });
      });
    });
    cleanup.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
    const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-sc-')), 'r.sqlite'));
    // 6,000 queued changes (an offline day): twelve frames of 500.
    const insert = replica.sqlite.prepare(
      `INSERT INTO outbox (seq, mutation, args, aggregate, created_at, status) VALUES (?, 'client.updateCard@1', '{}', 'client:1', '2026-12-05T00:00:00Z', 'pending')`,
    );
    replica.sqlite.transaction(() => {
      for (let seq = 1; seq <= 6000; seq++) insert.run(seq);
    })();
    replica.setState('last_seq', '6000');
    const changes = createLocalChanges({ replica, user: () => ({ id: 100, role: 'manager' }) });
    const client = createSyncClient({
      serverUrl: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
      token: () => 'test',
      replica,
      changes,
    });
    cleanup.push(async () => {
      await client.stop();
      replica.close();
    });
    client.start();
    const until = async (cond: () => boolean) => {
      const end = Date.now() + 5000;
      while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    };
    await until(() => frames.length >= 8);
    await new Promise((r) => setTimeout(r, 200));
    // The window is full: nothing more until an ack.
    expect(frames.length).toBe(8);
    frames[0]!.ack();
    await until(() => frames.length >= 9);
    expect(frames.length).toBe(9);
    for (let i = 1; i < 12; i++) {
      await until(() => frames.length > i);
      frames[i]!.ack();
    }
    await until(() => changes.pending().length === 0);
    const sent = frames.flatMap((f) => f.seqs);
    expect(sent).toEqual(Array.from({ length: 6000 }, (_, i) => i + 1));
    expect(changes.pending()).toEqual([]);
  });
});
