// Seasonal programmes (сезонные программы): a set of goods (whole groups, single items) a client
// commits to buy in a season, in money or in units, ordered within the programme's window, with
// a bonus that grows with how much of the commitment the client ordered. Supervisors and admins
// define programmes and commitments (offline too); managers place seasonal orders against a
// client's commitment. What counts: the in-programme lines of the client's seasonal orders for
// it that went to 1C (not drafts, not cancelled or refused), summed exactly.
import Decimal from 'decimal.js';
import { z } from 'zod';
import { lookUp, reject, type MutationDef, type Row } from '../sync/mutation-def';

const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'day');
const Percent = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, 'percent');

/** Bonus steps: from this share of the commitment ordered (percent), this bonus (percent of what was ordered). */
export const SeasonBonusSteps = z
  .array(z.object({ from: Percent, percent: Percent }).strict())
  .max(10)
  .refine(
    (steps) =>
      steps.every(
        (s, i) =>
          i === 0 || (new Decimal(s.from).gt(steps[i - 1]!.from) && new Decimal(s.percent).gt(steps[i - 1]!.percent)),
      ),
    'steps_not_rising',
  );
export type SeasonBonusSteps = z.infer<typeof SeasonBonusSteps>;

export const ProgrammeFields = z
  .object({
    name: z.string().trim().min(1).max(200),
    season: z.string().trim().max(100).default(''),
    orderFrom: Day,
    orderTo: Day,
    groups: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
    itemIds: z.array(z.number().int().positive()).max(5000).default([]),
    bonusSteps: SeasonBonusSteps.default([]),
  })
  .strict()
  .refine((p) => p.orderFrom <= p.orderTo, { message: 'window_backwards', path: ['orderTo'] })
  .refine((p) => p.groups.length + p.itemIds.length > 0, { message: 'no_goods', path: ['groups'] });
export type ProgrammeFields = z.infer<typeof ProgrammeFields>;

export const CommitmentUnit = z.enum(['money', 'quantity']);
export type CommitmentUnit = z.infer<typeof CommitmentUnit>;

/** A commitment's amount: rubles (2 decimals) or units (3 decimals), more than zero. */
const CommitmentAmount = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,3})?$/, 'amount')
  .refine((v) => new Decimal(v).gt(0), 'amount');

export const commitmentKey = (programmeId: string, clientId: number): string => `${programmeId}:${clientId}`;

/** The Moscow date (YYYY-MM-DD) of an instant. */
export const mskDay = (iso: string): string => new Date(Date.parse(iso) + 3 * 3600_000).toISOString().slice(0, 10);

const json = <T>(v: unknown, empty: T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : ((v as T) ?? empty));

/** Whether an item belongs to the programme's goods. */
export function inProgramme(programme: Row, item: { id: number; group: string }): boolean {
  return (
    json<string[]>(programme.groups, []).includes(item.group) ||
    json<number[]>(programme.item_ids, []).includes(item.id)
  );
}

/** Where a client stands: the share of the commitment ordered and the bonus it earns on what was ordered. */
export function fulfilment(
  steps: SeasonBonusSteps,
  commitment: string,
  ordered: { amount: string; quantity: string },
  unit: CommitmentUnit,
): {
  done: string;
  percent: string;
  bonusPercent: string | null;
  bonus: string;
  nextFrom: string | null;
  nextNeeds: string | null;
} {
  const done = unit === 'money' ? new Decimal(ordered.amount) : new Decimal(ordered.quantity);
  const share = done.times(100).div(commitment);
  // Tenths of a percent, rounded down: 99.96 % has not reached 100 %.
  const percent = share.toDecimalPlaces(1, Decimal.ROUND_DOWN);
  const reached = [...steps].reverse().find((s) => share.gte(s.from));
  const next = steps.find((s) => share.lt(s.from));
  return {
    done: unit === 'money' ? done.toFixed(2) : done.toString(),
    percent: percent.toFixed(1),
    bonusPercent: reached?.percent ?? null,
    bonus: reached
      ? new Decimal(ordered.amount).times(reached.percent).div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
      : '0.00',
    nextFrom: next?.from ?? null,
    // What is still to order to reach the next step, in the commitment's unit (rounded up).
    nextNeeds: next
      ? new Decimal(commitment)
          .times(next.from)
          .div(100)
          .minus(done)
          .toDecimalPlaces(unit === 'money' ? 2 : 3, Decimal.ROUND_UP)
          .toFixed(unit === 'money' ? 2 : 3)
      : null,
  };
}

// ---- mutations --------------------------------------------------------------------------------

const SaveArgs = z.object({ programmeId: z.string().uuid(), fields: ProgrammeFields }).strict();

export const saveProgramme: MutationDef<z.infer<typeof SaveArgs>> = {
  name: 'season.saveProgramme@1',
  args: SaveArgs,
  aggregate: (a) => `programme:${a.programmeId}`,
  reads: (a) => [{ table: 'seasonal_programmes', key: a.programmeId }],
  roles: ['supervisor', 'admin'],
  apply(a, rows, ctx) {
    const was = rows.get(`seasonal_programmes|${a.programmeId}`);
    const f = a.fields;
    return {
      ok: true,
      writes: [
        {
          table: 'seasonal_programmes',
          key: a.programmeId,
          row: {
            ...(was ?? {}),
            id: a.programmeId,
            name: f.name,
            season: f.season,
            order_from: f.orderFrom,
            order_to: f.orderTo,
            groups: [...new Set(f.groups)].sort(),
            item_ids: [...new Set(f.itemIds)].sort((x, y) => x - y),
            bonus_steps: f.bonusSteps,
            updated_by: ctx.userId,
            updated_at: ctx.now,
          },
        },
      ],
      conflicts: [],
    };
  },
};

