// The desk contract: every method the renderer may call on `window.desk` and every event it
// may receive, declared once. Both transports (Electron IPC and the web shell's WebSocket)
// and the renderer's typed client are derived from this object.
import { z } from 'zod';
import { BulkLineKind } from './bulk-search';
import { deskEventNames, deskMethodNames } from './contract-names';
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
} as const;

/** Event name → payload schema (core → renderer). */
export const deskEvents = {
  'sync.status': SyncStatus,
  'replica.changed': z.object({ tables: z.array(z.string()) }),
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
