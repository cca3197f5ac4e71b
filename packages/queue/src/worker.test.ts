import { randomUUID } from 'node:crypto';
import { createLogger } from '@bounce/config';
import type { Job, Worker } from 'bullmq';
import { Registry } from 'prom-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRedis } from './connection.js';
import { createQueue, enqueue } from './jobs.js';
import { createQueueMetrics } from './queue-metrics.js';
import { deleteKeysWithPrefix } from './testing/index.js';
import { closeWorker, createWorker, type FinalFailure, STALLED_JOB_SETTINGS } from './worker.js';

const prefix = `test-worker-${randomUUID()}`;
const connection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
const logger = createLogger({ name: 'test', level: 'silent' });
const workers: Worker[] = [];

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close(true)));
});

afterAll(async () => {
  // Each test uses its own sub-prefix (`${prefix}-ok`, ...): remove them all.
  await deleteKeysWithPrefix(connection, prefix);
  await connection.quit();
});

const ids = () => [randomUUID()];

/** Waits for `count` events named `event` on a worker. */
function waitFor(worker: Worker, event: 'completed' | 'failed', count = 1): Promise<Job[]> {
  const jobs: Job[] = [];
  return new Promise((resolve) => {
    worker.on(event, (job: Job | undefined) => {
      if (job) jobs.push(job);
      if (jobs.length === count) resolve(jobs);
    });
  });
}

async function metricValue(registry: Registry, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric('bounce_jobs_total')!.get();
  const value = metric.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}

