import { describe, expect, it } from 'vitest';
import { runMutation } from './mutations';
import { type MutationContext, type Row } from './mutation-def';

const client: Row = {
  id: 7,
  name: 'ООО «Тест»',
  manager_id: 100,
  notes: 'старое',
  contacts: [],
  delivery_addresses: [],
  field_versions: { notes: { version: 50, userId: 101 } },
  version: 50,
};
const rows = (r: Row | null = client) => new Map<string, Row | null>([['clients|7', r]]);
const ctx = (over: Partial<MutationContext> = {}): MutationContext => ({
  userId: 100,
  role: 'manager',
  now: '2026-11-22T10:00:00Z',
  writeVersion: 60,
  ...over,
});

describe('client.updateCard', () => {
  it('sets the fields and records who changed them at which version', () => {
    const out = runMutation(
      'client.updateCard@1',
      { clientId: 7, baseVersion: 50, patch: { notes: 'новое' } },
      rows(),
      ctx(),
    );
    expect(out).toMatchObject({ ok: true, conflicts: [] });
    const row = out.ok ? out.writes[0]!.row! : {};
    expect(row.notes).toBe('новое');
    expect(row.field_versions).toEqual({ notes: { version: 60, userId: 100 } });
  });

  it('reports a conflict when another user changed the field after the edit began', () => {
    const out = runMutation(
      'client.updateCard@1',
      { clientId: 7, baseVersion: 40, patch: { notes: 'моё' } },
      rows(),
      ctx(),
    );
    expect(out.ok && out.conflicts).toEqual([
      {
        table: 'clients',
        key: '7',
        field: 'notes',
        overwrittenUserId: 101,
        overwrittenValue: 'старое',
        newValue: 'моё',
      },
    ]);
  });

  it('is idempotent: running it again on its own result changes nothing', () => {
    const args = {
      clientId: 7,
      baseVersion: 50,
      patch: { notes: 'новое', delivery_addresses: [{ label: 'Склад', address: 'г. Тверь, ул. Мира, 1' }] },
    };
    const once = runMutation('client.updateCard@1', args, rows(), ctx({ writeVersion: null }));
    const twice = once.ok
      ? runMutation('client.updateCard@1', args, rows(once.writes[0]!.row), ctx({ writeVersion: null }))
      : once;
    expect(twice.ok && twice.writes[0]!.row).toEqual(once.ok && once.writes[0]!.row);
  });

  it('rejects bad input, unknown names, missing rows and roles that may not', () => {
    expect(runMutation('client.updateCard@1', { clientId: 7, baseVersion: 0, patch: {} }, rows(), ctx())).toMatchObject(
      { ok: false, code: 'bad_args' },
    );
    expect(
      runMutation(
        'client.updateCard@1',
        {
          clientId: 7,
          baseVersion: 0,
          patch: { contacts: [{ name: 'Иван', position: '', phone: 'звонить', email: '' }] },
        },
        rows(),
        ctx(),
      ),
    ).toMatchObject({ ok: false, code: 'bad_args' });
    expect(
      runMutation(
        'client.updateCard@1',
        { clientId: 7, baseVersion: 0, patch: { notes: 'x' }, extra: 1 },
        rows(),
        ctx(),
      ),
    ).toMatchObject({ ok: false, code: 'bad_args' });
    expect(runMutation('client.updateCard@9', {}, rows(), ctx())).toMatchObject({
      ok: false,
      code: 'unknown_mutation',
    });
    expect(
      runMutation('client.updateCard@1', { clientId: 7, baseVersion: 0, patch: { notes: 'x' } }, rows(null), ctx()),
    ).toMatchObject({ ok: false, code: 'not_found' });
    expect(runMutation('client.reassign@1', { clientId: 7, managerId: 101 }, rows(), ctx())).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });
});

describe('client.reassign', () => {
  it('moves a client to an active manager only', () => {
    const manager = (role: string, active: boolean): [string, Row] => ['users|101', { id: 101, role, active }];
    const admin = ctx({ role: 'admin', userId: 1 });
    expect(
      runMutation(
        'client.reassign@1',
        { clientId: 7, managerId: 101 },
        new Map([['clients|7', client], manager('manager', true)]),
        admin,
      ),
    ).toMatchObject({ ok: true });
    expect(
      runMutation(
        'client.reassign@1',
        { clientId: 7, managerId: 101 },
        new Map([['clients|7', client], manager('manager', false)]),
        admin,
      ),
    ).toMatchObject({ ok: false, code: 'invalid' });
    expect(
      runMutation(
        'client.reassign@1',
        { clientId: 7, managerId: 101 },
        new Map([['clients|7', client], manager('supervisor', true)]),
        admin,
      ),
    ).toMatchObject({ ok: false, code: 'invalid' });
  });
});