const CommitArgs = z
  .object({
    programmeId: z.string().uuid(),
    clientId: z.number().int().positive(),
    unit: CommitmentUnit,
    /** null: the commitment is taken away. */
    amount: CommitmentAmount.nullable(),
    note: z.string().trim().max(500).default(''),
  })
  .strict();

/** Why a commitment cannot be set now, as a code the screens translate, or null. */
export function commitmentRefusal(
  programme: Row | null | undefined,
  client: Row | null | undefined,
  now: string,
): string | null {
  if (!programme) return 'no_programme';
  if (!client) return 'no_client';
  // After the window, what the client committed to is history: it is not rewritten.
  if (mskDay(now) > String(programme.order_to)) return 'window_over';
  return null;
}

export const setCommitment: MutationDef<z.infer<typeof CommitArgs>> = {
  name: 'season.setCommitment@1',
  args: CommitArgs,
  aggregate: (a) => `programme:${a.programmeId}`,
  reads: (a) => [
    lookUp('seasonal_programmes', a.programmeId),
    lookUp('clients', String(a.clientId)),
    { table: 'seasonal_commitments', key: commitmentKey(a.programmeId, a.clientId) },
  ],
  roles: ['supervisor', 'admin'],
  apply(a, rows, ctx) {
    const client = rows.get(`clients|${a.clientId}`);
    const refusal = commitmentRefusal(rows.get(`seasonal_programmes|${a.programmeId}`), client, ctx.now);
    if (refusal) return reject(refusal === 'window_over' ? 'invalid' : 'not_found', refusal);
    const key = commitmentKey(a.programmeId, a.clientId);
    const was = rows.get(`seasonal_commitments|${key}`);
    if (a.amount === null)
      return was
        ? { ok: true, writes: [{ table: 'seasonal_commitments', key, row: null }], conflicts: [] }
        : reject('not_found', 'no_commitment');
    const amount = new Decimal(a.amount);
    if (a.unit === 'money' && amount.decimalPlaces() > 2) return reject('invalid', 'amount');
    return {
      ok: true,
      writes: [
        {
          table: 'seasonal_commitments',
          key,
          row: {
            id: key,
            programme_id: a.programmeId,
            client_id: a.clientId,
            manager_id: client!.manager_id,
            unit: a.unit,
            amount: a.unit === 'money' ? amount.toFixed(2) : amount.toString(),
            note: a.note,
            set_by: ctx.userId,
            set_at: ctx.now,
          },
        },
      ],
      conflicts: [],
    };
  },
};

const AttachArgs = z
  .object({
    orderId: z.string().uuid(),
    clientId: z.number().int().positive(),
    programmeId: z.string().uuid().nullable(),
  })
  .strict();

/** Why a seasonal order cannot be placed under this programme now, or null. */
export function attachRefusal(
  order: Row | null | undefined,
  programme: Row | null | undefined,
  commitment: Row | null | undefined,
  now: string,
): string | null {
  if (!order) return 'no_order';
  if (order.kind !== 'seasonal') return 'not_seasonal';
  if (order.status !== 'draft' && order.status !== 'rejected') return 'not_draft';
  if (!programme) return 'no_programme';
  const day = mskDay(now);
  if (day < String(programme.order_from) || day > String(programme.order_to)) return 'window_closed';
  if (!commitment) return 'no_commitment';
  return null;
}

export const attachToProgramme: MutationDef<z.infer<typeof AttachArgs>> = {
  name: 'order.setProgramme@1',
  args: AttachArgs,
  aggregate: (a) => `order:${a.orderId}`,
  reads: (a) => [
    { table: 'orders', key: a.orderId },
    ...(a.programmeId
      ? [
          lookUp('seasonal_programmes', a.programmeId),
          lookUp('seasonal_commitments', commitmentKey(a.programmeId, a.clientId)),
        ]
      : []),
  ],
  roles: ['manager', 'supervisor', 'admin'],
  apply(a, rows, ctx) {
    const order = rows.get(`orders|${a.orderId}`);
    if (!order) return reject('not_found', 'no_order');
    if (Number(order.client_id) !== a.clientId) return reject('invalid', 'other_client');
    if (a.programmeId === null) {
      if (order.status !== 'draft' && order.status !== 'rejected') return reject('locked', 'not_draft');
      return {
        ok: true,
        writes: [{ table: 'orders', key: a.orderId, row: { ...order, programme_id: null } }],
        conflicts: [],
      };
    }
    const refusal = attachRefusal(
      order,
      rows.get(`seasonal_programmes|${a.programmeId}`),
      rows.get(`seasonal_commitments|${commitmentKey(a.programmeId, a.clientId)}`),
      ctx.now,
    );
    if (refusal) return reject(refusal === 'not_draft' ? 'locked' : 'invalid', refusal);
    return {
      ok: true,
      writes: [{ table: 'orders', key: a.orderId, row: { ...order, programme_id: a.programmeId } }],
      conflicts: [],
    };
  },
};

export const seasonalMutations: MutationDef<any>[] = [saveProgramme, setCommitment, attachToProgramme];
