import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTsv, parseTsv, rectangular } from './clipboard-table';

describe('clipboard tables', () => {
  it('reads what Excel puts on the clipboard', () => {
    expect(parseTsv('K561LA7\t10\r\nКР142ЕН5А\t1 000\r\n')).toEqual([
      ['K561LA7', '10'],
      ['КР142ЕН5А', '1 000'],
    ]);
    // A cell with a line break and quotes, and an empty cell at the end of a row.
    expect(parseTsv('"two\nlines"\t"say ""hi"""\t\r\nx\t\ty\n')).toEqual([
      ['two\nlines', 'say "hi"', ''],
      ['x', '', 'y'],
    ]);
    expect(parseTsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    // A quote that never closes is just a character.
    expect(parseTsv('"open\tx')).toEqual([['"open', 'x']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('writes what it reads, cell for cell', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Я', '1', ' ', '\t', '\n', '\r', '"', ','), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const table = rectangular(rows);
        // A row of one empty cell is written as an empty line: read back as one empty cell too.
        expect(parseTsv(formatTsv(table))).toEqual(table);
      }),
    );
  });
});
