// Who is signed in on this desk: sign-in (a fresh session from the server; after a one-time
// password, first a password of one's own), one's own password changed, sign-out (the session
// ended on the server and forgotten here, never its unsent changes), and at start the last user's
// session reopened from their replica, so a desk started offline opens where it was left.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { CodedError } from '../../domain/errors';
import { SessionUser } from '../../domain/roles';
import { openReplica } from '../sync/replica';
import type { SyncStatusBoard } from '../sync/sync-status';
import type { DeskEvents } from './desk-events';
import type { DeskCoreOptions, DeskSession } from './desk-session';
import { openSession, replicaFile, sessionFile } from './open-session';
import { plainBox } from './secret-box';
import { changePassword, signIn, type LoginResponse } from './server-api';

const LastSession = z.object({ userId: z.number().int() });

export interface Sessions {
  current(): DeskSession | null;
  /** The session, or not_signed_in. */
  require(): DeskSession;
  /** A session, or password_change_required when the password was a one-time one. */
  signIn(login: string, password: string): Promise<SessionUser>;
  /** One's own password: after a one-time password's sign-in, or in a session; signs in afresh. */
  setPassword(current: string, next: string): Promise<SessionUser>;
  signOut(): Promise<void>;
  close(): Promise<void>;
}

export function createSessions(options: DeskCoreOptions, events: DeskEvents, status: SyncStatusBoard): Sessions {
  let session: DeskSession | null = null;
  // Signed in with a one-time password: the token that only lets its holder choose their own.
  let owed: { token: string; user: SessionUser } | null = null;

  const start = (user: SessionUser, token: string, refreshToken: string | null): void => {
    session = openSession({
      options,
      events,
      status,
      user,
      token,
      refreshToken,
      // Signed out here as well: the desk shows the sign-in screen, saying why; unsent changes stay.
      onRevoked: (code) =>
        void end(true).then(() => {
          status.setError({ code, message: 'The server ended this session' });
          status.publish(true);
        }),
    });
    status.recountRows();
  };

  // Offline start: reopen the last signed-in user's replica and keep working from it.
  const last = sessionFile(options.dataDir);
  if (existsSync(last)) {
    try {
      const { userId } = LastSession.parse(JSON.parse(readFileSync(last, 'utf8')));
      if (existsSync(replicaFile(options.dataDir, userId))) {
        const probe = openReplica(replicaFile(options.dataDir, userId), { onNotice: (n) => status.addNotice(n) });
        const token = probe.getState('token');
        const user = probe.getState('user');
        probe.close();
        if (token && user) start(SessionUser.parse(JSON.parse(user)), token, null);
      }
    } catch {
      rmSync(last, { force: true });
    }
  }

  async function begin(body: LoginResponse): Promise<SessionUser> {
    // Sealed before anything is written: the replica never holds the refresh token in clear.
    const sealed = await (options.secrets ?? plainBox).seal(body.refreshToken);
    await end(true);
    status.setError(null);
    start(body.user, body.token, sealed);
    status.publish(true);
    return body.user;
  }

  async function end(forget: boolean): Promise<void> {
    if (!session) return;
    const s = session;
    session = null;
    await s.close({ forget });
    if (forget) rmSync(sessionFile(options.dataDir), { force: true });
    status.reset();
  }

  return {
    current: () => session,
    require() {
      if (!session) throw new CodedError('not_signed_in', 'Sign in first');
      return session;
    },
    async signIn(login, password) {
      const body = await signIn(options.serverUrl, login, password);
      if ('passwordChange' in body) {
        owed = { token: body.passwordChange.token, user: body.user };
        throw new CodedError('password_change_required', 'Choose a password of your own');
      }
      owed = null;
      return begin(body);
    },
    async setPassword(current, next) {
      if (owed) {
        const body = await changePassword(options.serverUrl, owed.token, current, next);
        owed = null;
        return begin(body);
      }
      const s = session;
      if (!s) throw new CodedError('not_signed_in', 'Sign in first');
      const attempt = () => changePassword(options.serverUrl, s.replica.getState('token') ?? '', current, next);
      const body = await attempt().catch(async (err: unknown) => {
        if (err instanceof CodedError && err.code === 'token_expired' && (await s.server.renew())) return attempt();
        throw err;
      });
      return begin(body);
    },
    async signOut() {
      owed = null;
      await session?.server.logout();
      await end(true);
      status.publish(true);
    },
    close: () => end(false),
  };
}
