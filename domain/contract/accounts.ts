// The desk contract, accounts (admins): the staff with their sign-in accounts, one-time
// passwords (invite, reset), role, team and deactivation, a new admin, the audit log of what
// admins did, and moving clients from one manager to another in one step.
import { z } from 'zod';
import { NewAdminFields } from '../accounts/account-fields';
import { Role } from '../roles';
import { NoInput } from './shared';

export const AccountRow = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  role: Role,
  supervisorId: z.number().int().nullable(),
  supervisorName: z.string().nullable(),
  active: z.boolean(),
  account: z.enum(['none', 'invited', 'ready']),
  adminSet: z.array(z.string()),
  sessions: z.number().int(),
  lastSignInAt: z.string().nullable(),
  local: z.boolean(),
});
export type AccountRow = z.infer<typeof AccountRow>;

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  targetName: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditRow = z.infer<typeof AuditRow>;

const UserId = z.number().int().positive();

export const accountsMethods = {
  'accounts.list': { input: NoInput, output: z.array(AccountRow) },
  'accounts.audit': { input: NoInput, output: z.array(AuditRow) },
  /** An invitation or a reset: the one-time password, shown to the admin once. */
  'accounts.oneTimePassword': {
    input: z.object({ userId: UserId }).strict(),
    output: z.object({ password: z.string() }),
  },
  'accounts.set': {
    input: z
      .object({
        userId: UserId,
        role: Role.optional(),
        supervisorId: UserId.nullable().optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    output: z.null(),
  },
  'accounts.createAdmin': {
    input: NewAdminFields,
    output: z.object({ id: z.number().int(), password: z.string() }),
  },
  /** Clients moved to another manager, each a queued change (offline too). */
  'clients.reassignMany': {
    input: z.object({ clientIds: z.array(z.number().int().positive()).min(1).max(5000), managerId: UserId }).strict(),
    output: z.object({ queued: z.number().int() }),
  },
} as const;
