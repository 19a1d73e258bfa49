// Mutations: every change a desk makes is a named, versioned mutation, defined once here as a
// pure function (arguments + the rows it reads → the rows it writes, or a typed rejection). The
// desk runs it optimistically on its replica; the server runs the same function authoritatively.
// Mutations have "set" semantics: running one again on a state that already holds its effect
// changes nothing, which is what lets the desk rebase pending mutations by re-running them.
// The definitions' types are in mutation-def.ts; this module is only the registry and the runner.
import { updateClientCard, reassignClient } from '../clients/client-mutations';
import { orderMutations } from '../orders/order-mutations';
import { orderKindMutations } from '../orders/order-kind-mutations';
import { mergeAcceptedOrders } from '../orders/order-merge';
import { priceRuleMutations } from '../pricing/price-rules';
import { approvalMutations } from '../pricing/price-floors';
import { claimMutations } from '../aftersales/claim-mutations';
import { ticketMutations } from '../aftersales/ticket-mutations';
import { mailMutations } from '../mail/mail-mutations';
import { notificationMutations } from '../notifications/notification-mutations';
import { setPlan } from '../plans/sales-plan';
import { seasonalMutations } from '../seasonal/programme';
import {
  refId,
  reject,
  type MutationContext,
  type MutationDef,
  type MutationOutcome,
  type Row,
  type RowRef,
} from './mutation-def';

// ---- registry ---------------------------------------------------------------------------------

const all: MutationDef<any>[] = [
  updateClientCard,
  reassignClient,
  ...orderMutations,
  ...orderKindMutations,
  mergeAcceptedOrders,
  ...priceRuleMutations,
  ...approvalMutations,
  ...claimMutations,
  ...ticketMutations,
  ...mailMutations,
  ...notificationMutations,
  setPlan,
  ...seasonalMutations,
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

/** A mutation's arguments checked once: what it declared and runs on, without parsing again. */
export interface ParsedMutation<A = unknown> {
  def: MutationDef<A>;
  args: A;
  /** Rows it reads; `writable`: those it may write (declared, and not only looked up). */
  reads: RowRef[];
  writable: ReadonlySet<string>;
  aggregate: string;
}

/** Checks a named mutation's arguments once (a queued mutation is re-run many times by rebases). */
export function parseMutation(
  name: string,
  rawArgs: unknown,
): { ok: true; parsed: ParsedMutation } | { ok: false; code: 'unknown_mutation' | 'bad_args'; message: string } {
  const def = mutations.get(name);
  if (!def) return { ok: false, code: 'unknown_mutation', message: `Unknown mutation ${name}` };
  const parsed = def.args.safeParse(rawArgs);
  if (!parsed.success)
    return {
      ok: false,
      code: 'bad_args',
      message: parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; '),
    };
  const reads = def.reads(parsed.data);
  const writable = new Set(reads.filter((r) => !r.lookOnly).map(refId));
  return { ok: true, parsed: { def, args: parsed.data, reads, writable, aggregate: def.aggregate(parsed.data) } };
}

function erpOwnedOrder(
  w: { table: string; key: string; row: Row | null },
  rows: ReadonlyMap<string, Row | null>,
): boolean {
  if (w.table !== 'orders' && w.table !== 'order_lines') return false;
  const orderId =
    w.table === 'orders' ? w.key : String(w.row?.order_id ?? rows.get(`order_lines|${w.key}`)?.order_id ?? '');
  return rows.get(`orders|${orderId}`)?.origin === 'erp';
}

/** Runs a mutation whose arguments were checked, holding it to what it declared. */
export function runParsed(
  { def, args, writable }: ParsedMutation,
  rows: ReadonlyMap<string, Row | null>,
  ctx: MutationContext,
): MutationOutcome {
  if (!def.roles.includes(ctx.role)) return reject('forbidden', `${ctx.role} may not ${def.name}`);
  const outcome = def.apply(args, rows, ctx);
  // Orders made in the ERP (phone, field rep, portal) are the ERP's: desks read them, raise
  // claims against them, and change nothing in them.
  if (outcome.ok && outcome.writes.some((w) => erpOwnedOrder(w, rows)))
    return reject('locked', 'The order was made in 1C: it is changed there');
  // A mutation writes only rows it declared, and none it declared only to look up: the desk's
  // rebase relies on knowing beforehand which rows tie queued mutations together.
  if (outcome.ok && outcome.writes.some((w) => !writable.has(refId(w))))
    return reject('invalid', `${def.name} wrote a row it did not declare, or one it only looks up`);
  return outcome;
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
  const reads = def.reads(parsed.data);
  const writable = new Set(reads.filter((r) => !r.lookOnly).map(refId));
  return runParsed({ def, args: parsed.data, reads, writable, aggregate: def.aggregate(parsed.data) }, rows, ctx);
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
