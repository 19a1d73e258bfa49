import { describe, expect, it } from 'vitest';
import { classifyPastedLines, parsePastedList, parseQuantity, type BulkLookup, type CatalogHit } from './bulk-search';

describe('pasted lists', () => {
  it('read Excel tabs, CSV semicolons and "article quantity" lines', () => {
    const lines = parsePastedList('К561ЛА7\t100\r\nSTM32F103C8T6; 20\n\n  k561-la7 1 000 шт\nLM317T\n');
    expect(lines).toEqual([
      { lineNo: 1, article: 'К561ЛА7', quantity: '100', quantityText: '100' },
      { lineNo: 2, article: 'STM32F103C8T6', quantity: '20', quantityText: '20' },
      { lineNo: 4, article: 'k561-la7', quantity: '1000', quantityText: '1 000' },
      { lineNo: 5, article: 'LM317T', quantity: null, quantityText: null },
    ]);
    // Text where a quantity should be is kept as written, for the preview to say so.
    expect(parsePastedList('КТ315Б\tмного')).toEqual([
      { lineNo: 1, article: 'КТ315Б', quantity: null, quantityText: 'много' },
    ]);
  });

  it('parse quantities exactly or not at all', () => {
    expect(parseQuantity('10,5')).toBe('10.5');
    expect(parseQuantity('1\u00a0000')).toBe('1000');
    expect(parseQuantity('007')).toBe('7');
    expect(parseQuantity('ten')).toBeNull();
    expect(parseQuantity('-3')).toBeNull();
  });
});

const hit = (
  id: number,
  article: string,
  stockTotal: number,
  lifecycle: CatalogHit['lifecycle'] = 'active',
): CatalogHit => ({ id, article, name: article, manufacturer: 'M', lifecycle, stockTotal });

describe('classification', () => {
  const catalog: Record<string, CatalogHit> = {
    K561LA7: hit(1, 'К561ЛА7', 0, 'discontinued'),
    KR561LA7: hit(2, 'КР561ЛА7', 50),
    LM317T: hit(3, 'LM317T', 10),
  };
  const lookup: BulkLookup = {
    exact: (a) => (catalog[a.toUpperCase()] ? [catalog[a.toUpperCase()]!] : []),
    nearest: (a) => (a.toUpperCase() === 'LM317' ? [catalog.LM317T!] : []),
    analogs: (id) => (id === 1 ? [catalog.KR561LA7!] : []),
  };

  it('marks exact, fuzzy, analog and not found', () => {
    const out = classifyPastedLines(parsePastedList('LM317T 5\nLM317\nK561LA7\nNOPE123'), lookup);
    expect(out.map((l) => l.kind)).toEqual(['exact', 'fuzzy', 'analog', 'not_found']);
    expect(out[2]!.item!.id).toBe(1);
    expect(out[2]!.analog!.id).toBe(2);
    expect(out[3]!.item).toBeNull();
  });
});
