/**
 * `pnpm --filter @bounce/db migrate` (or `pnpm migrate` at the root): applies migrations to DATABASE_URL, or to the
 * embedded PGlite database under ./data when DATABASE_URL is unset.
 */
import { loadEnvWith, redactUrl } from '@bounce/config';
import { z } from 'zod';
import { runMigrations } from './migrate.js';

const env = loadEnvWith(
  z.object({
    DATABASE_URL: z.string().url().optional(),
    PGLITE_DIR: z.string().optional(),
  }),
);
const target = env.DATABASE_URL
  ? redactUrl(env.DATABASE_URL)
  : `embedded PGlite at ${env.PGLITE_DIR ?? './data/pglite'}`;
try {
  await runMigrations({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR });
  console.log(`migrations applied to ${target}`);
} catch (err) {
  console.error(`migration failed on ${target}: ${(err as Error).message}`);
  process.exit(1);
}
