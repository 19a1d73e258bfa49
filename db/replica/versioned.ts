// The column every replicated table of the replica carries: the row's version as the server gave it.
import { integer } from 'drizzle-orm/sqlite-core';

export const versioned = {
  version: integer('version').notNull(),
};
