import { describe, expect, it } from 'vitest';
import type { DeskHandlers } from '../contract';
import { createDispatch } from './dispatch';
import { CodedError } from '../errors';

const handlers = {
  'app.info': () => ({ version: '1', shell: 'web', locale: 'ru' }),
  'catalog.item': ({ id }: { id: number }) => {
    if (id === 404) throw new CodedError('not_found', 'no');
    throw new Error('boom');
  },
} as unknown as DeskHandlers;

describe('contract dispatch', () => {
  const dispatch = createDispatch(handlers);
  it('returns values', async () =>
    expect(await dispatch('app.info', {})).toEqual({ ok: true, value: { version: '1', shell: 'web', locale: 'ru' } }));
  it('refuses unknown methods, also prototype names', async () => {
    expect(await dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });
  it('refuses bad input without calling the handler', async () => {
    expect(await dispatch('catalog.item', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await dispatch('catalog.item', { id: 1, extra: true })).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
    expect(await dispatch('app.info', 'str')).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
  it('turns coded and unexpected exceptions into error values', async () => {
    expect(await dispatch('catalog.item', { id: 404 })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no' },
    });
    expect(await dispatch('catalog.item', { id: 1 })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
