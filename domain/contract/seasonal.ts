// The desk contract, seasonal programmes: the programmes with where the user's clients stand
// against their commitments (per client and per manager), a client's programmes for a seasonal
// order, and the supervisor's and admin's definitions (programme, commitment); a seasonal
// order placed under a programme. Refusals come as error code 'season' with the reason's code.
import { z } from 'zod';
import { CommitmentUnit, ProgrammeFields, SeasonBonusSteps } from '../seasonal/programme';
import { MoneyText, NoInput, OrderId, Seq } from './shared';

export const ProgrammeRow = z.object({
  id: z.string(),
  name: z.string(),
  season: z.string(),
  orderFrom: z.string(),
  orderTo: z.string(),
  /** Against today (Moscow): before its window, in it, after it. */
  state: z.enum(['upcoming', 'open', 'over']),
  groups: z.array(z.string()),
  itemIds: z.array(z.number().int()),
  bonusSteps: SeasonBonusSteps,
  /** Commitments of the user's scope, and in money: committed and ordered. */
  clients: z.number().int(),
  committed: MoneyText,
  ordered: MoneyText,
});
export type ProgrammeRow = z.infer<typeof ProgrammeRow>;

export const CommitmentRow = z.object({
  clientId: z.number().int(),
  clientName: z.string(),
  managerId: z.number().int(),
  managerName: z.string(),
  unit: CommitmentUnit,
  amount: z.string(),
  /** In-programme lines of the client's seasonal orders under it that went to 1C. */
  orderedAmount: MoneyText,
  orderedQuantity: z.string(),
  orders: z.number().int(),
  /** In the commitment's unit; percent with one decimal, rounded down. */
  done: z.string(),
  percent: z.string(),
  bonusPercent: z.string().nullable(),
  bonus: MoneyText,
  nextFrom: z.string().nullable(),
  /** Still to order to reach the next step, in the commitment's unit. */
  nextNeeds: z.string().nullable(),
  note: z.string(),
});
export type CommitmentRow = z.infer<typeof CommitmentRow>;

export const ManagerCommitments = z.object({
  managerId: z.number().int(),
  managerName: z.string(),
  clients: z.number().int(),
  /** Of money commitments: committed and ordered; clients at or past 100 %. */
  committed: MoneyText,
  ordered: MoneyText,
  met: z.number().int(),
  bonus: MoneyText,
});
export type ManagerCommitments = z.infer<typeof ManagerCommitments>;

const ProgrammeId = z.string().uuid();

export const seasonalMethods = {
  'season.programmes': { input: NoInput, output: z.array(ProgrammeRow) },
  'season.commitments': {
    input: z.object({ programmeId: ProgrammeId }).strict(),
    output: z.object({ rows: z.array(CommitmentRow), managers: z.array(ManagerCommitments) }),
  },
  /** The programmes a client has a commitment under (for a seasonal order's header). */
  'season.forClient': {
    input: z.object({ clientId: z.number().int().positive() }).strict(),
    output: z.array(z.object({ programme: ProgrammeRow, commitment: CommitmentRow })),
  },
  'season.save': {
    input: z.object({ programmeId: ProgrammeId.optional(), fields: ProgrammeFields }).strict(),
    output: z.object({ id: z.string(), seq: z.number().int() }),
  },
  'season.setCommitment': {
    input: z
      .object({
        programmeId: ProgrammeId,
        clientId: z.number().int().positive(),
        unit: CommitmentUnit,
        amount: z.string().trim().max(20).nullable(),
        note: z.string().trim().max(500).default(''),
      })
      .strict(),
    output: Seq,
  },
  /** A seasonal order placed under a programme (or taken off it, as a draft). */
  'orders.setProgramme': {
    input: z.object({ id: OrderId, programmeId: ProgrammeId.nullable() }).strict(),
    output: Seq,
  },
} as const;
