/**
 * Sets how long a tenant's raw bounce messages keep their content (docs/retention.md):
 *
 *   pnpm --filter @bounce/api set-retention --tenant acme --days 90    # 0 keeps content for ever
 *   pnpm --filter @bounce/api set-retention --tenant acme --default    # back to the rules worker's RAW_RETENTION_DAYS
 *
 * Uses DATABASE_URL (or the embedded database in PGLITE_DIR, default ./data/pglite, when unset) and applies pending
 * migrations first, like create-key. The rules worker's history-retention task applies the setting on its next tick.
 */
import { MAX_RETENTION_DAYS, setTenantRawRetention } from '@bounce/db';
import { scriptCommand, withScriptDatabase } from './script-command.js';

const USAGE = `usage: set-retention --tenant <id> (--days <0-${MAX_RETENTION_DAYS}> | --default)`;

const { values, fail } = scriptCommand('set-retention', USAGE, {
  tenant: { type: 'string' },
  days: { type: 'string' },
  default: { type: 'boolean' },
});
const tenantId = values.tenant ?? fail('--tenant is required');
if ((values.days === undefined) === !values.default) fail('give either --days or --default');
const days = values.default ? null : Number(values.days);
if (days !== null && !/^\d+$/.test(values.days ?? '')) fail('--days must be a whole number of days');

await withScriptDatabase('set-retention', async (handle) => {
  await setTenantRawRetention(handle.db, tenantId, days);
  console.error(
    days === null
      ? `tenant ${tenantId}: raw content kept for the installation default (RAW_RETENTION_DAYS)`
      : `tenant ${tenantId}: raw content kept ${days === 0 ? 'for ever' : `${days} days`}`,
  );
});
