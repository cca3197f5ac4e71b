/**
 * `pnpm --filter @bounce/db partition`: builds the raw-content retention index concurrently if missing, and converts
 * the history tables (outbox, webhook_attempts, raw_messages, bounces) of DATABASE_URL into monthly partitions,
 * online (docs/retention.md). Run once after `migrate`, once every process runs this version (they write the
 * idempotency keys of raw_messages and bounces), while the system runs; running it again does nothing. Prints, per
 * table, the keys filled, the time of the online preparation and of the swap (the only time writes wait).
 * Connect straight to PostgreSQL, not through PgBouncer in transaction mode: CREATE INDEX CONCURRENTLY needs its
 * own session.
 */
import { loadEnvWith, redactUrl } from '@bounce/config';
import postgres from 'postgres';
import { z } from 'zod';
import { openDatabase } from './client.js';
import { convertToPartitioned, PARTITIONED_TABLES } from './partitions/partitioning.js';
import { ensureRetentionIndex } from './raw-messages/retention.js';

const env = loadEnvWith(z.object({ DATABASE_URL: z.string().url() }));
const client = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
try {
  const handle = openDatabase({ url: env.DATABASE_URL, maxConnections: 1 });
  try {
    const built = await ensureRetentionIndex(handle.db);
    console.log(`raw_messages_retention_idx: ${built ? 'built concurrently' : 'present'}`);
  } finally {
    await handle.close();
  }
  for (const table of PARTITIONED_TABLES) {
    const report = await convertToPartitioned(client, table);
    console.log(
      report
        ? `${table}: partitioned (${report.rows} rows before ${report.legacyUpperBound} in ${table}_legacy); ` +
            `${report.keysFilled} keys filled; online ${report.onlineMs.toFixed(0)} ms, swap ` +
            `${report.swapMs.toFixed(0)} ms, ${report.retries} retries` +
            (report.foreignKeysDropped.length > 0 ? `; dropped ${report.foreignKeysDropped.join(', ')}` : '')
        : `${table}: already partitioned`,
    );
  }
} catch (err) {
  console.error(`partitioning failed on ${redactUrl(env.DATABASE_URL)}: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await client.end({ timeout: 5 });
}