describe('createWorker', () => {
  it('validates, runs the handler, returns its result and counts the outcome', async () => {
    const registry = new Registry();
    const queue = createQueue('parseMessages', connection, `${prefix}-ok`);
    const job = await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ids() });
    const seen: string[] = [];
    const worker = createWorker(
      'parseMessages',
      async (payload) => {
        seen.push(payload.rawMessageIds[0]!);
        return { parsed: payload.rawMessageIds.length };
      },
      { connection, prefix: `${prefix}-ok`, logger, metrics: createQueueMetrics(registry) },
    );
    workers.push(worker);
    const [done] = await waitFor(worker, 'completed');
    expect(done!.returnvalue).toEqual({ parsed: 1 });
    expect(seen).toEqual(job.data.rawMessageIds);
    expect(await metricValue(registry, { queue: 'parse-messages', outcome: 'completed' })).toBe(1);
    const text = await registry.metrics();
    expect(text).toContain('bounce_job_duration_seconds_count{queue="parse-messages",outcome="completed"} 1');
    expect(text).toContain('bounce_job_wait_seconds_count{queue="parse-messages"} 1');
    await queue.close();
  });

  it('retries a transient failure and reports the final failure once, with the payload', async () => {
    const registry = new Registry();
    const p = `${prefix}-retry`;
    const queue = createQueue('parseMessages', connection, p);
    await enqueue(
      queue,
      'parseMessages',
      { tenantId: 'acme', rawMessageIds: ids() },
      { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
    );
    const finals: FinalFailure<'parseMessages'>[] = [];
    let calls = 0;
    const worker = createWorker(
      'parseMessages',
      async () => {
        calls += 1;
        throw new Error(`database unavailable (${calls})`);
      },
      {
        connection,
        prefix: p,
        logger,
        metrics: createQueueMetrics(registry),
        onFinalFailure: async (f) => {
          finals.push(f);
        },
      },
    );
    workers.push(worker);
    // 'failed' fires on every failed attempt: wait for the third.
    await waitFor(worker, 'failed', 3);
    expect(calls).toBe(3);
    expect(finals).toHaveLength(1);
    expect(finals[0]!.payload?.tenantId).toBe('acme');
    expect(finals[0]!.error.message).toBe('database unavailable (3)');
    expect(await metricValue(registry, { outcome: 'retrying' })).toBe(2);
    expect(await metricValue(registry, { outcome: 'dead' })).toBe(1);
    const failed = await queue.getFailed();
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attemptsMade).toBe(3);
    await queue.close();
  });

  it('retries a job that met an outage soon and without spending an attempt', async () => {
    const p = `${prefix}-outage`;
    const queue = createQueue('parseMessages', connection, p);
    // A backoff far longer than the test: only the outage path can bring the job back in time.
    await enqueue(
      queue,
      'parseMessages',
      { tenantId: 'acme', rawMessageIds: ids() },
      { attempts: 2, backoff: { type: 'fixed', delay: 600_000 } },
    );
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    let calls = 0;
    const worker = createWorker(
      'parseMessages',
      async () => {
        calls += 1;
        // The dependency is away for the first three tries (more than the job's two attempts).
        if (calls <= 3) throw outage;
        return 'done';
      },
      { connection, prefix: p, logger, isOutage: (err) => err === outage },
    );
    workers.push(worker);
    const [done] = await waitFor(worker, 'completed');
    expect(calls).toBe(4);
    expect(done!.returnvalue).toBe('done');
    expect(done!.attemptsMade).toBe(1);
    expect(await queue.getFailed()).toHaveLength(0);
    await queue.close();
  });

  it('sends a poison job to the failed set at once and goes on with the next one', async () => {
    const p = `${prefix}-poison`;
    const queue = createQueue('parseMessages', connection, p);
    // Written behind the catalog's back (an older producer): not a valid payload.
    await queue.add('parse-messages', { tenantId: 'acme', rawMessageIds: 'garbage' } as never);
    const good = await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ids() });
    const finals: FinalFailure<'parseMessages'>[] = [];
    const handled: string[] = [];
    const worker = createWorker(
      'parseMessages',
      async (payload) => {
        handled.push(payload.rawMessageIds[0]!);
      },
      {
        connection,
        prefix: p,
        logger,
        onFinalFailure: async (f) => {
          finals.push(f);
        },
      },
    );
    workers.push(worker);
    await waitFor(worker, 'completed');
    expect(handled).toEqual(good.data.rawMessageIds);
    expect(finals).toHaveLength(1);
    expect(finals[0]!.payload).toBeUndefined();
    expect(finals[0]!.error.name).toBe('InvalidJobPayloadError');
    const failed = await queue.getFailed();
    expect(failed.map((j) => j.attemptsMade)).toEqual([1]); // attempts is 5 in the catalog: not retried
    await queue.close();
  });

  it("a killed worker's job is taken over by another worker once its lock lapses (under 10 s by configuration)", async () => {
    // Lock lapse plus one stalled-check period bound the takeover; the figure is configuration, not a timing.
    expect(STALLED_JOB_SETTINGS.lockDuration + STALLED_JOB_SETTINGS.stalledInterval).toBeLessThanOrEqual(10_000);
    const p = `${prefix}-stalled`;
    const queue = createQueue('parseMessages', connection, p);
    const job = await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ids() });
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const doomedConnection = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'worker');
    const doomed = createWorker(
      'parseMessages',
      async () => {
        started();
        await new Promise(() => {}); // never ends: the process "dies" holding the job
      },
      { connection: doomedConnection, prefix: p, logger },
    );
    await isStarted;
    expect(doomed.opts.lockDuration).toBe(STALLED_JOB_SETTINGS.lockDuration);
    expect(doomed.opts.stalledInterval).toBe(STALLED_JOB_SETTINGS.stalledInterval);
    // Like kill -9: no hand-back, no lock renewal from now on.
    await doomed.close(true);
    await doomed.disconnect();
    doomedConnection.disconnect();
    const heir = createWorker('parseMessages', async () => 'recovered', { connection, prefix: p, logger });
    workers.push(heir);
    const [done] = await waitFor(heir, 'completed');
    expect(done?.id).toBe(job.id);
    expect(done?.returnvalue).toBe('recovered');
    await queue.close();
  }, 60_000);

  it('hands an in-flight job back on shutdown without spending an attempt', async () => {
    const p = `${prefix}-handback`;
    const registry = new Registry();
    const queue = createQueue('parseMessages', connection, p);
    const job = await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ids() });
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const worker = createWorker(
      'parseMessages',
      async (_payload, { signal }) => {
        started();
        // A long batch that checks for shutdown between items.
        for (;;) {
          signal.throwIfAborted();
          await new Promise((r) => setTimeout(r, 5));
        }
      },
      { connection, prefix: p, logger, metrics: createQueueMetrics(registry) },
    );
    await isStarted;
    await closeWorker(worker, { drainTimeoutMs: 50, handBackTimeoutMs: 5_000 });
    const back = await queue.getJob(job.id!);
    expect(await back!.getState()).toBe('waiting');
    expect(back!.attemptsMade).toBe(0);
    expect(await metricValue(registry, { outcome: 'handed-back' })).toBe(1);

    // Another worker picks it up and finishes it.
    const next = createWorker('parseMessages', async () => 'done', { connection, prefix: p, logger });
    workers.push(next);
    const [done] = await waitFor(next, 'completed');
    expect(done!.id).toBe(job.id);
    await queue.close();
  });

  it('lets an in-flight job finish when it ends within the drain timeout', async () => {
    const p = `${prefix}-drain`;
    const queue = createQueue('parseMessages', connection, p);
    const job = await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ids() });
    let started!: () => void;
    const isStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const worker = createWorker(
      'parseMessages',
      async () => {
        started();
        await new Promise((r) => setTimeout(r, 200));
        return 'finished';
      },
      { connection, prefix: p, logger },
    );
    await isStarted;
    await closeWorker(worker, { drainTimeoutMs: 5_000 });
    const after = await queue.getJob(job.id!);
    expect(await after!.getState()).toBe('completed');
    expect(after!.returnvalue).toBe('finished');
    await queue.close();
  });
});

describe('queue depth metric', () => {
  it('reports waiting and failed jobs of the queues this process consumes, and stops when the worker closes', async () => {
    const p = `${prefix}-depth`;
    const registry = new Registry();
    const metrics = createQueueMetrics(registry);
    const queue = createQueue('parseMessages', connection, p);
    for (let i = 0; i < 3; i++) await enqueue(queue, 'parseMessages', { tenantId: 'acme', rawMessageIds: ids() });
    // Not started: the three jobs stay waiting.
    const worker = createWorker('parseMessages', async () => 'done', {
      connection,
      prefix: p,
      logger,
      metrics,
      autorun: false,
    });
    const text = await registry.metrics();
    expect(text).toContain('bounce_queue_jobs{queue="parse-messages",state="waiting"} 3');
    expect(text).toContain('bounce_queue_jobs{queue="parse-messages",state="failed"} 0');
    // A second call on the same registry shares the metrics (and what they watch).
    expect(createQueueMetrics(registry).depth).toBe(metrics.depth);
    await worker.close();
    expect(await registry.metrics()).not.toContain('bounce_queue_jobs{queue="parse-messages"');
    await queue.close();
  });
});
