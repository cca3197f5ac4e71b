import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SecretBox } from '@bounce/config';
import { createMailbox, createTenant, loadMailboxForConnection, mailboxes } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./reencrypt-secrets.ts', import.meta.url));

describe('reencrypt-secrets', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('api_reencrypt');
    await createTenant(database.db, { id: 'acme', name: 'Acme' });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('moves the secrets to the new key (exit 0), then finds nothing left to do', async () => {
    const oldKey = randomBytes(32).toString('base64');
    const newKey = randomBytes(32).toString('hex');
    const box = await createMailbox(database.db, new SecretBox(oldKey), 'acme', {
      name: 'bounces',
      host: 'imap.example.test',
      port: 993,
      tlsMode: 'implicit',
      username: 'bounces@example.test',
      secret: 'RotateMe-123',
    });
    const env = { ...process.env, DATABASE_URL: database.url, SECRETS_KEY: newKey, SECRETS_KEY_PREVIOUS: oldKey };
    const first = await run(process.execPath, ['--import', 'tsx', SCRIPT], { env });
    expect(JSON.parse(first.stdout)).toMatchObject({ mailboxes: { checked: 1, reencrypted: 1 }, failed: [] });
    expect(first.stdout + first.stderr).not.toContain('RotateMe-123');
    expect((await loadMailboxForConnection(database.db, new SecretBox(newKey), box.id))?.secret).toBe('RotateMe-123');
    const second = await run(process.execPath, ['--import', 'tsx', SCRIPT], { env });
    expect(JSON.parse(second.stdout)).toMatchObject({ mailboxes: { checked: 1, reencrypted: 0 } });
    expect((await database.db.select().from(mailboxes)).length).toBe(1);
  }, 60_000);

  it('without SECRETS_KEY it stops with a configuration error (78)', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', SCRIPT], {
      env: { ...process.env, DATABASE_URL: database.url, SECRETS_KEY: '' },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(failed).toMatchObject({ code: 78 });
  }, 30_000);
});
