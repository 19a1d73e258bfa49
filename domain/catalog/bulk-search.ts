// Bulk search: a manager pastes a client's list of articles (one per line, optionally with a
// quantity) and sees for every line whether it matched exactly, by a typo, through an analog,
// or not at all. Parsing and classification are pure; the catalog lookups are passed in.
import { z } from 'zod';

export const BulkLineKind = z.enum(['exact', 'fuzzy', 'analog', 'not_found']);
export type BulkLineKind = z.infer<typeof BulkLineKind>;

export interface PastedLine {
  lineNo: number;
  article: string;
  quantity: string | null;
  /** The quantity as written, when there was one (a preview says what was wrong with it). */
  quantityText?: string | null;
}

/** Quantities as people paste them: "10", "10,5", "1 000", "1 000 шт". Returns a plain decimal string. */
export function parseQuantity(raw: string): string | null {
  const cleaned = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(шт|pcs|pc|ед)\.?$/i, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  return cleaned.replace(/^0+(?=\d)/, '');
}

/**
 * Splits pasted text into lines of (article, quantity). Columns may be separated by a tab
 * (Excel), a semicolon (CSV) or, when the last word is a number, by spaces.
 */
export function parsePastedList(text: string): PastedLine[] {
  const lines: PastedLine[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    let cells = line
      .split(/\t|;/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (cells.length === 1) {
      // Shortest article first, so "K561LA7 1 000 шт" reads as 1 000 pieces of K561LA7.
      const m = /^(.*?\S)\s+((?:\d{1,3}(?:[\s\u00a0]\d{3})+|\d+)(?:[.,]\d+)?)\s*(?:шт|pcs|pc|ед)?\.?$/i.exec(line);
      if (m) cells = [m[1]!, m[2]!];
    }
    const article = cells[0] ?? '';
    const quantityText = cells.length > 1 ? cells[cells.length - 1]! : null;
    const quantity = quantityText === null ? null : parseQuantity(quantityText);
    lines.push({ lineNo: index + 1, article, quantity, quantityText });
  });
  return lines;
}

export interface CatalogHit {
  id: number;
  article: string;
  name: string;
  manufacturer: string;
  lifecycle: 'active' | 'discontinued';
  stockTotal: number;
}

export interface BulkLookup {
  /** Items whose article keys equal the spelling's keys. */
  exact(article: string): CatalogHit[];
  /** Items one typo away (insert, delete or change of one character). */
  nearest(article: string): CatalogHit[];
  /** Orderable analogs of an item, best first (in stock, active). */
  analogs(itemId: number): CatalogHit[];
}

export interface BulkResultLine extends PastedLine {
  kind: BulkLineKind;
  /** The item the line resolves to (for `analog`: the asked item, if it exists). */
  item: CatalogHit | null;
  /** For `analog`: the offered replacement. */
  analog: CatalogHit | null;
  /** Other candidates the manager may choose instead. */
  alternatives: CatalogHit[];
}

function isOrderable(hit: CatalogHit): boolean {
  return hit.lifecycle === 'active' && hit.stockTotal > 0;
}

/** Classifies each pasted line against the catalog. */
export function classifyPastedLines(lines: PastedLine[], lookup: BulkLookup): BulkResultLine[] {
  return lines.map((line) => {
    const found = lookup.exact(line.article);
    // The item spelled exactly as asked comes first among items whose spellings look alike.
    let exact = found;
    if (found.length > 1) {
      const asked = line.article.trim().toLowerCase();
      const literal = found.findIndex((h) => h.article.toLowerCase() === asked);
      if (literal > 0) exact = [found[literal]!, ...found.filter((_, i) => i !== literal)];
    }
    // One object a line, built once (a 10,000-line file classifies 10,000 of them).
    const result = (
      kind: BulkResultLine['kind'],
      item: CatalogHit | null,
      alternatives: CatalogHit[],
      analog: CatalogHit | null = null,
    ): BulkResultLine => ({ ...line, kind, item, analog, alternatives });
    if (exact.length > 0) {
      const item = exact[0]!;
      if (!isOrderable(item)) {
        const analog = lookup.analogs(item.id).find(isOrderable);
        if (analog) return result('analog', item, exact.slice(1), analog);
      }
      return result('exact', item, exact.length > 1 ? exact.slice(1) : []);
    }
    const near = lookup.nearest(line.article);
    if (near.length > 0) return result('fuzzy', near[0]!, near.slice(1, 5));
    return result('not_found', null, []);
  });
}
