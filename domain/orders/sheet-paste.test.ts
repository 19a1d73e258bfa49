import { describe, expect, it } from 'vitest';
import { planPaste, type PasteRole } from './sheet-paste';

const columns: (PasteRole | null)[] = [null, 'article', null, 'quantity', 'price', 'discount', null, 'comment'];
const rowIds = ['a', 'b', 'c'];

describe('paste into the order grid', () => {
  it('patches editable cells from the top left cell and counts read-only ones', () => {
    const plan = planPaste({
      block: [
        ['5', '10.5'],
        ['7', 'x'],
      ],
      target: { rowStart: 1, rowEnd: 1, colStart: 3, colEnd: 3 },
      columns,
      rowIds,
    });
    expect([...plan.patches]).toEqual([
      ['b', { quantity: '5', price: '10.5' }],
      ['c', { quantity: '7', price: 'x' }],
    ]);
    expect(plan.cells).toBe(4);
    expect(plan.appended).toEqual([]);
    const ro = planPaste({
      block: [['K1', 'name', '3']],
      target: { rowStart: 0, rowEnd: 0, colStart: 1, colEnd: 1 },
      columns,
      rowIds,
    });
    expect(ro.readOnlyCells).toBe(2);
    expect([...ro.patches]).toEqual([['a', { quantity: '3' }]]);
  });

  it('fills a selection with one value', () => {
    const plan = planPaste({
      block: [['12']],
      target: { rowStart: 0, rowEnd: 2, colStart: 3, colEnd: 3 },
      columns,
      rowIds,
    });
    expect([...plan.patches.values()]).toEqual([{ quantity: '12' }, { quantity: '12' }, { quantity: '12' }]);
  });

  it('appends rows past the end when they carry an article, and reports those that do not', () => {
    const plan = planPaste({
      block: [
        ['K1', '', '4'],
        ['K2', '', '5'],
        ['', '', '6'],
        ['', '', ''],
      ],
      target: { rowStart: 2, rowEnd: 2, colStart: 1, colEnd: 1 },
      columns,
      rowIds,
    });
    expect(plan.patches.get('c')).toEqual({ quantity: '4' });
    expect(plan.appended).toEqual([{ sourceRow: 2, article: 'K2', quantity: '5' }]);
    expect(plan.rowsWithoutArticle).toBe(1);
  });

  it('reads a two-column list at the article column as article and quantity', () => {
    const plan = planPaste({
      block: [
        ['K9', '3'],
        ['K10', '4'],
      ],
      target: { rowStart: 3, rowEnd: 3, colStart: 1, colEnd: 1 },
      columns,
      rowIds,
    });
    expect(plan.appended).toEqual([
      { sourceRow: 1, article: 'K9', quantity: '3' },
      { sourceRow: 2, article: 'K10', quantity: '4' },
    ]);
  });

  it('counts cells right of the last column', () => {
    const plan = planPaste({
      block: [['c1', 'extra', 'more']],
      target: { rowStart: 0, rowEnd: 0, colStart: 7, colEnd: 7 },
      columns,
      rowIds,
    });
    expect(plan.beyondColumns).toBe(2);
    expect(plan.patches.get('a')).toEqual({ comment: 'c1' });
  });
});
