// A query on the central store or inside one of its transactions: parameterised SQL in, rows out.
// Every server module that reads or writes rows takes one of these, not the store itself.
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
