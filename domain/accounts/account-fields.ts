// The fields of an account as admins type them: a login (letters, digits, dot, dash, underscore)
// and a full name. One schema for the desk's contract and the server's API.
import { z } from 'zod';

export const AccountLogin = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u);

export const NewAdminFields = z.object({ login: AccountLogin, name: z.string().trim().min(1).max(200) }).strict();
