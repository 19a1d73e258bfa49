// Rebase on a real replica file: local state = server state + pending mutations, whatever order
// server rows, acknowledgements and rejections arrive in.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runDefinition } from '../../domain/sync/mutations';
import { lookUp, type MutationDef, type Row } from '../../domain/sync/mutation-def';
import { wireColumns } from '../../domain/sync/sync-tables';
import { createLocalChanges } from './local-changes';
import { openReplica } from './replica';

const clientWire = (id: number, notes: string, version: number, managerId = 100, address = ''): unknown[] => {
  const values: Record<string, unknown> = {
    id,
    name: `Клиент ${id}`,
    inn: '7700000000',
    price_type_id: 1,
    coefficient: '1.0000',
    credit_limit: '0.00',
    overdue: '0.00',
    manager_id: managerId,
    payment_terms: 'Предоплата',
    kpp: '',
    legal_address: '',
    contacts: [],
    delivery_addresses: address ? [{ label: 'Склад', address }] : [],
    notes,
    field_versions: {},
  };
  return [
    ...wireColumns('clients')
      .slice(0, -2)
      .map((c) => values[c]),
    version,
    false,
  ];
};

function fresh() {
  const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-lc-')), 'r.sqlite'));
  const changes = createLocalChanges({ replica, user: () => ({ id: 100, role: 'manager' }) });
  changes.applyServerBatch(
    [{ table: 'clients', rows: [clientWire(1, 'сервер', 10), clientWire(2, 'сервер', 11)] }],
    11,
  );
  const notes = (id: number): string => String(replica.readRow('clients', String(id))!.notes);
  const addresses = (id: number): string =>
    (replica.readRow('clients', String(id))!.delivery_addresses as { address: string }[])
      .map((a) => a.address)
      .join('; ');
  const edit = (id: number, text: string) =>
    changes.mutate('client.updateCard@1', { clientId: id, baseVersion: 10, patch: { notes: text } });
  return { replica, changes, notes, addresses, edit };
}

/** A second field of the card, so that a rebuild from a stale copy shows (notes alone are overwritten whole). */
const editAddress = (changes: ReturnType<typeof createLocalChanges>, id: number, address: string) =>
  changes.mutate('client.updateCard@1', {
    clientId: id,
    baseVersion: 10,
    patch: { delivery_addresses: [{ label: 'Склад', address }] },
  });
/** An address must be at least 5 characters. */
const addressOf = (f: 'notes' | 'address', text: string): string => (f === 'address' ? `ул. ${text}.` : text);

