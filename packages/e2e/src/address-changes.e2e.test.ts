/**
 * Address changes end to end: automatic replies from the hand-written reply corpus ("my new address is X", "I have
 * left the company, write to X"; German, English, French, Spanish) delivered by Postfix into the test Dovecot's
 * bounce mailbox, fetched, parsed and applied by the workers, then read through the API. With the tenant's default
 * rule they stay suggestions (evidence, status suggested, contact unchanged); once the rule setting
 * applySuggestedAddresses is "all", the next ones replace the contact's primary address (event applied, and
 * contact.address_replaced). A hard bounce to a contact's address blocks it, and the event names the contact's other
 * address.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { outbox, rawMessages } from '@bounce/db';
import { REPLY_CORPUS, type ReplyCase } from '@bounce/parser/reply-corpus';
import { getFreePort, pollUntil } from '@bounce/test-servers';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Pipeline, startPipeline } from './pipeline.js';
import { WorkerProcess } from './worker-process.js';

const API_KEY = `bk_changes_${randomBytes(24).toString('hex')}`;

let p: Pipeline;
let api: WorkerProcess;
let apiUrl = '';
let mailboxId = '';

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${apiUrl}/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...init.headers },
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

type ContactView = {
  addresses: { address: string; primary: boolean }[];
  suggestions: { suggested: string; reason: string; evidence: string; status: string }[];
};

/** The corpus case of a language and reason (the first one), with the replying contact it is sent as. */
function corpusCase(lang: ReplyCase['lang'], reason: 'new-address' | 'successor'): ReplyCase & { from: string } {
  const found = REPLY_CORPUS.find((c) => c.lang === lang && c.replacement?.reason === reason && !c.absence);
  if (!found?.replacement) throw new Error(`no ${lang} ${reason} case in the reply corpus`);
  return { ...found, from: `${lang}-${reason}@kunde.example` };
}

/** The automatic reply as a mail program sends it (RFC 3834 header), from the contact to the bounce mailbox. */
function autoReply(c: ReplyCase & { from: string }, to: string): string {
  return [
    `From: ${c.from}`,
    `To: ${to}`,
    `Subject: =?utf-8?B?${Buffer.from(c.subject).toString('base64')}?=`,
    'Date: Sun, 20 Dec 2026 09:00:00 +0100',
    `Message-ID: <${randomUUID()}@kunde.example>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(c.text).toString('base64'),
    '',
  ].join('\r\n');
}

const FIRST = [corpusCase('de', 'new-address'), corpusCase('en', 'successor'), corpusCase('fr', 'successor')];
const FIRST_ES = corpusCase('es', 'new-address');
const SECOND = [
  corpusCase('en', 'new-address'),
  corpusCase('de', 'successor'),
  corpusCase('fr', 'new-address'),
  corpusCase('es', 'successor'),
];

async function settled(count: number) {
  await pollUntil(
    async () => {
      const rows = await p.db.db.select().from(rawMessages).where(eq(rawMessages.mailboxId, mailboxId));
      return rows.length === count && rows.every((r) => ['applied', 'manual', 'failed'].includes(r.status));
    },
    { timeoutMs: 120_000, what: `${count} messages fetched and settled`, describe: () => p.diagnostics() },
  );
}

const eventsOf = (type: string) =>
  p.db.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.tenantId, p.tenantId), eq(outbox.type, type)));

beforeAll(async () => {
  p = await startPipeline({ label: 'changes', env: { all: { DATABASE_POOL_SIZE: '4' } }, startTimeoutMs: 150_000 });
  const port = await getFreePort();
  api = new WorkerProcess({
    name: 'api',
    runDir: p.runDir,
    startTimeoutMs: 150_000,
    env: {
      DATABASE_URL: p.db.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: p.redisUrl,
      QUEUE_PREFIX: p.prefix,
      SECRETS_KEY: randomBytes(32).toString('base64'),
      BOOTSTRAP_ADMIN_KEY: API_KEY,
      BOOTSTRAP_TENANT: p.tenantId,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
  });
  apiUrl = `http://127.0.0.1:${port}`;
  // One after the other: started together on a loaded machine, they starve each other.
  await p.startWorkers(['fetch', 'parse', 'rules']);
  await api.start();
  const mailbox = await p.createBounceMailbox({ name: 'bounces', useIdle: true, pollIntervalSeconds: 10 });
  mailboxId = mailbox.id;
}, 400_000);

