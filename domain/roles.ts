// Roles of the people who use the desk, and what each one's replica holds.
import { z } from 'zod';

export const Role = z.enum(['manager', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const SessionUser = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  role: Role,
});
export type SessionUser = z.infer<typeof SessionUser>;
