// Signing in to the central server: a login and password checked against the slow hash (the
// same time whether the login exists or not), a short-lived access token, and a refresh token
// (sessions.ts: rotated on every use, in a family that ends) that lets a desk back from days
// offline rejoin without its user typing the password and without losing its queue. Every request
// and socket names its user by the access token; an inactive or deleted user is refused. A
// one-time password (an invitation, a reset) signs in only far enough to choose one's own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CodedError } from '../../domain/errors';
import { SessionUser } from '../../domain/roles';
import { clientAddress, readBody, sendError, sendJson } from '../http-io';
import { hashPassword, needsRehash, verifyPassword } from '../passwords';
import { createLoginGuard, type LoginGuard } from './login-guard';
import { createSessions, type Sessions } from './sessions';
import type { CentralStore } from '../store';
import { createTokenIssuer, newSecret, type TokenIssuer } from '../tokens';

const LoginBody = z.object({ login: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }).strict();
/** How long a one-time password's holder has to choose their own. */
const PASSWORD_CHANGE_TTL_SECONDS = 15 * 60;
/** Checked when the login is unknown, so the answer takes as long as for a real one. */
const DUMMY_HASH = 'scrypt$65536$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface Auth {
  tokens: TokenIssuer;
  sessions: Sessions;
  guard: LoginGuard;
  /** POST /api/login */
  login(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** POST /api/refresh */
  refresh(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** POST /api/logout: the refresh token's family revoked. */
  logout(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The answer to a sign-in that passed: a session, or only a password change when one is owed. */
  signedIn(res: ServerResponse, userId: number): Promise<void>;
  /** The user a request's bearer token names (active), or token_invalid / token_expired. */
  authenticate(req: IncomingMessage): Promise<SessionUser>;
  /** The user an access token names (active), or token_invalid / token_expired. */
  userOfToken(token: string): Promise<SessionUser>;
  /** The same, with when the token expires; a one-time password's token only when `forPasswordChange`. */
  verifiedUser(token: string, forPasswordChange?: boolean): Promise<{ user: SessionUser; expiresAtMs: number }>;
}

export interface AuthOptions {
  store: CentralStore;
  log: Logger;
  now: () => number;
  tokenTtlSeconds: number;
  /** A refresh token unused this long expires. */
  refreshTtlSeconds: number;
  /** A session (sign-in) ends this long after it began, renewed or not. */
  sessionMaxSeconds: number;
  /** Failed sign-ins counted and checks capped (login-guard.ts); its defaults when not given. */
  loginGuard?: LoginGuard;
}

/** The token signing key: OPTA_TOKEN_SECRET, or one generated once per installation and kept in the store. */
async function tokenSecret(store: CentralStore): Promise<string> {
  if (process.env.OPTA_TOKEN_SECRET) return process.env.OPTA_TOKEN_SECRET;
  const existing = await store.queryObjects<{ value: string }>(
    `SELECT value FROM server_settings WHERE key = 'token_secret'`,
  );
  if (existing[0]) return existing[0].value;
  await store.queryObjects(
    `INSERT INTO server_settings (key, value) VALUES ('token_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [newSecret()],
  );
  const [row] = await store.queryObjects<{ value: string }>(
    `SELECT value FROM server_settings WHERE key = 'token_secret'`,
  );
  return row!.value;
}

/** The refresh token a request's body carries ({refreshToken}), or null when it is not one. */
async function refreshTokenOf(req: IncomingMessage): Promise<string | null> {
  try {
    const body = JSON.parse(await readBody(req, 4096)) as { refreshToken?: unknown };
    return typeof body.refreshToken === 'string' && body.refreshToken.length <= 200 ? body.refreshToken : null;
  } catch {
    return null;
  }
}

export async function loadUser(store: CentralStore, id: number): Promise<SessionUser | null> {
  const [row] = await store.queryObjects<{
    id: number;
    login: string;
    name: string;
    role: string;
    active: boolean;
    deleted: boolean;
  }>(`SELECT id, login, name, role, active, deleted FROM users WHERE id = $1`, [id]);
  if (!row || !row.active || row.deleted) return null;
  return SessionUser.parse({ id: row.id, login: row.login, name: row.name, role: row.role });
}

export async function createAuth({
  store,
  log,
  now,
  tokenTtlSeconds,
  refreshTtlSeconds,
  sessionMaxSeconds,
  loginGuard,
}: AuthOptions): Promise<Auth> {
  const tokens = createTokenIssuer(await tokenSecret(store), tokenTtlSeconds, now);
  const guard = loginGuard ?? createLoginGuard();
  const sessions = createSessions(
    store,
    { idleSeconds: refreshTtlSeconds, absoluteSeconds: Math.max(sessionMaxSeconds, 60) },
    now,
  );

  async function verifiedUser(token: string, forPasswordChange = false) {
    const claims = await tokens.verify(token);
    if (claims.purpose === 'password' && !forPasswordChange)
      throw new CodedError('password_change_required', 'Choose a password of your own first');
    const user = await loadUser(store, claims.userId);
    if (!user) throw new CodedError('token_invalid', 'User is not active');
    // A token given for another role does not carry over: its holder signs in again.
    if (user.role !== claims.role) throw new CodedError('token_invalid', 'The role changed');
    return { user, expiresAtMs: claims.expiresAtMs ?? 0 };
  }

  async function signedIn(res: ServerResponse, userId: number): Promise<void> {
    const user = await loadUser(store, userId);
    if (!user) return sendError(res, 401, 'wrong_credentials', 'Wrong login or password');
    const [account] = await store.queryObjects<{ must_change_password: boolean }>(
      `SELECT must_change_password FROM users WHERE id = $1`,
      [userId],
    );
    if (account?.must_change_password) {
      const { token, expiresAt } = await tokens.issue(
        { userId, role: user.role, purpose: 'password' },
        PASSWORD_CHANGE_TTL_SECONDS,
      );
      return sendJson(res, 200, { passwordChange: { token, expiresAt }, user });
    }
    const { token, expiresAt } = await tokens.issue({ userId: user.id, role: user.role });
    sendJson(res, 200, { token, expiresAt, refreshToken: await sessions.start(user.id), user });
  }

  return {
    tokens,
    sessions,
    guard,
    signedIn,
    verifiedUser,
    async login(req, res) {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req, 16 * 1024));
      } catch (err) {
        const code = err instanceof CodedError ? err.code : 'bad_input';
        return sendError(res, 400, code, 'Body must be JSON {login, password}');
      }
      const parsed = LoginBody.safeParse(body);
      if (!parsed.success) return sendError(res, 400, 'bad_input', 'Body must be JSON {login, password}');
      const { login, password } = parsed.data;
      const address = clientAddress(req);
      const tooMany = (seconds: number, message: string) => {
        res.setHeader('retry-after', String(seconds));
        sendError(res, 429, 'too_many_attempts', `${seconds}:${message}`);
      };
      const admitted = await guard.admit(login, address);
      if (!admitted.ok) {
        log.warn({ login, address, retryAfter: admitted.retryAfterSeconds }, 'login refused: too many attempts');
        return tooMany(admitted.retryAfterSeconds, 'Too many sign-in attempts');
      }
      const [row] = await store.queryObjects<{
        id: number;
        password_hash: string;
        active: boolean;
        deleted: boolean;
      }>(`SELECT id, password_hash, active, deleted FROM users WHERE lower(login) = lower($1)`, [login]);
      const checked = await guard.check(() => verifyPassword(password, row?.password_hash ?? DUMMY_HASH));
      if (!checked.ok) return tooMany(checked.retryAfterSeconds, 'The server is busy checking sign-ins');
      if (!row || !checked.value || !row.active || row.deleted) {
        await guard.failed(login, address);
        log.info({ login }, 'login refused');
        return sendError(res, 401, 'wrong_credentials', 'Wrong login or password');
      }
      await guard.succeeded(login, address);
      // A hash made with an older, cheaper cost is made again now that the password is known.
      // (A busy server leaves it for another sign-in.)
      if (needsRehash(row.password_hash)) {
        const rehashed = await guard.check(() => hashPassword(password));
        if (rehashed.ok)
          await store.queryObjects(`UPDATE users SET password_hash = $2 WHERE id = $1`, [row.id, rehashed.value]);
      }
      log.info({ userId: row.id }, 'login');
      await signedIn(res, row.id);
    },
    async refresh(req, res) {
      const refreshToken = await refreshTokenOf(req);
      if (refreshToken === null) return sendError(res, 400, 'bad_input', 'Body must be JSON {refreshToken}');
      const renewal = await sessions.renew(refreshToken);
      if (!renewal.ok) {
        if (renewal.why === 'reused') log.warn('refresh token used twice: its session is revoked');
        return sendError(res, 401, 'token_invalid', 'Refresh token is not valid');
      }
      const user = await loadUser(store, renewal.userId);
      if (!user) return sendError(res, 401, 'token_invalid', 'User is not active');
      const { token, expiresAt } = await tokens.issue({ userId: user.id, role: user.role });
      sendJson(res, 200, { token, expiresAt, refreshToken: renewal.refreshToken, user });
    },
    async logout(req, res) {
      const refreshToken = await refreshTokenOf(req);
      if (refreshToken === null) return sendError(res, 400, 'bad_input', 'Body must be JSON {refreshToken}');
      await sessions.end(refreshToken);
      sendJson(res, 200, { ok: true });
    },
    async authenticate(req) {
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ')) throw new CodedError('token_invalid', 'Missing bearer token');
      return (await verifiedUser(auth.slice(7))).user;
    },
    userOfToken: async (token) => (await verifiedUser(token)).user,
  };
}
