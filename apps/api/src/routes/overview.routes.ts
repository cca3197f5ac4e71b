/**
 * The console's overview, as API endpoints any client can use: bounces over time by class or reason, the receiving
 * domains and providers with the highest failure rates, what waits for a person, the evidence behind a sender-side
 * alert, and the health of the queues (job counts only; the queue dashboard with job data is the installation
 * administrator's). `GET /overview` answers all of the console's first page in one request (one authentication,
 * the queries run side by side), so the page operators open every day waits for one answer, not seven.
 */
import {
  attentionCounts,
  bounceTimeSeries,
  failureRates,
  hasScope,
  listMailboxes,
  listSenderAlerts,
  STAT_BUCKETS,
  senderAlertEvidence,
} from '@bounce/db';
import type { RedisConnection } from '@bounce/queue';
import { closeQueues, openQueues, QUEUES, type QueueKey, type QueueSet } from '@bounce/queue';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { isoTime, PROBLEM_RESPONSES, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';
import { senderAlertSchema } from './views.js';

const TAGS = ['overview'];

/** IANA time zone names the runtime knows (PostgreSQL knows the same tz database). */
const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => tz === 'UTC' || TIME_ZONES.has(tz), { message: 'unknown time zone (IANA name, e.g. Europe/Berlin)' })
  .meta({ description: 'IANA time zone for bucket boundaries, e.g. Europe/Berlin. Default UTC' });

const DAY_MS = 86_400_000;
/** The longest range a chart or ranking may cover. */
const MAX_RANGE_DAYS = 3 * 366;

const rangeQuery = {
  from: isoTime.optional().meta({ description: 'Start (inclusive). Default: 30 days before `to`' }),
  to: isoTime.optional().meta({ description: 'End (exclusive). Default: now' }),
};

function rangeOf(q: { from?: Date; to?: Date }): { from: Date; to: Date } {
  const to = q.to ?? new Date();
  const from = q.from ?? new Date(to.getTime() - 30 * DAY_MS);
  if (!(to > from)) {
    throw new ApiProblem('validation', '/query/to: must be after from', {
      errors: [{ pointer: '/query/to', detail: 'must be after from' }],
    });
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new ApiProblem('validation', `/query/from: the range may cover at most ${MAX_RANGE_DAYS} days`, {
      errors: [{ pointer: '/query/from', detail: `the range may cover at most ${MAX_RANGE_DAYS} days` }],
    });
  }
  return { from, to };
}

const failureRateSchema = z
  .object({
    name: z.string(),
    sends: z.number().int(),
    hard: z.number().int(),
    soft: z.number().int(),
    complaints: z.number().int(),
    failures: z.number().int(),
    failureRate: z.number().nullable().meta({ description: 'failures / sends; null without sends in the range' }),
  })
  .meta({ id: 'FailureRate' });

const QUEUE_KEYS = Object.keys(QUEUES) as QueueKey[];

const bucketQuery = z
  .enum(STAT_BUCKETS)
  .optional()
  .meta({ description: 'Default: by the range (hour ≤ 3 days < day ≤ 180 days < week)' });

