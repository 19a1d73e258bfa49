// The web shell host: serves the built renderer on loopback and bridges the desk contract over
// a WebSocket that requires the per-launch token and our own origin. The same renderer and the
// same `main/` core as the Electron app, usable from any Chromium (and by end-to-end tests).
import { MAX_ATTACHMENT_BYTES } from '../domain/aftersales/attachment';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDispatch } from '../domain/transport/dispatch';
import type { DeskCore } from '../main/desk-core';
import {
  WIRE_BODY_PATH,
  WIRE_TOKEN_HEADER,
  WireRequest,
  type WireEvent,
  type WireResponse,
} from '../domain/transport/desk-wire';
import { contentSecurityPolicy } from '../domain/transport/content-security';

export interface WebShellOptions {
  core: DeskCore;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  onInternalError?: (err: unknown, method: string) => void;
  /** Told of every call and how long the core took with it (debug logging). */
  onCall?: (method: string, ms: number) => void;
}

export interface WebShell {
  /** Address to open, with the launch token in the fragment (never sent in HTTP requests). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // PDF.js's worker is an ES module: a worker script must come with a JavaScript type.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

// A message carries at most one attachment as base64 (files.add / files.get), plus the envelope.
export const MAX_WIRE_BYTES = Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 1024 * 1024;

/** A response longer than this goes by fetch (see desk-wire.ts). */
const BODY_CHARS = 256 * 1024;
/** A body not fetched by then is dropped (its page went away). */
const BODY_TTL_MS = 60_000;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const dispatch = createDispatch(options.core.handlers, options.onInternalError);
  let origin = '';

  // Large responses waiting for their one fetch: key → JSON of the Result.
  const bodies = new Map<string, { text: string; timer: NodeJS.Timeout }>();
  const keepBody = (text: string): string => {
    const key = randomBytes(18).toString('base64url');
    const timer = setTimeout(() => bodies.delete(key), BODY_TTL_MS);
    timer.unref();
    bodies.set(key, { text, timer });
    return key;
  };

  // Only names of this machine: a page on a foreign name that resolves here (DNS rebinding) is
  // refused before it can read a file or reach the socket.
  let port = 0;
  const hostAllowed = (req: { headers: { host?: string } }): boolean =>
    [host, 'localhost', '127.0.0.1', '[::1]'].some((h) => req.headers.host === `${h}:${port}`);

  const http = createServer((req, res) => {
    if (!hostAllowed(req)) {
      res.writeHead(421, { 'content-type': 'text/plain' });
      res.end('Misdirected request');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith(WIRE_BODY_PATH)) {
      const body = bodies.get(url.pathname.slice(WIRE_BODY_PATH.length));
      const given = req.headers[WIRE_TOKEN_HEADER];
      if (!body || typeof given !== 'string' || !sameToken(given, token)) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
        return;
      }
      bodies.delete(url.pathname.slice(WIRE_BODY_PATH.length));
      clearTimeout(body.timer);
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(body.text);
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    if (rel === '/' || !path.extname(rel)) rel = '/index.html';
    const root = path.resolve(options.rendererDir);
    const file = path.resolve(root, `.${rel}`);
    // Inside the folder, not beside it: "/..%2Frenderer-old/x.js" resolves to a sibling whose name
    // starts with the folder's, and a bare prefix test let it through.
    if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy([origin.replace(/^http/, 'ws')]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': rel === '/index.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_BYTES });
  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token') ?? '';
    // Only pages we served may connect: a web page elsewhere cannot drive the desk.
    if (!hostAllowed(req) || url.pathname !== '/desk' || req.headers.origin !== origin || !sameToken(given, token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    const unsubscribe = options.core.subscribe((event, payload) => {
      if (ws.readyState !== ws.OPEN) return;
      const text = JSON.stringify(payload);
      if (text.length > BODY_CHARS) {
        const msg: WireEvent = { event, body: keepBody(text) };
        ws.send(JSON.stringify(msg));
      } else ws.send(`{"event":${JSON.stringify(event)},"payload":${text}}`);
    });
    ws.on('close', unsubscribe);
    ws.on('error', () => undefined);
    ws.on('message', (data) => {
      let request: WireRequest;
      try {
        const parsed = WireRequest.safeParse(JSON.parse(data.toString()));
        if (!parsed.success) throw new Error('not a request');
        request = parsed.data;
      } catch {
        const msg: WireResponse = {
          id: null,
          result: { ok: false, error: { code: 'protocol_error', message: 'Not a desk request' } },
        };
        ws.send(JSON.stringify(msg));
        return;
      }
      // One request per turn of the event loop: ws hands over every frame of a read at once, and
      // answered in one go a view's page requests would all wait for the last (no overlap).
      setImmediate(() => {
        const started = performance.now();
        void dispatch(request.method, request.input).then((result) => {
          options.onCall?.(request.method, performance.now() - started);
          if (ws.readyState !== ws.OPEN) return;
          const text = JSON.stringify(result);
          if (text.length > BODY_CHARS) {
            const msg: WireResponse = { id: request.id, body: keepBody(text) };
            ws.send(JSON.stringify(msg));
          } else ws.send(`{"id":${request.id},"result":${text}}`);
        });
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://${host}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      for (const { timer } of bodies.values()) clearTimeout(timer);
      bodies.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections?.();
    },
  };
}
