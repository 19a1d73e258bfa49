// One conformance suite, two transports: the web shell's WebSocket and Electron IPC (with a fake
// `electron` module: the real preload and the real ipcMain wiring, minus the binary). Both must
// behave the same for good calls, bad input, unknown methods and events.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createDispatch } from '../../domain/transport/dispatch';
import { WIRE_BODY_PATH, WIRE_TOKEN_HEADER } from '../../domain/transport/desk-wire';
import type { Result } from '../../domain/errors';
import { forwardDeskEvents, registerDeskIpc, type SenderFrame } from '../../electron/desk-ipc';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { startWebShell, type WebShell } from '../../web/host';
import { startTestCentral, type TestCentral } from '../helpers/central';

interface Transport {
  call(method: string, input: unknown): Promise<Result<any>>;
  on(event: string, listener: (payload: any) => void): () => void;
  close(): Promise<void>;
}

// --- the fake electron module: ipcMain and ipcRenderer joined in memory ---
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: { senderFrame: unknown }, input: unknown) => Promise<unknown>>();
  // vi.hoisted runs before imports: a minimal event bus instead of node:events.
  const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
  const rendererBus = {
    on: (c: string, l: (...a: unknown[]) => void) =>
      void (listeners.get(c) ?? listeners.set(c, new Set()).get(c)!).add(l),
    removeListener: (c: string, l: (...a: unknown[]) => void) => void listeners.get(c)?.delete(l),
    emit: (c: string, ...a: unknown[]) => listeners.get(c)?.forEach((l) => l(...a)),
  };
  const exposed: Record<string, any> = {};
  const frame = { current: { url: 'file:///opt/opta/out/renderer/index.html', parent: null } as unknown };
  return { handlers, rendererBus, exposed, frame };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (fake.exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      const h = fake.handlers.get(channel);
      if (!h) throw new Error(`No handler registered for '${channel}'`);
      // Structured clone, as IPC does: no functions or prototypes cross.
      return structuredClone(await h({ senderFrame: fake.frame.current }, structuredClone(input)));
    },
    on: (channel: string, l: (...a: unknown[]) => void) => fake.rendererBus.on(channel, l),
    removeListener: (channel: string, l: (...a: unknown[]) => void) => fake.rendererBus.removeListener(channel, l),
  },
}));

async function electronTransport(core: DeskCore): Promise<Transport> {
  const ipcMain = {
    handle: (c: string, h: (e: { senderFrame: SenderFrame | null }, i: unknown) => Promise<unknown>) =>
      void fake.handlers.set(c, h as never),
    removeHandler: (c: string) => void fake.handlers.delete(c),
  };
  const unregister = registerDeskIpc(ipcMain, createDispatch(core.handlers), ['file://']);
  const forward = forwardDeskEvents({
    isDestroyed: () => false,
    send: (channel, payload) => fake.rendererBus.emit(channel, {}, structuredClone(payload)),
  });
  const unsubscribe = core.subscribe(forward);
  await import('../../preload/index');
  const desk = fake.exposed.desk;
  return {
    call: (method, input) =>
      typeof desk[method] === 'function'
        ? desk[method](input)
        : (fake.handlers.get(`desk:${method}`)?.({ senderFrame: fake.frame.current }, input) ??
          Promise.resolve({ ok: false, error: { code: 'unknown_method', message: method } })),
    on: (event, listener) => desk.on(event, listener),
    close: async () => {
      unsubscribe();
      unregister();
    },
  };
}

