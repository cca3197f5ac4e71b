/**
 * Re-encrypts every stored secret (mailbox passwords and tokens, webhook signing secrets) with the current key:
 * the maintenance step after a key rotation, and the upgrade of rows still in the older v1 format.
 *
 *   1. Give every process SECRETS_KEY=<new key> and SECRETS_KEY_PREVIOUS=<old key>, restart them.
 *   2. SECRETS_KEY=... SECRETS_KEY_PREVIOUS=... DATABASE_URL=... pnpm --filter @bounce/api reencrypt-secrets
 *   3. When it reports no failures, remove SECRETS_KEY_PREVIOUS everywhere.
 *
 * Idempotent: a second run re-encrypts nothing. Prints a JSON summary on stdout (counts; failed rows by table and
 * id, never a value); exits 1 when a secret could not be decrypted with any configured key.
 */
import { loadEnvWith, SecretBox } from '@bounce/config';
import { reencryptSecrets } from '@bounce/db';
import { databaseEnv, secretsKeyEnv } from '@bounce/runtime';
import { z } from 'zod';
import { withScriptDatabase } from './script-command.js';

const env = (() => {
  try {
    return loadEnvWith(
      z.object({
        DATABASE_URL: z.string().url(),
        DATABASE_POOL_SIZE: databaseEnv.DATABASE_POOL_SIZE,
        ...secretsKeyEnv,
      }),
    );
  } catch (err) {
    console.error(`reencrypt-secrets: ${(err as Error).message}`);
    process.exit(78); // EX_CONFIG
  }
})();

await withScriptDatabase(
  'reencrypt-secrets',
  async (handle) => {
    const result = await reencryptSecrets(handle.db, new SecretBox(env.SECRETS_KEY, env.SECRETS_KEY_PREVIOUS));
    console.log(JSON.stringify(result));
    if (result.failed.length > 0) {
      console.error(
        `reencrypt-secrets: ${result.failed.length} secret(s) could not be decrypted with SECRETS_KEY or SECRETS_KEY_PREVIOUS; keep the old key until they are fixed (set again through the API)`,
      );
      process.exitCode = 1;
    }
  },
  { url: env.DATABASE_URL, migrate: false },
);
