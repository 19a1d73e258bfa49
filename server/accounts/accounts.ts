// Sign-in accounts of the staff, as an admin runs them: the staff list with who can sign in, an
// invitation or a reset (a one-time password shown once, a password of one's own required at
// the first sign-in), deactivation, role and team. The staff record is the ERP's; what an admin
// sets here is kept in `admin_set` and wins over the ERP's next change of that person until the
// admin sets it again. Every change ends the person's sessions where it must, is audited in the
// same transaction, and is told to every server instance (their sockets of that user close).
import { randomInt } from 'node:crypto';
import { CodedError } from '../../domain/errors';
import { Role, type SessionUser } from '../../domain/roles';
import type { Audience } from '../audience';
import { endSessionsOf } from '../auth/sessions';
import { hashPassword } from '../passwords';
import type { Query } from '../query';
import { readRow, writeServerRows } from '../row-store';
import type { CentralStore } from '../store';
import { recordAudit } from './admin-audit';

/** Ids of accounts made on this server (not staff from the ERP): far above any ERP code. */
export const LOCAL_ACCOUNT_IDS_FROM = 2_000_000_000;

export interface AccountView {
  id: number;
  login: string;
  name: string;
  role: Role;
  supervisorId: number | null;
  supervisorName: string | null;
  active: boolean;
  /** 'none': no password yet; 'invited': a one-time password not yet replaced; 'ready'. */
  account: 'none' | 'invited' | 'ready';
  /** Fields an admin set over the ERP's values. */
  adminSet: string[];
  /** Open sessions (refresh token families alive). */
  sessions: number;
  lastSignInAt: string | null;
  local: boolean;
}

export interface AccountChange {
  /** The new state was committed: poke these and close the user's sockets where needed. */
  audiences: Audience[];
  head: number;
  userId: number;
  /** Users whose open sockets must check their account again (default: the user). */
  accounts?: number[];
}

// No 0/O, 1/l/I: read aloud or typed from a note without mistakes.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password: 12 characters in three groups (about 59 bits), readable over the phone. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export async function listAccounts(query: Query, now: Date): Promise<AccountView[]> {
  const rows = await query<{
    id: number;
    login: string;
    name: string;
    role: Role;
    supervisor_id: number | null;
    supervisor_name: string | null;
    active: boolean;
    password_hash: string;
    must_change_password: boolean;
    admin_set: Record<string, unknown> | null;
    sessions: string;
    last_sign_in: string | Date | null;
  }>(
    `SELECT u.id, u.login, u.name, u.role, u.supervisor_id, s.name AS supervisor_name, u.active, u.password_hash,
            u.must_change_password, u.admin_set,
            (SELECT count(DISTINCT r.family_id) FROM refresh_tokens r
              WHERE r.user_id = u.id AND NOT r.revoked AND r.expires_at > $1) AS sessions,
            (SELECT min(r.created_at) FROM refresh_tokens r WHERE r.user_id = u.id
              AND r.family_id = (SELECT family_id FROM refresh_tokens WHERE user_id = u.id ORDER BY created_at DESC LIMIT 1)) AS last_sign_in
     FROM users u LEFT JOIN users s ON s.id = u.supervisor_id
     WHERE NOT u.deleted
     ORDER BY CASE u.role WHEN 'admin' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, u.name`,
    [now.toISOString()],
  );
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    name: r.name,
    role: r.role,
    supervisorId: r.supervisor_id,
    supervisorName: r.supervisor_name,
    active: r.active,
    account: r.password_hash === '' ? 'none' : r.must_change_password ? 'invited' : 'ready',
    adminSet: Object.keys(r.admin_set ?? {}),
    sessions: Number(r.sessions),
    lastSignInAt: r.last_sign_in ? new Date(r.last_sign_in).toISOString() : null,
    local: r.id >= LOCAL_ACCOUNT_IDS_FROM,
  }));
}

async function lockedUser(query: Query, userId: number) {
  const row = await readRow(query, 'users', String(userId), true);
  if (!row) throw new CodedError('not_found', `No user ${userId}`);
  return row;
}

/** A one-time password for the user (an invitation, or a reset that ends their sessions). */
export async function issueOneTimePassword(
  store: CentralStore,
  actor: SessionUser | null,
  userId: number,
  now: Date,
): Promise<{ password: string; change: AccountChange }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  return store.transaction(async (tx) => {
    const query = tx.query as Query;
    const [before] = await query<{ password_hash: string; must_change_password: boolean }>(
      `SELECT password_hash, must_change_password FROM users WHERE id = $1 AND NOT deleted FOR UPDATE`,
      [userId],
    );
    if (!before) throw new CodedError('not_found', `No user ${userId}`);
    const had = before.password_hash !== '';
    await query(`UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1`, [userId, hash]);
    const ended = await endSessionsOf(query, userId);
    await recordAudit(
      query,
      {
        actorId: actor?.id ?? null,
        action: had ? 'account.reset' : 'account.invite',
        target: `user:${userId}`,
        before: { account: had ? (before.must_change_password ? 'invited' : 'ready') : 'none' },
        after: { account: 'invited', sessionsEnded: ended },
      },
      now,
    );
    return { password, change: { audiences: [], head: 0, userId } };
  });
}

export interface AccountSettings {
  role?: Role;
  supervisorId?: number | null;
  active?: boolean;
}

