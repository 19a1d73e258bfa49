// drizzle-kit configuration for the central store's migrations (generated at development time).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/central/schema.ts',
  out: './db/central/migrations',
});
