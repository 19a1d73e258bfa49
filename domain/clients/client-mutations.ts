// Client card mutations: the manager's contacts, delivery addresses and notes, with per-field
// conflict notices (contacts and addresses then go to the ERP as client.update; notes stay on the
// desks); and an admin's reassignment of a client.
import { z } from 'zod';
import { lookUp, reject, type FieldConflict, type MutationDef, type Row } from '../sync/mutation-def';

const trimmed = (max: number) => z.string().trim().max(max);
export const Contact = z
  .object({
    name: trimmed(200).min(1),
    position: trimmed(200),
    phone: trimmed(50).regex(/^[\d\s()+\-.,доб#*]*$/i, 'phone'),
    email: z.union([z.literal(''), z.string().trim().email().max(200)]),
  })
  .strict();
export type Contact = z.infer<typeof Contact>;
export const DeliveryAddress = z.object({ label: trimmed(100).min(1), address: trimmed(500).min(5) }).strict();
export type DeliveryAddress = z.infer<typeof DeliveryAddress>;

export const CARD_FIELDS = ['contacts', 'delivery_addresses', 'notes'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

const UpdateCardArgs = z
  .object({
    clientId: z.number().int().positive(),
    /** The client row version the manager's edit was based on. */
    baseVersion: z.number().int().nonnegative(),
    patch: z
      .object({
        contacts: z.array(Contact).max(50).optional(),
        delivery_addresses: z.array(DeliveryAddress).max(50).optional(),
        notes: z.string().max(10_000).optional(),
      })
      .strict()
      .refine((p) => Object.keys(p).length > 0, 'empty patch'),
  })
  .strict();
export type UpdateCardArgs = z.infer<typeof UpdateCardArgs>;

type FieldVersions = Record<string, { version: number; userId: number }>;

export const updateClientCard: MutationDef<UpdateCardArgs> = {
  name: 'client.updateCard@1',
  args: UpdateCardArgs,
  aggregate: (a) => `client:${a.clientId}`,
  reads: (a) => [{ table: 'clients', key: String(a.clientId) }],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const current = rows.get(`clients|${a.clientId}`);
    if (!current) return reject('not_found', `Client ${a.clientId} not found`);
    const versions: FieldVersions = { ...(current.field_versions as FieldVersions | undefined) };
    const next: Row = { ...current };
    const conflicts: FieldConflict[] = [];
    for (const field of CARD_FIELDS) {
      const value = a.patch[field];
      if (value === undefined) continue;
      const last = versions[field];
      // Another user changed this field after the version this edit started from: the later
      // change wins, and both people are told.
      if (
        last &&
        last.version > a.baseVersion &&
        last.userId !== ctx.userId &&
        JSON.stringify(current[field]) !== JSON.stringify(value)
      ) {
        conflicts.push({
          table: 'clients',
          key: String(a.clientId),
          field,
          overwrittenUserId: last.userId,
          overwrittenValue: current[field],
          newValue: value,
        });
      }
      next[field] = value;
      versions[field] = { version: ctx.writeVersion ?? Number(current.version ?? 0), userId: ctx.userId };
    }
    next.field_versions = versions;
    // Contacts and addresses are the ERP's record of the client too: it is told, in order, exactly once.
    const forErp = (['contacts', 'delivery_addresses'] as const).filter((f) => a.patch[f] !== undefined);
    return {
      ok: true,
      writes: [{ table: 'clients', key: String(a.clientId), row: next }],
      conflicts,
      ...(forErp.length
        ? {
            erp: [
              {
                method: 'client.update' as const,
                aggregate: `client:${a.clientId}`,
                clientId: a.clientId,
                fields: forErp,
              },
            ],
          }
        : {}),
    };
  },
};

// ---- client assignment (admins) ---------------------------------------------------------------

const ReassignArgs = z
  .object({ clientId: z.number().int().positive(), managerId: z.number().int().positive() })
  .strict();
export type ReassignArgs = z.infer<typeof ReassignArgs>;

export const reassignClient: MutationDef<ReassignArgs> = {
  name: 'client.reassign@1',
  args: ReassignArgs,
  aggregate: (a) => `client:${a.clientId}`,
  reads: (a) => [{ table: 'clients', key: String(a.clientId) }, lookUp('users', String(a.managerId))],
  roles: ['admin'],
  apply(a, rows) {
    const client = rows.get(`clients|${a.clientId}`);
    if (!client) return reject('not_found', `Client ${a.clientId} not found`);
    const manager = rows.get(`users|${a.managerId}`);
    if (!manager || manager.role !== 'manager' || !manager.active)
      return reject('invalid', `User ${a.managerId} is not an active manager`);
    return {
      ok: true,
      writes: [{ table: 'clients', key: String(a.clientId), row: { ...client, manager_id: a.managerId } }],
      conflicts: [],
    };
  },
};
