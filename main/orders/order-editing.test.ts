// Line editing on a real replica: a paste is checked whole (a bad cell changes nothing unless
// the manager applies the valid ones), bulk actions are all or nothing, undo/redo restore lines
// by id whatever happened in between, and whole-order operations are one local transaction.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../domain/errors';
import { createOrderEditing } from './order-editing';
import { createOrderOperations } from './order-operations';
import { createDeskPricing } from '../pricing/pricing';
import { seededReplica } from '../sync/test-replica';

function desk() {
  const t = seededReplica();
  const run = (list: { name: string; args: unknown }[]): number[] => {
    const r = t.changes.mutateAll(list);
    if (!r.ok) throw new CodedError(r.code === 'locked' ? 'locked' : 'bad_input', r.message);
    return r.seqs;
  };
  const draft = t.data.orders.find((o) => o.manager_id === t.managerId && o.status === 'draft' && o.lines_count >= 10)!;
  const lines = () =>
    t.replica.sqlite
      .prepare(
        `SELECT id, line_no, item_id, quantity, price, price_source, discount, warehouse_id, comment, amount FROM order_lines WHERE order_id = ? ORDER BY line_no`,
      )
      .all(draft.id) as {
      id: string;
      line_no: number;
      item_id: number;
      quantity: string;
      price: string;
      price_source: string;
      discount: string;
      warehouse_id: number | null;
      comment: string;
      amount: string;
    }[];
  const header = (id = draft.id) =>
    t.replica.sqlite.prepare(`SELECT status, total, lines_count FROM orders WHERE id = ?`).get(id) as {
      status: string;
      total: string;
      lines_count: number;
    };
  return {
    ...t,
    run,
    draft,
    lines,
    header,
    editing: createOrderEditing(t.replica.sqlite, run),
    operations: createOrderOperations(t.replica.sqlite, run, createDeskPricing(t.replica.sqlite)),
  };
}

describe('order editing', () => {
  it('a paste with a bad cell changes nothing, then applies the valid cells when asked', () => {
    const d = desk();
    const before = d.lines();
    const pending = d.changes.pending().length;
    const patches = [
      { lineId: before[0]!.id, patch: { quantity: '7' } },
      { lineId: before[1]!.id, patch: { quantity: 'много' } },
      { lineId: before[2]!.id, patch: { price: '12,5', discount: '5%' } },
    ];
    const first = d.editing.patch(d.draft.id, patches, 'ifClean', 'paste');
    expect(first).toMatchObject({
      applied: false,
      changed: 0,
      problems: [{ lineId: before[1]!.id, field: 'quantity', value: 'много' }],
    });
    expect(d.lines()).toEqual(before);
    expect(d.changes.pending().length).toBe(pending);
    const second = d.editing.patch(d.draft.id, patches, 'validOnly', 'paste');
    expect(second).toMatchObject({ applied: true, changed: 2 });
    const after = d.lines();
    expect(after[0]!.quantity).toBe('7');
    expect(after[2]).toMatchObject({ price: '12.5', price_source: 'manual', discount: '5' });
    expect(after[1]).toEqual(before[1]);
    // One mutation for the whole paste, and the total is the exact sum of the lines.
    expect(d.changes.pending().length).toBe(pending + 1);
    expect(d.header().total).toBe(after.reduce((s, l) => s.plus(l.amount), new Decimal(0)).toFixed(2));
  });

  it('bulk actions are all or nothing; undo and redo restore lines by id', () => {
    const d = desk();
    const before = d.lines();
    const ids = before.slice(0, 5).map((l) => l.id);
    expect(d.editing.bulk(d.draft.id, ids, { kind: 'setDiscount', value: '150' })).toMatchObject({
      changed: 0,
      problems: Array(5).fill({ field: 'discount', value: '150' }),
    });
    expect(d.lines()).toEqual(before);
    expect(d.editing.bulk(d.draft.id, ids, { kind: 'multiply', factor: '2' }).changed).toBe(5);
    expect(
      d
        .lines()
        .slice(0, 5)
        .map((l) => l.quantity),
    ).toEqual(before.slice(0, 5).map((l) => new Decimal(l.quantity).times(2).toString()));
    expect(d.editing.bulk(d.draft.id, [before[6]!.id, before[7]!.id], { kind: 'delete' }).changed).toBe(2);
    expect(d.lines()).toHaveLength(before.length - 2);
    expect(d.editing.labels(d.draft.id)).toEqual({ undoLabel: 'delete', redoLabel: null });
    d.editing.undo(d.draft.id);
    expect(d.lines()).toHaveLength(before.length);
    d.editing.undo(d.draft.id);
    // Every line as it was; the two brought back come last, numbered anew: a number is never given twice.
    const byId = (ls: ReturnType<typeof d.lines>) =>
      ls.map(({ line_no: _n, ...l }) => l).sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(d.lines())).toEqual(byId(before));
    const numbers = d.lines().map((l) => l.line_no);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(
      d
        .lines()
        .slice(-2)
        .map((l) => l.id),
    ).toEqual([before[6]!.id, before[7]!.id]);
    expect(d.header().total).toBe(d.draft.total);
    expect(d.editing.undo(d.draft.id)).toEqual({ label: null, changed: 0 });
    d.editing.redo(d.draft.id);
    d.editing.redo(d.draft.id);
    expect(d.lines()).toHaveLength(before.length - 2);
    expect(d.editing.labels(d.draft.id)).toEqual({ undoLabel: 'delete', redoLabel: null });
  });

  it('round to pack rounds up only lines off their pack', () => {
    const d = desk();
    const ids = d.lines().map((l) => l.id);
    d.editing.bulk(d.draft.id, ids, { kind: 'roundToPack' });
    const packs = new Map(d.data.items.map((i) => [i.id, i.pack_size]));
    for (const l of d.lines()) expect(new Decimal(l.quantity).mod(packs.get(l.item_id)!).isZero()).toBe(true);
  });

  it('split by warehouse and merge back keep every line and the total; a refused step changes nothing', () => {
    const d = desk();
    const before = d.lines();
    const total = d.header().total;
    // Two lines from another warehouse, then a split by warehouse.
    d.editing.bulk(
      d.draft.id,
      before.slice(0, 2).map((l) => l.id),
      { kind: 'setWarehouse', warehouseId: 3 },
    );
    const { ids } = d.operations.split(d.draft.id, 'warehouse');
    expect(ids).toHaveLength(1);
    expect(d.lines()).toHaveLength(before.length - 2);
    const moved = d.header(ids[0]);
    expect(moved.lines_count).toBe(2);
    expect(new Decimal(moved.total).plus(d.header().total).toFixed(2)).toBe(total);
    d.operations.merge(d.draft.id, ids);
    expect(d.header().lines_count).toBe(before.length);
    expect(d.header().total).toBe(total);
    expect(d.header(ids[0]).status).toBe('cancelled');
    // A merge with an order of another client is refused whole.
    const other = d.data.orders.find(
      (o) => o.manager_id === d.managerId && o.status === 'draft' && o.client_id !== d.draft.client_id,
    )!;
    const pending = d.changes.pending().length;
    expect(() => d.operations.merge(d.draft.id, [other.id])).toThrow(/other_client/);
    expect(d.changes.pending().length).toBe(pending);
  });

  it('repeat makes a new draft with the same lines', () => {
    const d = desk();
    const { id } = d.operations.repeat(d.draft.id);
    expect(d.header(id)).toMatchObject({ status: 'draft', lines_count: d.draft.lines_count });
  });
});
