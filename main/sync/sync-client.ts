// The desk's side of the sync socket: connects with the session token, pushes its outbox (all
// pending mutations, in sequence order, again after every reconnect: the server answers repeats
// without a second effect), pulls every batch above its cursor (asking for the next before
// applying the current, so network and disk overlap), pulls again when poked, keeps a heartbeat,
// renews an expired token, and reconnects with capped exponential backoff and jitter.
import WebSocket from 'ws';
import {
  MAX_MESSAGE_BYTES,
  MAX_PUSH_MUTATIONS,
  ServerMessage,
  type ClientMessage,
} from '../../domain/sync/sync-protocol';
import type { SyncTableName } from '../../domain/sync/sync-tables';
import type { ChangedRows, LocalChanges } from './local-changes';
import type { Replica } from './replica';

export type SyncConnection = 'offline' | 'connecting' | 'online';

/** A push frame's mutations stay under half the server's message limit (room for the envelope and escaping). */
const PUSH_FRAME_BYTES = MAX_MESSAGE_BYTES / 2;
/** Push frames a desk has unacknowledged at once (the server allows sync-socket.ts maxInFlight, well above). */
const PUSH_WINDOW = 8;

export interface SyncClientEvents {
  onConnection?(state: SyncConnection): void;
  onProgress?(progress: { done: number; total: number } | null): void;
  /** Rows changed in the replica by pulled batches or acknowledgements. */
  onApplied?(changed: ChangedRows, tables: SyncTableName[]): void;
  onCaughtUp?(at: Date): void;
  /** The outbox changed (acknowledged or rejected mutations). */
  onOutbox?(): void;
  /** The server asked for a replacement sync: every server row is read again. */
  onReset?(): void;
  /** A failure the user should know about (wrong token, protocol error); `fatal` stops retrying. */
  onError?(error: { code: string; message: string; fatal: boolean }): void;
}

export interface SyncClientOptions extends SyncClientEvents {
  serverUrl: string;
  token: () => string;
  /** Called when the server says the token expired; resolves true when a new one is in place. */
  renewToken?: () => Promise<boolean>;
  replica: Replica;
  changes: LocalChanges;
  batchRows?: number;
  backoff?: { initialMs: number; maxMs: number };
  heartbeatMs?: number;
  random?: () => number;
}

export interface SyncClient {
  start(): void;
  stop(): Promise<void>;
  /** Pull now (also used after a poke). */
  pull(): void;
  /** Push the outbox now (after a local mutation). */
  push(): void;
  /**
   * Sync now, as the user asked (or the system said the network is back): pull and push when
   * connected; when waiting to reconnect, reconnect at once instead of at the end of the backoff.
   */
  now(): void;
  /** Connected, not pulling, and holding everything the server has announced (head ≤ cursor). */
  caughtUp(): boolean;
  state(): SyncConnection;
}

