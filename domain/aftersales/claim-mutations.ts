// Claim mutations: register a claim against a shipped order's lines, move it through the
// workflow, add files. Pure like every mutation: the desk runs them offline, the server again.
// What each order's lines already have claimed lives in one row per order (order_claims), so
// "never more than was shipped" holds across claims and desks without reading a whole table.
import Decimal from 'decimal.js';
import { z } from 'zod';
import { AttachmentRef, MAX_ATTACHMENTS } from './attachment';
import {
  CLAIM_RESOLUTIONS,
  CLAIM_STATUSES,
  CLAIMABLE_ORDER_STATUSES,
  claimable,
  claimDeadline,
  claimLineAmount,
  claimStep,
  claimTotal,
  DEFECT_TYPES,
  holdsQuantity,
  type ClaimEvent,
  type ClaimLine,
  type ClaimResolution,
  type ClaimStatus,
} from './claim';
import type { MutationDef, MutationOutcome, Row, RowWrite } from '../sync/mutation-def';
import { lookUp } from '../sync/mutation-def';

const reject = (code: 'not_found' | 'invalid' | 'locked' | 'forbidden', message: string): MutationOutcome => ({
  ok: false,
  code,
  message,
});
const Uuid = z.string().uuid();
const Quantity = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,3})?$/, 'a quantity with at most 3 decimals')
  .refine((v) => Number(v) > 0, 'greater than zero');

const json = <T>(v: unknown, fallback: T): T =>
  v === null || v === undefined ? fallback : typeof v === 'string' ? (JSON.parse(v) as T) : (v as T);
type Claimed = Record<string, string>;

function withClaimed(
  current: Row | null | undefined,
  orderId: string,
  managerId: unknown,
  change: (claimed: Claimed) => void,
): Row {
  const claimed = { ...json<Claimed>(current?.claimed, {}) };
  change(claimed);
  for (const [k, v] of Object.entries(claimed)) if (new Decimal(v).isZero()) delete claimed[k];
  return { order_id: orderId, manager_id: managerId, claimed };
}

// ---- create -------------------------------------------------------------------------------------

const CreateArgs = z
  .object({
    claimId: Uuid,
    orderId: Uuid,
    lines: z
      .array(z.object({ lineId: Uuid, itemId: z.number().int().positive(), quantity: Quantity }).strict())
      .min(1, 'a claim needs at least one line')
      .max(1000),
    defectType: z.enum(DEFECT_TYPES),
    description: z.string().trim().min(3, 'describe the defect').max(5000),
    attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS).default([]),
  })
  .strict();
export type CreateClaimArgs = z.input<typeof CreateArgs>;

