import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by our own `migrate` command (src/migrate.ts) on PostgreSQL and
// on embedded PGlite alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
