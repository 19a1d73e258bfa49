// Editing an order's lines the way a spreadsheet does: patches of many cells (a typed cell, a
// paste, a fill), bulk actions on a selection (set quantity, multiply, round to pack, set
// discount, set warehouse, override, delete), new lines, and undo/redo. Every edit is checked
// whole before anything is written, then goes the one way every edit goes: the lines' changed
// fields only, as order.editLines mutations in one local transaction. Undo/redo keep each touched
// line's state before and after by line id, so they survive sorting, filtering and pasting.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import type { BulkAction, EditLabel, LineProblem } from '../../domain/contract';
import { CodedError } from '../../domain/errors';
import { roundUpToPack, typedDecimal } from '../../domain/orders/order';
import { LineInput, type LinePatch } from '../../domain/orders/order-line-mutations';
import { MAX_LINES_PER_MUTATION } from '../../domain/orders/order-rows';
import type { LinePatchField } from '../../domain/orders/sheet-paste';
import { isOverride, type OverrideReason } from '../../domain/pricing/price-floors';

/** A line as the mutation takes it whole. */
type LineState = {
  id: string;
  lineNo: number;
  itemId: number;
  quantity: string;
  price: string;
  priceSource: 'list' | 'client' | 'promo' | 'manual';
  discount: string;
  warehouseId: number | null;
  comment: string;
  overrideReason: OverrideReason | '';
  overrideNote: string;
};

type Line = LineState & { packSize: number };

/** Line states keyed by line id; null: the line does not exist in that state. */
type LineStates = Map<string, LineState | null>;
interface Step {
  label: EditLabel;
  before: LineStates;
  after: LineStates;
}

const MAX_STEPS = 200;
const DECIMALS = new Set<keyof LineState>(['quantity', 'price', 'discount']);
const FIELDS: (keyof LineState)[] = [
  'itemId',
  'quantity',
  'price',
  'priceSource',
  'discount',
  'warehouseId',
  'comment',
  'overrideReason',
  'overrideNote',
];

/** New or changed lines (whole) and removed line ids, as an edit gives them. */
export interface LineChanges {
  set: LineInput[];
  remove: string[];
}

export interface OrderEditing {
  /** Applies line changes as one undoable step; throws bad_input naming the first bad line. */
  apply(orderId: string, label: EditLabel, changes: LineChanges): { changed: number; seqs: number[] };
  patch(
    orderId: string,
    patches: { lineId: string; patch: Partial<Record<LinePatchField, string>> }[],
    mode: 'ifClean' | 'validOnly' | 'check',
    label: EditLabel,
  ): { applied: boolean; changed: number; problems: LineProblem[] };
  bulk(orderId: string, lineIds: string[], action: BulkAction): { changed: number; problems: LineProblem[] };
  undo(orderId: string): { label: string | null; changed: number };
  redo(orderId: string): { label: string | null; changed: number };
  labels(orderId: string): { undoLabel: string | null; redoLabel: string | null };
}

/** Runs a list of mutations as one local transaction; throws a CodedError when one is refused. */
export type RunMutations = (list: { name: string; args: unknown }[]) => number[];

const sameValue = (field: keyof LineState, a: unknown, b: unknown): boolean =>
  DECIMALS.has(field) && typeof a === 'string' && typeof b === 'string' && a !== '' && b !== ''
    ? new Decimal(a).eq(b)
    : a === b;

/** The fields of `next` that differ from `was`: what the mutation carries for a changed line. */
function changedFields(was: LineState, next: LineState): LinePatch | null {
  const patch: Record<string, unknown> = { id: next.id };
  for (const f of FIELDS) if (!sameValue(f, was[f], next[f])) patch[f] = next[f];
  return Object.keys(patch).length > 1 ? (patch as LinePatch) : null;
}

/**
 * A whole line for the mutation: a new line, or one brought back by undo. The order numbers it
 * (a number is never given twice, so a line brought back comes after the others).
 */
const wholeLine = ({ lineNo: _number, ...rest }: LineState): LinePatch => rest;

