import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCoreBridge } from './core-bridge';

class FakeChild extends EventEmitter {
  sent: any[] = [];
  postMessage(m: unknown) {
    this.sent.push(m);
  }
}

describe('core bridge to the utility process', () => {
  it('matches answers to calls and forwards events', async () => {
    const child = new FakeChild();
    const bridge = createCoreBridge(child as never);
    const events: unknown[] = [];
    bridge.onEvent((e, p) => events.push([e, p]));
    const a = bridge.dispatch('app.info', {});
    const b = bridge.dispatch('sync.status', {});
    child.emit('message', { id: child.sent[1].id, result: { ok: true, value: 'B' } });
    child.emit('message', { id: child.sent[0].id, result: { ok: true, value: 'A' } });
    child.emit('message', { event: 'sync.status', payload: { x: 1 } });
    expect(await a).toEqual({ ok: true, value: 'A' });
    expect(await b).toEqual({ ok: true, value: 'B' });
    expect(events).toEqual([['sync.status', { x: 1 }]]);
  });
  it('never hangs: a dead core or a slow call ends in an error value', async () => {
    const child = new FakeChild();
    const bridge = createCoreBridge(child as never, 50);
    const slow = bridge.dispatch('catalog.page', {});
    expect(await slow).toMatchObject({ ok: false, error: { code: 'internal' } });
    const pending = bridge.dispatch('catalog.page', {});
    child.emit('exit', 1);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
  it("seals the core's secrets with the OS encryption, and says so when there is none", () => {
    const child = new FakeChild();
    const os = {
      available: () => true,
      encrypt: (t: string) => Buffer.from(`enc(${t})`).toString('base64'),
      decrypt: (b: string) =>
        Buffer.from(b, 'base64')
          .toString()
          .replace(/^enc\((.*)\)$/, '$1'),
    };
    createCoreBridge(child as never, 1000, os);
    child.emit('message', { secret: 1, op: 'seal', text: 'refresh-token' });
    const sealed = child.sent[0].value as string;
    expect(sealed).not.toContain('refresh-token');
    child.emit('message', { secret: 2, op: 'open', text: sealed });
    expect(child.sent[1]).toEqual({ secret: 2, value: 'refresh-token' });
    const bare = new FakeChild();
    createCoreBridge(bare as never, 1000, { ...os, available: () => false });
    bare.emit('message', { secret: 3, op: 'seal', text: 'x' });
    expect(bare.sent[0]).toEqual({ secret: 3, error: 'No OS encryption on this machine' });
  });
});
