// The desk contract, session: the app's own facts, signing in and out.
import { z } from 'zod';
import { SessionUser } from '../roles';
import { NoInput } from './shared';

const Login = z.string().trim().min(1).max(64);

const Password = z.string().min(1).max(256);

export const sessionMethods = {
  'app.info': {
    input: NoInput,
    output: z.object({ version: z.string(), shell: z.enum(['electron', 'web']), locale: z.string() }),
  },
  'session.login': { input: z.object({ login: Login, password: Password }).strict(), output: SessionUser },
  'session.logout': { input: NoInput, output: z.null() },
  /** One's own password, with the current (or one-time) one; the rules in domain/accounts/password-rules.ts. */
  'session.setPassword': {
    input: z.object({ current: Password, next: z.string().min(1).max(1024) }).strict(),
    output: SessionUser,
  },
} as const;
