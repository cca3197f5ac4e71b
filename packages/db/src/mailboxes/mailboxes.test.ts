import { randomBytes } from 'node:crypto';
import { SecretBox } from '@bounce/config';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMessagesToMove, markMessagesMoved, storeRawMessages } from '../raw-messages/fetch-stage.js';
import { mailboxes, outbox, rawMessages, tenants } from '../schema.js';
import { StoreError } from '../sql/errors.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { getFolderState, setFolderState } from './folder-state.js';
import { recordMailboxFailure, recordMailboxSuccess } from './mailbox-health.js';
import {
  createMailbox,
  getMailbox,
  listEnabledMailboxes,
  loadMailboxForConnection,
  type NewMailbox,
  updateMailbox,
} from './mailbox-store.js';

let t: TestDatabase;
const secrets = new SecretBox(randomBytes(32).toString('base64'));
const TENANT = 'acme';
const PASSWORD = 'correct horse battery staple';

const base: NewMailbox = {
  name: 'bounces',
  host: 'imap.example.test',
  port: 993,
  tlsMode: 'implicit',
  username: 'bounces@example.test',
  secret: PASSWORD,
};

beforeAll(async () => {
  t = await createTestDatabase('bounce_mailboxes');
  await t.db.insert(tenants).values({ id: TENANT, name: 'Acme' });
}, 60_000);

afterAll(async () => {
  await t?.drop();
});

