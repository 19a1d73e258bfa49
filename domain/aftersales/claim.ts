// Claims (рекламации): a client found defective or wrong goods in a shipped order. The rules of
// the workflow (who may move a claim where, what each step needs, its deadline in working time),
// how much may be claimed per line (never more than was shipped, counting earlier claims), and
// the claim's amount, exact. The mutations (domain/aftersales/claim-mutations.ts) apply these rules.
import Decimal from 'decimal.js';
import type { Role } from '../roles';
import { workingDeadline } from './working-time';

export const CLAIM_STATUSES = ['new', 'in_review', 'more_info', 'approved', 'rejected', 'closed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_RESOLUTIONS = ['replacement', 'refund', 'credit_note'] as const;
export type ClaimResolution = (typeof CLAIM_RESOLUTIONS)[number];

export const DEFECT_TYPES = ['defect', 'wrong_item', 'shortage', 'damaged', 'expired', 'other'] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

/** Orders whose goods the client has: only these can be claimed against. */
export const CLAIMABLE_ORDER_STATUSES = ['shipped', 'closed'] as const;

interface Step {
  to: ClaimStatus;
  roles: readonly Role[];
  needs: 'comment' | 'resolution' | null;
}

const REVIEWERS: readonly Role[] = ['supervisor', 'admin'];
const EVERYONE: readonly Role[] = ['manager', 'supervisor', 'admin'];

/** The workflow: every allowed move; anything else is refused. */
export const CLAIM_WORKFLOW: Record<ClaimStatus, readonly Step[]> = {
  new: [{ to: 'in_review', roles: REVIEWERS, needs: null }],
  in_review: [
    { to: 'more_info', roles: REVIEWERS, needs: 'comment' },
    { to: 'approved', roles: REVIEWERS, needs: 'resolution' },
    { to: 'rejected', roles: REVIEWERS, needs: 'comment' },
  ],
  // The manager brings what was asked for (words, photos) and sends it back to review.
  more_info: [{ to: 'in_review', roles: EVERYONE, needs: 'comment' }],
  approved: [{ to: 'closed', roles: EVERYONE, needs: null }],
  rejected: [{ to: 'closed', roles: EVERYONE, needs: null }],
  closed: [],
};

/** How long each step may take, in working hours (the deadline shown on the claim and in queues). */
export const CLAIM_STEP_HOURS: Record<ClaimStatus, number | null> = {
  new: 9, // taken into review within a working day
  in_review: 27, // decided within three working days
  more_info: 45, // the client has a working week to bring what was asked
  approved: 45, // replacement shipped / money returned within a week
  rejected: 18,
  closed: null,
};

export type TransitionRefusal = 'forbidden_step' | 'not_your_step' | 'needs_comment' | 'needs_resolution';

/** Whether `role` may move a claim from `from` to `to`, given what they brought. */
export function claimStep(
  from: ClaimStatus,
  to: ClaimStatus,
  role: Role,
  brought: { comment: string; resolution: boolean },
): TransitionRefusal | null {
  const step = CLAIM_WORKFLOW[from].find((s) => s.to === to);
  if (!step) return 'forbidden_step';
  if (!step.roles.includes(role)) return 'not_your_step';
  if (step.needs === 'comment' && brought.comment.trim() === '') return 'needs_comment';
  if (step.needs === 'resolution' && !brought.resolution) return 'needs_resolution';
  return null;
}

/** The moves `role` can make from `status` (the buttons the claim shows). */
export function claimStepsFor(status: ClaimStatus, role: Role): ClaimStatus[] {
  return CLAIM_WORKFLOW[status].filter((s) => s.roles.includes(role)).map((s) => s.to);
}

export function claimDeadline(status: ClaimStatus, enteredAt: string): string | null {
  const hours = CLAIM_STEP_HOURS[status];
  return hours === null ? null : workingDeadline(enteredAt, hours);
}

/** An open claim still holds the quantities it claims; a rejected or closed-after-rejection one does not. */
export const holdsQuantity = (status: ClaimStatus, resolution: ClaimResolution | null): boolean =>
  status !== 'rejected' && !(status === 'closed' && resolution === null);

/** One claimed line: the order line, what was shipped, what the client says is defective. */
export interface ClaimLine {
  lineId: string;
  itemId: number;
  article: string;
  name: string;
  shipped: string;
  quantity: string;
  /** Line amount share: the order line's amount × quantity / shipped, to kopecks, half up. */
  amount: string;
}

/** The money value of `quantity` of an order line that was `shipped` for `lineAmount`. */
export function claimLineAmount(lineAmount: string, shipped: string, quantity: string): string {
  return new Decimal(lineAmount)
    .times(quantity)
    .dividedBy(shipped)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
    .toFixed(2);
}

export function claimTotal(lines: readonly { amount: string }[]): string {
  return lines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2);
}

/**
 * What is still claimable on a line: shipped minus what open and approved claims already hold.
 * Exact decimal; never negative.
 */
export function claimable(shipped: string, alreadyClaimed: string): string {
  const left = new Decimal(shipped).minus(alreadyClaimed);
  return (left.isNegative() ? new Decimal(0) : left).toString();
}

export interface ClaimEvent {
  status: ClaimStatus;
  at: string;
  by: number;
  comment: string;
}