afterAll(async () => {
  await api?.stop(15_000);
  await p?.close();
}, 60_000);

describe('address changes read from automatic replies, through Dovecot, the workers and the API', () => {
  it('suggests by default, applies once the rule says so, and a blocked address names the contact’s other one', async () => {
    const everyone = [...FIRST, FIRST_ES, ...SECOND];
    await call('/contacts', {
      method: 'PUT',
      body: JSON.stringify({
        contacts: [
          ...everyone.map((c) => ({ externalId: `crm-${c.from}`, addresses: [{ address: c.from, primary: true }] })),
          {
            externalId: 'crm-two',
            addresses: [
              { address: p.servers.addresses.unknownUser, primary: true },
              { address: 'private@home.example', primary: false },
            ],
          },
        ],
      }),
    });
    const bounceBox = p.servers.bounceAddress;

    // The tenant's default rule: suggestions only, in all four languages.
    for (const c of [...FIRST, FIRST_ES]) {
      await p.servers.sendMail(c.from, bounceBox, { raw: autoReply(c, bounceBox) });
    }
    await settled(4);
    for (const c of [...FIRST, FIRST_ES]) {
      const view = await call<ContactView>(`/contacts/${encodeURIComponent(`crm-${c.from}`)}`);
      expect(view.addresses, c.lang).toEqual([{ address: c.from, primary: true }]);
      expect(view.suggestions, `${c.lang} ${c.subject}`).toEqual([
        expect.objectContaining({
          suggested: c.replacement!.address,
          reason: c.replacement!.reason,
          status: 'suggested',
          evidence: expect.stringContaining(c.replacement!.address),
        }),
      ]);
    }
    const suggested = await eventsOf('address.replacement_suggested');
    expect(suggested.map((e) => (e.payload as { applied: boolean }).applied)).toEqual([false, false, false, false]);
    expect(await eventsOf('contact.address_replaced')).toEqual([]);

    // The tenant lets the rules apply them: the next replies change the contacts.
    await call('/rule-sets/tenant', { method: 'PUT', body: JSON.stringify({ applySuggestedAddresses: 'all' }) });
    for (const c of SECOND) {
      await p.servers.sendMail(c.from, bounceBox, { raw: autoReply(c, bounceBox) });
    }
    await settled(8);
    for (const c of SECOND) {
      const view = await call<ContactView>(`/contacts/${encodeURIComponent(`crm-${c.from}`)}`);
      expect(view.addresses, `${c.lang} ${c.subject}`).toEqual([
        { address: c.replacement!.address, primary: true },
        { address: c.from, primary: false },
      ]);
      expect(view.suggestions[0]).toMatchObject({ suggested: c.replacement!.address, status: 'applied' });
    }
    const applied = (await eventsOf('address.replacement_suggested'))
      .map((e) => e.payload as { address: string; applied: boolean; contacts: { externalId: string }[] })
      .filter((e) => e.applied);
    expect(applied.map((e) => e.address).sort()).toEqual(SECOND.map((c) => c.from).sort());
    expect(applied.every((e) => e.contacts.length === 1 && e.contacts[0]!.externalId === `crm-${e.address}`)).toBe(
      true,
    );
    expect(await eventsOf('contact.address_replaced')).toHaveLength(SECOND.length);

    // A hard bounce to crm-two's primary address: blocked, and the event names its other address.
    await p.sendTracked(p.servers.addresses.unknownUser);
    const blocked = await pollUntil(
      async () =>
        (await eventsOf('address.blocked')).find((e) => e.address === p.servers.addresses.unknownUser) ?? false,
      { timeoutMs: 120_000, what: 'the hard bounce to block the address', describe: () => p.diagnostics() },
    );
    expect(blocked.payload).toMatchObject({
      alternativeAddress: 'private@home.example',
      contacts: [{ externalId: 'crm-two', otherAddresses: ['private@home.example'] }],
    });
  }, 400_000);
});
