// The desk contract, plans and bonuses: where the clients of the user's scope stand on their
// agreements' retro bonus scales this period (a row per client and agreement), for the dashboard.
import { z } from 'zod';
import { RetroBonusView } from './clients';

export const RetroBonusRow = RetroBonusView.extend({
  clientId: z.number().int(),
  clientName: z.string(),
  managerId: z.number().int(),
  managerName: z.string(),
});
export type RetroBonusRow = z.infer<typeof RetroBonusRow>;

export const plansMethods = {
  'plans.retroBonuses': {
    input: z
      .object({
        managerId: z.number().int().positive().optional(),
        /** The instant whose periods are shown (now by default): the quarter, month or year around it. */
        at: z.string().datetime({ offset: true }).optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(RetroBonusRow), bonus: z.string(), clients: z.number().int() }),
  },
} as const;
