/**
 * Issue 12 item 6: hostile stored mail and careless logging. A non-ASCII attachment name, a thousand nested MIME
 * levels, the request log (no query values, no addresses), /docs/json inside the rate limit, /readyz not querying
 * on every call, and a CSV import that does not echo a 15 MB value back.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { SecretBox } from '@bounce/config';
import { applyBounces, type Database, storeRawMessages } from '@bounce/db';
import { parseBounce } from '@bounce/parser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details.js';
import { createTestApi, json, type TestApi } from '../testing/test-api.js';

const dsn = readFileSync(new URL('../../test/fixtures/dsn-user-unknown.eml', import.meta.url));

/** Stores `content` as a raw message and a bounce for it (the verdict taken from a plain DSN). */
async function bounceWithRaw(api: TestApi, content: Buffer, uid: number): Promise<string> {
  const [stored] = await storeRawMessages(api.database.db, [
    {
      tenantId: 'acme',
      mailboxId: '00000000-0000-4000-8000-000000000001',
      folder: 'INBOX',
      uidValidity: 1,
      uid,
      content,
    },
  ]);
  if (!stored) throw new Error('not stored');
  const result = await applyBounces(api.database.db, 'acme', [
    { parsed: parseBounce(dsn), rawMessageId: stored.id, rawSha256: stored.sha256 },
  ]);
  const id = result.results[0]?.bounceId;
  if (!id) throw new Error('no bounce');
  return id;
}

function withAttachment(filenameHeader: string): Buffer {
  return Buffer.from(
    [
      'From: MAILER-DAEMON@mx.example.net',
      'To: bounces@sender.example',
      'Subject: Undelivered Mail',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'see attached',
      '--b1',
      'Content-Type: application/pdf',
      `Content-Disposition: attachment; ${filenameHeader}`,
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 hello').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

function nestedMime(depth: number): Buffer {
  let body = 'Content-Type: text/plain\r\n\r\ninnermost\r\n';
  for (let i = 0; i < depth; i++) {
    body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
  }
  return Buffer.from(`From: MAILER-DAEMON@mx.example.net\r\nSubject: nested\r\nMIME-Version: 1.0\r\n${body}`);
}

describe('hostile stored mail and imports', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves an attachment with a non-ASCII name with an RFC 8187 filename*', async () => {
    const id = await bounceWithRaw(
      api,
      withAttachment("filename*=utf-8''R%C3%BCckl%C3%A4ufer%20%E8%AB%8B%E6%B1%82.pdf"),
      1,
    );
    const view = json<{ attachments: { filename: string }[] }>(
      await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${id}/raw` }),
    );
    expect(view.attachments[0]?.filename).toBe('Rückläufer 請求.pdf');
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${id}/raw/attachments/0` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="R_ckl_ufer __.pdf"; filename*=UTF-8''${encodeURIComponent('Rückläufer 請求.pdf')}`,
    );
    expect(res.rawPayload.toString()).toBe('%PDF-1.4 hello');
  });

  it('answers a message of 1,000 nested MIME levels with its headers and the reason, not a 500', async () => {
    const id = await bounceWithRaw(api, nestedMime(1_000), 2);
    const res = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${id}/raw` });
    expect(res.statusCode).toBe(200);
    const view = json<{ unreadable: string | null; subject: string; attachments: unknown[] }>(res);
    expect(view.unreadable).toMatch(/MIME structure cannot be read/);
    expect(view.subject).toBe('nested');
    expect(view.attachments).toEqual([]);
    const part = await api.call(api.acme.read, { method: 'GET', url: `/v1/bounces/${id}/raw/attachments/0` });
    expect(part.statusCode).toBe(404);
    expect(part.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
  });

  it('does not echo a 15 MB invalid CSV value back', { timeout: 300_000 }, async () => {
    const huge = 'x'.repeat(15 * 1024 * 1024);
    const res = await api.call(api.acme.write, {
      method: 'POST',
      url: '/v1/suppressions/import?reason=csv&dryRun=true',
      headers: { 'content-type': 'text/csv' },
      payload: `address\nok@example.com\n${huge}\n`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(2_000);
    const body = json<{ invalid: { value: string; line: number }[] }>(res);
    expect(body.invalid[0]?.line).toBe(3);
    expect(body.invalid[0]?.value).toBe(`${'x'.repeat(320)}…`);
  });
});

/** An API whose log lines are kept, on a database wrapper that counts readiness queries. */
async function appWithCapturedLog(api: TestApi, rateLimitMax = 100_000) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  let executes = 0;
  const db = new Proxy(api.database.db, {
    get(target, prop, receiver) {
      if (prop === 'execute') executes++;
      return Reflect.get(target, prop, receiver);
    },
  }) as Database;
  const app = await buildApp({
    db,
    logger: pino({ level: 'info' }, sink),
    testMailboxConnection: null,
    config: {
      secretBox: new SecretBox(randomBytes(32).toString('hex')),
      queuePrefix: `log-test-${randomBytes(4).toString('hex')}`,
      rateLimit: { max: rateLimitMax, windowMs: 60_000 },
      // Long enough that the calls below fall in one window however loaded the machine is.
      readinessCacheMs: 600_000,
    },
  });
  await app.ready();
  return { app, lines, executes: () => executes };
}

describe('the request log and public routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.close();
  });

  it('logs URLs without query values and with addresses masked', async () => {
    const { app, lines } = await appWithCapturedLog(api);
    try {
      const auth = { authorization: `Bearer ${api.acme.read}` };
      const can = await app.inject({
        method: 'GET',
        url: '/v1/can-send?address=jane.customer@example.com',
        headers: auth,
      });
      expect(can.statusCode).toBe(200);
      await app.inject({ method: 'GET', url: '/v1/addresses/john.customer%40example.com', headers: auth });
      await app.inject({ method: 'GET', url: '/v1/suppressions?q=jim.customer&limit=5', headers: auth });
      const log = lines.join('');
      expect(log).not.toContain('customer');
      const urls = lines.map((l) => (JSON.parse(l) as { req?: { url?: string } }).req?.url).filter(Boolean);
      expect(urls).toContain('/v1/can-send?address');
      expect(urls).toContain('/v1/suppressions?q&limit');
      expect(urls.some((u) => /^\/v1\/addresses\/addr-[0-9a-f]{12}$/.test(u ?? ''))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('counts /docs/json against the rate limit of the client', async () => {
    const { app } = await appWithCapturedLog(api, 2);
    try {
      expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
      const limited = await app.inject({ method: 'GET', url: '/docs/json' });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    } finally {
      await app.close();
    }
  });

  it('answers /readyz from a recent check, not a query per call', async () => {
    const { app, executes } = await appWithCapturedLog(api);
    try {
      const before = executes();
      for (let i = 0; i < 20; i++) {
        const res = await app.inject({ method: 'GET', url: '/readyz' });
        expect(res.statusCode).toBe(200);
      }
      expect(executes() - before).toBe(1);
    } finally {
      await app.close();
    }
  });
});
