// Big upserts on PGlite stage through COPY (row-store.ts): the rows they leave must be the very
// rows the multi-row INSERT path leaves, whatever the values hold (tabs, line breaks, backslashes,
// JSON objects and JSON null, decimals, times as dates), new rows and changed ones alike.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Row } from '../domain/sync/mutation-def';
import type { Query } from './query';
import { writeRows } from './row-store';
import { openStore, type CentralStore } from './store';

const stores: CentralStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

const item = (id: number, round: number): Row => ({
  id,
  article: `A\\${id}\t${round}`,
  name: `Позиция ${id}\nстрока два\r\n«кавычки» "и" 'апострофы' ${round}`,
  manufacturer: id % 3 === 0 ? '' : 'NXP',
  group_name: 'Микросхемы',
  unit: 'шт',
  pack_size: 10 + round,
  attributes: id % 4 === 0 ? {} : { Корпус: 'DIP-14\tx', 'Напряжение, В': `3..${round}\\15` },
  analog_group: id % 5 === 0 ? null : id,
  lifecycle: round % 2 ? 'discontinued' : 'active',
  vat_rate: '22.00',
  cost: `${id}.12${round}4`,
  weight_kg: '0.001000',
  volume_m3: '0.000000100',
  description: id % 2 ? '' : `Описание \\N не null, ${round}`,
});
const price = (id: number, round: number): Row => ({
  item_id: id,
  price_type_id: 1,
  price: `${id}.${round}500`,
  as_of: new Date(Date.UTC(2026, 11, 4, 10, round, id % 60, 123)),
});

let copies = 0;

async function written(copy: boolean): Promise<{ items: unknown[]; prices: unknown[] }> {
  const store = await openStore({ dataDir: path.join(mkdtempSync(path.join(os.tmpdir(), 'opta-copy-')), 'pg') });
  stores.push(store);
  for (const round of [1, 2]) {
    await store.transaction(async (tx) => {
      // Without its COPY the same query takes the multi-row INSERT path.
      const plain: Query = (text, params) => tx.query(text, params);
      const query: Query = copy
        ? Object.assign(plain, {
            copyFrom: (table: string, columns: string[], text: string) => {
              copies++;
              return tx.copyFrom!(table, columns, text);
            },
          })
        : plain;
      const ids = Array.from({ length: 700 }, (_, i) => i + 1 + (round - 1) * 300);
      const writes = [
        ...ids.map((id) => ({ table: 'items' as const, key: String(id), row: item(id, round) })),
        ...ids.map((id) => ({ table: 'prices' as const, key: `${id}:1`, row: price(id, round) })),
      ];
      await writeRows(
        query,
        writes,
        writes.map((_, i) => round * 10_000 + i),
      );
    });
  }
  return {
    items: await store.queryObjects(`SELECT *, cost::text AS cost FROM items ORDER BY id`),
    prices: await store.queryObjects(
      `SELECT *, price::text AS price, as_of::text AS as_of FROM prices ORDER BY item_id`,
    ),
  };
}

describe('upserts staged through COPY', () => {
  it('leave the same rows as multi-row INSERTs', async () => {
    const viaCopy = await written(true);
    expect(copies).toBe(4);
    const viaInsert = await written(false);
    expect(copies).toBe(4);
    expect(viaCopy.items).toHaveLength(1000);
    expect(viaCopy.prices).toHaveLength(1000);
    expect(viaCopy).toEqual(viaInsert);
    // JSON null stays JSON null, an empty object stays one; the text survives whole.
    const [four] = viaCopy.items.filter((r) => (r as { id: number }).id === 4) as Row[];
    expect(four).toMatchObject({ attributes: {}, description: 'Описание \\N не null, 1', analog_group: 4 });
  }, 60_000);
});