export const createClaim: MutationDef<z.infer<typeof CreateArgs>> = {
  name: 'claim.create@1',
  args: CreateArgs,
  aggregate: (a) => `claim:${a.claimId}`,
  reads: (a) => [
    { table: 'claims', key: a.claimId },
    { table: 'orders', key: a.orderId },
    { table: 'order_claims', key: a.orderId },
    ...a.lines.map((l) => ({ table: 'order_lines' as const, key: l.lineId })),
    ...[...new Set(a.lines.map((l) => l.itemId))].map((id) => lookUp('items', String(id))),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    if (rows.get(`claims|${a.claimId}`)) return { ok: true, writes: [], conflicts: [] };
    const order = rows.get(`orders|${a.orderId}`);
    if (!order) return reject('not_found', `Order ${a.orderId} not found`);
    if (!(CLAIMABLE_ORDER_STATUSES as readonly string[]).includes(String(order.status)))
      return reject(
        'invalid',
        `Order ${String(order.number ?? a.orderId)} is ${String(order.status)}: only shipped orders can be claimed`,
      );
    if (new Set(a.lines.map((l) => l.lineId)).size !== a.lines.length)
      return reject('invalid', 'A line is listed twice');
    const already = json<Claimed>(rows.get(`order_claims|${a.orderId}`)?.claimed, {});
    const lines: ClaimLine[] = [];
    for (const l of a.lines) {
      const line = rows.get(`order_lines|${l.lineId}`);
      if (!line || line.order_id !== a.orderId)
        return reject('not_found', `Line ${l.lineId} is not in order ${String(order.number ?? a.orderId)}`);
      if (Number(line.item_id) !== l.itemId) return reject('invalid', `Line ${l.lineId} is not item ${l.itemId}`);
      const shipped = String(line.quantity);
      const left = claimable(shipped, already[l.lineId] ?? '0');
      if (new Decimal(l.quantity).gt(left))
        return reject('invalid', `over_shipped:${l.lineId}:${l.quantity}:${left}:${shipped}`);
      const item = rows.get(`items|${l.itemId}`);
      lines.push({
        lineId: l.lineId,
        itemId: l.itemId,
        article: String(item?.article ?? ''),
        name: String(item?.name ?? ''),
        shipped,
        quantity: new Decimal(l.quantity).toString(),
        amount: claimLineAmount(String(line.amount), shipped, l.quantity),
      });
    }
    const history: ClaimEvent[] = [{ status: 'new', at: ctx.now, by: ctx.userId, comment: '' }];
    const claim: Row = {
      id: a.claimId,
      number: ctx.writeVersion === null ? null : String(ctx.writeVersion),
      client_id: order.client_id,
      manager_id: order.manager_id,
      order_id: a.orderId,
      order_number: order.number ?? null,
      status: 'new',
      defect_type: a.defectType,
      description: a.description,
      lines,
      amount: claimTotal(lines),
      resolution: null,
      resolution_amount: null,
      attachments: a.attachments,
      history,
      deadline_at: claimDeadline('new', ctx.now),
      created_at: ctx.now,
      created_by: ctx.userId,
      updated_at: ctx.now,
      erp_number: null,
      erp_status: null,
      erp_error: null,
    };
    const claimed = withClaimed(rows.get(`order_claims|${a.orderId}`), a.orderId, order.manager_id, (c) => {
      for (const l of lines) c[l.lineId] = new Decimal(c[l.lineId] ?? '0').plus(l.quantity).toString();
    });
    return {
      ok: true,
      writes: [
        { table: 'claims', key: a.claimId, row: claim },
        { table: 'order_claims', key: a.orderId, row: claimed },
      ],
      conflicts: [],
      erp: [{ method: 'claim.submit', aggregate: `claim:${a.claimId}`, claimId: a.claimId }],
      // The client's contact learns it is registered, with its number.
      mail: [{ kind: 'claim.registered', claimId: a.claimId }],
    };
  },
};

// ---- move through the workflow ----------------------------------------------------------------

const MoveArgs = z
  .object({
    claimId: Uuid,
    orderId: Uuid,
    /** The status the person saw: a move made on a stale claim is refused, not applied twice. */
    from: z.enum(CLAIM_STATUSES),
    to: z.enum(CLAIM_STATUSES),
    comment: z.string().trim().max(5000).default(''),
    resolution: z
      .object({
        kind: z.enum(CLAIM_RESOLUTIONS),
        amount: z
          .string()
          .trim()
          .regex(/^\d{1,12}(\.\d{1,2})?$/, 'money with at most 2 decimals'),
      })
      .strict()
      .optional(),
    attachments: z.array(AttachmentRef).max(MAX_ATTACHMENTS).default([]),
  })
  .strict();
export type MoveClaimArgs = z.input<typeof MoveArgs>;

