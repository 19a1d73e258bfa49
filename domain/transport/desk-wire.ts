// Frames of the web shell's desk WebSocket, the second transport of the desk contract: a request
// (id, method, input), its response (id, Result), and pushed events. Used by host and renderer.
import { z } from 'zod';
import type { Result } from '../errors';

export const WireRequest = z.object({ id: z.number().int(), method: z.string().max(100), input: z.unknown() }).strict();
export type WireRequest = z.infer<typeof WireRequest>;
export interface WireResponse {
  id: number | null;
  result: Result<unknown>;
}
export interface WireEvent {
  event: string;
  payload: unknown;
}
