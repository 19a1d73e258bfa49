// The server on TLS as a company puts it on its network: given a certificate and key it answers
// only HTTPS and WSS (a plain request gets nothing); the desk refuses a plain-http server that
// is not this machine, and the server refuses a plain-http ERP elsewhere.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDeskCore } from '../../main/desk-core';
import { startCentralServer, type CentralServer } from '../../server/central-server';
import { seedDemoData } from '../../server/demo-seed';
import { checkErpUrl } from '../../server/erp/erp-access';
import { openStore, type CentralStore } from '../../server/store';

let dir: string;
let ca: Buffer;
let store: CentralStore;
let server: CentralServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'opta-tls-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      ...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(path.join(dir, 'cert.pem'));
  store = await openStore({});
  await seedDemoData(store, { items: 10, clients: 5, orders: 0, bigOrders: [], claims: 0, tickets: 0 });
  server = await startCentralServer({
    store,
    logger: pino({ level: 'silent' }),
    tls: { cert: ca, key: readFileSync(path.join(dir, 'key.pem')) },
  });
});
afterAll(async () => {
  await server?.close();
  await store?.close();
});

const post = (route: string, body: unknown) =>
  new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(
      `${server.url}${route}`,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });

describe('TLS', () => {
  it('signs in over HTTPS and syncs over WSS; plain HTTP on the same port gets no answer', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const signed = await post('/api/login', { login: 'manager1', password: 'demo1234' });
    expect(signed.status).toBe(200);
    const ws = new WebSocket(`${server.url.replace('https', 'wss')}/sync`, {
      ca,
      headers: { authorization: `Bearer ${signed.json.token}` },
    });
    const welcome = await new Promise<any>((resolve, reject) => {
      ws.on('message', (d) => resolve(JSON.parse(d.toString())));
      ws.on('error', reject);
    });
    expect(welcome).toMatchObject({ type: 'welcome', user: { login: 'manager1' } });
    ws.close();
    const plain = await fetch(server.url.replace('https', 'http') + '/health').then(
      (r) => r.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
  });

  it('the desk refuses a server on another machine over plain http; the server refuses such an ERP', () => {
    expect(() =>
      createDeskCore({
        dataDir: path.join(dir, 'desk'),
        serverUrl: 'http://10.1.2.3:7410',
        shell: 'web',
        locale: 'ru',
        version: 'test',
      }),
    ).toThrow(/not encrypted/);
    expect(() => checkErpUrl('http://erp.example.ru/opta/hs/rpc')).toThrow(/not encrypted/);
    expect(() => checkErpUrl('https://erp.example.ru/opta/hs/rpc')).not.toThrow();
    expect(() => checkErpUrl('http://127.0.0.1:7420/rpc')).not.toThrow();
  });
});
