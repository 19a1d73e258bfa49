// Frames of the web shell's desk WebSocket, the second transport of the desk contract: a request
// (id, method, input), its response (id, Result), and pushed events. Used by host and renderer.
// A large response or event comes as a one-time key instead, its JSON fetched over HTTP: Chromium moves
// a WebSocket message through flow-control windows, a fetch body through a data pipe, about
// twice as fast for the megabytes of a 20,000-line order.
import { z } from 'zod';
import type { Result } from '../errors';

export const WireRequest = z.object({ id: z.number().int(), method: z.string().max(100), input: z.unknown() }).strict();
export type WireRequest = z.infer<typeof WireRequest>;
export type WireResponse =
  | { id: number | null; result: Result<unknown> }
  | { id: number; /** GET `${WIRE_BODY_PATH}${body}` with the launch token answers the Result. */ body: string };

/** Where a large response waits for its one fetch. */
export const WIRE_BODY_PATH = '/desk/body/';
/** The header a body fetch carries the launch token in. */
export const WIRE_TOKEN_HEADER = 'x-desk-token';
/** An event; a large one's payload is fetched like a large response's Result (in order with the others). */
export type WireEvent = { event: string; payload: unknown } | { event: string; body: string };
