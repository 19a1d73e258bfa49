// Editing an order's lines the way a spreadsheet does: patches of many cells (a paste, a fill),
// bulk actions on a selection (set quantity, multiply, round to pack, set discount, set
// warehouse, delete), new lines, and undo/redo. Every edit is checked whole before anything is
// written, then applied as line mutations in one local transaction; undo/redo keep each touched
// line's state before and after by line id, so they survive sorting, filtering and pasting.
import Decimal from 'decimal.js';
import type Database from 'better-sqlite3';
import type { BulkAction, EditLabel, LineProblem } from '../domain/contract';
import { CodedError } from '../domain/errors';
import { roundUpToPack, typedDecimal } from '../domain/orders/order';
import { LineInput, type LineInput as LineInputShape } from '../domain/orders/order-mutations';
import type { LinePatchField } from '../domain/orders/sheet-paste';
import { isOverride, type OverrideReason } from '../domain/pricing/price-floors';

/** A line as the mutation takes it. */
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
const CHUNK = 1000;

export interface LineChanges {
  set: LineInputShape[];
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

export function createOrderEditing(sqlite: Database.Database, run: RunMutations): OrderEditing {
  const history = new Map<string, { undo: Step[]; redo: Step[] }>();
  const historyOf = (orderId: string) => {
    let h = history.get(orderId);
    if (!h) history.set(orderId, (h = { undo: [], redo: [] }));
    return h;
  };

  const readLines = (orderId: string, ids: string[] | null): Map<string, Line> => {
    const select = `SELECT l.id, l.line_no AS lineNo, l.item_id AS itemId, l.quantity, l.price, l.price_source AS priceSource, l.discount, l.warehouse_id AS warehouseId, l.comment,
      l.override_reason AS overrideReason, l.override_note AS overrideNote, coalesce(i.pack_size, 1) AS packSize FROM order_lines l LEFT JOIN items i ON i.id = l.item_id`;
    const rows: Line[] = [];
    if (ids === null) rows.push(...(sqlite.prepare(`${select} WHERE l.order_id = ?`).all(orderId) as Line[]));
    else {
      // Bounded IN lists: SQLite's limit on parameters, and fast index lookups either way.
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        rows.push(
          ...(sqlite
            .prepare(`${select} WHERE l.order_id = ? AND l.id IN (${part.map(() => '?').join(',')})`)
            .all(orderId, ...part) as Line[]),
        );
      }
    }
    return new Map(
      rows.map((r) => [
        r.id,
        { ...r, quantity: String(r.quantity), price: String(r.price), discount: String(r.discount) },
      ]),
    );
  };
  const plainInput = ({ packSize: _p, ...l }: Line): LineState => l;
  const sameLine = (a: LineState, b: LineState): boolean =>
    a.lineNo === b.lineNo &&
    a.itemId === b.itemId &&
    a.quantity === b.quantity &&
    a.price === b.price &&
    a.priceSource === b.priceSource &&
    a.discount === b.discount &&
    a.warehouseId === b.warehouseId &&
    a.comment === b.comment &&
    a.overrideReason === b.overrideReason &&
    a.overrideNote === b.overrideNote;
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

  /** Writes line states (set or remove) as mutations in one transaction; returns how many lines changed. */
  function write(orderId: string, states: LineStates): number[] {
    const set: LineState[] = [];
    const remove: string[] = [];
    for (const [id, s] of states) {
      if (s) set.push(s);
      else remove.push(id);
    }
    const list: { name: string; args: unknown }[] = [];
    for (let i = 0; i < set.length; i += CHUNK)
      list.push({ name: 'order.setLines@1', args: { orderId, lines: set.slice(i, i + CHUNK) } });
    for (let i = 0; i < remove.length; i += CHUNK)
      list.push({ name: 'order.removeLines@1', args: { orderId, lineIds: remove.slice(i, i + CHUNK) } });
    return list.length ? run(list) : [];
  }

  function record(orderId: string, label: EditLabel, before: LineStates, after: LineStates): void {
    const h = historyOf(orderId);
    h.undo.push({ label, before, after });
    if (h.undo.length > MAX_STEPS) h.undo.shift();
    h.redo = [];
  }

  function apply(orderId: string, label: EditLabel, changes: LineChanges): { changed: number; seqs: number[] } {
    for (const [i, input] of changes.set.entries()) {
      const parsed = LineInput.safeParse(input);
      if (!parsed.success)
        throw new CodedError(
          'bad_input',
          `line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
        );
    }
    const current = readLines(orderId, [...changes.set.map((l) => l.id), ...changes.remove]);
    const before: LineStates = new Map();
    const after: LineStates = new Map();
    for (const l of changes.set) {
      const was = current.get(l.id);
      const now: LineState = LineInput.parse(l);
      // Unchanged lines are not sent: only what changed travels.
      if (was && sameLine(plainInput(was), now)) continue;
      before.set(l.id, was ? plainInput(was) : null);
      after.set(l.id, now);
    }
    for (const id of changes.remove) {
      const was = current.get(id);
      if (!was) continue;
      before.set(id, plainInput(was));
      after.set(id, null);
    }
    if (after.size === 0) return { changed: 0, seqs: [] };
    const seqs = write(orderId, after);
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
      if (
        price !== typedDecimal(line.price) &&
        !(/^\d+(\.\d+)?$/.test(price) && /^\d+(\.\d+)?$/.test(line.price) && new Decimal(price).eq(line.price))
      ) {
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

  return {
    apply,
    patch(orderId, patches, mode, label) {
      const lines = readLines(
        orderId,
        patches.map((p) => p.lineId),
      );
      const warehouses = sqlite.prepare('SELECT id, code, name FROM warehouses').all() as {
        id: number;
        code: string;
        name: string;
      }[];
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
      const lines = readLines(orderId, lineIds);
      const problems: LineProblem[] = [];
      const set: LineState[] = [];
      const factor = action.kind === 'multiply' ? typedDecimal(action.factor) : '';
      if (action.kind === 'multiply' && !(/^\d+(\.\d+)?$/.test(factor) && new Decimal(factor).gt(0))) {
        throw new CodedError('bad_input', `multiplier: ${action.factor}`);
      }
      for (const line of lines.values()) {
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
        if (parsed.success) {
          let state = reasonFor(plainInput(line), parsed.data as LineState);
          // The reason given with an override goes on every overridden line of the selection.
          if (action.kind === 'override' && isOverride({ price_source: state.priceSource, discount: state.discount }))
            state = { ...state, overrideReason: action.reason, overrideNote: action.note.trim() };
          set.push(state);
        } else
          problems.push({
            lineId: line.id,
            lineNo: line.lineNo,
            field: String(parsed.error.issues[0]?.path[0] ?? 'quantity'),
            value: String(next[parsed.error.issues[0]?.path[0] as keyof LineState] ?? ''),
          });
      }
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
