// The columns every replicated table carries: its version from the one server-wide sequence
// (bumped on every write) and its tombstone.
import { sql } from 'drizzle-orm';
import { bigint, boolean, pgSequence } from 'drizzle-orm/pg-core';

export const rowVersion = pgSequence('row_version', { startWith: 1 });

export const versioned = {
  version: bigint('version', { mode: 'number' })
    .notNull()
    .default(sql`nextval('row_version')`),
  deleted: boolean('deleted').notNull().default(false),
};