/** Capped exponential backoff with full jitter: spreads reconnecting desks after a server restart. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + random() * (cap / 2));
}

const tablesOf = (changed: ChangedRows): SyncTableName[] => [...changed.keys()];

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { replica, changes } = options;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const random = options.random ?? Math.random;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let ws: WebSocket | null = null;
  let state: SyncConnection = 'offline';
  let stopped = true;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;
  let lastHeard = 0;
  let pulling = false;
  let pullAgain = false;
  /** Highest sequence sent on this connection (re-sent from the start after a reconnect). */
  let sentUpTo = 0;
  let progress: { done: number; total: number } | null = null;
  /** The newest head the server announced (welcome, poke, ack): past the cursor means behind. */
  let knownHead = 0;

  const setState = (s: SyncConnection): void => {
    if (s === state) return;
    state = s;
    options.onConnection?.(s);
  };

  const send = (msg: ClientMessage): void => {
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  };

  const requestPull = (): void => {
    if (state !== 'online') return;
    if (pulling) {
      pullAgain = true;
      return;
    }
    pulling = true;
    send({ type: 'pull', cursor: replica.cursor(), limit: options.batchRows });
  };

  // Push frames sent and not yet acknowledged: at most PUSH_WINDOW at a time. An offline day's
  // thousands of changes go out as the acks come back, not as hundreds of frames at once (the
  // server closes a connection with too many requests waiting).
  let framesInFlight = 0;
  const pushPending = (): void => {
    if (state !== 'online') return;
    // Only what this connection has not sent yet, read in chunks: an offline day may have queued
    // thousands of changes, and each new change must not re-read them all.
    while (framesInFlight < PUSH_WINDOW) {
      const chunk = changes.pendingAfter(sentUpTo, MAX_PUSH_MUTATIONS);
      if (chunk.length === 0) break;
      // Frames are bounded by bytes as well as by count: twenty 1,000-line edits of a big order
      // would pass the server's message limit in one frame, and it would close the connection.
      let frame: typeof chunk = [];
      let bytes = 0;
      const sendFrame = (): void => {
        send({ type: 'push', clientId: changes.clientId(), mutations: frame });
        framesInFlight++;
        sentUpTo = frame[frame.length - 1]!.seq;
        frame = [];
        bytes = 0;
      };
      for (const m of chunk) {
        const size = Buffer.byteLength(JSON.stringify(m));
        if (frame.length && bytes + size > PUSH_FRAME_BYTES) {
          sendFrame();
          if (framesInFlight >= PUSH_WINDOW) break;
        }
        frame.push(m);
        bytes += size;
      }
      if (frame.length && framesInFlight < PUSH_WINDOW) sendFrame();
    }
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
    lastHeard = Date.now();
    let msg: ServerMessage;
    try {
      msg = ServerMessage.parse(JSON.parse(raw.toString()));
    } catch {
      options.onError?.({
        code: 'protocol_error',
        message: 'Server sent a message outside the protocol',
        fatal: false,
      });
      ws?.close(1008);
      return;
    }
    switch (msg.type) {
      case 'welcome':
        knownHead = Math.max(knownHead, msg.headVersion);
        attempt = 0;
        sentUpTo = 0;
        framesInFlight = 0;
        setState('online');
        pushPending();
        requestPull();
        break;
      case 'batch': {
        // The answer to a pull from somewhere else than where the desk stands: that pull reached
        // the server twice (a link that duplicates frames), and its twin was answered already.
        // Following it would pull every later window twice, and set the cursor back.
        if (msg.from !== undefined && msg.from !== replica.cursor()) break;
        // Ask for the next batch first: the server reads it while this one is written to disk.
        if (!msg.done) send({ type: 'pull', cursor: msg.cursor, limit: options.batchRows });
        const rows = msg.changes.reduce((s, c) => s + c.rows.length, 0);
        const changed =
          rows > 0 || msg.cursor !== replica.cursor() || msg.done
            ? changes.applyServerBatch(msg.changes, msg.cursor, msg.done)
            : new Map();
        if (changed.size) options.onApplied?.(changed, tablesOf(changed));
        if ((!progress || progress.total === 0) && !msg.done)
          progress = { done: progress?.done ?? 0, total: rows + msg.remaining };
        if (progress) {
          progress = {
            done: progress.done + rows,
            total: Math.max(progress.total, progress.done + rows + msg.remaining),
          };
          options.onProgress?.(msg.done ? null : progress);
        }
        if (msg.done) {
          progress = null;
          pulling = false;
          if (changes.needsRebaseAll()) {
            const rebased = changes.rebaseAll();
            if (rebased.size) options.onApplied?.(rebased, tablesOf(rebased));
          }
          options.onCaughtUp?.(new Date());
          if (pullAgain) {
            pullAgain = false;
            requestPull();
          }
        }
        break;
      }
      case 'ack': {
        framesInFlight = Math.max(0, framesInFlight - 1);
        if (msg.version !== undefined) knownHead = Math.max(knownHead, msg.version);
        const changed = changes.ack(msg.results, msg.version);
        if (changed.size) options.onApplied?.(changed, tablesOf(changed));
        options.onOutbox?.();
        // A sequence gap means something was not received: send everything pending again.
        if (msg.results.some((r) => r.code === 'sequence_gap')) sentUpTo = 0;
        pushPending();
        break;
      }
      case 'poke':
        knownHead = Math.max(knownHead, msg.headVersion);
        if (msg.headVersion > replica.cursor()) requestPull();
        break;
      case 'reset':
        // Offline longer than the server keeps deletions: fetch everything again, keep the outbox.
        changes.reset();
        options.onReset?.();
        pulling = false;
        // Shown as loading until the fresh copy is in (the views are empty meanwhile).
        progress = { done: 0, total: 0 };
        options.onProgress?.(progress);
        requestPull();
        break;
      case 'pong':
        break;
      case 'error':
        // The socket outlived its token (or the account changed): the reconnect renews it unseen.
        if (msg.code === 'token_expired') break;
        options.onError?.({ code: msg.code, message: msg.message, fatal: false });
        break;
    }
  }

  function connect(): void {
    if (stopped) return;
    setState('connecting');
    pulling = false;
    pullAgain = false;
    const url = `${options.serverUrl.replace(/^http/, 'ws')}/sync`;
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${options.token()}` },
      maxPayload: MAX_MESSAGE_BYTES * 4,
      handshakeTimeout: 10_000,
    });
    ws = socket;
    let refused: string | null = null;
    socket.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        if (res.statusCode === 401) {
          refused = 'token_invalid';
          try {
            refused = (JSON.parse(body) as { error: { code: string } }).error.code;
          } catch {
            /* keep the generic code */
          }
        }
        socket.terminate();
      });
    });
    socket.on('open', () => {
      lastHeard = Date.now();
      heartbeat = setInterval(() => {
        // Silence for two beats: the link is dead even if TCP has not noticed; start over.
        if (Date.now() - lastHeard > heartbeatMs * 2) socket.terminate();
        else send({ type: 'ping', at: Date.now() });
      }, heartbeatMs);
    });
    socket.on('message', onMessage);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      if (ws === socket) ws = null;
      pulling = false;
      progress = null;
      setState('offline');
      if (refused) {
        const code = refused;
        if (code === 'token_expired' && options.renewToken) {
          void options
            .renewToken()
            .then((renewed) => {
              if (renewed) {
                attempt = 0;
                scheduleReconnect();
              } else options.onError?.({ code, message: 'The session expired', fatal: true });
            })
            .catch(() => scheduleReconnect());
          return;
        }
        options.onError?.({ code, message: 'The server did not accept the session', fatal: true });
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
    push: () => pushPending(),
    now() {
      if (stopped) return;
      if (state === 'online') {
        requestPull();
        pushPending();
        return;
      }
      // Waiting out a backoff (up to 30 s): the user or the network said now.
      if (timer) {
        clearTimeout(timer);
        timer = null;
        attempt = 0;
        connect();
      }
    },
    caughtUp: () => state === 'online' && !pulling && !pullAgain && knownHead <= replica.cursor(),
    state: () => state,
  };
}
