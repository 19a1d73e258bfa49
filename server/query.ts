// A query on the central store or inside one of its transactions: parameterised SQL in, rows out.
// Every server module that reads or writes rows takes one of these, not the store itself.
export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/** Bulk input in COPY text format (tab-separated, \\N for null), where the store has it (PGlite). */
export type CopyFrom = (table: string, columns: string[], text: string) => Promise<void>;

/** A transaction's query may carry the store's COPY: big writes then stage through it. */
export const copyOf = (query: Query): CopyFrom | undefined => (query as Query & { copyFrom?: CopyFrom }).copyFrom;

/** A value in COPY text format: backslash, tab and line breaks escaped, null as \\N, objects as JSON. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // Most values have nothing to escape: one test instead of four replacements (the initial load's 300,000 rows).
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
