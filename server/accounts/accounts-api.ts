// The accounts' HTTP API: for admins, the staff list with their accounts, one-time passwords
// (invite, reset), role, team and deactivation, a new admin account, and the audit log; for
// everyone, choosing one's own password (with the current or the one-time one), after which the
// desk is signed in afresh and every other session of that user ends.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { NewAdminFields } from '../../domain/accounts/account-fields';
import { passwordProblem } from '../../domain/accounts/password-rules';
import { CodedError } from '../../domain/errors';
import { Role, type SessionUser } from '../../domain/roles';
import type { Auth } from '../auth/sign-in';
import { endSessionsOf } from '../auth/sessions';
import type { ChangeFeed } from '../change-feed';
import { clientAddress, readBody, sendError, sendJson } from '../http-io';
import { hashPassword, verifyPassword } from '../passwords';
import type { Query } from '../query';
import type { CentralStore } from '../store';
import { createLocalAdmin, issueOneTimePassword, listAccounts, setAccount, type AccountChange } from './accounts';
import { readAudit, recordAudit } from './admin-audit';

const UserId = z.object({ userId: z.number().int().positive() }).strict();
const Settings = z
  .object({
    userId: z.number().int().positive(),
    role: Role.optional(),
    supervisorId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
const PasswordBody = z.object({ current: z.string().min(1).max(256), next: z.string().min(1).max(1024) }).strict();

async function bodyOf<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await readBody(req, 16 * 1024));
  } catch (err) {
    if (err instanceof CodedError) throw err;
    throw new CodedError('bad_input', 'Body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new CodedError('bad_input', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

export interface AccountsApiOptions {
  store: CentralStore;
  auth: Auth;
  feed: ChangeFeed;
  now: () => number;
}

export function createAccountsApi({ store, auth, feed, now }: AccountsApiOptions) {
  const told = async (change: AccountChange): Promise<void> => {
    await feed.publish(change.audiences, change.head, change.accounts ?? [change.userId]);
  };

  /** Routes under /api/admin/: admins only. */
  async function admin(req: IncomingMessage, res: ServerResponse, user: SessionUser, route: string): Promise<void> {
    if (user.role !== 'admin') return sendError(res, 403, 'forbidden', 'Only admins manage accounts');
    const query = store.queryObjects as Query;
    if (route === 'GET /api/admin/accounts')
      return sendJson(res, 200, { accounts: await listAccounts(query, new Date(now())) });
    if (route === 'GET /api/admin/audit') return sendJson(res, 200, { entries: await readAudit(query, 300) });
    if (route === 'POST /api/admin/accounts/one-time-password') {
      const { userId } = await bodyOf(req, UserId);
      const { password, change } = await issueOneTimePassword(store, user, userId, new Date(now()));
      await told(change);
      return sendJson(res, 200, { password });
    }
    if (route === 'POST /api/admin/accounts/settings') {
      const { userId, ...settings } = await bodyOf(req, Settings);
      await told(await setAccount(store, user, userId, settings, new Date(now())));
      return sendJson(res, 200, { ok: true });
    }
    if (route === 'POST /api/admin/accounts/admin') {
      const input = await bodyOf(req, NewAdminFields);
      return sendJson(res, 200, await createLocalAdmin(store, user, input, new Date(now())));
    }
    sendError(res, 404, 'not_found', 'Not found');
  }

  /** POST /api/password: one's own password, with the current (or one-time) one; answers a fresh sign-in. */
  async function ownPassword(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bearer = req.headers.authorization ?? '';
    let user: SessionUser;
    try {
      user = (await auth.verifiedUser(bearer.startsWith('Bearer ') ? bearer.slice(7) : '', true)).user;
    } catch (err) {
      return sendError(res, 401, err instanceof CodedError ? err.code : 'token_invalid', 'Sign in again');
    }
    const { current, next } = await bodyOf(req, PasswordBody);
    const address = clientAddress(req);
    const admitted = await auth.guard.admit(user.login, address);
    if (!admitted.ok) {
      res.setHeader('retry-after', String(admitted.retryAfterSeconds));
      return sendError(res, 429, 'too_many_attempts', `${admitted.retryAfterSeconds}:Too many attempts`);
    }
    const [row] = await store.queryObjects<{ password_hash: string }>(`SELECT password_hash FROM users WHERE id = $1`, [
      user.id,
    ]);
    const checked = await auth.guard.check(() => verifyPassword(current, row?.password_hash ?? ''));
    if (!checked.ok) {
      res.setHeader('retry-after', String(checked.retryAfterSeconds));
      return sendError(res, 429, 'too_many_attempts', `${checked.retryAfterSeconds}:The server is busy`);
    }
    if (!checked.value) {
      await auth.guard.failed(user.login, address);
      return sendError(res, 401, 'wrong_credentials', 'The current password is wrong');
    }
    const problem = passwordProblem(next, user.login) ?? (next === current ? 'same_as_current' : null);
    if (problem) return sendError(res, 400, 'weak_password', problem);
    const hash = await hashPassword(next);
    await store.transaction(async (tx) => {
      const q = tx.query as Query;
      await q(`UPDATE users SET password_hash = $2, must_change_password = false WHERE id = $1`, [user.id, hash]);
      // Whoever knew the old password is signed out everywhere.
      const ended = await endSessionsOf(q, user.id);
      await recordAudit(
        q,
        {
          actorId: user.id,
          action: 'password.change',
          target: `user:${user.id}`,
          before: null,
          after: { sessionsEnded: ended },
        },
        new Date(now()),
      );
    });
    await auth.guard.succeeded(user.login, address);
    await auth.signedIn(res, user.id);
  }

  return { admin, ownPassword };
}
