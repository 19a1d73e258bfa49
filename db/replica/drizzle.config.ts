// drizzle-kit configuration for the desk replica's migrations (shipped with the app, run at open).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/replica/schema.ts',
  out: './db/replica/migrations',
});
