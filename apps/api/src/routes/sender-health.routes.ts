/**
 * Sender health (issue 19): the sending-setup check (`POST /sender-checks`: SPF, DKIM, DMARC, PTR, MX, blocklists,
 * VERP alignment, asked through the configured resolver) and the diagnosed sender alerts the notification worker
 * groups by provider and cause (`/sender-health/alerts`), for the console.
 */
import {
  closeSenderHealthAlert,
  getSenderHealthAlert,
  listSenderHealthAlerts,
  type SenderHealthAlert,
} from '@bounce/db';
import {
  checkSendingSetup,
  dnsClientFor,
  type SenderHealthConfig,
  senderCheckRequestSchema,
} from '@bounce/sender-health';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authOf } from '../http/authentication.js';
import { PROBLEM_RESPONSES, pageOf, pagingQuery, uuidParam } from '../http/common-schemas.js';
import { ApiProblem } from '../http/problem-details.js';
import type { RouteDeps } from './route-deps.js';
import { senderHealthAlertSchema, senderSetupReportSchema } from './views.js';

const TAGS = ['sender health'];

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
