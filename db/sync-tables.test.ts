// The replicated tables are declared three times: the wire (domain/sync/sync-tables.ts), the
// central schema (PostgreSQL) and the desk's replica schema (SQLite). This keeps them in step: a
// column added to one and not the others is named here, with the table, before it can lose data
// on its way to a desk; decimals travel exactly (numeric on the server, text on the desk), JSON
// columns are jsonb on the server.
import { getTableConfig as centralConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as replicaConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { syncTableNames, syncTables } from '../domain/sync/sync-tables';
import * as central from './central/schema';
import * as replica from './replica/schema';

/** Columns only the desk keeps (search keys computed when an item arrives). */
const DESK_ONLY: Record<string, readonly string[]> = { items: ['key_lookalike', 'key_translit', 'search_text'] };
/** Columns only the server keeps: they never travel. */
const SERVER_ONLY: Record<string, readonly string[]> = {
  users: ['password_hash', 'must_change_password', 'admin_set', 'scope_reset_version'],
  erp_link: [],
  // The outbox's own: the rendered letter, its Message-ID and schedule, an inbound letter's whole text.
  mail_messages: ['message_id', 'in_reply_to', 'body_text', 'body_html', 'files', 'original', 'next_at', 'lease_until'],
};

const isTable = (t: unknown): boolean =>
  typeof t === 'object' && t !== null && Symbol.for('drizzle:IsDrizzleTable') in (t as object);
const centralTables = new Map(
  (Object.values(central) as unknown[])
    .filter(isTable)
    .map((t) => centralConfig(t as PgTable))
    .map((c) => [c.name, c]),
);
const replicaTables = new Map(
  (Object.values(replica) as unknown[])
    .filter(isTable)
    .map((t) => replicaConfig(t as SQLiteTable))
    .map((c) => [c.name, c]),
);

describe('replicated tables, declared in three places', () => {
  it.each(syncTableNames)('%s: the wire, the central schema and the replica hold the same columns', (table) => {
    const wire = [...syncTables[table].columns, 'version'];
    const server = centralTables.get(table);
    const desk = replicaTables.get(table);
    expect(server, `central schema has no table ${table}`).toBeDefined();
    expect(desk, `replica schema has no table ${table}`).toBeDefined();
    const serverColumns = server!.columns.map((c) => c.name);
    const deskColumns = desk!.columns.map((c) => c.name);
    expect({ table, missingOnServer: wire.filter((c) => !serverColumns.includes(c)) }).toEqual({
      table,
      missingOnServer: [],
    });
    expect({ table, missingOnDesk: wire.filter((c) => !deskColumns.includes(c)) }).toEqual({
      table,
      missingOnDesk: [],
    });
    const notSent = serverColumns.filter(
      (c) => !wire.includes(c) && c !== 'deleted' && !(SERVER_ONLY[table] ?? []).includes(c),
    );
    expect({ table, onServerNotOnWire: notSent }).toEqual({ table, onServerNotOnWire: [] });
    const deskExtra = deskColumns.filter((c) => !wire.includes(c) && !(DESK_ONLY[table] ?? []).includes(c));
    expect({ table, onDeskNotOnWire: deskExtra }).toEqual({ table, onDeskNotOnWire: [] });
  });

  it.each(syncTableNames)('%s: decimals are exact on both sides, JSON is jsonb on the server', (table) => {
    const def = syncTables[table] as { decimals?: readonly string[]; json?: readonly string[] };
    const server = new Map(centralTables.get(table)!.columns.map((c) => [c.name, c.getSQLType()]));
    const desk = new Map(replicaTables.get(table)!.columns.map((c) => [c.name, c.getSQLType()]));
    for (const c of def.decimals ?? []) {
      expect(`${table}.${c}: ${server.get(c)}`).toMatch(/: numeric/);
      // On the desk a decimal is text (never REAL), except stock quantities, which are counts.
      if (!(table === 'stock' && c === 'quantity')) expect(`${table}.${c}: ${desk.get(c)}`).toMatch(/: text/);
    }
    for (const c of def.json ?? []) expect(`${table}.${c}: ${server.get(c)}`).toMatch(/: jsonb/);
    // Numeric columns on the server that the wire does not call decimal would travel as floats.
    const undeclared = [...server]
      .filter(([c, type]) => type.startsWith('numeric') && !(def.decimals ?? []).includes(c))
      .map(([c]) => c);
    expect({ table, numericNotDeclaredDecimal: undeclared }).toEqual({ table, numericNotDeclaredDecimal: [] });
  });
});
