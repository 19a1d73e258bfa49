// The desk's side of the sync socket: connects with the session token, pulls every batch above
// its cursor (asking for the next one before applying the current, so network and disk overlap),
// pulls again when poked, and reconnects with capped exponential backoff and jitter.
import WebSocket from 'ws';
import { MAX_MESSAGE_BYTES, ServerMessage, type ClientMessage } from '../domain/sync-protocol';
import type { SyncTableName } from '../domain/sync-tables';
import type { Replica } from './replica';

export type SyncConnection = 'offline' | 'connecting' | 'online';

export interface SyncClientEvents {
  onConnection?(state: SyncConnection): void;
  onProgress?(progress: { done: number; total: number } | null): void;
  onApplied?(tables: SyncTableName[]): void;
  onCaughtUp?(at: Date): void;
  /** A failure the user should know about (wrong token, protocol error); `fatal` stops retrying. */
  onError?(error: { code: string; message: string; fatal: boolean }): void;
}

export interface SyncClientOptions extends SyncClientEvents {
  serverUrl: string;
  token: () => string;
  replica: Replica;
  batchRows?: number;
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

export interface SyncClient {
  start(): void;
  stop(): Promise<void>;
  /** Pull now (also used after a poke). */
  pull(): void;
  state(): SyncConnection;
}

/** Capped exponential backoff with full jitter: spreads reconnecting desks after a server restart. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { replica } = options;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const random = options.random ?? Math.random;
  let ws: WebSocket | null = null;
  let state: SyncConnection = 'offline';
  let stopped = true;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let pulling = false;
  let pullAgain = false;
  let requestedCursor = 0;
  let progress: { done: number; total: number } | null = null;

  const setState = (s: SyncConnection): void => {
    if (s === state) return;
    state = s;
    options.onConnection?.(s);
  };

  const send = (msg: ClientMessage): void => {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  };

  const requestPull = (): void => {
    if (pulling) {
      pullAgain = true;
      return;
    }
    pulling = true;
    requestedCursor = replica.cursor();
    send({ type: 'pull', cursor: requestedCursor, limit: options.batchRows });
  };

  const scheduleReconnect = (): void => {
    if (stopped || timer) return;
    const delay = backoffDelay(attempt++, backoff.initialMs, backoff.maxMs, random);
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
  };

  function onMessage(raw: WebSocket.RawData): void {
    let msg: ServerMessage;
    try {
      msg = ServerMessage.parse(JSON.parse(raw.toString()));
    } catch {
      options.onError?.({ code: 'protocol_error', message: 'Server sent a message outside the protocol', fatal: false });
      ws?.close(1008);
      return;
    }
    switch (msg.type) {
      case 'welcome':
        attempt = 0;
        setState('online');
        requestPull();
        break;
      case 'batch': {
        // Ask for the next batch first: the server reads it while this one is written to disk.
        if (!msg.done) {
          requestedCursor = msg.cursor;
          send({ type: 'pull', cursor: msg.cursor, limit: options.batchRows });
        }
        const rows = msg.changes.reduce((s, c) => s + c.rows.length, 0);
        const touched = rows > 0 || msg.cursor !== replica.cursor() ? replica.applyBatch(msg.changes, msg.cursor) : [];
        if (touched.length) options.onApplied?.(touched);
        if (!progress && !msg.done) progress = { done: 0, total: rows + msg.remaining };
        if (progress) {
          progress = { done: progress.done + rows, total: Math.max(progress.total, progress.done + rows + msg.remaining) };
          options.onProgress?.(msg.done ? null : progress);
        }
        if (msg.done) {
          progress = null;
          pulling = false;
          options.onCaughtUp?.(new Date());
          if (pullAgain) {
            pullAgain = false;
            requestPull();
          }
        }
        break;
      }
      case 'poke':
        if (msg.headVersion > replica.cursor()) requestPull();
        break;
      case 'pong':
        break;
      case 'error':
        options.onError?.({ code: msg.code, message: msg.message, fatal: false });
        break;
    }
  }

  function connect(): void {
    if (stopped) return;
    setState('connecting');
    pulling = false;
    const url = `${options.serverUrl.replace(/^http/, 'ws')}/sync`;
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${options.token()}` }, maxPayload: MAX_MESSAGE_BYTES * 4, handshakeTimeout: 10_000 });
    ws = socket;
    let unauthorized = false;
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        if (res.statusCode === 401) {
          unauthorized = true;
          let code = 'token_invalid';
          try {
            code = JSON.parse(body).error.code;
          } catch {
            /* keep the generic code */
          }
          options.onError?.({ code, message: 'The server did not accept the session', fatal: true });
        }
        socket.terminate();
      });
    });
    socket.on('message', onMessage);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (ws === socket) ws = null;
      pulling = false;
      progress = null;
      setState('offline');
      if (unauthorized) {
        stopped = true;
        return;
      }
      scheduleReconnect();
    });
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      connect();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const socket = ws;
      ws = null;
      if (socket && socket.readyState !== WebSocket.CLOSED) {
        await new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.terminate();
        });
      }
      setState('offline');
    },
    pull: () => requestPull(),
    state: () => state,
  };
}
