// The central server's HTTP API as the desk uses it: sign-in, renewing the access token with the
// refresh token, and the calls of the admin tools and on-demand ERP reads with the session's
// token (renewed once on a 401). Failures become coded errors the UI can translate.
import { z } from 'zod';
import { CodedError, type ErrorCode } from '../../domain/errors';
import { SessionUser } from '../../domain/roles';

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  refreshToken: z.string(),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** Where the session keeps its tokens (the replica's desk state). */
export interface TokenStore {
  token(): string;
  refreshToken(): string | null;
  save(token: string, refreshToken: string): void;
}

export interface ServerCalls {
  /** A call with the session's token; renews it once when the server says it expired. */
  call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T>;
  /** Renews the access token; false when the server refuses the refresh token. Throws when unreachable. */
  renew(): Promise<boolean>;
}

const PASSED_ON: ReadonlySet<string> = new Set(['forbidden', 'not_found', 'bad_input', 'erp_unavailable']);

export async function signIn(serverUrl: string, login: string, password: string): Promise<LoginResponse> {
  let res: Response;
  try {
    res = await fetch(`${serverUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new CodedError('server_unreachable', `Cannot reach ${serverUrl}`);
  }
  if (res.status === 401) throw new CodedError('wrong_credentials', 'Wrong login or password');
  if (res.status === 429) {
    const wait = Number(res.headers.get('retry-after')) || 60;
    throw new CodedError('too_many_attempts', String(wait));
  }
  if (!res.ok) throw new CodedError('server_unreachable', `Server answered ${res.status}`);
  return LoginResponse.parse(await res.json());
}

export function serverCalls(serverUrl: string, tokens: TokenStore): ServerCalls {
  async function renew(): Promise<boolean> {
    const refreshToken = tokens.refreshToken();
    if (!refreshToken) return false;
    let res: Response;
    try {
      res = await fetch(`${serverUrl}/api/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      // Server unreachable: not a verdict on the token; the reconnect loop tries again.
      throw new Error('refresh unreachable');
    }
    if (!res.ok) return false;
    const body = LoginResponse.parse(await res.json());
    tokens.save(body.token, body.refreshToken);
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

  return { call, renew };
}
