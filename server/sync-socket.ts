// The sync WebSocket of each signed-in desk: the welcome with the server's head, pulls answered in
// bounded batches (a reset when the desk's cursor is older than the tombstone horizon), pushes
// applied in order and acknowledged with the version their rows reach, pokes after any commit in
// the desk's scope (coalesced while the desk is pulling), heartbeats that end dead links. Every
// message is size-limited and schema-checked; one bad client is closed, the others go on.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorCode } from '../domain/errors';
import type { SessionUser } from '../domain/roles';
import {
  ClientMessage,
  DEFAULT_BATCH_ROWS,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  type ServerMessage,
} from '../domain/sync/sync-protocol';
import { inAudience } from './audience';
import type { ChangeFeed } from './change-feed';
import { batchMessage, countAbove, headVersion, readBatch, tombstoneHorizon } from './pull';
import { applyPush } from './push';
import { createPushTiming, type PushTiming } from './push-timing';
import type { CentralStore } from './store';

export interface SyncSockets {
  /** Takes an upgraded request of a user already authenticated. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, user: SessionUser, expiresAtMs?: number): void;
  connections(): number;
  /** The server's own time per push (arrival to acknowledgement). */
  pushTiming: PushTiming;
  close(): void;
}

export interface SyncSocketOptions {
  store: CentralStore;
  feed: ChangeFeed;
  log: Logger;
  now: () => number;
  heartbeatMs: number;
  /** The user as the store has them now (null: deactivated); asked when their account changes. */
  currentUser?: (id: number) => Promise<SessionUser | null>;
  /** Open sockets per user; a new one beyond closes that user's oldest (a desk's dead link, mostly). */
  maxSocketsPerUser?: number;
  /** Pushes and pulls one socket may have waiting; past it the socket is closed (a flood, not a desk). */
  maxInFlight?: number;
}