async function webTransport(shell: WebShell): Promise<Transport> {
  const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/desk?token=${shell.token}`, { origin: shell.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const bus = new EventEmitter();
  const pending = new Map<number, (r: Result<unknown>) => void>();
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString());
    if ('event' in msg) bus.emit(msg.event, msg.payload);
    else if ('body' in msg)
      void fetch(`${shell.origin}${WIRE_BODY_PATH}${msg.body}`, { headers: { [WIRE_TOKEN_HEADER]: shell.token } })
        .then((r) => r.json())
        .then((r) => pending.get(msg.id)?.(r as Result<unknown>));
    else pending.get(msg.id)?.(msg.result);
  });
  let id = 1;
  return {
    call: (method, input) =>
      new Promise((resolve) => {
        const n = id++;
        pending.set(n, resolve as never);
        ws.send(JSON.stringify({ id: n, method, input }));
      }),
    on: (event, listener) => {
      bus.on(event, listener);
      return () => bus.off(event, listener);
    },
    close: async () => ws.close(),
  };
}

let central: TestCentral;
beforeAll(async () => {
  central = await startTestCentral({ items: 600 });
});
afterAll(async () => central?.stop());

const newCore = (): DeskCore =>
  createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-conf-')),
    serverUrl: central.server.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });

describe.each(['web', 'electron'] as const)('desk contract over the %s transport', (kind) => {
  let core: DeskCore;
  let shell: WebShell | null = null;
  let t: Transport;
  beforeAll(async () => {
    core = newCore();
    if (kind === 'web') {
      shell = await startWebShell({ core, rendererDir: mkdtempSync(path.join(os.tmpdir(), 'opta-r-')) });
      t = await webTransport(shell);
    } else {
      t = await electronTransport(core);
    }
  });
  afterAll(async () => {
    await t.close();
    await shell?.close();
    await core.close();
  });

  it('answers app.info', async () => {
    expect(await t.call('app.info', {})).toMatchObject({ ok: true, value: { version: 'test' } });
  });
  it('says not signed in before login', async () => {
    expect(await t.call('sync.status', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(await t.call('catalog.page', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
  it('refuses bad input with a typed error', async () => {
    expect(await t.call('session.login', { login: 42 })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await t.call('catalog.search', { query: 'x'.repeat(500) })).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
    expect(await t.call('catalog.item', null)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
  it('refuses unknown methods', async () => {
    expect(await t.call('system.exec', { cmd: 'rm' })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
  it('translates a wrong password into wrong_credentials', async () => {
    expect(await t.call('session.login', { login: 'manager1', password: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'wrong_credentials' },
    });
  });
  it('signs in, streams status events and serves the catalog', async () => {
    const statuses: any[] = [];
    const off = t.on('sync.status', (s) => statuses.push(s));
    expect(await t.call('session.login', { login: 'manager1', password: 'demo1234' })).toMatchObject({
      ok: true,
      value: { login: 'manager1', role: 'manager' },
    });
    const end = Date.now() + 20_000;
    while (!statuses.some((s) => s.lastSyncAt) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    off();
    expect(statuses.some((s) => s.connection === 'online' && s.lastSyncAt)).toBe(true);
    const found = await t.call('catalog.search', { query: 'k561-la7', limit: 5 });
    expect(found.ok && found.value[0].article).toBe('К561ЛА7');
  });
});

describe('transport guards', () => {
  it('web: a wrong token or a foreign origin cannot connect', async () => {
    const core = newCore();
    const shell = await startWebShell({ core, rendererDir: mkdtempSync(path.join(os.tmpdir(), 'opta-r-')) });
    const attempt = (url: string, origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { origin });
        ws.on('open', () => resolve('open'));
        ws.on('unexpected-response', (_q, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    const base = `${shell.origin.replace('http', 'ws')}/desk`;
    expect(await attempt(`${base}?token=wrong`, shell.origin)).toBe('403');
    expect(await attempt(`${base}?token=${shell.token}`, 'http://evil.example')).toBe('403');
    await shell.close();
    await core.close();
  });

  it('web: a large answer is fetched once, with the launch token, and equals what the core answered', async () => {
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ i, name: `строка ${i}`.padEnd(80, '·') })) };
    let tell: (event: string, payload: unknown) => void = () => undefined;
    const core = {
      handlers: {
        'app.info': () => {
          tell('orders.delta', big);
          return big;
        },
      },
      subscribe: (l: typeof tell) => {
        tell = l;
        return () => undefined;
      },
    } as unknown as DeskCore;
    const shell = await startWebShell({ core, rendererDir: mkdtempSync(path.join(os.tmpdir(), 'opta-r-')) });
    const ws = new WebSocket(`${shell.origin.replace('http', 'ws')}/desk?token=${shell.token}`, {
      origin: shell.origin,
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const frames: { id?: number; event?: string; body?: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    ws.send(JSON.stringify({ id: 7, method: 'app.info', input: {} }));
    while (frames.length < 2) await new Promise((r) => setTimeout(r, 10));
    // The event first (told while the call ran), then the answer: each a key, not megabytes.
    const [event, msg] = frames as [{ event: string; body: string }, { id: number; body: string }];
    expect(event).toEqual({ event: 'orders.delta', body: expect.any(String) });
    expect(msg).toEqual({ id: 7, body: expect.any(String) });
    const eventBody = await fetch(`${shell.origin}${WIRE_BODY_PATH}${event.body}`, {
      headers: { [WIRE_TOKEN_HEADER]: shell.token },
    });
    expect(await eventBody.json()).toEqual(big);
    const url = `${shell.origin}${WIRE_BODY_PATH}${msg.body}`;
    // Without the token, or with another, nothing is handed over (and the body stays for the right one).
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url, { headers: { [WIRE_TOKEN_HEADER]: 'x'.repeat(32) } })).status).toBe(404);
    const got = await fetch(url, { headers: { [WIRE_TOKEN_HEADER]: shell.token } });
    expect(await got.json()).toEqual({ ok: true, value: big });
    // Once only.
    expect((await fetch(url, { headers: { [WIRE_TOKEN_HEADER]: shell.token } })).status).toBe(404);
    ws.close();
    await shell.close();
  });

  it('electron: a call from a frame that is not ours is forbidden', async () => {
    const core = newCore();
    const t = await electronTransport(core);
    fake.frame.current = { url: 'https://evil.example/', parent: null };
    expect(await t.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    fake.frame.current = { url: 'file:///opt/opta/out/renderer/index.html', parent: {} };
    expect(await t.call('app.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    fake.frame.current = { url: 'file:///opt/opta/out/renderer/index.html', parent: null };
    await t.close();
    await core.close();
  });
});