/** Role, team or active, as an admin sets them (kept over the ERP's values); sessions end when access shrinks. */
export async function setAccount(
  store: CentralStore,
  actor: SessionUser,
  userId: number,
  settings: AccountSettings,
  now: Date,
): Promise<AccountChange> {
  if (userId === actor.id && (settings.active === false || (settings.role && settings.role !== actor.role)))
    throw new CodedError('forbidden', 'An admin cannot deactivate themselves or change their own role');
  return store.transaction(async (tx) => {
    const query = tx.query as Query;
    const before = await lockedUser(query, userId);
    const role = settings.role ?? (before.role as Role);
    let supervisorId =
      settings.supervisorId !== undefined ? settings.supervisorId : (before.supervisor_id as number | null);
    if (role !== 'manager') supervisorId = null;
    if (supervisorId !== null) {
      const supervisor = await readRow(query, 'users', String(supervisorId), false);
      if (!supervisor || supervisor.role !== 'supervisor' || !supervisor.active)
        throw new CodedError('bad_input', `User ${supervisorId} is not an active supervisor`);
    }
    if (role !== 'manager' && before.role === 'manager') {
      const [owned] = await query<{ n: string }>(
        `SELECT count(*) AS n FROM clients WHERE manager_id = $1 AND NOT deleted`,
        [userId],
      );
      if (Number(owned?.n ?? 0) > 0)
        throw new CodedError('bad_input', `Reassign the ${owned!.n} clients of user ${userId} first`);
    }
    const active = settings.active ?? Boolean(before.active);
    const after = { ...before, role, supervisor_id: supervisorId, active };
    const [account] = await query<{ admin_set: Record<string, unknown> | null }>(
      `SELECT admin_set FROM users WHERE id = $1`,
      [userId],
    );
    const adminSet = { ...(account?.admin_set ?? {}) };
    if (settings.role !== undefined || settings.supervisorId !== undefined) {
      adminSet.role = role;
      adminSet.supervisor_id = supervisorId;
    }
    if (settings.active !== undefined) adminSet.active = active;
    await query(`UPDATE users SET admin_set = $2 WHERE id = $1`, [userId, JSON.stringify(adminSet)]);
    const changed =
      after.role !== before.role || after.supervisor_id !== before.supervisor_id || active !== before.active;
    // A narrower or different view of the data: the desk signs in again and syncs its new scope.
    if (changed) await endSessionsOf(query, userId);
    const { version: _v, ...beforeRow } = before;
    const { version: _v2, ...afterRow } = after;
    // Whose view of the data changes: the person (role) and the supervisors of their old and new
    // team. Their desks start a replacement sync at their next pull, keeping unsent changes.
    const rescoped = new Set<number>();
    if (after.role !== before.role) rescoped.add(userId);
    if (after.supervisor_id !== before.supervisor_id || after.role !== before.role)
      for (const s of [before.supervisor_id, after.supervisor_id]) if (typeof s === 'number') rescoped.add(s);
    const written = changed
      ? await writeServerRows(
          query,
          [{ table: 'users', key: String(userId), row: afterRow }],
          new Map([[String(userId), beforeRow]]),
        )
      : { audiences: [], head: 0 };
    const pick = (r: Record<string, unknown>) => ({ role: r.role, supervisorId: r.supervisor_id, active: r.active });
    await recordAudit(
      query,
      {
        actorId: actor.id,
        action:
          settings.active === false
            ? 'account.deactivate'
            : settings.active === true && !before.active
              ? 'account.activate'
              : 'account.role',
        target: `user:${userId}`,
        before: pick(before),
        after: pick(after),
      },
      now,
    );
    if (rescoped.size)
      await query(`UPDATE users SET scope_reset_version = $2 WHERE id = ANY($1::int[])`, [
        [...rescoped],
        written.head || (await query<{ v: string }>(`SELECT version AS v FROM sync_head WHERE id = 1`))[0]!.v,
      ]);
    return { ...written, userId, accounts: [userId, ...rescoped] };
  });
}

/** An admin account made on this server (the first one by the command line). */
export async function createLocalAdmin(
  store: CentralStore,
  actor: SessionUser | null,
  input: { login: string; name: string },
  now: Date,
): Promise<{ id: number; password: string }> {
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const id = await store.transaction(async (tx) => {
    const query = tx.query as Query;
    const [taken] = await query(`SELECT 1 FROM users WHERE lower(login) = lower($1)`, [input.login]);
    if (taken) throw new CodedError('bad_input', `The login ${input.login} is taken`);
    const [next] = await query<{ id: number }>(
      `SELECT GREATEST($1::int, COALESCE(max(id), 0) + 1) AS id FROM users WHERE id >= $1`,
      [LOCAL_ACCOUNT_IDS_FROM],
    );
    const row = {
      id: next!.id,
      login: input.login,
      name: input.name,
      role: 'admin',
      supervisor_id: null,
      active: true,
    };
    await writeServerRows(query, [{ table: 'users', key: String(row.id), row }]);
    await query(`UPDATE users SET password_hash = $2, must_change_password = true WHERE id = $1`, [row.id, hash]);
    await recordAudit(
      query,
      {
        actorId: actor?.id ?? null,
        action: 'account.create',
        target: `user:${row.id}`,
        before: null,
        after: { login: row.login, role: 'admin' },
      },
      now,
    );
    return row.id;
  });
  return { id, password };
}

/** Whether any admin can sign in (else the server prints how to make one). */
export async function hasAdmin(store: CentralStore): Promise<boolean> {
  const [row] = await store.queryObjects(
    `SELECT 1 FROM users WHERE role = 'admin' AND active AND NOT deleted AND password_hash <> '' LIMIT 1`,
  );
  return Boolean(row);
}
