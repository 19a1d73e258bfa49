// Sessions that end: a sign-in starts a family of refresh tokens; each renewal revokes the token
// it used and issues the family's next one. A family ends at its absolute lifetime however often
// it is renewed, a token unused for the idle lifetime expires, sign-out revokes the family, and a
// revoked token presented again (a copy of it was used by someone else first) revokes the whole
// family, so a stolen token works at most until its owner's desk renews. One exception: a token
// presented again while its successor is unused and under a minute old is a renewal whose answer
// was lost on the way (a network drop); the successor is revoked and a new one issued, rather
// than signing the person out.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Query } from '../query';
import type { CentralStore } from '../store';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
/** How long after a renewal its answer may be asked for again with the same token. */
export const LOST_ANSWER_GRACE_MS = 60_000;

export interface SessionLifetimes {
  /** A refresh token unused this long expires (a desk offline longer signs in again). */
  idleSeconds: number;
  /** A family ends this long after its sign-in, renewed or not. */
  absoluteSeconds: number;
}

export type Renewal =
  { ok: true; userId: number; refreshToken: string } | { ok: false; why: 'unknown' | 'expired' | 'reused' | 'revoked' };

export interface Sessions {
  /** A sign-in: a new family and its first token. */
  start(userId: number): Promise<string>;
  /** The next token of the family, or why not (a reuse revokes the family). */
  renew(refreshToken: string): Promise<Renewal>;
  /** Sign-out: the token's family is revoked. Unknown tokens are ignored. */
  end(refreshToken: string): Promise<void>;
}

/** Revokes every session of a user (deactivated, password reset), inside the caller's transaction. */
export async function endSessionsOf(query: Query, userId: number): Promise<number> {
  const rows = await query<{ n: string }>(
    `WITH r AS (UPDATE refresh_tokens SET revoked = true WHERE user_id = $1 AND NOT revoked RETURNING 1)
     SELECT count(*) AS n FROM r`,
    [userId],
  );
  return Number(rows[0]?.n ?? 0);
}

export function createSessions(store: CentralStore, lifetimes: SessionLifetimes, now: () => number): Sessions {
  async function issue(
    query: Query,
    userId: number,
    familyId: string,
    familyEndsAt: string,
    replacing?: string,
  ): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    if (replacing)
      await query(`UPDATE refresh_tokens SET revoked = true, replaced_by = $2 WHERE token_hash = $1`, [
        replacing,
        sha256(token),
      ]);
    const expires = Math.min(now() + lifetimes.idleSeconds * 1000, new Date(familyEndsAt).getTime());
    await query(
      `INSERT INTO refresh_tokens (token_hash, user_id, expires_at, family_id, family_ends_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [sha256(token), userId, new Date(expires).toISOString(), familyId, familyEndsAt, new Date(now()).toISOString()],
    );
    return token;
  }

  return {
    async start(userId) {
      const endsAt = new Date(now() + lifetimes.absoluteSeconds * 1000).toISOString();
      return issue(store.queryObjects.bind(store), userId, randomUUID(), endsAt);
    },
    async renew(refreshToken) {
      return store.transaction(async (tx) => {
        const query = tx.query as Query;
        const [row] = await query<{
          user_id: number;
          expires_at: string | Date;
          revoked: boolean;
          family_id: string;
          family_ends_at: string | Date | null;
          replaced_by: string | null;
        }>(
          `SELECT user_id, expires_at, revoked, family_id, family_ends_at, replaced_by FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
          [sha256(refreshToken)],
        );
        if (!row) return { ok: false, why: 'unknown' } as const;
        const familyEnds = new Date(row.family_ends_at ?? row.expires_at).getTime();
        if (row.revoked && row.replaced_by) {
          const [next] = await query<{ revoked: boolean; replaced_by: string | null; created_at: string | Date }>(
            `SELECT revoked, replaced_by, created_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
            [row.replaced_by],
          );
          const lostAnswer =
            next &&
            !next.revoked &&
            !next.replaced_by &&
            now() - new Date(next.created_at).getTime() < LOST_ANSWER_GRACE_MS;
          if (lostAnswer && familyEnds > now()) {
            await query(`UPDATE refresh_tokens SET revoked = true WHERE token_hash = $1`, [row.replaced_by]);
            const again = await issue(
              query,
              row.user_id,
              row.family_id,
              new Date(familyEnds).toISOString(),
              sha256(refreshToken),
            );
            return { ok: true, userId: row.user_id, refreshToken: again } as const;
          }
        }
        if (row.revoked) {
          // Rotated before, or signed out: either way its family is over (a thief's copy included).
          const live = await query<{ n: string }>(
            `WITH r AS (UPDATE refresh_tokens SET revoked = true WHERE family_id = $1 AND NOT revoked RETURNING 1)
             SELECT count(*) AS n FROM r`,
            [row.family_id],
          );
          return { ok: false, why: Number(live[0]?.n ?? 0) > 0 ? 'reused' : 'revoked' } as const;
        }
        if (new Date(row.expires_at).getTime() <= now() || familyEnds <= now())
          return { ok: false, why: 'expired' } as const;
        const next = await issue(
          query,
          row.user_id,
          row.family_id,
          new Date(familyEnds).toISOString(),
          sha256(refreshToken),
        );
        return { ok: true, userId: row.user_id, refreshToken: next } as const;
      });
    },
    async end(refreshToken) {
      await store.queryObjects(
        `UPDATE refresh_tokens SET revoked = true
         WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
        [sha256(refreshToken)],
      );
    },
  };
}
