// Crash safety: a desk killed (SIGKILL) after committing a change locally but before pushing
// it, or after pushing but before the acknowledgement arrived, and a server killed in the middle
// of a stream of pushes: after restart nothing is lost and nothing is applied twice.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore } from '../../main/desk-core';
import { openStore } from '../../server/store';
import { until } from '../helpers/until';
import { startTestCentral, type TestCentral } from '../helpers/central';
import { startWsProxy, type WsProxy } from '../helpers/ws-proxy';

let central: TestCentral;
let proxy: WsProxy;
beforeAll(async () => {
  central = await startTestCentral({ items: 100 });
  proxy = await startWsProxy(central.server.url);
});
afterAll(async () => {
  await proxy?.close();
  await central?.stop();
});

interface Child {
  proc: ChildProcessWithoutNullStreams;
  ask(cmd: object): Promise<any>;
}

function startDesk(dataDir: string, serverUrl: string): Promise<Child> {
  const proc = spawn(process.execPath, [
    '--import',
    'tsx',
    path.resolve('tests/helpers/desk-child.ts'),
    dataDir,
    serverUrl,
  ]);
  const waiting: ((v: any) => void)[] = [];
  let buf = '';
  proc.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      waiting.shift()?.(JSON.parse(line));
    }
  });
  const child: Child = {
    proc,
    ask: (cmd) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        proc.stdin.write(`${JSON.stringify(cmd)}\n`);
      }),
  };
  return new Promise((resolve) => waiting.push(() => resolve(child)));
}

const kill = (c: Child): Promise<void> =>
  new Promise((resolve) => {
    c.proc.once('exit', () => resolve());
    c.proc.kill('SIGKILL');
  });

const serverNotes = async (id: number): Promise<string> =>
  (await central.store.queryObjects<{ notes: string }>('SELECT notes FROM clients WHERE id = $1', [id]))[0]!.notes;
/** Card edits applied for manager1's desks, as recorded in the server's mutation log. */
const appliedEdits = async (): Promise<number> =>
  Number(
    (
      await central.store.queryObjects<{ n: string }>(
        `SELECT count(*) AS n FROM mutation_log WHERE name = 'client.updateCard@1' AND status = 'applied' AND client_id IN (SELECT client_id FROM desk_clients WHERE user_id = 100)`,
      )
    )[0]!.n,
  );

describe('desk killed', () => {
  it('between the local commit and the push: the change is pushed after restart, once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-crash-'));
    const d1 = await startDesk(dir, proxy.url);
    await d1.ask({ op: 'login', login: 'manager1' });
    await until(async () => (await d1.ask({ op: 'status' })).ok.lastSyncAt !== null);
    proxy.cut();
    const clientId = (
      await central.store.queryObjects<{ id: number }>(
        'SELECT id FROM clients WHERE manager_id = 100 ORDER BY id LIMIT 1',
      )
    )[0]!.id;
    const before = await appliedEdits();
    expect((await d1.ask({ op: 'edit', clientId, notes: 'до падения' })).ok.seq).toBe(1);
    await kill(d1);
    expect(await serverNotes(clientId)).not.toBe('до падения');
    proxy.restore();
    const d2 = await startDesk(dir, proxy.url);
    await until(async () => (await d2.ask({ op: 'status' })).ok.pending === 0);
    expect(await serverNotes(clientId)).toBe('до падения');
    expect(await appliedEdits()).toBe(before + 1);
    await kill(d2);
  });

  it('after the push but before the acknowledgement: the re-sent change is not applied twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opta-crash-'));
    const d1 = await startDesk(dir, proxy.url);
    await d1.ask({ op: 'login', login: 'manager1' });
    await until(async () => (await d1.ask({ op: 'status' })).ok.lastSyncAt !== null);
    const clientId = (
      await central.store.queryObjects<{ id: number }>(
        'SELECT id FROM clients WHERE manager_id = 100 ORDER BY id LIMIT 1 OFFSET 1',
      )
    )[0]!.id;
    const before = await appliedEdits();
    proxy.faults.holdDownstream = true;
    await d1.ask({ op: 'edit', clientId, notes: 'ответ потерян' });
    await until(async () => (await serverNotes(clientId)) === 'ответ потерян');
    const version = (
      await central.store.queryObjects<{ version: string }>('SELECT version FROM clients WHERE id = $1', [clientId])
    )[0]!.version;
    await kill(d1);
    proxy.releaseDownstream();
    const d2 = await startDesk(dir, proxy.url);
    await until(async () => (await d2.ask({ op: 'status' })).ok.pending === 0);
    expect(await appliedEdits()).toBe(before + 1);
    expect(
      (
        await central.store.queryObjects<{ version: string }>('SELECT version FROM clients WHERE id = $1', [clientId])
      )[0]!.version,
    ).toBe(version);
    await kill(d2);
  });
});

describe('server killed mid-stream', () => {
  it('every change lands exactly once after the server restarts on the same data', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'opta-srv-'));
    const port = String(20_000 + (process.pid % 20_000));
    const startServer = (): Promise<ChildProcessWithoutNullStreams> =>
      new Promise((resolve, reject) => {
        const proc = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            path.resolve('server/index.ts'),
            '--data',
            dataDir,
            '--port',
            port,
            '--demo',
            '--demo-items',
            '100',
          ],
          { env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' } },
        );
        proc.stdout.on('data', (d: Buffer) => d.toString().includes('OPTA_SERVER_READY') && resolve(proc));
        proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
      });
    let server = await startServer();
    const core = createDeskCore({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-desk-')),
      serverUrl: `http://127.0.0.1:${port}`,
      shell: 'web',
      locale: 'ru',
      version: 'test',
    });
    await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
    await until(() => core.status().lastSyncAt !== null, 60_000);
    const clients = (core.handlers['clients.list']({}) as { id: number }[]).slice(0, 4);
    const total = 40;
    for (let i = 0; i < total; i++) {
      const c = clients[i % clients.length]!;
      core.handlers['clients.updateCard']({
        clientId: c.id,
        baseVersion: (core.handlers['clients.card']({ id: c.id }) as { version: number }).version,
        patch: { notes: `n${i}` },
      });
      if (i === 15) {
        server.kill('SIGKILL');
        await new Promise((r) => server.once('exit', r));
        server = await startServer();
      }
    }
    await until(() => core.status().pending === 0 && core.status().connection === 'online', 60_000);
    await core.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const store = await openStore({ dataDir });
    const log = await store.queryObjects<{ seq: number; status: string }>(
      'SELECT seq, status FROM mutation_log ORDER BY seq',
    );
    expect(log.map((l) => l.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(log.every((l) => l.status === 'applied')).toBe(true);
    for (const [k, c] of clients.entries()) {
      const last = [...Array(total).keys()].filter((i) => i % clients.length === k).pop()!;
      expect(
        (await store.queryObjects<{ notes: string }>('SELECT notes FROM clients WHERE id = $1', [c.id]))[0]!.notes,
      ).toBe(`n${last}`);
    }
    await store.close();
  }, 180_000);
});
