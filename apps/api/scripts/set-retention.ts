/**
 * Sets how long a tenant's raw bounce messages keep their content (docs/retention.md):
 *
 *   pnpm --filter @bounce/api set-retention --tenant acme --days 90    # 0 keeps content for ever
 *   pnpm --filter @bounce/api set-retention --tenant acme --default    # back to the rules worker's RAW_RETENTION_DAYS
 *
 * Uses DATABASE_URL (or the embedded database in PGLITE_DIR, default ./data/pglite, when unset) and applies pending
 * migrations first, like create-key. The rules worker's history-retention task applies the setting on its next tick.
 */
import { parseArgs } from 'node:util';
import { MAX_RETENTION_DAYS, openDatabase, runMigrations, setTenantRawRetention } from '@bounce/db';

const USAGE = `usage: set-retention --tenant <id> (--days <0-${MAX_RETENTION_DAYS}> | --default)`;

function fail(message: string): never {
  console.error(`set-retention: ${message}\n${USAGE}`);
  process.exit(64); // EX_USAGE
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        tenant: { type: 'string' },
        days: { type: 'string' },
        default: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return fail((err as Error).message);
  }
})();

if (values.help) {
  console.error(USAGE);
  process.exit(0);
}
const tenantId = values.tenant ?? fail('--tenant is required');
if ((values.days === undefined) === !values.default) fail('give either --days or --default');
const days = values.default ? null : Number(values.days);
if (days !== null && !/^\d+$/.test(values.days ?? '')) fail('--days must be a whole number of days');

const dbOptions = { url: process.env.DATABASE_URL || undefined, dataDir: process.env.PGLITE_DIR || undefined };
await runMigrations(dbOptions);
const handle = openDatabase({ ...dbOptions, maxConnections: 1 });
try {
  await setTenantRawRetention(handle.db, tenantId, days);
  console.error(
    days === null
      ? `tenant ${tenantId}: raw content kept for the installation default (RAW_RETENTION_DAYS)`
      : `tenant ${tenantId}: raw content kept ${days === 0 ? 'for ever' : `${days} days`}`,
  );
} catch (err) {
  console.error(`set-retention: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
