// The bench's figures: one record per measured id ({id, value, unit, budget, note}; ids stable
// across versions), the helpers every part uses (percentiles, median), and the table printed at
// the end and written to bench/results.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Figure {
  id: string;
  value: number;
  unit: string;
  /** The limit: an upper bound, or for `min` figures a lower bound. */
  budget: number | null;
  min?: boolean;
  note?: string;
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const median = (values: number[]): number => percentile(values, 50);

export const log = (message: string): void => console.log(`· ${message}`);

/** A ratio rounded to two places (three below 1). */
export const ratio = (a: number, b: number): number => Number((a / b).toFixed(a / b < 1 ? 3 : 2));

export function within(f: Figure): boolean {
  if (f.budget === null) return true;
  return f.min ? f.value >= f.budget : f.value <= f.budget;
}

export function report(figures: Figure[], file = path.resolve('bench/results.json')): void {
  console.log('\nid                                       value        unit     limit      note');
  for (const f of figures)
    console.log(
      `${within(f) ? ' ' : '!'} ${f.id.padEnd(38)} ${String(f.value).padStart(10)}   ${f.unit.padEnd(8)} ${`${f.min ? '≥' : '≤'}${f.budget ?? '—'}`.padStart(8)}   ${f.note ?? ''}`,
    );
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(
    `\nwritten ${path.relative(process.cwd(), file)}; ${figures.filter((f) => !within(f)).length} over their limit`,
  );
}