export function createOrderEditing(sqlite: Database.Database, run: RunMutations): OrderEditing {
  const history = new Map<string, { undo: Step[]; redo: Step[] }>();
  const historyOf = (orderId: string) => {
    let h = history.get(orderId);
    if (!h) history.set(orderId, (h = { undo: [], redo: [] }));
    return h;
  };
  // `+l.order_id`: look the lines up by id, not by scanning the order's 20,000 lines (SQLite would
  // otherwise pick the order index: 5 ms per one-cell edit of a 20,000-line order).
  const select = sqlite.prepare(
    `SELECT l.id, l.line_no AS lineNo, l.item_id AS itemId, l.quantity, l.price, l.price_source AS priceSource,
      l.discount, l.warehouse_id AS warehouseId, l.comment, l.override_reason AS overrideReason,
      l.override_note AS overrideNote, coalesce(i.pack_size, 1) AS packSize
    FROM order_lines l LEFT JOIN items i ON i.id = l.item_id
    WHERE +l.order_id = ? AND l.id IN (SELECT value FROM json_each(?))`,
  );
  const warehouseList = sqlite.prepare('SELECT id, code, name FROM warehouses');

  const readLines = (orderId: string, ids: readonly string[]): Map<string, Line> =>
    new Map(
      (select.all(orderId, JSON.stringify(ids)) as Line[]).map((r) => [
        r.id,
        { ...r, quantity: String(r.quantity), price: String(r.price), discount: String(r.discount) },
      ]),
    );
  const plainInput = ({ packSize: _p, ...l }: Line): LineState => l;
  /** A price or discount moved by hand needs its own reason: the one given for the old value does not carry over. */
  const reasonFor = (was: LineState, next: LineState): LineState => {
    if (!isOverride({ price_source: next.priceSource, discount: next.discount }))
      return { ...next, overrideReason: '', overrideNote: '' };
    const moved =
      !new Decimal(was.price).eq(next.price) ||
      !new Decimal(was.discount || '0').eq(next.discount || '0') ||
      was.priceSource !== next.priceSource;
    return moved ? { ...next, overrideReason: '', overrideNote: '' } : next;
  };

  /**
   * Writes line states (set, or null: removed) over the lines as they are now: each line's
   * changed fields only, in order.editLines mutations of at most 1,000 lines, one transaction.
   */
  function write(orderId: string, states: LineStates): number[] {
    const current = readLines(orderId, [...states.keys()]);
    const set: LinePatch[] = [];
    const remove: string[] = [];
    for (const [id, s] of states) {
      const was = current.get(id);
      if (s === null) {
        if (was) remove.push(id);
        continue;
      }
      const patch = was ? changedFields(plainInput(was), s) : wholeLine(s);
      if (patch) set.push(patch);
    }
    const list: { name: string; args: unknown }[] = [];
    const all = [...set.map((s) => ({ set: s })), ...remove.map((r) => ({ remove: r }))];
    for (let i = 0; i < all.length; i += MAX_LINES_PER_MUTATION) {
      const part = all.slice(i, i + MAX_LINES_PER_MUTATION);
      list.push({
        name: 'order.editLines@1',
        args: {
          orderId,
          set: part.flatMap((p) => ('set' in p ? [p.set] : [])),
          remove: part.flatMap((p) => ('remove' in p ? [p.remove] : [])),
        },
      });
    }
    return list.length ? run(list) : [];
  }

  function record(orderId: string, label: EditLabel, before: LineStates, after: LineStates): void {
    const h = historyOf(orderId);
    h.undo.push({ label, before, after });
    if (h.undo.length > MAX_STEPS) h.undo.shift();
    h.redo = [];
  }

  function apply(orderId: string, label: EditLabel, changes: LineChanges): { changed: number; seqs: number[] } {
    const parsed: LineState[] = [];
    for (const [i, input] of changes.set.entries()) {
      const p = LineInput.safeParse(input);
      if (!p.success)
        throw new CodedError(
          'bad_input',
          `line ${i + 1}: ${p.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
        );
      parsed.push(p.data as LineState);
    }
    const current = readLines(orderId, [...parsed.map((l) => l.id), ...changes.remove]);
    const before: LineStates = new Map();
    const after: LineStates = new Map();
    for (const now of parsed) {
      const was = current.get(now.id);
      // Unchanged lines are not sent: only what changed travels.
      if (was && !changedFields(plainInput(was), now)) continue;
      before.set(now.id, was ? plainInput(was) : null);
      after.set(now.id, now);
    }
    for (const id of changes.remove) {
      const was = current.get(id);
      if (!was) continue;
      before.set(id, plainInput(was));
      after.set(id, null);
    }
    if (after.size === 0) return { changed: 0, seqs: [] };
    const seqs = write(orderId, after);
    // New lines took their numbers from the order: remembered so that redo brings them back as they were.
    const added = [...after].filter(([id, s]) => s && !before.get(id)).map(([id]) => id);
    if (added.length) for (const [id, l] of readLines(orderId, added)) after.set(id, plainInput(l));
    record(orderId, label, before, after);
    return { changed: after.size, seqs };
  }

  /** A line with a patch over it, or the field the patch cannot set. */
  function patched(
    line: Line,
    patch: Partial<Record<LinePatchField, string>>,
    warehouses: { id: number; code: string; name: string }[],
  ): { line: LineState } | { field: LinePatchField; value: string } {
    const next = plainInput(line);
    if (patch.quantity !== undefined) next.quantity = typedDecimal(patch.quantity);
    if (patch.price !== undefined) {
      const price = typedDecimal(patch.price).replace(/(₽|руб\.?|р\.)$/i, '');
      const same = /^\d+(\.\d+)?$/.test(price) && /^\d+(\.\d+)?$/.test(line.price) && new Decimal(price).eq(line.price);
      if (price !== typedDecimal(line.price) && !same) {
        // A typed price is the manager's: its source becomes "manual".
        next.price = price;
        next.priceSource = 'manual';
      }
    }
    if (patch.discount !== undefined) next.discount = typedDecimal(patch.discount).replace(/%$/, '') || '0';
    if (patch.comment !== undefined) next.comment = patch.comment.trim();
    if (patch.warehouse !== undefined) {
      const t = patch.warehouse.trim().toLowerCase();
      if (!t) next.warehouseId = null;
      else {
        const w = warehouses.find(
          (x) => x.name.toLowerCase() === t || x.code.toLowerCase() === t || String(x.id) === t,
        );
        if (!w) return { field: 'warehouse', value: patch.warehouse };
        next.warehouseId = w.id;
      }
    }
    const parsed = LineInput.safeParse(next);
    if (!parsed.success) {
      const field = String(parsed.error.issues[0]?.path[0] ?? 'quantity') as LinePatchField;
      return { field, value: patch[field] ?? String(next[field as keyof LineState] ?? '') };
    }
    return { line: reasonFor(plainInput(line), parsed.data as LineState) };
  }

  /** Undo writes a step's "before" states, redo its "after" ones; a refused write keeps the step where it was. */
  function replay(orderId: string, direction: 'undo' | 'redo'): { label: string | null; changed: number } {
    const h = historyOf(orderId);
    const [from, to] = direction === 'undo' ? [h.undo, h.redo] : [h.redo, h.undo];
    const step = from.pop();
    if (!step) return { label: null, changed: 0 };
    const states = direction === 'undo' ? step.before : step.after;
    try {
      write(orderId, states);
    } catch (err) {
      from.push(step);
      throw err;
    }
    to.push(step);
    return { label: step.label, changed: states.size };
  }

  /** The selection's lines with a bulk action over each, or the cells it cannot set. */
  function bulkStates(lines: Iterable<Line>, action: Exclude<BulkAction, { kind: 'delete' }>) {
    const problems: LineProblem[] = [];
    const set: LineState[] = [];
    const factor = action.kind === 'multiply' ? typedDecimal(action.factor) : '';
    if (action.kind === 'multiply' && !(/^\d+(\.\d+)?$/.test(factor) && new Decimal(factor).gt(0))) {
      throw new CodedError('bad_input', `multiplier: ${action.factor}`);
    }
    for (const line of lines) {
      const next = plainInput(line);
      if (action.kind === 'setQuantity') next.quantity = typedDecimal(action.value);
      if (action.kind === 'multiply')
        next.quantity = new Decimal(line.quantity).times(factor).toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toString();
      if (action.kind === 'roundToPack') next.quantity = roundUpToPack(line.quantity, line.packSize);
      if (action.kind === 'setDiscount') next.discount = typedDecimal(action.value).replace(/%$/, '') || '0';
      if (action.kind === 'setWarehouse') next.warehouseId = action.warehouseId;
      if (action.kind === 'override') {
        if (action.price !== undefined) {
          next.price = typedDecimal(action.price).replace(/(₽|руб\.?|р\.)$/i, '');
          next.priceSource = 'manual';
        }
        if (action.discount !== undefined) next.discount = typedDecimal(action.discount).replace(/%$/, '') || '0';
      }
      const parsed = LineInput.safeParse(next);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0] as keyof LineState | undefined;
        problems.push({
          lineId: line.id,
          lineNo: line.lineNo,
          field: String(field ?? 'quantity'),
          value: String(field ? next[field] : ''),
        });
        continue;
      }
      let state = reasonFor(plainInput(line), parsed.data as LineState);
      // The reason given with an override goes on every overridden line of the selection.
      if (action.kind === 'override' && isOverride({ price_source: state.priceSource, discount: state.discount }))
        state = { ...state, overrideReason: action.reason, overrideNote: action.note.trim() };
      set.push(state);
    }
    return { set, problems };
  }

  return {
    apply,
    patch(orderId, patches, mode, label) {
      const lines = readLines(
        orderId,
        patches.map((p) => p.lineId),
      );
      const warehouses = warehouseList.all() as { id: number; code: string; name: string }[];
      const problems: LineProblem[] = [];
      const set: LineState[] = [];
      for (const { lineId, patch } of patches) {
        const line = lines.get(lineId);
        if (!line) continue;
        const r = patched(line, patch, warehouses);
        if ('line' in r) set.push(r.line);
        else problems.push({ lineId, lineNo: line.lineNo, field: r.field, value: r.value });
      }
      if (mode === 'check' || (problems.length && mode === 'ifClean')) return { applied: false, changed: 0, problems };
      return { applied: true, changed: apply(orderId, label, { set, remove: [] }).changed, problems };
    },
    bulk(orderId, lineIds, action) {
      if (action.kind === 'delete')
        return { changed: apply(orderId, 'delete', { set: [], remove: lineIds }).changed, problems: [] };
      const { set, problems } = bulkStates(readLines(orderId, lineIds).values(), action);
      // A bulk action is all or nothing: a value that does not fit one line changes no line.
      if (problems.length) return { changed: 0, problems };
      return { changed: apply(orderId, action.kind, { set, remove: [] }).changed, problems };
    },
    undo: (orderId) => replay(orderId, 'undo'),
    redo: (orderId) => replay(orderId, 'redo'),
    labels(orderId) {
      const h = history.get(orderId);
      return { undoLabel: h?.undo.at(-1)?.label ?? null, redoLabel: h?.redo.at(-1)?.label ?? null };
    },
  };
}
