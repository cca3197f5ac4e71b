/**
 * Creates an API key for a tenant (and the tenant when it does not exist yet) and prints the key once, on stdout.
 * The way to get the first admin key of an installation:
 *
 *   pnpm --filter @bounce/api create-key --tenant acme --scopes admin [--name "ops laptop"] [--tenant-name "Acme"]
 *
 * Uses DATABASE_URL (or the embedded database in PGLITE_DIR, default ./data/pglite, when unset) and applies pending
 * migrations first, so it works before the API ever started. Everything but the key goes to stderr, so
 * `KEY=$(pnpm -s --filter @bounce/api create-key ...)` captures just the key.
 */
import { API_KEY_SCOPES, type ApiKeyScope, createApiKey, createTenant, getTenant } from '@bounce/db';
import { scriptCommand, withScriptDatabase } from './script-command.js';

const USAGE = `usage: create-key --tenant <id> --scopes <read|write|admin>[,...] [--name <label>] [--tenant-name <name>]`;

const { values, fail } = scriptCommand('create-key', USAGE, {
  tenant: { type: 'string' },
  scopes: { type: 'string', default: 'read' },
  name: { type: 'string' },
  'tenant-name': { type: 'string' },
});
const tenantId = values.tenant ?? fail('--tenant is required');
const scopes = values.scopes
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
if (scopes.length === 0 || unknown.length > 0)
  fail(`unknown scope ${unknown.join(', ')}; use ${API_KEY_SCOPES.join(', ')}`);

await withScriptDatabase('create-key', async (handle) => {
  if (!(await getTenant(handle.db, tenantId))) {
    await createTenant(handle.db, { id: tenantId, name: values['tenant-name'] ?? tenantId });
    console.error(`tenant ${tenantId} created`);
  }
  const key = await createApiKey(handle.db, {
    tenantId,
    name: values.name ?? `created by create-key on ${new Date().toISOString().slice(0, 10)}`,
    scopes: scopes as ApiKeyScope[],
  });
  console.error(
    `key ${key.id} (${key.prefix}…) for tenant ${tenantId}, scopes ${key.scopes.join(', ')}; it is shown only now:`,
  );
  console.log(key.key);
});
