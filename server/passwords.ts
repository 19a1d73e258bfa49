// Password hashing with scrypt (a deliberately slow, memory-hard hash from Node's crypto):
// stored as "scrypt$N$r$p$salt$hash" so parameters can be raised later without breaking logins.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

// 2^16 × 8 × 128 bytes: 64 MiB and about a tenth of a second per check. Raised from 2^15;
// older hashes are made again at their user's next sign-in (needsRehash).
const N = 1 << 16;
const R = 8;
const P = 1;
const KEY_LEN = 32;

function scrypt(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFKC'), salt, KEY_LEN, { N: n, r, p, maxmem: 256 * n * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with other (older, cheaper) parameters than today's. */
export function needsRehash(stored: string): boolean {
  const [kind, n, r, p] = stored.split('$');
  return kind !== 'scrypt' || Number(n) !== N || Number(r) !== R || Number(p) !== P;
}
