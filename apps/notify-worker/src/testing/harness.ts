/**
 * Test helpers: a local webhook receiver that verifies signatures like a real one would, a local SMTP receiver,
 * and a harness with a fresh database, a unique Redis prefix and the three workers. Only tests import this file.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, SecretBox } from '@bounce/config';
import { outbox, tenants } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import type { Mailer } from '@bounce/mailer';
import type { RedisConnection } from '@bounce/queue';
import { createQueue, createRedis, enqueue } from '@bounce/queue';
import { type RetryPolicy, SIGNATURE_HEADER, type VerifyResult, verifyWebhookSignature } from '@bounce/webhooks';
import type { DigestOptions } from '../digest-buffer.js';

export { type SmtpReceiver, startSmtpReceiver } from '@bounce/mailer/testing';

import { deleteKeysWithPrefix } from '@bounce/queue/testing';
import { pollUntil } from '@bounce/test-servers';
import { createNotifyWorkers, type NotifyWorkers, type NotifyWorkersOptions } from '../notify-worker.js';
import type { HttpSettings } from '../webhook-delivery.handler.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type ReceivedWebhook = {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
  verification: VerifyResult;
  at: number;
};

/** How the receiver answers a request to a path: a status, or a function taking over the response. */
export type Responder = number | ((res: ServerResponse, count: number) => void);

export type WebhookReceiver = {
  url: (path: string) => string;
  received: ReceivedWebhook[];
  /** Secrets the receiver verifies against (change them to simulate a receiver-side switch). */
  secrets: string[];
  respond: (path: string, ...sequence: Responder[]) => void;
  waitFor: (predicate: (all: ReceivedWebhook[]) => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/** A receiver on 127.0.0.1 that verifies X-Bounce-Signature on the raw body; answers 200 unless told otherwise. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const sequences = new Map<string, Responder[]>();
  const counts = new Map<string, number>();
  const receiver: WebhookReceiver = {
    received,
    secrets: [],
    url: (path) => `http://127.0.0.1:${port}${path}`,
    respond: (path, ...sequence) => {
      sequences.set(path, sequence);
      counts.set(path, 0);
    },
    waitFor: (predicate, timeoutMs = 10_000) => waitUntil(() => predicate(received), timeoutMs),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const header = req.headers[SIGNATURE_HEADER.toLowerCase()];
      received.push({
        path,
        headers: req.headers,
        body: raw.toString('utf8'),
        json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
        verification: verifyWebhookSignature({
          body: raw,
          header: Array.isArray(header) ? header[0] : header,
          secrets: receiver.secrets,
        }),
        at: Date.now(),
      });
      const n = counts.get(path) ?? 0;
      counts.set(path, n + 1);
      const sequence = sequences.get(path) ?? [];
      // The last entry repeats once the sequence is used up.
      const step = sequence[Math.min(n, sequence.length - 1)] ?? 200;
      if (typeof step === 'number') res.writeHead(step, { 'content-type': 'text/plain' }).end(`status ${step}`);
      else step(res, n);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return receiver;
}

/** The shared poll (`pollUntil`) with this suite's default deadline. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  await pollUntil(condition, { timeoutMs, intervalMs: 20 });
}

export type Harness = {
  db: TestDatabase;
  redis: RedisConnection;
  prefix: string;
  secretBox: SecretBox;
  notify: NotifyWorkers;
  /** Writes an outbox event and enqueues its notify-events job like the outbox relay (job id = event id). */
  emit: (event: {
    tenantId?: string;
    type: string;
    address?: string | null;
    priority?: 'normal' | 'high';
    payload?: Record<string, unknown>;
  }) => Promise<{ eventId: string }>;
  close: () => Promise<void>;
};

export type HarnessOptions = {
  policy?: Partial<RetryPolicy>;
  http?: Partial<HttpSettings>;
  digest?: Partial<DigestOptions>;
  mailer?: Mailer | null;
  senderHealth?: NotifyWorkersOptions['senderHealth'];
};

/** A database, a Redis prefix and running workers with fast retries; tenants "acme" and "globex" exist. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase('notify_worker');
  await db.db.insert(tenants).values([
    { id: 'acme', name: 'Acme' },
    { id: 'globex', name: 'Globex' },
  ]);
  const redis = createRedis(REDIS_URL, 'worker');
  const prefix = `test-notify-${randomUUID()}`;
  const secretBox = new SecretBox(randomBytes(32).toString('base64'));
  const logger = createLogger({ name: 'notify-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const notify = createNotifyWorkers({
    db: db.db,
    redis,
    prefix,
    secretBox,
    mailer: options.mailer ?? null,
    policy: { attempts: 4, baseDelayMs: 50, jitter: 0, ...options.policy },
    http: {
      allowLoopback: true,
      connectTimeoutMs: 2_000,
      timeoutMs: 3_000,
      maxResponseBytes: 64 * 1024,
      ...options.http,
    },
    digest: { windowMs: 300, maxEvents: 100, ...options.digest },
    concurrency: { notify: 2, webhook: 5, email: 1 },
    senderHealth: options.senderHealth ?? null,
    logger,
  });
  notify.run();
  const notifyQueue = createQueue('notifyEvents', redis, prefix);
  const emit: Harness['emit'] = async (e) => {
    const tenantId = e.tenantId ?? 'acme';
    const [row] = await db.db
      .insert(outbox)
      .values({
        tenantId,
        type: e.type,
        priority: e.priority ?? 'normal',
        address: e.address ?? null,
        payload: { type: e.type, tenantId, ...(e.payload ?? {}) },
      })
      .returning();
    await enqueue(
      notifyQueue,
      'notifyEvents',
      { events: [{ outboxId: row!.id, eventId: row!.eventId, tenantId, type: e.type }] },
      { jobId: row!.eventId },
    );
    return { eventId: row!.eventId };
  };
  return {
    db,
    redis,
    prefix,
    secretBox,
    notify,
    emit,
    close: async () => {
      await notify.close(2_000);
      await notifyQueue.close();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
      await db.drop();
    },
  };
}