export const moveClaim: MutationDef<z.infer<typeof MoveArgs>> = {
  name: 'claim.move@1',
  args: MoveArgs,
  aggregate: (a) => `claim:${a.claimId}`,
  reads: (a) => [
    { table: 'claims', key: a.claimId },
    { table: 'order_claims', key: a.orderId },
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const claim = rows.get(`claims|${a.claimId}`);
    if (!claim || claim.order_id !== a.orderId) return reject('not_found', `Claim ${a.claimId} not found`);
    const history = json<ClaimEvent[]>(claim.history, []);
    // Re-run of a move already made (rebase, repeat): the claim is where it was sent.
    if (
      claim.status === a.to &&
      history.some((h) => h.status === a.to && h.by === ctx.userId && h.comment === a.comment)
    )
      return { ok: true, writes: [], conflicts: [] };
    if (claim.status !== a.from) return reject('locked', `stale:${String(claim.status)}`);
    const refusal = claimStep(a.from, a.to, ctx.role, { comment: a.comment, resolution: !!a.resolution });
    if (refusal) return reject(refusal === 'not_your_step' ? 'forbidden' : 'invalid', `${refusal}:${a.from}:${a.to}`);
    let resolution: ClaimResolution | null = (claim.resolution as ClaimResolution | null) ?? null;
    let resolutionAmount = (claim.resolution_amount as string | null) ?? null;
    if (a.to === 'approved' && a.resolution) {
      resolution = a.resolution.kind;
      const amount = new Decimal(a.resolution.amount);
      // A replacement is the goods themselves: its value is the claim's, whatever was typed.
      if (resolution === 'replacement') resolutionAmount = new Decimal(String(claim.amount)).toFixed(2);
      else if (amount.lte(0) || amount.gt(String(claim.amount)))
        return reject('invalid', `resolution_amount:${a.resolution.amount}:${String(claim.amount)}`);
      else resolutionAmount = amount.toFixed(2);
    }
    const attachments = [...json<unknown[]>(claim.attachments, []), ...a.attachments];
    if (attachments.length > MAX_ATTACHMENTS) return reject('invalid', `too_many_files:${MAX_ATTACHMENTS}`);
    const next: Row = {
      ...claim,
      status: a.to,
      resolution,
      resolution_amount: resolutionAmount,
      attachments,
      history: [...history, { status: a.to, at: ctx.now, by: ctx.userId, comment: a.comment }],
      deadline_at: claimDeadline(a.to, ctx.now),
      updated_at: ctx.now,
    };
    const writes: RowWrite[] = [{ table: 'claims', key: a.claimId, row: next }];
    // A rejected claim gives the quantities back: the client may claim them again, rightly.
    if (holdsQuantity(a.from as ClaimStatus, resolution) && !holdsQuantity(a.to, resolution)) {
      const lines = json<ClaimLine[]>(claim.lines, []);
      writes.push({
        table: 'order_claims',
        key: a.orderId,
        row: withClaimed(rows.get(`order_claims|${a.orderId}`), a.orderId, claim.manager_id, (c) => {
          for (const l of lines)
            c[l.lineId] = Decimal.max(0, new Decimal(c[l.lineId] ?? '0').minus(l.quantity)).toString();
        }),
      });
    }
    const decided = a.to === 'approved' || a.to === 'rejected';
    return {
      ok: true,
      writes,
      conflicts: [],
      ...(decided
        ? {
            erp: [{ method: 'claim.decision' as const, aggregate: `claim:${a.claimId}`, claimId: a.claimId }],
            mail: [{ kind: 'claim.decided' as const, claimId: a.claimId }],
          }
        : {}),
    };
  },
};

// ---- files --------------------------------------------------------------------------------------

const AttachArgs = z
  .object({ claimId: Uuid, attachments: z.array(AttachmentRef).min(1).max(MAX_ATTACHMENTS) })
  .strict();

export const attachToClaim: MutationDef<z.infer<typeof AttachArgs>> = {
  name: 'claim.attach@1',
  args: AttachArgs,
  aggregate: (a) => `claim:${a.claimId}`,
  reads: (a) => [{ table: 'claims', key: a.claimId }],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const claim = rows.get(`claims|${a.claimId}`);
    if (!claim) return reject('not_found', `Claim ${a.claimId} not found`);
    if (claim.status === 'closed') return reject('locked', 'closed');
    const current = json<{ sha256: string }[]>(claim.attachments, []);
    const added = a.attachments.filter((f) => !current.some((c) => c.sha256 === f.sha256));
    if (added.length === 0) return { ok: true, writes: [], conflicts: [] };
    if (current.length + added.length > MAX_ATTACHMENTS) return reject('invalid', `too_many_files:${MAX_ATTACHMENTS}`);
    return {
      ok: true,
      writes: [
        {
          table: 'claims',
          key: a.claimId,
          row: { ...claim, attachments: [...current, ...added], updated_at: ctx.now },
        },
      ],
      conflicts: [],
    };
  },
};

export const claimMutations = [createClaim, moveClaim, attachToClaim];
