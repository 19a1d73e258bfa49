// The desk contract: every method the renderer may call on `window.desk` and every event it
// may receive, declared once. Both transports (Electron IPC and the web shell's WebSocket)
// and the renderer's typed client are derived from this object.
import { z } from 'zod';
import { BulkLineKind } from './bulk-search';
import { deskEventNames, deskMethodNames } from './contract-names';
import { Contact, DeliveryAddress } from './mutations';
import { SessionUser } from './roles';

const NoInput = z.object({}).strict();

export const ConnectionState = z.enum(['offline', 'connecting', 'online']);

export const SyncStatus = z.object({
  connection: ConnectionState,
  user: SessionUser.nullable(),
  serverUrl: z.string(),
  lastSyncAt: z.string().nullable(),
  rowsInReplica: z.number().int(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  notices: z.array(z.string()),
  /** Local changes not yet acknowledged by the server, and the oldest one's time. */
  pending: z.number().int(),
  oldestPendingAt: z.string().nullable(),
  /** Changes the server rejected, waiting for the user to retry or discard them. */
  rejected: z.number().int(),
  /** Conflict notices not yet dismissed. */
  conflicts: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const Warehouse = z.object({ id: z.number().int(), code: z.string(), name: z.string(), city: z.string() });
export type Warehouse = z.infer<typeof Warehouse>;

export const CatalogRow = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  group: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  lifecycle: z.enum(['active', 'discontinued']),
  /** Stock per warehouse, in the order of `CatalogPage.warehouses`. */
  stock: z.array(z.number()),
  leadDays: z.number().int().nullable(),
  /** Base price of the base price type, exact decimal as a string. */
  basePrice: z.string().nullable(),
});
export type CatalogRow = z.infer<typeof CatalogRow>;

export const CatalogPage = z.object({
  warehouses: z.array(Warehouse),
  rows: z.array(CatalogRow),
  priceTypeName: z.string().nullable(),
});
export type CatalogPage = z.infer<typeof CatalogPage>;

export const CatalogHitRow = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  lifecycle: z.enum(['active', 'discontinued']),
  stockTotal: z.number(),
});

export const ItemDetails = z.object({
  id: z.number().int(),
  article: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  group: z.string(),
  unit: z.string(),
  packSize: z.number().int(),
  lifecycle: z.enum(['active', 'discontinued']),
  attributes: z.record(z.string(), z.string()),
  stock: z.array(z.object({ warehouse: Warehouse, quantity: z.number(), leadDays: z.number().int().nullable() })),
  prices: z.array(z.object({ priceType: z.string(), price: z.string(), withVat: z.boolean() })),
  vatRate: z.string(),
  analogs: z.array(CatalogHitRow),
});
export type ItemDetails = z.infer<typeof ItemDetails>;

export const BulkRow = z.object({
  lineNo: z.number().int(),
  article: z.string(),
  quantity: z.string().nullable(),
  kind: BulkLineKind,
  item: CatalogHitRow.nullable(),
  analog: CatalogHitRow.nullable(),
  alternatives: z.array(CatalogHitRow),
});
export type BulkRow = z.infer<typeof BulkRow>;

export const ClientListRow = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string(),
  managerName: z.string(),
  paymentTerms: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  priceType: z.string(),
  pendingChanges: z.number().int(),
});
export type ClientListRow = z.infer<typeof ClientListRow>;

export const ClientCard = z.object({
  id: z.number().int(),
  name: z.string(),
  inn: z.string(),
  kpp: z.string(),
  legalAddress: z.string(),
  paymentTerms: z.string(),
  creditLimit: z.string(),
  overdue: z.string(),
  coefficient: z.string(),
  priceType: z.string(),
  managerName: z.string(),
  contacts: z.array(Contact),
  deliveryAddresses: z.array(DeliveryAddress),
  notes: z.string(),
  /** Row version the card was read at: the base of the next edit. */
  version: z.number().int(),
  pendingChanges: z.number().int(),
});
export type ClientCard = z.infer<typeof ClientCard>;

export const SyncProblems = z.object({
  pending: z.array(z.object({ seq: z.number().int(), mutation: z.string(), aggregate: z.string(), createdAt: z.string() })),
  rejected: z.array(z.object({ seq: z.number().int(), mutation: z.string(), aggregate: z.string(), args: z.unknown(), code: z.string(), message: z.string(), createdAt: z.string() })),
  conflicts: z.array(z.object({ id: z.number().int(), kind: z.string(), payload: z.record(z.string(), z.unknown()), createdAt: z.string() })),
});
export type SyncProblems = z.infer<typeof SyncProblems>;

const Login = z.string().trim().min(1).max(64);
const Password = z.string().min(1).max(256);
const SearchText = z.string().max(200);

/** Method name → input schema and output schema. */
export const deskMethods = {
  'app.info': { input: NoInput, output: z.object({ version: z.string(), shell: z.enum(['electron', 'web']), locale: z.string() }) },
  'session.login': { input: z.object({ login: Login, password: Password }).strict(), output: SessionUser },
  'session.logout': { input: NoInput, output: z.null() },
  'sync.status': { input: NoInput, output: SyncStatus },
  'sync.now': { input: NoInput, output: z.null() },
  'catalog.page': { input: NoInput, output: CatalogPage },
  'catalog.search': {
    input: z.object({ query: SearchText, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(CatalogHitRow),
  },
  'catalog.item': { input: z.object({ id: z.number().int().positive() }).strict(), output: ItemDetails },
  'catalog.bulkSearch': { input: z.object({ text: z.string().max(2_000_000) }).strict(), output: z.array(BulkRow) },
  'clients.list': { input: NoInput, output: z.array(ClientListRow) },
  'clients.card': { input: z.object({ id: z.number().int().positive() }).strict(), output: ClientCard },
  'clients.updateCard': {
    // Validated again by the mutation itself (domain/mutations.ts), on the desk and on the server.
    input: z.object({ clientId: z.number().int().positive(), baseVersion: z.number().int().nonnegative(), patch: z.record(z.string(), z.unknown()) }).strict(),
    output: z.object({ seq: z.number().int() }),
  },
  'clients.reassign': { input: z.object({ clientId: z.number().int().positive(), managerId: z.number().int().positive() }).strict(), output: z.object({ seq: z.number().int() }) },
  'sync.problems': { input: NoInput, output: SyncProblems },
  'sync.retry': { input: z.object({ seq: z.number().int().positive() }).strict(), output: z.object({ seq: z.number().int() }) },
  'sync.discard': { input: z.object({ seq: z.number().int().positive() }).strict(), output: z.null() },
  'sync.dismissConflict': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.null() },
} as const;

/** Event name → payload schema (core → renderer). */
export const deskEvents = {
  'sync.status': SyncStatus,
  /** Exactly which rows changed (table → row keys), so open views update in place. */
  'replica.changed': z.object({ tables: z.array(z.string()), rows: z.record(z.string(), z.array(z.string())) }),
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
const namesMatch: [Same<(typeof deskMethodNames)[number], MethodName>, Same<(typeof deskEventNames)[number], EventName>] = [true, true];
void namesMatch;

/** The object the renderer talks to: one async function per method, plus event subscription. */
export type DeskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<import('./errors').Result<MethodOutput<M>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What the core implements: parsed input in, output out; throws CodedError for expected failures. */
export type DeskHandlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};
