/**
 * Sender health (issue 19): the sending-setup check (`POST /sender-checks`: SPF, DKIM, DMARC, PTR, MX, blocklists,
 * VERP alignment, asked through the configured resolver), the watched setups the notification worker checks again
 * on a schedule (`/sender-health/setups`, sender_setup.changed when a result changes) and the diagnosed sender
 * alerts it groups by provider and cause (`/sender-health/alerts`), for the console.
 */
import {
  closeSenderHealthAlert,
  getSenderHealthAlert,
  getSenderSetupCheck,
  listSenderHealthAlerts,
  listSenderSetupChecks,
  recordSenderSetupReport,
  type SenderHealthAlert,
  type SenderSetupCheck,
  SenderSetupLimitError,
  unwatchSenderSetup,
  watchSenderSetup,
} from '@bounce/db';
import {
  type CheckStatus,
  checkSendingSetup,
  dnsClientFor,
  type SenderHealthConfig,
  type SetupReport,
  senderCheckRequestSchema,
} from '@bounce/sender-health';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';
import { senderHealthAlertSchema, senderSetupReportSchema, senderSetupWatchSchema } from './views.js';

const TAGS = ['sender health'];

/**
 * Watched setups per tenant: each costs a few dozen DNS queries per interval. Counted under a lock on the tenant in
 * the insert's transaction (packages/db), so concurrent requests cannot exceed it.
 */
export const MAX_WATCHED_SETUPS = 100;

/** The stored report and status are what @bounce/sender-health produced (JSON): typed back for the response. */
function setupView(setup: SenderSetupCheck) {
  const { tenantId: _tenantId, request, report, status, ...rest } = setup;
  return {
    ...rest,
    request: senderCheckRequestSchema.parse(request),
    report: report as SetupReport | null,
    status: status as CheckStatus | null,
  };
}

/** The alert as the API shows it: the stored diagnosis without its internal check plan. */
function alertView(alert: SenderHealthAlert) {
  const { plan: _plan, ...diagnosis } = alert.diagnosis;
  return { ...alert, diagnosis };
}

