/**
 * Fetch throughput: N real bounces (the dev corpus, cycled, each made unique by a header) placed in the test
 * Dovecot's bounce mailbox, then read into raw_messages by `fetchMailbox` (stored + one parse job per batch).
 * Prints messages/s and the process's peak memory. Needs root (Postfix/Dovecot), PostgreSQL and Redis.
 *
 *   pnpm --filter @bounce/fetch-worker bench [count=20000] [batchSize=200]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, SecretBox } from '@bounce/config';
import { createMailbox, tenants } from '@bounce/db';
import { createTestDatabase } from '@bounce/db/testing';
import { loopbackTestPolicy } from '@bounce/mailbox-access';
import { createQueue, createRedis } from '@bounce/queue';
import { startMailServers } from '@bounce/test-servers';
import { fetchMailbox } from '../src/fetch-mailbox.js';

const COUNT = Number(process.argv[2] ?? 20_000);
const BATCH = Number(process.argv[3] ?? 200);
const CORPUS = new URL('../../../../shared/corpus/dev/emails/', import.meta.url);

const corpus = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => readFileSync(join(CORPUS.pathname, f)));
const messages = Array.from({ length: COUNT }, (_, n) =>
  Buffer.concat([Buffer.from(`X-Bench-Id: ${n}-${randomBytes(4).toString('hex')}\r\n`), corpus[n % corpus.length]!]),
);
const totalBytes = messages.reduce((sum, m) => sum + m.length, 0);

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const servers = await startMailServers();
const t = await createTestDatabase('bounce_bench_fetch');
const redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const prefix = `bench-fetch-${randomUUID()}`;
const parseQueue = createQueue('parseMessages', redis, prefix);
try {
  await t.db.insert(tenants).values({ id: 'bench', name: 'Bench' });
  const secrets = new SecretBox(randomBytes(32).toString('base64'));
  const mailbox = await createMailbox(t.db, secrets, 'bench', {
    name: 'bench',
    host: servers.host,
    port: servers.imapPort,
    tlsMode: 'starttls',
    tlsAllowInvalid: true,
    username: servers.bounceUser,
    secret: servers.bouncePassword,
    pollIntervalSeconds: 0,
  });
  let started = performance.now();
  await servers.placeMessages(messages);
  console.log(`placed ${COUNT} messages (${(totalBytes / 1e6).toFixed(1)} MB) in ${ms(started)} ms`);
  messages.length = 0; // the fetch must not profit from them being in memory

  peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  started = performance.now();
  const result = await fetchMailbox(mailbox.id, {
    db: t.db,
    secrets,
    parseQueue,
    logger: createLogger({ name: 'bench', level: 'warn' }),
    imap: { network: loopbackTestPolicy() },
    batchSize: BATCH,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `fetched ${result.fetched} (stored ${result.stored}, ${result.batches} batches of ≤${BATCH}, ${result.parseJobs} parse jobs) in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `rate: ${Math.round(result.fetched / seconds)} messages/s, ${(totalBytes / 1e6 / seconds).toFixed(1)} MB/s`,
  );
  console.log(
    `memory: rss before ${(rssBefore / 1e6).toFixed(0)} MB, peak during fetch ${(peakRss / 1e6).toFixed(0)} MB`,
  );
} finally {
  clearInterval(sampler);
  await parseQueue.obliterate({ force: true }).catch(() => {});
  await parseQueue.close();
  await redis.quit();
  await servers.stop();
  await t.drop();
}

function ms(from: number): number {
  return Math.round(performance.now() - from);
}