describe('local changes', () => {
  it('apply at once, queue in order, and leave nothing when the desk itself rejects', () => {
    const { changes, notes, edit } = fresh();
    expect(edit(1, 'локально')).toMatchObject({ ok: true, seq: 1 });
    expect(notes(1)).toBe('локально');
    expect(changes.mutate('client.updateCard@1', { clientId: 1, baseVersion: 10, patch: {} })).toMatchObject({
      ok: false,
      code: 'bad_args',
    });
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
    expect(
      changes
        .entries()
        .filter((e) => e.status === 'rejected')
        .map((e) => e.seq),
    ).toEqual([1, 2]);
    expect(changes.retry(2)).toMatchObject({ ok: true, seq: 4 });
    expect(notes(1)).toBe('вторая');
  });

  it('drop rows that left the scope, also from under pending changes', () => {
    const { changes, replica, edit } = fresh();
    edit(2, 'уйдёт');
    changes.applyServerBatch([{ table: 'scope_exits', rows: [[1, 100, 'clients', '2', 30, false]] }], 30);
    expect(replica.readRow('clients', '2')).toBeNull();
  });

  it('keep an applied change on screen until its row comes back, whatever arrives in between', () => {
    const { changes, replica, notes, edit } = fresh();
    edit(1, 'принята');
    edit(1, 'отклонена');
    // The server took the first (committed at version 50) and refused the second; the desk has
    // pulled only up to 11, so its server rows do not carry the first change yet.
    changes.ack([{ seq: 1, status: 'applied' }], 50);
    changes.ack([{ seq: 2, status: 'rejected', code: 'invalid', message: 'нельзя' }], 50);
    expect(notes(1)).toBe('принята');
    // Another user's older change (version 40) arrives: the server has ours on top of it.
    changes.applyServerBatch([{ table: 'clients', rows: [clientWire(1, 'чужая', 40)] }], 40);
    expect(notes(1)).toBe('принята');
    expect(changes.pending()).toEqual([]);
    expect(changes.entries().map((e) => e.status)).toEqual(['rejected']);
    // Pulled up to the commit: the server's row, and nothing kept for it any more.
    changes.applyServerBatch([{ table: 'clients', rows: [clientWire(1, 'принята', 50)] }], 50);
    expect(notes(1)).toBe('принята');
    expect(replica.sqlite.prepare(`SELECT count(*) FROM outbox WHERE status = 'applied'`).pluck().get()).toBe(0);
    expect(replica.sqlite.prepare('SELECT count(*) FROM shadow_rows').pluck().get()).toBe(0);
  });

  it('keep an applied change until a complete pull, though a window past its version lacks its row', () => {
    const { changes, notes, edit, addresses } = fresh();
    edit(1, 'создано');
    editAddress(changes, 1, 'Склад, ул. Новая 1');
    // Both taken (versions 50 and 51): the row's only version on the server is now 51.
    changes.ack([{ seq: 1, status: 'applied' }], 50);
    changes.ack([{ seq: 2, status: 'applied' }], 51);
    // A window of a long pull up to 50 cannot hold it; the first change must stay on screen.
    changes.applyServerBatch([], 50, false);
    expect(notes(1)).toBe('создано');
    expect(addresses(1)).toBe('Склад, ул. Новая 1');
    // The pull completes: the server's row carries both, and the outbox is empty.
    changes.applyServerBatch(
      [{ table: 'clients', rows: [clientWire(1, 'создано', 51, 100, 'Склад, ул. Новая 1')] }],
      51,
      true,
    );
    expect(notes(1)).toBe('создано');
    expect(addresses(1)).toBe('Склад, ул. Новая 1');
  });

  it('rebase only the order a batch brings back, not every queued order of the same client and warehouse', () => {
    const { replica, changes } = fresh();
    changes.applyServerBatch([{ table: 'warehouses', rows: [[1, 'МСК', 'Москва', 'Москва', null, 12, false]] }], 12);
    const ids = Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids)
      expect(
        changes.mutate('order.create@1', { orderId: id, clientId: 1, kind: 'order', warehouseId: 1 }),
      ).toMatchObject({ ok: true });
    // The server applied the first; its row comes back with the pull that completes.
    changes.ack([{ seq: 1, status: 'applied' }], 13);
    // The server numbered it (the desk could not): its row differs from the desk's by that.
    const first: Row = { ...replica.readRow('orders', ids[0]!)!, number: '13' };
    const wire = [
      ...wireColumns('orders')
        .slice(0, -2)
        .map((c) => first[c] ?? null),
      13,
      false,
    ];
    const changed = changes.applyServerBatch([{ table: 'orders', rows: [wire] }], 13);
    // Every order read the client's and the warehouse's rows; they only look them up, so the
    // other 39 are not re-run (they were, each batch, and a desk back from an outage crawled).
    expect([...(changed.get('orders') ?? [])]).toEqual([ids[0]]);
    expect(changes.pending()).toHaveLength(39);
    for (const id of ids) expect(replica.readRow('orders', id)).toMatchObject({ client_id: 1, warehouse_id: 1 });
  });

  it('a server echo of a row this desk changed, with the same data, is not a change (decimals written either way)', () => {
    const { replica, changes } = fresh();
    changes.applyServerBatch([{ table: 'warehouses', rows: [[1, 'МСК', 'Москва', 'Москва', null, 12, false]] }], 12);
    const id = '00000000-0000-4000-8000-000000000001';
    const created = changes.mutate('order.create@1', { orderId: id, clientId: 1, kind: 'order', warehouseId: 1 });
    expect(created).toMatchObject({ ok: true, changed: new Map([['orders', new Set([id])]]) });
    changes.ack([{ seq: 1, status: 'applied' }], 13);
    // The server's copy: its version, its decimals as PostgreSQL writes them ('0.00' is '0.00', '5' would be '5.000').
    const row: Row = { ...replica.readRow('orders', id)!, total: '0.00', cost_total: '0.00' };
    const wire = [
      ...wireColumns('orders')
        .slice(0, -2)
        .map((c) => row[c] ?? null),
      13,
      false,
    ];
    const changed = changes.applyServerBatch([{ table: 'orders', rows: [wire] }], 13);
    expect(changed.size).toBe(0);
    expect(replica.readRow('orders', id)).toMatchObject({ version: 13 });
    expect(changes.pending()).toHaveLength(0);
  });

  it('refuse a mutation that writes a row it declared only to look up', () => {
    const rows = new Map<string, Row | null>([['clients|1', { id: 1 }]]);
    const sneaky: MutationDef<{ clientId: number }> = {
      name: 'test.sneaky@1',
      args: z.object({ clientId: z.number() }),
      aggregate: () => 'client:1',
      roles: ['manager'],
      reads: (a) => [lookUp('clients', String(a.clientId))],
      apply: (a) => ({
        ok: true,
        writes: [{ table: 'clients', key: String(a.clientId), row: { id: a.clientId, notes: 'x' } }],
        conflicts: [],
      }),
    };
    expect(
      runDefinition(sneaky, { clientId: 1 }, rows, {
        userId: 100,
        role: 'manager',
        now: '2026-11-23T10:00:00Z',
        writeVersion: null,
      }),
    ).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('equal the server state as pulled + the changes it does not show yet, for any interleaving of acks and pulls (property)', () => {
    type Field = 'notes' | 'address';
    type Own = {
      seq: number;
      id: number;
      field: Field;
      text: string;
      state: 'pending' | 'applied' | 'rejected';
      version: number;
    };
    type ServerRow = { notes: string; address: string; version: number };
    const field = fc.constantFrom<Field>('notes', 'address');
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              k: fc.constant('edit' as const),
              id: fc.constantFrom(1, 2),
              field,
              text: fc.string({ maxLength: 5 }),
            }),
            fc.record({
              k: fc.constant('other' as const),
              id: fc.constantFrom(1, 2),
              field,
              text: fc.string({ maxLength: 5 }),
            }),
            fc.record({ k: fc.constant('ack' as const), reject: fc.boolean(), count: fc.integer({ min: 1, max: 3 }) }),
            fc.record({ k: fc.constant('pull' as const), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
          ),
          { maxLength: 14 },
        ),
        (ops) => {
          const { changes, notes, addresses, edit } = fresh();
          // The server as it is now: one current version per row (a row written twice keeps only the second).
          const server = new Map<number, ServerRow>([
            [1, { notes: 'сервер', address: '', version: 10 }],
            [2, { notes: 'сервер', address: '', version: 11 }],
          ]);
          const held = new Map<number, ServerRow>([...server].map(([id, r]) => [id, { ...r }]));
          let head = 11;
          let cursor = 11;
          let complete = 11;
          const own: Own[] = [];
          const write = (id: number, f: Field, text: string): void => {
            const row = server.get(id)!;
            server.set(id, { ...row, [f]: text, version: ++head });
          };
          for (const op of ops) {
            if (op.k === 'edit') {
              const r =
                op.field === 'notes'
                  ? edit(op.id, op.text)
                  : editAddress(changes, op.id, addressOf('address', op.text));
              if (r.ok)
                own.push({
                  seq: r.seq,
                  id: op.id,
                  field: op.field,
                  text: addressOf(op.field, op.text),
                  state: 'pending',
                  version: 0,
                });
            } else if (op.k === 'other') {
              write(op.id, op.field, addressOf(op.field, op.text));
            } else if (op.k === 'ack') {
              // One push of the oldest waiting changes; the first is refused or all are taken.
              const push = own.filter((o) => o.state === 'pending').slice(0, op.count);
              if (!push.length) continue;
              const results = push.map((o, i) => {
                if (op.reject && i === 0) {
                  o.state = 'rejected';
                  return { seq: o.seq, status: 'rejected' as const, code: 'invalid' };
                }
                o.state = 'applied';
                write(o.id, o.field, o.text);
                o.version = head;
                return { seq: o.seq, status: 'applied' as const };
              });
              changes.ack(results, head);
            } else {
              // A pull window up to some version between the cursor and the head: the rows whose
              // current version falls in it; only the window reaching the head completes the pull.
              const upTo = cursor + Math.floor((head - cursor) * op.share);
              const rows = [...server].filter(([, r]) => r.version > cursor && r.version <= upTo);
              changes.applyServerBatch(
                [{ table: 'clients', rows: rows.map(([id, r]) => clientWire(id, r.notes, r.version, 100, r.address)) }],
                upTo,
                upTo === head,
              );
              for (const [id, r] of rows) held.set(id, { ...r });
              cursor = upTo;
              if (upTo === head) complete = upTo;
            }
          }
          for (const id of [1, 2]) {
            for (const f of ['notes', 'address'] as const) {
              const unseen = own.filter(
                (o) =>
                  o.id === id &&
                  o.field === f &&
                  (o.state === 'pending' || (o.state === 'applied' && o.version > complete)),
              );
              const expected = unseen.length ? unseen[unseen.length - 1]!.text : held.get(id)![f];
              expect(f === 'notes' ? notes(id) : addresses(id)).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('equal server state + pending mutations for any arrival order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({
              k: fc.constant('edit' as const),
              id: fc.constantFrom(1, 2),
              text: fc.string({ maxLength: 5 }),
            }),
            fc.record({
              k: fc.constant('server' as const),
              id: fc.constantFrom(1, 2),
              text: fc.string({ maxLength: 5 }),
            }),
            fc.record({ k: fc.constant('ack' as const), reject: fc.boolean() }),
          ),
          { maxLength: 25 },
        ),
        (ops) => {
          const { changes, notes, edit } = fresh();
          const server = new Map([
            [1, 'сервер'],
            [2, 'сервер'],
          ]);
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
                changes.applyServerBatch(
                  [{ table: 'clients', rows: [clientWire(args.clientId, args.patch.notes, ++version)] }],
                  version,
                );
              }
            }
          }
          for (const id of [1, 2]) {
            const pendingForId = changes.pending().filter((p) => (p.args as { clientId: number }).clientId === id);
            const expected = pendingForId.length
              ? (pendingForId[pendingForId.length - 1]!.args as { patch: { notes: string } }).patch.notes
              : server.get(id);
            expect(notes(id)).toBe(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
