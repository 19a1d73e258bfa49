// The central server's HTTP API as the desk uses it: sign-in (or, after a one-time password, the
// token that only lets one choose a password), one's own password, sign-out, renewing the access
// token with the refresh token (one renewal at a time: the server takes a refresh token once),
// and the calls of the admin tools and on-demand ERP reads with the session's token (renewed once
// on a 401). Failures become coded errors the UI can translate.
import { z } from 'zod';
import { CodedError, type ErrorCode } from '../../domain/errors';
import { SessionUser } from '../../domain/roles';
import { plainBox, type SecretBox } from './secret-box';

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Signed in with a one-time password: a token good only for choosing one's own. */
export const PasswordChangeResponse = z.object({
  passwordChange: z.object({ token: z.string(), expiresAt: z.string() }),
  user: SessionUser,
});
export type PasswordChangeResponse = z.infer<typeof PasswordChangeResponse>;

/** Where the session keeps its tokens (the replica's desk state); the refresh token sealed. */
export interface TokenStore {
  token(): string;
  sealedRefreshToken(): string | null;
  save(token: string, sealedRefreshToken: string): void;
}

export interface ServerCalls {
  /** A call with the session's token; renews it once when the server says it expired. */
  call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  /** Renews the access token; false when the server refuses the refresh token. Throws when unreachable. */
  renew(): Promise<boolean>;
  /** Ends the session on the server (best effort: offline, it ends when its tokens expire). */
  logout(): Promise<void>;
}

const PASSED_ON: ReadonlySet<string> = new Set(['forbidden', 'not_found', 'bad_input', 'erp_unavailable', 'locked']);

async function postSignIn(
  serverUrl: string,
  route: string,
  body: unknown,
  token?: string,
): Promise<LoginResponse | PasswordChangeResponse> {
  let res: Response;
  try {
    res = await fetch(`${serverUrl}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new CodedError('server_unreachable', `Cannot reach ${serverUrl}`);
  }
  if (res.status === 429) {
    const wait = Number(res.headers.get('retry-after')) || 60;
    throw new CodedError('too_many_attempts', String(wait));
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (res.status === 400 && json.error?.code === 'weak_password')
    throw new CodedError('weak_password', json.error.message ?? 'too_short');
  if (res.status === 401)
    throw json.error?.code === 'token_invalid' || json.error?.code === 'token_expired'
      ? new CodedError('token_expired', 'Sign in again')
      : new CodedError('wrong_credentials', 'Wrong login or password');
  if (!res.ok) throw new CodedError('server_unreachable', `Server answered ${res.status}`);
  return z.union([LoginResponse, PasswordChangeResponse]).parse(json);
}

/** A session, or (after a one-time password) the token for choosing one's own password. */
export async function signIn(
  serverUrl: string,
  login: string,
  password: string,
): Promise<LoginResponse | PasswordChangeResponse> {
  return postSignIn(serverUrl, '/api/login', { login, password });
}

/** One's own password (with the current or one-time one, and a token); answers a fresh session. */
export async function changePassword(
  serverUrl: string,
  token: string,
  current: string,
  next: string,
): Promise<LoginResponse> {
  const r = await postSignIn(serverUrl, '/api/password', { current, next }, token);
  if ('passwordChange' in r) throw new CodedError('internal', 'The server asked for another password change');
  return r;
}

export function serverCalls(serverUrl: string, tokens: TokenStore, box: SecretBox = plainBox): ServerCalls {
  const refreshToken = async (): Promise<string | null> => {
    const sealed = tokens.sealedRefreshToken();
    return sealed ? box.open(sealed).catch(() => null) : null;
  };
  // The socket and an API call may both find the token expired at once: one renewal serves both
  // (a refresh token presented twice would end the session as stolen).
  let renewing: Promise<boolean> | null = null;
  function renew(): Promise<boolean> {
    renewing ??= renewOnce().finally(() => (renewing = null));
    return renewing;
  }
  async function renewOnce(): Promise<boolean> {
    const token = await refreshToken();
    if (!token) return false;
    let res: Response;
    try {
      res = await fetch(`${serverUrl}/api/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: token }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      // Server unreachable: not a verdict on the token; the reconnect loop tries again.
      throw new Error('refresh unreachable');
    }
    if (!res.ok) return false;
    const body = LoginResponse.parse(await res.json());
    tokens.save(body.token, await box.seal(body.refreshToken));
    return true;
  }

  async function call<T>(method: 'GET' | 'POST', route: string, body?: unknown, retried = false): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${serverUrl}${route}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.token()}` },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      throw new CodedError('offline', `Cannot reach ${serverUrl}`);
    }
    if (res.status === 401 && !retried && (await renew().catch(() => false))) return call(method, route, body, true);
    const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } } & T;
    if (!res.ok) {
      const code = json.error?.code;
      throw new CodedError(
        code && PASSED_ON.has(code) ? (code as ErrorCode) : 'internal',
        json.error?.message ?? `Server answered ${res.status}`,
      );
    }
    return json;
  }

  async function logout(): Promise<void> {
    const token = await refreshToken();
    if (!token) return;
    await fetch(`${serverUrl}/api/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: token }),
      signal: AbortSignal.timeout(5_000),
    }).catch(() => undefined);
  }

  return { call, renew, logout };
}