export function senderHealthRoutes(deps: RouteDeps & { senderHealth: SenderHealthConfig }): FastifyPluginAsyncZod {
  const { db, senderHealth } = deps;
  return async (app) => {
    app.post(
      '/sender-checks',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Check a sending setup: SPF, DKIM keys, DMARC, PTR/FCrDNS, MX, blocklists, VERP alignment',
          description:
            'Asks DNS (the configured resolver) about the sending domain, its sending IPs and DKIM selectors, and ' +
            'whether the VERP return path the system generates (`bounces+<token>@<bounceDomain>`) would pass SPF ' +
            'aligned with the From domain. Nothing is stored. A check DNS could not answer has status `error`.',
          body: senderCheckRequestSchema,
          response: { 200: senderSetupReportSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => checkSendingSetup(dnsClientFor(senderHealth), request.body, { dnsbls: senderHealth.dnsbls }),
    );

    app.post(
      '/sender-health/setups',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Watch a sending setup: checked now, then again on a schedule, with an event when a result changes',
          description:
            'The same body as `POST /sender-checks`. One watched setup per domain: posting a watched domain again ' +
            'replaces its IPs, selectors and bounce domain. The report of this first check is the baseline; the ' +
            'notification worker checks again every `SENDER_SETUP_CHECK_INTERVAL` and writes `sender_setup.changed` ' +
            `when a check changes its result. At most ${MAX_WATCHED_SETUPS} per tenant.`,
          body: senderCheckRequestSchema,
          response: { 200: senderSetupWatchSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const { tenantId } = authOf(request);
        const setup = await watchSenderSetup(
          db,
          tenantId,
          { domain: request.body.domain, request: { ...request.body } },
          { maxPerTenant: MAX_WATCHED_SETUPS },
        ).catch((err: unknown) => {
          if (err instanceof SenderSetupLimitError) throw new ApiProblem('conflict', err.message);
          throw err;
        });
        const report = await checkSendingSetup(dnsClientFor(senderHealth), request.body, {
          dnsbls: senderHealth.dnsbls,
        });
        // The first report is the baseline (nothing announced); the worker's next check, one interval on (it was
        // due at once in case this process stopped before the baseline), compares with it.
        const checkedAt = new Date(report.checkedAt);
        const interval = senderHealth.setupCheckIntervalMs ?? 3_600_000;
        await recordSenderSetupReport(db, tenantId, setup.id, {
          report: JSON.parse(JSON.stringify(report)) as Record<string, unknown>,
          status: report.status,
          changes: [],
          checkedAt,
          ...(interval > 0 ? { nextCheckAt: new Date(checkedAt.getTime() + interval) } : {}),
        });
        const fresh = await getSenderSetupCheck(db, tenantId, setup.id);
        if (!fresh) throw new ApiProblem('not-found', `sending setup ${request.body.domain} was removed meanwhile`);
        return setupView(fresh);
      },
    );

    app.get(
      '/sender-health/setups',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'The watched sending setups with their latest report, by domain',
          response: { 200: z.object({ items: z.array(senderSetupWatchSchema) }), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => ({ items: (await listSenderSetupChecks(db, authOf(request).tenantId)).map(setupView) }),
    );

    app.get(
      '/sender-health/setups/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One watched sending setup with its latest report',
          params: uuidParam,
          response: { 200: senderSetupWatchSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const setup = await getSenderSetupCheck(db, authOf(request).tenantId, request.params.id);
        if (!setup) throw new ApiProblem('not-found', `sending setup ${request.params.id} not found`);
        return setupView(setup);
      },
    );

    app.delete(
      '/sender-health/setups/:id',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary: 'Stop watching a sending setup',
          params: uuidParam,
          response: { 204: z.null(), ...PROBLEM_RESPONSES },
        },
      },
      async (request, reply) => {
        if (!(await unwatchSenderSetup(db, authOf(request).tenantId, request.params.id))) {
          throw new ApiProblem('not-found', `sending setup ${request.params.id} not found`);
        }
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/sender-health/alerts',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'Diagnosed sender alerts (one per receiving provider and cause), most recently seen first',
          querystring: z.object({
            state: z.enum(['open', 'closed']).optional(),
            cause: z.string().max(40).optional().meta({ description: 'dnsbl, spf, dkim, dmarc, ptr, reputation, ...' }),
            provider: z.string().max(300).optional().meta({ description: 'Provider id, e.g. microsoft' }),
            ...pagingQuery,
          }),
          response: { 200: pageOf(senderHealthAlertSchema), ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const page = await listSenderHealthAlerts(db, authOf(request).tenantId, request.query);
        return { items: page.items.map(alertView), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/sender-health/alerts/:id',
      {
        config: { scope: 'read' },
        schema: {
          tags: TAGS,
          summary: 'One diagnosed sender alert with its evidence and check results',
          params: uuidParam,
          response: { 200: senderHealthAlertSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const alert = await getSenderHealthAlert(db, authOf(request).tenantId, request.params.id);
        if (!alert) throw new ApiProblem('not-found', `sender alert ${request.params.id} not found`);
        return alertView(alert);
      },
    );

    app.post(
      '/sender-health/alerts/:id/close',
      {
        config: { scope: 'write' },
        schema: {
          tags: TAGS,
          summary:
            'Close an open sender alert (sender_alert.closed, closeReason operator); the next bounce opens a new one',
          params: uuidParam,
          response: { 200: senderHealthAlertSchema, ...PROBLEM_RESPONSES },
        },
      },
      async (request) => {
        const closed = await closeSenderHealthAlert(db, authOf(request).tenantId, request.params.id, {
          reason: 'operator',
        });
        if (!closed) throw new ApiProblem('not-found', `no open sender alert ${request.params.id}`);
        return alertView(closed);
      },
    );
  };
}