const bounceSeriesSchema = z
  .object({
    bucket: z.enum(STAT_BUCKETS),
    timeZone: z.string(),
    from: z.date(),
    to: z.date(),
    buckets: z.array(z.date()).meta({ description: 'Bucket starts, oldest first' }),
    series: z.array(
      z.object({
        key: z.string(),
        counts: z.array(z.number().int()).meta({ description: 'Aligned with buckets' }),
        total: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'BounceSeries' });

const failureRatesSchema = z.object({
  from: z.date(),
  to: z.date(),
  domains: z.array(failureRateSchema),
  providers: z.array(failureRateSchema),
});

const attentionSchema = z
  .object({
    blockedAddresses: z.number().int(),
    bouncesLast24h: z.number().int(),
    unmatchedBounces: z.number().int(),
    manualMessages: z.number().int(),
    openSenderAlerts: z.number().int(),
    failingMailboxes: z.number().int(),
  })
  .meta({ id: 'AttentionCounts' });

const queueHealthSchema = z.object({
  dashboardUrl: z.string().nullable(),
  queues: z.array(
    z
      .object({
        name: z.string(),
        waiting: z.number().int(),
        active: z.number().int(),
        delayed: z.number().int(),
        failed: z.number().int(),
        paused: z.boolean(),
      })
      .meta({ id: 'QueueHealth' }),
  ),
});

const mailboxHealthSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    host: z.string(),
    enabled: z.boolean(),
    lastError: z.string().nullable(),
    lastSuccessAt: z.date().nullable(),
  })
  .meta({ id: 'MailboxHealth' });

export function overviewRoutes(
  deps: RouteDeps & { redis: RedisConnection | null; queuePrefix: string },
): FastifyPluginAsyncZod {
  const { db } = deps;
  return async (app) => {
    // Producer handles of every queue, only for counting; opened on first use, closed with the app.
    let queues: QueueSet<QueueKey> | null = null;
    app.addHook('onClose', async () => {
      if (queues) await closeQueues(queues);
    });

    async function bounceSeries(
      tenantId: string,
      range: { from: Date; to: Date },
      options: { bucket?: (typeof STAT_BUCKETS)[number]; by: 'class' | 'reason'; timeZone: string },
    ) {
      const series = await bounceTimeSeries(db, tenantId, { ...range, ...options });
      return { ...series, ...range };
    }

    async function rankFailureRates(
      tenantId: string,
      range: { from: Date; to: Date },
      options: { limit: number; minSends: number },
    ) {
      return { ...range, ...(await failureRates(db, tenantId, { ...range, ...options })) };
    }

    async function queueHealth(redis: RedisConnection) {
      queues ??= openQueues(QUEUE_KEYS, redis, deps.queuePrefix);
      const set = queues;
      const counts = await Promise.all(
        QUEUE_KEYS.map(async (key) => {
          const c = await set[key].getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
          return {
            name: QUEUES[key].name,
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
            paused: await set[key].isPaused(),
          };
        }),
      );
      return { dashboardUrl: deps.dashboardUrl, queues: counts };
    }

    app.get(
      '/overview',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary:
            "The console's overview in one answer: counts, bounces by class and by reason, failure rates, open alerts, queues, mailboxes",
          description:
            'The same figures as /stats/attention, /stats/bounces (by class and by reason), /stats/failure-rates, ' +
            '/sender-alerts?open=true, /queues and /mailboxes, for one range. queues is null without the admin ' +
            "scope (queue health is the installation's) or without Redis.",
          querystring: z.object({
            ...rangeQuery,
            bucket: bucketQuery,
            tz: timeZoneSchema.default('UTC'),
            limit: z.coerce.number().int().min(1).max(100).default(10).meta({ description: 'Failure-rate rows' }),
            minSends: z.coerce.number().int().min(0).max(1_000_000).default(20),
          }),
          response: {
            200: z
              .object({
                attention: attentionSchema,
                bouncesByClass: bounceSeriesSchema,
                bouncesByReason: bounceSeriesSchema,
                failureRates: failureRatesSchema,
                openSenderAlerts: z.array(senderAlertSchema),
                queues: queueHealthSchema.nullable(),
                mailboxes: z.array(mailboxHealthSchema),
              })
              .meta({ id: 'Overview' }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const auth = authOf(request);
        const { tenantId } = auth;
        const range = rangeOf(request.query);
        const { bucket, tz: timeZone, limit, minSends } = request.query;
        const series = { ...(bucket ? { bucket } : {}), timeZone };
        const [attention, bouncesByClass, bouncesByReason, rates, openSenderAlerts, mailboxes, queueCounts] =
          await Promise.all([
            attentionCounts(db, tenantId),
            bounceSeries(tenantId, range, { ...series, by: 'class' }),
            bounceSeries(tenantId, range, { ...series, by: 'reason' }),
            rankFailureRates(tenantId, range, { limit, minSends }),
            listSenderAlerts(db, tenantId, { openOnly: true }),
            listMailboxes(db, tenantId),
            deps.redis && hasScope(auth, 'admin') ? queueHealth(deps.redis) : null,
          ]);
        return {
          attention,
          bouncesByClass,
          bouncesByReason,
          failureRates: rates,
          openSenderAlerts,
          queues: queueCounts,
          mailboxes: mailboxes.map(({ id, name, host, enabled, lastError, lastSuccessAt }) => ({
            id,
            name,
            host,
            enabled,
            lastError,
            lastSuccessAt,
          })),
        };
      },
    );

    app.get(
      '/stats/bounces',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Bounces over time, per class or reason (one series per key, zero-filled buckets)',
          querystring: z.object({
            ...rangeQuery,
            bucket: bucketQuery,
            by: z.enum(['class', 'reason']).default('class'),
            tz: timeZoneSchema.default('UTC'),
          }),
          response: {
            200: bounceSeriesSchema,
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) =>
        bounceSeries(authOf(request).tenantId, rangeOf(request.query), {
          ...request.query,
          timeZone: request.query.tz,
        }),
    );

    app.get(
      '/stats/failure-rates',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Receiving domains and mailbox providers with the highest failure rates',
          description:
            'Hard and soft bounces and complaints over sends in the range. Rows with fewer than minSends sends rank ' +
            'after the others. Providers are recognised by their consumer domains.',
          querystring: z.object({
            ...rangeQuery,
            limit: z.coerce.number().int().min(1).max(100).default(10),
            minSends: z.coerce.number().int().min(0).max(1_000_000).default(20),
          }),
          response: {
            200: failureRatesSchema,
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => rankFailureRates(authOf(request).tenantId, rangeOf(request.query), request.query),
    );

    app.get(
      '/stats/attention',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'What waits for a person: blocked addresses, unmatched bounces, manual messages, alerts, mailboxes',
          response: {
            200: attentionSchema,
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => attentionCounts(db, authOf(request).tenantId),
    );

    app.get(
      '/sender-alerts/:id/evidence',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary:
            "A sender-side alert with its evidence: the latest rejections behind it, in the remote servers' words",
          description:
            'evidence is a list of typed items; today only "bounce" items. Clients should show unknown item types ' +
            'generically: DNS and blocklist diagnosis will add types.',
          params: uuidParam,
          response: {
            200: z.object({
              alert: senderAlertSchema,
              evidence: z.array(
                z.looseObject({
                  type: z.string().meta({ description: 'bounce (more types to come)' }),
                  bounceId: z.uuid().optional(),
                  recipient: z.string().nullable().optional(),
                  status: z.string().nullable().optional(),
                  replyCode: z.number().int().nullable().optional(),
                  reason: z.string().optional(),
                  diagnosticCode: z.string().nullable().optional(),
                  remoteMta: z.string().nullable().optional(),
                  occurredAt: z.date().optional(),
                }),
              ),
            }),
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async (request) => {
        const tenantId = authOf(request).tenantId;
        const alert = (await listSenderAlerts(db, tenantId)).find((a) => a.id === request.params.id);
        if (!alert) throw new ApiProblem('not-found', `sender alert ${request.params.id} not found`);
        const bounces = await senderAlertEvidence(db, tenantId, alert);
        return { alert, evidence: bounces.map((b) => ({ type: 'bounce', ...b })) };
      },
    );

    app.get(
      '/queues',
      {
        config: { scope: 'admin' },
        schema: {
          tags: TAGS,
          summary: 'Queue health: waiting, active, delayed, failed jobs per queue (counts of the installation)',
          description:
            'Counts only, shared by all tenants of the installation; job data is in the queue dashboard, which only ' +
            'the installation administrator opens (dashboardUrl).',
          response: {
            200: queueHealthSchema,
            ...PROBLEM_RESPONSES,
          },
        },
      },
      async () => {
        if (!deps.redis) throw new ApiProblem('unavailable', 'queue health needs Redis (REDIS_URL is not set)');
        return queueHealth(deps.redis);
      },
    );
  };
}