export function createSyncSockets({
  store,
  feed,
  log,
  now,
  heartbeatMs,
  currentUser,
  maxSocketsPerUser = 4,
  maxInFlight = 32,
}: SyncSocketOptions): SyncSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const pushTiming = createPushTiming();
  const alive = new WeakMap<WebSocket, boolean>();
  const users = new Map<WebSocket, SessionUser>();
  // After any commit (on this instance or another), poke the desks that can see what changed.
  // Pokes are coalesced: a desk in the middle of a pull is poked once when that pull ends.
  const pulling = new Set<WebSocket>();
  const pokeOwed = new Set<WebSocket>();
  const unsubscribeFeed = feed.subscribe((audiences, head, accounts) => {
    if (accounts?.length) recheckAccounts(accounts);
    for (const [ws, u] of users) {
      if (!audiences.some((a) => inAudience(a, u.id))) continue;
      if (pulling.has(ws)) pokeOwed.add(ws);
      else send(ws, { type: 'poke', headVersion: head });
    }
  });

  function send(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  function closeWithError(ws: WebSocket, code: ErrorCode, message: string, closeCode: number): void {
    send(ws, { type: 'error', code, message });
    ws.close(closeCode, code);
  }

  /**
   * Sockets of users whose account changed: closed when the user is deactivated or has another
   * role now (the desk then signs in again), or when their view of the data changed (the desk
   * reconnects and its first pull starts a replacement sync).
   */
  function recheckAccounts(ids: number[]): void {
    for (const [ws, u] of users) {
      if (!ids.includes(u.id)) continue;
      void (currentUser ? currentUser(u.id) : Promise.resolve(u))
        .then((now) => {
          if (!now) closeWithError(ws, 'token_invalid', 'The account was deactivated', 4001);
          else if (now.role !== u.role) closeWithError(ws, 'token_invalid', 'The role changed: sign in again', 4001);
          else closeWithError(ws, 'token_expired', 'The account changed: connect again', 4000);
        })
        .catch((err: unknown) => log.warn({ err, userId: u.id }, 'account check failed'));
    }
  }

  function onConnection(ws: WebSocket, user: SessionUser, expiresAtMs: number): void {
    alive.set(ws, true);
    const mine = [...users].filter(([, u]) => u.id === user.id).map(([s]) => s);
    for (const old of mine.slice(0, Math.max(0, mine.length - maxSocketsPerUser + 1)))
      closeWithError(old, 'protocol_error', 'Too many connections for this user: the oldest is closed', 4008);
    users.set(ws, user);
    let inFlight = 0;
    ws.on('pong', () => alive.set(ws, true));
    log.info({ userId: user.id }, 'desk connected');
    // The socket lives no longer than its token: the desk renews and connects again.
    const expiry =
      expiresAtMs > 0
        ? setTimeout(
            () => closeWithError(ws, 'token_expired', 'The token expired', 4000),
            Math.max(0, expiresAtMs - now()),
          )
        : null;
    expiry?.unref();
    // The first pull of a connection checks whether this user's view changed since the cursor.
    let scopeChecked = false;
    // Remaining-row estimate for progress: counted once per catch-up, then decremented.
    let remaining: number | null = null;
    // Pushes in order, pulls in order, but a push never waits behind a pull (or a pull behind a
    // push): an acknowledgement's latency is the push's own work.
    let pushChain = Promise.resolve();
    let pullChain = Promise.resolve();

    headVersion(store)
      .then((head) =>
        send(ws, {
          type: 'welcome',
          protocol: PROTOCOL_VERSION,
          user,
          serverTime: new Date(now()).toISOString(),
          headVersion: head,
        }),
      )
      .catch((err: unknown) => {
        // The database is unreachable: the desk keeps its outbox and tries again later.
        log.error({ err, userId: user.id }, 'welcome failed');
        closeWithError(ws, 'internal', 'Sync failed', 1011);
      });

    const failed = (err: unknown): void => {
      log.error({ err, userId: user.id }, 'sync message failed');
      closeWithError(ws, 'internal', 'Sync failed', 1011);
    };

    const push = async (msg: Extract<ClientMessage, { type: 'push' }>, arrived: number): Promise<void> => {
      const outcome = await applyPush(
        store,
        user,
        msg.clientId,
        msg.mutations,
        () => new Date(now()),
        (err) => log.error({ err, userId: user.id }, 'push failed'),
      );
      // The version below which the push's rows are committed: the head it moved, or (answers
      // only, e.g. a resent push) the head now, which is past the first time's commit.
      const version = outcome.head || (await headVersion(store));
      send(ws, { type: 'ack', results: outcome.results, version });
      // A refused change is the user's work not taken: the server says so in its log, with why.
      for (const r of outcome.results)
        if (r.status === 'rejected')
          log.warn(
            { userId: user.id, result: r, mutation: msg.mutations.find((m) => m.seq === r.seq)?.name },
            'change refused',
          );
      pushTiming.record(now(), performance.now() - arrived);
      if (outcome.audiences.length) await feed.publish(outcome.audiences, outcome.head);
      // The rest got no answer, and a desk sends a change once per connection: it sends them
      // again when it connects again (a connection the database had just cut, say).
      if (outcome.failed) closeWithError(ws, 'internal', 'Sync failed', 1011);
    };

    const pull = async (msg: Extract<ClientMessage, { type: 'pull' }>): Promise<void> => {
      const limit = msg.limit ?? DEFAULT_BATCH_ROWS;
      // A cursor below the tombstone horizon may have missed deletions: replacement sync.
      if (msg.cursor > 0 && msg.cursor < (await tombstoneHorizon(store)))
        return send(ws, { type: 'reset', reason: 'cursor_older_than_horizon' });
      if (!scopeChecked && msg.cursor > 0) {
        scopeChecked = true;
        const [row] = await store.queryArrays(`SELECT scope_reset_version FROM users WHERE id = $1`, [user.id]);
        if (msg.cursor < Number(row?.[0] ?? 0)) return send(ws, { type: 'reset', reason: 'scope_changed' });
      }
      pulling.add(ws);
      const batch = await readBatch(store, user, msg.cursor, limit);
      // Progress needs a total only for a long catch-up, not for the small pulls after a poke,
      // nor for one that fell short only because commits landed while it read (the head moved
      // less than a batch past it): under load that is most pulls, and counting is a scan.
      if (remaining === null)
        remaining = batch.done || batch.head - batch.cursor <= limit ? 0 : await countAbove(store, user, msg.cursor);
      remaining = batch.done ? 0 : Math.max(0, remaining - batch.rows);
      if (ws.readyState === ws.OPEN) ws.send(batchMessage(batch, remaining, msg.cursor));
      if (batch.done) {
        remaining = null;
        pulling.delete(ws);
        // Commits that poked while this pull ran: one poke for all of them.
        if (pokeOwed.delete(ws)) send(ws, { type: 'poke', headVersion: await headVersion(store) });
      }
    };

    ws.on('message', (data, isBinary) => {
      const arrived = performance.now();
      if (isBinary) return closeWithError(ws, 'protocol_error', 'Binary messages are not part of the protocol', 1003);
      let msg: ClientMessage;
      try {
        const parsed = ClientMessage.safeParse(JSON.parse(data.toString()));
        if (!parsed.success)
          return closeWithError(
            ws,
            'protocol_error',
            `Not a protocol message: ${parsed.error.issues[0]?.message ?? ''}`,
            1008,
          );
        msg = parsed.data;
      } catch {
        return closeWithError(ws, 'protocol_error', 'Message is not valid JSON', 1007);
      }
      if (msg.type === 'ping') return send(ws, { type: 'pong', at: msg.at });
      if (++inFlight > maxInFlight)
        return closeWithError(ws, 'protocol_error', 'Too many requests waiting on one connection', 1008);
      const settle = () => void inFlight--;
      if (msg.type === 'push')
        pushChain = pushChain
          .then(() => push(msg, arrived))
          .catch(failed)
          .finally(settle);
      else
        pullChain = pullChain
          .then(() => pull(msg))
          .catch(failed)
          .finally(settle);
    });
    ws.on('close', () => {
      if (expiry) clearTimeout(expiry);
      users.delete(ws);
      pulling.delete(ws);
      pokeOwed.delete(ws);
      log.info({ userId: user.id }, 'desk disconnected');
    });
    ws.on('error', (err) => log.warn({ err: err.message, userId: user.id }, 'socket error'));
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    accept: (req, socket, head, user, expiresAtMs = 0) =>
      wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, user, expiresAtMs)),
    connections: () => wss.clients.size,
    pushTiming,
    close() {
      clearInterval(heartbeat);
      unsubscribeFeed();
      for (const ws of wss.clients) ws.terminate();
    },
  };
}
