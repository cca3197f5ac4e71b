/**
 * BOOTSTRAP_ADMIN_KEY: an operator-chosen admin key created at start-up when it does not exist, so the first key of
 * an installation needs no shell on the server (e.g. a secret injected by the orchestrator). Its tenant is created
 * when missing. A key that was revoked stays revoked: the hash is found and nothing is inserted again.
 */
import type { Logger } from '@bounce/config';
import { createTenant, type Executor, ensureApiKey, getTenant, StoreError } from '@bounce/db';

export async function ensureBootstrapKey(
  db: Executor,
  input: { key: string; tenantId: string },
  logger: Logger,
): Promise<void> {
  if (!(await getTenant(db, input.tenantId))) {
    try {
      await createTenant(db, { id: input.tenantId, name: input.tenantId });
      logger.info({ tenantId: input.tenantId }, 'bootstrap tenant created');
    } catch (err) {
      // Another API process created it at the same moment.
      if (!(err instanceof StoreError && err.code === 'conflict')) throw err;
    }
  }
  const created = await ensureApiKey(db, {
    tenantId: input.tenantId,
    name: 'bootstrap admin key (BOOTSTRAP_ADMIN_KEY)',
    key: input.key,
    scopes: ['admin'],
  });
  if (created) logger.info({ tenantId: input.tenantId, prefix: input.key.slice(0, 11) }, 'bootstrap admin key created');
}
