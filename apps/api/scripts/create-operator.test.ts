import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findOperatorCredentials, listOperatorAccounts } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/operators/passwords.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./create-operator.ts', import.meta.url));

describe('create-operator', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('api_create_operator');
  });
  afterAll(async () => {
    await database?.drop();
  });

  const invoke = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], {
      env: { ...process.env, DATABASE_URL: database.url },
    });

  it('creates the tenant and an admin, printing only the generated password on stdout, once', async () => {
    const { stdout, stderr } = await invoke(['--tenant', 'acme', '--email', 'Ops@Acme.example', '--if-none']);
    const password = stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(stderr).toContain('tenant acme created');
    expect(stderr).not.toContain(password);
    const account = await findOperatorCredentials(database.db, 'ops@acme.example');
    expect(account).toMatchObject({ tenantId: 'acme', role: 'admin', email: 'ops@acme.example' });
    expect(await verifyPassword(account?.passwordHash ?? '', password)).toBe(true);
    expect(account?.passwordHash).toMatch(/^\$argon2id\$/);

    // Set-up scripts call it again on every start: nothing new, nothing printed.
    const again = await invoke(['--tenant', 'acme', '--email', 'other@acme.example', '--if-none']);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('already has console accounts');
    expect(await listOperatorAccounts(database.db, 'acme')).toHaveLength(1);
  }, 60_000);

  it('refuses an unknown role with a usage error', async () => {
    const failed = await invoke(['--tenant', 'acme', '--email', 'x@acme.example', '--role', 'root']).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed).toMatchObject({ code: 64 });
    expect((failed as { stderr: string }).stderr).toContain('unknown role root');
  }, 30_000);
});
