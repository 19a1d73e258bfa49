// Session tokens: short-lived JWTs (HS256) signed with a per-installation secret that lives in
// the store (or OPTA_TOKEN_SECRET), never in the repository. The sync socket requires one. A
// token for a one-time password's holder is good only for choosing a password of their own.
import { randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { CodedError } from '../domain/errors';
import type { Role } from '../domain/roles';

export interface TokenClaims {
  userId: number;
  role: Role;
  /** 'password': signed in with a one-time password, good only for changing it. */
  purpose?: 'session' | 'password';
  /** When it expires (ms since the epoch), as verified. */
  expiresAtMs?: number;
}

export interface TokenIssuer {
  issue(claims: TokenClaims, ttlSeconds?: number): Promise<{ token: string; expiresAt: string }>;
  verify(token: string): Promise<TokenClaims>;
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function createTokenIssuer(secret: string, ttlSeconds: number, now: () => number = Date.now): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    async issue({ userId, role, purpose = 'session' }, ttl = ttlSeconds) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + ttl;
      const token = await new SignJWT({ role, purpose })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(userId))
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setIssuer('opta-desk')
        .sign(key);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: 'opta-desk',
          algorithms: ['HS256'],
          currentDate: new Date(now()),
        });
        const userId = Number(payload.sub);
        if (!Number.isInteger(userId)) throw new CodedError('token_invalid', 'Token has no user');
        return {
          userId,
          role: payload.role as Role,
          purpose: payload.purpose === 'password' ? 'password' : 'session',
          expiresAtMs: (payload.exp ?? 0) * 1000,
        };
      } catch (err) {
        if (err instanceof CodedError) throw err;
        if (err instanceof joseErrors.JWTExpired) throw new CodedError('token_expired', 'Token expired');
        throw new CodedError('token_invalid', 'Token is invalid');
      }
    },
  };
}
