// The web shell serves the renderer's folder and nothing beside it: a request that climbs out with
// an encoded "../" into a sibling folder whose name starts with the renderer's (the prefix test let
// it through) is refused, as are plain climbs and undecodable paths; and it answers only to this
// machine's names (a foreign name resolving here, DNS rebinding, gets nothing).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { startWebShell, type WebShell } from '../../web/host';

let core: DeskCore;
let shell: WebShell;
let base: string;
beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'opta-web-'));
  const renderer = path.join(base, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>desk</title>');
  writeFileSync(path.join(renderer, 'app.js'), 'console.log(1)');
  // A sibling whose name starts with the renderer folder's, holding something private.
  mkdirSync(path.join(base, 'renderer-old'));
  writeFileSync(path.join(base, 'renderer-old', 'secret.js'), 'SECRET');
  writeFileSync(path.join(base, 'secret.js'), 'SECRET');
  core = createDeskCore({
    dataDir: path.join(base, 'desk'),
    serverUrl: 'http://127.0.0.1:9',
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  shell = await startWebShell({ core, rendererDir: renderer });
});
afterAll(async () => {
  await shell?.close();
  await core?.close();
});

const get = async (p: string) => {
  const res = await fetch(`${shell.origin}${p}`);
  return { status: res.status, body: await res.text() };
};

describe('the web shell serves its folder only', () => {
  it('serves the renderer', async () => {
    expect(await get('/app.js')).toEqual({ status: 200, body: 'console.log(1)' });
  });

  it.each(['/..%2Frenderer-old%2Fsecret.js', '/..%2Fsecret.js', '/%2e%2e/secret.js', '/%E0%A4%A.js'])(
    'refuses %s',
    async (p) => {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('SECRET');
    },
  );
});

describe('the web shell answers only to this machine', () => {
  it('refuses a request or a socket under a foreign host name', async () => {
    const { request } = await import('node:http');
    const port = Number(new URL(shell.origin).port);
    const ask = (host: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/app.js', headers: { host, ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await ask(`evil.example:${port}`)).toBe(421);
    expect(await ask(`localhost:${port}`)).toBe(200);
    expect(await ask(`127.0.0.1:${port}`)).toBe(200);
    const upgrade = await ask(`evil.example:${port}`, {
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-version': '13',
      'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      origin: `http://evil.example:${port}`,
    }).catch(() => 0);
    expect(upgrade).not.toBe(101);
  });
});
