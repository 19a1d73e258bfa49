// The connection over time: an expired token is renewed without losing the queue, a desk
// offline longer than the tombstone retention gets a replacement sync that keeps its pending
// changes, and a silent link is noticed by the heartbeat and replaced.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../main/desk-core';
import { createLocalChanges } from '../../main/sync/local-changes';
import { openReplica } from '../../main/sync/replica';
import { createSyncClient, type SyncConnection } from '../../main/sync/sync-client';
import { advanceHead, WRITE_LOCK } from '../../server/row-store';
import { purgeTombstones } from '../../server/pull';
import { until } from '../helpers/until';
import { login, startTestCentral, type TestCentral } from '../helpers/central';
import { startWsProxy, type WsProxy } from '../helpers/ws-proxy';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function setup(
  opts: Parameters<typeof startTestCentral>[0],
): Promise<{ central: TestCentral; proxy: WsProxy; core: DeskCore }> {
  const central = await startTestCentral(opts);
  const proxy = await startWsProxy(central.server.url);
  const core = createDeskCore({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'opta-conn-')),
    serverUrl: proxy.url,
    shell: 'web',
    locale: 'ru',
    version: 'test',
  });
  cleanup.push(async () => {
    await core.close();
    await proxy.close();
    await central.stop();
  });
  await core.handlers['session.login']({ login: 'manager1', password: 'demo1234' });
  await until(() => core.status().lastSyncAt !== null);
  return { central, proxy, core };
}

describe('connection', () => {
  it('renews an expired token and sends the queued change', async () => {
    const { central, proxy, core } = await setup({ items: 100, tokenTtlSeconds: 2 });
    proxy.cut();
    await until(() => core.status().connection !== 'online');
    const client = (core.handlers['clients.list']({}) as { id: number }[])[0]!;
    const card = core.handlers['clients.card']({ id: client.id }) as { version: number };
    core.handlers['clients.updateCard']({
      clientId: client.id,
      baseVersion: card.version,
      patch: { notes: 'после истечения сеанса' },
    });
    await new Promise((r) => setTimeout(r, 2500));
    proxy.restore();
    await until(() => core.status().pending === 0 && core.status().connection === 'online');
    expect(
      (await central.store.queryObjects<{ notes: string }>('SELECT notes FROM clients WHERE id = $1', [client.id]))[0]!
        .notes,
    ).toBe('после истечения сеанса');
    expect(core.status().lastError).toBeNull();
  });

  it('replaces the replica of a desk offline past the tombstone horizon, keeping its pending change', async () => {
    const { central, proxy, core } = await setup({ items: 100 });
    const clients = core.handlers['clients.list']({}) as { id: number }[];
    proxy.cut();
    await until(() => core.status().connection !== 'online');
    const card = core.handlers['clients.card']({ id: clients[0]!.id }) as { version: number };
    core.handlers['clients.updateCard']({
      clientId: clients[0]!.id,
      baseVersion: card.version,
      patch: { notes: 'пережила полную синхронизацию' },
    });
    // Meanwhile the server deletes an item and forgets the tombstone.
    const [item] = await central.store.queryObjects<{ id: number }>('SELECT id FROM items ORDER BY id DESC LIMIT 1');
    await central.store.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      await tx.query(`UPDATE items SET deleted = true, version = nextval('row_version') WHERE id = $1`, [item!.id]);
      await advanceHead(tx.query as never);
    });
    const head = Number((await central.store.queryArrays('SELECT version FROM sync_head'))[0]![0]);
    expect(await purgeTombstones(central.store, head + 1)).toBeGreaterThan(0);
    proxy.restore();
    await until(() => {
      const s = core.status();
      if (s.pending !== 0 || s.connection !== 'online' || s.progress !== null) return false;
      try {
        // Done when the tombstone the desk never saw has taken effect and the change survived.
        const rows = (core.handlers['catalog.page']({}) as { rows: { id: number }[] }).rows;
        return (
          rows.length > 0 &&
          !rows.some((r) => r.id === item!.id) &&
          (core.handlers['clients.card']({ id: clients[0]!.id }) as { notes: string }).notes ===
            'пережила полную синхронизацию'
        );
      } catch {
        return false; // still re-syncing
      }
    }, 30_000);
    const replicaItems = (core.handlers['catalog.page']({}) as { rows: { id: number }[] }).rows;
    expect(replicaItems.some((r) => r.id === item!.id)).toBe(false);
    expect((core.handlers['clients.card']({ id: clients[0]!.id }) as { notes: string }).notes).toBe(
      'пережила полную синхронизацию',
    );
    expect(
      (
        await central.store.queryObjects<{ notes: string }>('SELECT notes FROM clients WHERE id = $1', [clients[0]!.id])
      )[0]!.notes,
    ).toBe('пережила полную синхронизацию');
  });

  it('notices a silent link through the heartbeat and connects again', async () => {
    const central = await startTestCentral({ items: 50 });
    const proxy = await startWsProxy(central.server.url);
    const { token, user } = await login(central.server.url, 'manager1');
    const replica = openReplica(path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-hb-')), 'r.sqlite'));
    const states: SyncConnection[] = [];
    const client = createSyncClient({
      serverUrl: proxy.url,
      token: () => token,
      replica,
      changes: createLocalChanges({ replica, user: () => user as never }),
      heartbeatMs: 200,
      backoff: { initialMs: 50, maxMs: 200 },
      onConnection: (s) => states.push(s),
    });
    cleanup.push(async () => {
      await client.stop();
      replica.close();
      await proxy.close();
      await central.stop();
    });
    client.start();
    await until(() => client.state() === 'online');
    // The server's answers stop arriving (a half-open link): the desk must not wait forever.
    proxy.faults.holdDownstream = true;
    await until(() => states.lastIndexOf('offline') > states.indexOf('online'), 5000);
    proxy.releaseDownstream();
    await until(() => client.state() === 'online', 10_000);
  });
});
