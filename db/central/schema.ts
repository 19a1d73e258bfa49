// Central store schema (PostgreSQL / PGlite). Every replicated table carries `version`, taken
// from one server-wide sequence on every write, and a `deleted` tombstone, so a desk's pull is
// "rows in my scope with version > my cursor", one indexed range scan per table.
// One module per part of the business; drizzle-kit reads the tables from here.
export { rowVersion } from './versioned';
export * from './schema-catalog';
export * from './schema-orders';
export * from './schema-aftersales';
export * from './schema-sync';
export * from './schema-mail';
export * from './schema-notifications';
export * from './schema-seasonal';
