// Rebase on a real replica file: local state = server state + pending mutations, whatever order
// server rows, acknowledgements and rejections arrive in.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireColumns } from '../domain/sync-tables';
import { createLocalChanges } from './local-changes';
import { openReplica } from './replica';

const clientWire = (id: number, notes: string, version: number, managerId = 100): unknown[] => {
  const values: Record<string, unknown> = {
    id, name: `Клиент ${id}`, inn: '7700000000', price_type_id: 1, coefficient: '1.0000', credit_limit: '0.00', overdue: '0.00', manager_id: managerId,
    payment_terms: 'Предоплата', kpp: '', legal_address: '', contacts: [], delivery_addresses: [], notes, field_versions: {},
  };
  return [...wireColumns('clients').slice(0, -2).map((c) => values[c]), version, false];
};

function fresh() {
  const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-lc-')), 'r.sqlite'));
  const changes = createLocalChanges({ replica, user: () => ({ id: 100, role: 'manager' }) });
  changes.applyServerBatch([{ table: 'clients', rows: [clientWire(1, 'сервер', 10), clientWire(2, 'сервер', 11)] }], 11);
  const notes = (id: number): string => String(replica.readRow('clients', String(id))!.notes);
  const edit = (id: number, text: string) => changes.mutate('client.updateCard@1', { clientId: id, baseVersion: 10, patch: { notes: text } });
  return { replica, changes, notes, edit };
}

describe('local changes', () => {
  it('apply at once, queue in order, and leave nothing when the desk itself rejects', () => {
    const { changes, notes, edit } = fresh();
    expect(edit(1, 'локально')).toMatchObject({ ok: true, seq: 1 });
    expect(notes(1)).toBe('локально');
    expect(changes.mutate('client.updateCard@1', { clientId: 1, baseVersion: 10, patch: {} })).toMatchObject({ ok: false, code: 'bad_args' });
    expect(changes.pending().map((p) => p.seq)).toEqual([1]);
  });

  it('keep pending intent on top of newer server rows (rebase)', () => {
    const { changes, notes, edit } = fresh();
    edit(1, 'моя правка');
    changes.applyServerBatch([{ table: 'clients', rows: [clientWire(1, 'чужая правка', 20)] }], 20);
    expect(notes(1)).toBe('моя правка');
    // Once the server has applied it and the row comes back, the local row is the server's.
    changes.ack([{ seq: 1, status: 'applied' }]);
    changes.applyServerBatch([{ table: 'clients', rows: [clientWire(1, 'моя правка', 21)] }], 21);
    expect(notes(1)).toBe('моя правка');
    expect(changes.pending()).toEqual([]);
  });

  it('undo a rejected change back to the server state, keeping later ones', () => {
    const { changes, notes, edit } = fresh();
    edit(1, 'первая');
    edit(1, 'вторая');
    edit(2, 'другой клиент');
    changes.ack([{ seq: 2, status: 'rejected', code: 'invalid', message: 'нельзя' }]);
    expect(notes(1)).toBe('первая');
    changes.ack([{ seq: 1, status: 'rejected', code: 'invalid', message: 'нельзя' }]);
    expect(notes(1)).toBe('сервер');
    expect(notes(2)).toBe('другой клиент');
    expect(changes.entries().filter((e) => e.status === 'rejected').map((e) => e.seq)).toEqual([1, 2]);
    expect(changes.retry(2)).toMatchObject({ ok: true, seq: 4 });
    expect(notes(1)).toBe('вторая');
  });

  it('drop rows that left the scope, also from under pending changes', () => {
    const { changes, replica, edit } = fresh();
    edit(2, 'уйдёт');
    changes.applyServerBatch([{ table: 'scope_exits', rows: [[1, 100, 'clients', '2', 30, false]] }], 30);
    expect(replica.readRow('clients', '2')).toBeNull();
  });

  it('equal server state + pending mutations for any arrival order (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof(
        fc.record({ k: fc.constant('edit' as const), id: fc.constantFrom(1, 2), text: fc.string({ maxLength: 5 }) }),
        fc.record({ k: fc.constant('server' as const), id: fc.constantFrom(1, 2), text: fc.string({ maxLength: 5 }) }),
        fc.record({ k: fc.constant('ack' as const), reject: fc.boolean() }),
      ), { maxLength: 25 }),
      (ops) => {
        const { changes, notes, edit } = fresh();
        const server = new Map([[1, 'сервер'], [2, 'сервер']]);
        let version = 100;
        for (const op of ops) {
          if (op.k === 'edit') edit(op.id, op.text);
          else if (op.k === 'server') {
            server.set(op.id, op.text);
            changes.applyServerBatch([{ table: 'clients', rows: [clientWire(op.id, op.text, ++version)] }], version);
          } else {
            const first = changes.pending()[0];
            if (!first) continue;
            if (op.reject) changes.ack([{ seq: first.seq, status: 'rejected', code: 'invalid' }]);
            else {
              // Applied on the server: the server row now carries the change.
              const args = first.args as { clientId: number; patch: { notes: string } };
              server.set(args.clientId, args.patch.notes);
              changes.ack([{ seq: first.seq, status: 'applied' }]);
              changes.applyServerBatch([{ table: 'clients', rows: [clientWire(args.clientId, args.patch.notes, ++version)] }], version);
            }
          }
        }
        for (const id of [1, 2]) {
          const pendingForId = changes.pending().filter((p) => (p.args as { clientId: number }).clientId === id);
          const expected = pendingForId.length ? (pendingForId[pendingForId.length - 1]!.args as { patch: { notes: string } }).patch.notes : server.get(id);
          expect(notes(id)).toBe(expected);
        }
      },
    ), { numRuns: 150 });
  });
});
