// The desk contract: every method the renderer may call on `window.desk` and every event it
// may receive, declared once, one module per feature; this index merges them. Both transports
// (Electron IPC and the web shell's WebSocket) and the renderer's typed client are derived from it.
import { z } from 'zod';
import { deskEventNames, deskMethodNames } from '../transport/contract-names';
import { sessionMethods } from './session';
import { syncMethods } from './sync';
import { catalogMethods } from './catalog';
import { clientsMethods } from './clients';
import { ordersMethods } from './orders';
import { orderKindMethods } from './order-kinds';
import { plansMethods } from './plans';
import { seasonalMethods } from './seasonal';
import { quotesMethods } from './quotes';
import { orderLineMethods } from './order-lines';
import { excelMethods } from './excel';
import { pricingMethods } from './pricing';
import { approvalsMethods } from './approvals';
import { claimsMethods } from './claims';
import { ticketsMethods } from './tickets';
import { aftersalesMethods } from './aftersales';
import { filesMethods } from './files';
import { dashboardMethods } from './dashboard';
import { erpMethods } from './erp';
import { documentsMethods } from './documents';
import { notificationsMethods } from './notifications';
import { mailMethods } from './mail';
import { accountsMethods } from './accounts';
import { syncEvents } from './sync';
import { ordersEvents } from './orders';

export * from './shared';
export * from './session';
export * from './sync';
export * from './catalog';
export * from './clients';
export * from './orders';
export * from './order-kinds';
export * from './plans';
export * from './seasonal';
export * from './quotes';
export * from './order-lines';
export * from './excel';
export * from './pricing';
export * from './approvals';
export * from './claims';
export * from './tickets';
export * from './aftersales';
export * from './files';
export * from './dashboard';
export * from './erp';
export * from './documents';
export * from './notifications';
export * from './mail';
export * from './accounts';

/** Method name → input schema and output schema. */
export const deskMethods = {
  ...sessionMethods,
  ...syncMethods,
  ...catalogMethods,
  ...clientsMethods,
  ...ordersMethods,
  ...orderKindMethods,
  ...plansMethods,
  ...seasonalMethods,
  ...quotesMethods,
  ...orderLineMethods,
  ...excelMethods,
  ...pricingMethods,
  ...approvalsMethods,
  ...claimsMethods,
  ...ticketsMethods,
  ...aftersalesMethods,
  ...filesMethods,
  ...dashboardMethods,
  ...erpMethods,
  ...documentsMethods,
  ...notificationsMethods,
  ...mailMethods,
  ...accountsMethods,
} as const;

/** Event name → payload schema (core → renderer). */
export const deskEvents = {
  ...syncEvents,
  ...ordersEvents,
} as const;

export type DeskMethods = typeof deskMethods;
export type MethodName = keyof DeskMethods;
export type MethodInput<M extends MethodName> = z.input<DeskMethods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<DeskMethods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<DeskMethods[M]['output']>;
export type EventName = keyof typeof deskEvents;
export type EventPayload<E extends EventName> = z.output<(typeof deskEvents)[E]>;

export const methodNames: readonly MethodName[] = deskMethodNames;
export const eventNames: readonly EventName[] = deskEventNames;

// Compile-time proof that the dependency-free name lists (used by the preload) match the contract.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: [
  Same<(typeof deskMethodNames)[number], MethodName>,
  Same<(typeof deskEventNames)[number], EventName>,
] = [true, true];
void namesMatch;

/** The object the renderer talks to: one async function per method, plus event subscription. */
export type DeskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<import('../errors').Result<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** A group of methods as declared in a feature's module: name → input and output schemas. */
type MethodGroup = Record<string, { input: z.ZodType; output: z.ZodType }>;

/** What the core implements for a group: parsed input in, output out; throws CodedError for expected failures. */
export type HandlersOf<G extends MethodGroup> = {
  [M in keyof G]: (input: z.output<G[M]['input']>) => Promise<z.output<G[M]['output']>> | z.output<G[M]['output']>;
};

/** What the core implements: every method of the contract (the feature slices of main/ merged). */
export type DeskHandlers = HandlersOf<DeskMethods>;
