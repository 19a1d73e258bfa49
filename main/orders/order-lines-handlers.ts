// Editing an order's lines, the contract's part: cell patches (typing, paste, fill), bulk actions,
// new lines (their ids back), undo and redo, and the preview of incoming rows. Each is one call
// that becomes one step of the editing service: checked whole, changed fields only, one commit.
import type { HandlersOf, orderLineMethods } from '../../domain/contract';
import type { DeskSession } from '../session/desk-session';
import { createLineIntake } from './line-intake';

export function orderLinesHandlers(s: DeskSession): HandlersOf<typeof orderLineMethods> {
  const intake = createLineIntake(s.replica.sqlite, s.catalog, s.pricing);
  return {
    'orders.addLines': ({ orderId, lines, label }) => {
      const inputs = s.orders.newLines(orderId, lines);
      const { seqs } = s.editing.apply(orderId, label, { set: inputs, remove: [] });
      return { added: inputs.length, ids: inputs.map((l) => l.id), seqs };
    },
    'orders.patchLines': ({ orderId, patches, mode, label }) => s.editing.patch(orderId, patches, mode, label),
    'orders.bulk': ({ orderId, lineIds, action }) => s.editing.bulk(orderId, lineIds, action),
    'orders.undo': ({ orderId }) => s.editing.undo(orderId),
    'orders.redo': ({ orderId }) => s.editing.redo(orderId),
    'orders.previewLines': ({ orderId, rows }) => intake.preview(orderId, rows),
  };
}
