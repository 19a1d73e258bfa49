// The central server's HTTP plumbing: JSON answers and coded errors, request bodies read with a
// size limit (refused while streaming, not after), a refused socket upgrade, and routes that
// need a signed-in user.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CodedError, type ErrorCode } from '../domain/errors';
import type { SessionUser } from '../domain/roles';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new CodedError('message_too_large', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function rejectUpgrade(socket: Duplex, status: number, code: ErrorCode, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  socket.write(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  socket.destroy();
}

/** Runs a route for the user the request's bearer token names, or answers 401. */
export async function asUser(
  authenticate: (req: IncomingMessage) => Promise<SessionUser>,
  req: IncomingMessage,
  res: ServerResponse,
  route: (user: SessionUser) => Promise<void>,
): Promise<void> {
  let user: SessionUser;
  try {
    user = await authenticate(req);
  } catch (err) {
    return sendError(
      res,
      401,
      err instanceof CodedError ? err.code : 'token_invalid',
      err instanceof Error ? err.message : 'Bad token',
    );
  }
  return route(user);
}

/**
 * The address a request came from, for limits per address: the socket's, or, when the socket is a
 * reverse proxy named in OPTA_TRUSTED_PROXIES (comma-separated addresses), the nearest address
 * in X-Forwarded-For that is not one of those proxies (the rest of that header anyone can forge).
 */
export function clientAddress(req: IncomingMessage, trusted = trustedProxies()): string {
  const peer = normalise(req.socket.remoteAddress ?? 'unknown');
  if (!trusted.has(peer)) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((a) => normalise(a.trim()))
    .filter(Boolean);
  for (let i = forwarded.length - 1; i >= 0; i--) if (!trusted.has(forwarded[i]!)) return forwarded[i]!;
  return peer;
}

const normalise = (address: string): string => address.replace(/^::ffff:/, '');

function trustedProxies(): Set<string> {
  return new Set(
    (process.env.OPTA_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((a) => normalise(a.trim()))
      .filter(Boolean),
  );
}