describe('mailbox store', () => {
  it('stores the secret encrypted and never returns it', async () => {
    const box = await createMailbox(t.db, secrets, TENANT, { ...base, name: 'secret-check' });
    expect(box).not.toHaveProperty('secretEncrypted');
    expect(JSON.stringify(box)).not.toContain(PASSWORD);
    expect(box.pollIntervalSeconds).toBe(1200);
    expect(box.maxConsecutiveFailures).toBe(5);
    expect(box.sourceFolder).toBe('INBOX');

    const [row] = await t.db.select().from(mailboxes).where(eq(mailboxes.id, box.id));
    expect(row!.secretEncrypted).toMatch(/^v2:/);
    expect(row!.secretEncrypted).not.toContain(PASSWORD);
    const loaded = await loadMailboxForConnection(t.db, secrets, box.id);
    expect(loaded!.secret).toBe(PASSWORD);
    expect(loaded!.mailbox).not.toHaveProperty('secretEncrypted');
    expect(JSON.stringify(await getMailbox(t.db, TENANT, box.id))).not.toContain('v2:');
  });

  it('rejects invalid input without echoing the secret, and duplicate names', async () => {
    const bad = createMailbox(t.db, secrets, TENANT, { ...base, name: 'bad', port: 70_000, secret: 'hunter2-secret' });
    await expect(bad).rejects.toBeInstanceOf(StoreError);
    await expect(bad).rejects.toThrow(/port/);
    await bad.catch((err: Error) => expect(err.message).not.toContain('hunter2-secret'));
    await expect(
      createMailbox(t.db, secrets, TENANT, { ...base, name: 'same-folders', processedFolder: 'INBOX' }),
    ).rejects.toThrow(/must differ/);
    await createMailbox(t.db, secrets, TENANT, { ...base, name: 'dup' });
    await expect(createMailbox(t.db, secrets, TENANT, { ...base, name: 'dup' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('counts failures, disables after the configured number with one high-priority event, and re-enables', async () => {
    const box = await createMailbox(t.db, secrets, TENANT, { ...base, name: 'flaky', maxConsecutiveFailures: 3 });
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await recordMailboxFailure(t.db, box.id, { kind: 'auth', message: 'authentication failed' }));
    }
    expect(results.map((r) => r!.consecutiveFailures)).toEqual([1, 2, 3, 3]);
    expect(results.map((r) => r!.disabledNow)).toEqual([false, false, true, false]);
    const disabled = await getMailbox(t.db, TENANT, box.id);
    expect(disabled!.enabled).toBe(false);
    expect(disabled!.disabledReason).toMatch(/3 consecutive connection failures; last: auth: authentication failed/);
    const events = await t.db.select().from(outbox).where(eq(outbox.type, 'mailbox.disabled'));
    const mine = events.filter((e) => e.payload.mailboxId === box.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.priority).toBe('high');
    expect(mine[0]!.payload).toMatchObject({ failureKind: 'auth', consecutiveFailures: 3, name: 'flaky' });
    expect(JSON.stringify(mine[0]!.payload)).not.toContain(PASSWORD);
    expect((await listEnabledMailboxes(t.db)).map((m) => m.id)).not.toContain(box.id);

    const enabled = await updateMailbox(t.db, secrets, TENANT, box.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
  });

  it('a success ends the failure streak; a new secret resets the count and is re-encrypted', async () => {
    const box = await createMailbox(t.db, secrets, TENANT, { ...base, name: 'recovering' });
    await recordMailboxFailure(t.db, box.id, { kind: 'tcp', message: 'connection refused' });
    await recordMailboxSuccess(t.db, box.id);
    const ok = await getMailbox(t.db, TENANT, box.id);
    expect(ok).toMatchObject({ consecutiveFailures: 0, lastError: null });
    expect(ok!.lastSuccessAt).toBeInstanceOf(Date);

    await recordMailboxFailure(t.db, box.id, { kind: 'auth', message: 'bad password' });
    const updated = await updateMailbox(t.db, secrets, TENANT, box.id, { secret: 'new password' });
    expect(updated.consecutiveFailures).toBe(0);
    expect((await loadMailboxForConnection(t.db, secrets, box.id))!.secret).toBe('new password');
  });
});

describe('folder state', () => {
  it('never moves backwards for one UIDVALIDITY, and restarts on a new one', async () => {
    const box = await createMailbox(t.db, secrets, TENANT, { ...base, name: 'state' });
    expect(await getFolderState(t.db, box.id, 'INBOX')).toBeNull();
    await setFolderState(t.db, box.id, 'INBOX', { uidValidity: 7, lastUid: 100 });
    await setFolderState(t.db, box.id, 'INBOX', { uidValidity: 7, lastUid: 50 });
    expect(await getFolderState(t.db, box.id, 'INBOX')).toEqual({ uidValidity: 7, lastUid: 100 });
    await setFolderState(t.db, box.id, 'INBOX', { uidValidity: 8, lastUid: 0 });
    expect(await getFolderState(t.db, box.id, 'INBOX')).toEqual({ uidValidity: 8, lastUid: 0 });
  });
});

describe('raw message store', () => {
  it('stores each content once, keeps the status of known content, and tracks moves', async () => {
    const box = await createMailbox(t.db, secrets, TENANT, { ...base, name: 'raw' });
    const msg = (n: number) => Buffer.from(`Subject: bounce ${n}\r\n\r\nbody ${n}\r\n`);
    const loc = { tenantId: TENANT, mailboxId: box.id, folder: 'INBOX', uidValidity: 1 };
    const first = await storeRawMessages(t.db, [
      { ...loc, uid: 1, content: msg(1) },
      { ...loc, uid: 2, content: msg(2) },
      { ...loc, uid: 3, content: msg(1) }, // same content twice in one batch
    ]);
    expect(first).toHaveLength(2);
    expect(first.every((r) => r.inserted && r.status === 'received')).toBe(true);
    // The content is stored byte for byte, whatever the bytes (8-bit mail, NUL, invalid UTF-8).
    const binary = Buffer.from([0, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0xc3, 0x28, 0x22, 0x5c]);
    const [stored] = await storeRawMessages(t.db, [{ ...loc, uid: 4, content: binary }]);
    const [row] = await t.db
      .select({ content: rawMessages.content, size: rawMessages.size, uid: rawMessages.uid })
      .from(rawMessages)
      .where(eq(rawMessages.id, stored!.id));
    expect(Buffer.compare(row!.content, binary)).toBe(0);
    expect(row).toMatchObject({ size: binary.length, uid: 4 });
    await t.db.delete(rawMessages).where(eq(rawMessages.id, stored!.id));
    // An empty message is a message too, alone or among others (each content keeps its own row's place).
    const [empty] = await storeRawMessages(t.db, [{ ...loc, uid: 5, content: Buffer.alloc(0) }]);
    const pair = await storeRawMessages(t.db, [
      { ...loc, uid: 6, content: msg(6) },
      { ...loc, uid: 7, content: msg(7) },
    ]);
    const contentOf = async (id: string) =>
      (await t.db.select({ content: rawMessages.content }).from(rawMessages).where(eq(rawMessages.id, id)))[0]!.content;
    expect((await contentOf(empty!.id)).length).toBe(0);
    expect((await contentOf(pair[1]!.id)).toString()).toBe(msg(7).toString());
    await t.db.delete(rawMessages).where(inArray(rawMessages.id, [empty!.id, ...pair.map((p) => p.id)]));
    // Contents large enough to compress are compressed with LZ4 (migration 0023; this server is built with it).
    const large = Buffer.from(
      `Subject: large\r\n\r\n${'Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n'.repeat(200)}`,
    );
    const [big] = await storeRawMessages(t.db, [{ ...loc, uid: 8, content: large }]);
    const compression = await t.db.execute(
      sql`select pg_column_compression(content) as method from raw_messages where id = ${big!.id}`,
    );
    expect((compression as unknown as { method: string }[])[0]!.method).toBe('lz4');
    expect(Buffer.compare(await contentOf(big!.id), large)).toBe(0);
    await t.db.delete(rawMessages).where(eq(rawMessages.id, big!.id));

    await t.db.update(rawMessages).set({ status: 'applied' }).where(eq(rawMessages.id, first[0]!.id));
    // Found again after a UIDVALIDITY change: same row, status kept, location updated.
    const again = await storeRawMessages(t.db, [{ ...loc, uidValidity: 2, uid: 10, content: msg(1) }]);
    expect(again[0]).toMatchObject({ id: first[0]!.id, inserted: false, status: 'applied' });
    const count = await t.db.execute(sql`select count(*)::int as n from raw_messages where mailbox_id = ${box.id}`);
    expect((count as unknown as { n: number }[])[0]!.n).toBe(2);

    expect(await listMessagesToMove(t.db, { mailboxId: box.id, folder: 'INBOX', uidValidity: 1 })).toEqual([]);
    const toMove = await listMessagesToMove(t.db, { mailboxId: box.id, folder: 'INBOX', uidValidity: 2 });
    expect(toMove).toEqual([{ id: first[0]!.id, uid: 10, status: 'applied' }]);
    await markMessagesMoved(t.db, [{ id: first[0]!.id, folder: 'Processed', uidValidity: 99, uid: 1 }]);
    expect(await listMessagesToMove(t.db, { mailboxId: box.id, folder: 'INBOX', uidValidity: 2 })).toEqual([]);
    const [moved] = await t.db.select().from(rawMessages).where(eq(rawMessages.id, first[0]!.id));
    expect(moved).toMatchObject({ folder: 'Processed', uidValidity: 99, uid: 1 });
  });

  it("answers the move query from the location index, not by scanning the mailbox's rows", async () => {
    // Tiny test tables always favour a sequential scan: forbid it for this transaction to see whether an index
    // can serve the query's whole condition (mailbox, folder, UIDVALIDITY and final status).
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return tx.execute(sql`explain select id, uid, status from raw_messages
        where mailbox_id = ${'00000000-0000-4000-8000-000000000001'} and folder = 'INBOX' and uid_validity = 2
          and uid is not null and status in ('applied', 'manual', 'failed')
        order by uid limit 1000`);
    });
    const text = (plan as unknown as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('raw_messages_location_idx');
    expect(text).toMatch(/Index Cond: .*mailbox_id.*folder.*uid_validity.*status/s);
  });
});
