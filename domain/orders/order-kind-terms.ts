// The words of reserves and preorders without arithmetic: hold states, periods, the countdown.
// Kept apart from order-kinds.ts (exact decimals) so the screen can use them as they are.
export const HOLD_STATES = ['held', 'released', 'converted'] as const;
export type HoldState = (typeof HOLD_STATES)[number];

/** What the desk asked 1C about a reserve and waits to hear back. */
export interface HoldRequest {
  kind: 'extend' | 'convert';
  days?: number;
  at: string;
}

/** Days a reserve is held when the client's agreement says nothing. */
export const DEFAULT_RESERVE_DAYS = 3;
export const MAX_RESERVE_DAYS = 30;
/** How long before the end a reserve is told as expiring. */
export const RESERVE_WARN_MS = 24 * 3600_000;

/** The countdown of a held reserve: time left, and whether it is within the last day. */
export function holdLeft(
  heldUntil: string | null,
  now: string,
): { ms: number; warn: boolean; expired: boolean } | null {
  if (!heldUntil) return null;
  const ms = Date.parse(heldUntil) - Date.parse(now);
  return { ms, warn: ms > 0 && ms <= RESERVE_WARN_MS, expired: ms <= 0 };
}
