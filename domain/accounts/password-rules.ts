// What a password must be before the server takes it: long enough, not the login (nor the login
// inside it), and not one of the passwords every guessing list starts with. Pure, so the desk
// can say what is wrong while the user types and the server decides the same way.

/** At least this many characters (NIST SP 800-63B asks for 8; people choose 10 as easily). */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_login' | 'common';

// The head of the common-password lists, and what people here type: a guesser tries these first.
const COMMON = new Set(
  [
    '1234567890',
    '12345678910',
    '0987654321',
    '1111111111',
    '0000000000',
    '1q2w3e4r5t',
    '1q2w3e4r5t6y',
    'qwertyuiop',
    'qwerty1234',
    'qwerty12345',
    'asdfghjkl1',
    'password12',
    'password123',
    'password1234',
    'passw0rd12',
    'iloveyou12',
    'letmein123',
    'welcome123',
    'admin12345',
    'administrator',
    'changeme123',
    'йцукенгшщз',
    'пароль1234',
    'пароль12345',
    'qazwsxedcr',
    'zxcvbnm123',
    'demo123456',
    'demo1234demo',
    'opta123456',
    'optadesk123',
  ].map((p) => p.toLowerCase()),
);

/** Why this password cannot be taken for this login, or null when it can. */
export function passwordProblem(password: string, login: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const folded = password.normalize('NFKC').toLowerCase();
  const name = login.trim().toLowerCase();
  if (name.length >= 3 && folded.includes(name)) return 'contains_login';
  // One character repeated, or a listed password with a digit or two tacked on, is no better.
  if (new Set(folded).size <= 2) return 'common';
  if (COMMON.has(folded) || COMMON.has(folded.replace(/[\d!.]{1,3}$/, ''))) return 'common';
  return null;
}
