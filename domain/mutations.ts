// Mutations: every change a desk makes is a named, versioned mutation, defined once here as a
// pure function (arguments + the rows it reads → the rows it writes, or a typed rejection). The
// desk runs it optimistically on its replica; the server runs the same function authoritatively.
// Mutations have "set" semantics: running one again on a state that already holds its effect
// changes nothing, which is what lets the desk rebase pending mutations by re-running them.
import { z } from 'zod';
import type { Role } from './roles';
import type { SyncTableName } from './sync-tables';
import { orderMutations } from './order-mutations';
import { priceRuleMutations } from './price-rules';
import { approvalMutations } from './price-floors';
import { claimMutations } from './claim-mutations';
import { ticketMutations } from './ticket-mutations';
import { lookUp, refId, type RowRef } from './row-refs';

export { lookUp, refId, type RowRef } from './row-refs';
export type Row = Record<string, unknown>;
export interface RowWrite extends RowRef {
  row: Row | null;
}

export const RejectCode = z.enum([
  'unknown_mutation',
  'bad_args',
  'not_found',
  'forbidden',
  'out_of_scope',
  'locked',
  'sequence_gap',
  'depends_on_rejected',
  'invalid',
  'check_changed',
  'needs_approval',
]);
export type RejectCode = z.infer<typeof RejectCode>;

export interface MutationContext {
  userId: number;
  role: Role;
  /** ISO time of the change (passed in: mutations have no clock). */
  now: string;
  /** The version the server writes with; null on the desk (optimistic rows keep their version). */
  writeVersion: number | null;
}

export interface FieldConflict {
  table: SyncTableName;
  key: string;
  field: string;
  /** Who last changed the field after the version this edit was based on. */
  overwrittenUserId: number;
  overwrittenValue: unknown;
  newValue: unknown;
}

/** A message the server must put in the ERP outbox in the same transaction as the writes. */
export type ErpEffect =
  | {
      method: 'order.submit' | 'order.change' | 'order.cancel';
      aggregate: string;
      orderId: string;
      /** For order.change: the lines changed or removed (the server reads them as committed). */
      lineIds?: string[];
      /** For order.cancel: the manager's reason. */
      reason?: string;
    }
  /** A new claim, or the supervisor's decision on one (the ERP ships the replacement, refunds). */
  | { method: 'claim.submit' | 'claim.decision'; aggregate: string; claimId: string }
  /** A new ticket becomes a task in the ERP. */
  | { method: 'ticket.submit'; aggregate: string; ticketId: string };

export type MutationOutcome =
  | { ok: true; writes: RowWrite[]; conflicts: FieldConflict[]; erp?: ErpEffect[] }
  | { ok: false; code: RejectCode; message: string };

export interface MutationDef<A> {
  /** Name with its version, e.g. "client.updateCard@1": a changed meaning gets a new version. */
  name: string;
  args: z.ZodType<A>;
  /** Mutations of one aggregate depend on each other: a rejected one stops those queued after it. */
  aggregate(args: A): string;
  reads(args: A): RowRef[];
  roles: readonly Role[];
  apply(args: A, rows: ReadonlyMap<string, Row | null>, ctx: MutationContext): MutationOutcome;
}

const reject = (code: RejectCode, message: string): MutationOutcome => ({ ok: false, code, message });

// ---- client card --------------------------------------------------------------------------

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
    return { ok: true, writes: [{ table: 'clients', key: String(a.clientId), row: next }], conflicts };
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

// ---- registry ---------------------------------------------------------------------------------

const all: MutationDef<any>[] = [
  updateClientCard,
  reassignClient,
  ...orderMutations,
  ...priceRuleMutations,
  ...approvalMutations,
  ...claimMutations,
  ...ticketMutations,
];
export const mutations: ReadonlyMap<string, MutationDef<any>> = new Map(all.map((m) => [m.name, m]));

/** Parses and runs a named mutation; the single entry both desk and server use. */
export function runMutation(
  name: string,
  rawArgs: unknown,
  rows: ReadonlyMap<string, Row | null>,
  ctx: MutationContext,
): MutationOutcome {
  const def = mutations.get(name);
  if (!def) return reject('unknown_mutation', `Unknown mutation ${name}`);
  return runDefinition(def, rawArgs, rows, ctx);
}

/** Runs a mutation by its definition, holding it to what it declared. */
export function runDefinition<A>(
  def: MutationDef<A>,
  rawArgs: unknown,
  rows: ReadonlyMap<string, Row | null>,
  ctx: MutationContext,
): MutationOutcome {
  if (!def.roles.includes(ctx.role)) return reject('forbidden', `${ctx.role} may not ${def.name}`);
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success)
    return reject('bad_args', parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; '));
  const outcome = def.apply(parsed.data, rows, ctx);
  // A mutation writes only rows it declared, and none it declared only to look up: the desk's
  // rebase relies on knowing beforehand which rows tie queued mutations together.
  const writable = new Set(
    def
      .reads(parsed.data)
      .filter((r) => !r.lookOnly)
      .map(refId),
  );
  if (outcome.ok && outcome.writes.some((w) => !writable.has(refId(w))))
    return reject('invalid', `${def.name} wrote a row it did not declare, or one it only looks up`);
  return outcome;
}

/** Rows a mutation reads (empty for unknown or malformed ones). */
export function mutationReads(name: string, rawArgs: unknown): RowRef[] {
  const def = mutations.get(name);
  const parsed = def?.args.safeParse(rawArgs);
  return def && parsed?.success ? def.reads(parsed.data) : [];
}

export function mutationAggregate(name: string, rawArgs: unknown): string {
  const def = mutations.get(name);
  const parsed = def?.args.safeParse(rawArgs);
  return def && parsed?.success ? def.aggregate(parsed.data) : `unknown:${name}`;
}
