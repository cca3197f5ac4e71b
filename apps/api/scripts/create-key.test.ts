import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getTenant, verifyApiKey } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./create-key.ts', import.meta.url));

describe('create-key', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('api_create_key');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates the tenant and a key, printing only the key on stdout', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', SCRIPT, '--tenant', 'acme', '--scopes', 'admin', '--name', 'ops'],
      {
        env: { ...process.env, DATABASE_URL: database.url },
      },
    );
    const key = stdout.trim();
    expect(key).toMatch(/^bk_[\w-]{43}$/);
    expect(stderr).toContain('tenant acme created');
    expect(stderr).not.toContain(key);
    expect(await getTenant(database.db, 'acme')).toMatchObject({ id: 'acme' });
    expect(await verifyApiKey(database.db, key)).toMatchObject({ tenantId: 'acme', name: 'ops', scopes: ['admin'] });
  }, 30_000);

  it('refuses an unknown scope with a usage error', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', SCRIPT, '--tenant', 'acme', '--scopes', 'root'], {
      env: { ...process.env, DATABASE_URL: database.url },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 64 });
    expect((failed as { stderr: string }).stderr).toContain('unknown scope root');
  }, 30_000);
});
