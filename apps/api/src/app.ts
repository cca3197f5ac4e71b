/**
 * The operator HTTP API as a fastify instance, built from its dependencies (database, optional Redis, config,
 * logger) so tests drive it with `app.inject` and main.ts only adds the process lifecycle.
 */
import type { Logger, SecretBox } from '@bounce/config';
import type { Database } from '@bounce/db';
import { type MailboxNetworkPolicy, type OAuthProviders, testMailboxConnection } from '@bounce/mailbox-access';
import type { Mailer, SmtpSettings } from '@bounce/mailer';
import type { RedisConnection } from '@bounce/queue';
import { closeQueues, openQueues } from '@bounce/queue';
import { DEFAULT_SEND_ID_HEADER, sendInstructions, type VerpSigning } from '@bounce/rules';
import { type SenderHealthConfig, senderHealthConfigSchema } from '@bounce/sender-health';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerActivityLog } from './http/activity-log.js';
import { registerAuthentication } from './http/authentication.js';
import { registerConsole } from './http/console-static.js';
import { registerInputSafety } from './http/input-safety.js';
import { registerOpenApi, registerOpenApiDocs } from './http/openapi.js';
import { instanceOf, sendProblem, toProblem } from './http/problem-details.js';
import { registerRateLimit } from './http/rate-limit.js';
import { registerRequestLog } from './http/request-log.js';
import { DEFAULT_SESSION_CONFIG, type SessionConfig } from './http/session-auth.js';
import { TtlCache } from './http/ttl-cache.js';
import { addressSearchRoutes } from './routes/address-search.routes.js';
import { addressRoutes } from './routes/addresses.routes.js';
import { apiKeyRoutes } from './routes/api-keys.routes.js';
import { archiveRoutes } from './routes/archive.routes.js';
import { auditRoutes } from './routes/audit.routes.js';
import { bounceRoutes } from './routes/bounces.routes.js';
import { canSendRoutes } from './routes/can-send.routes.js';
import { contactRoutes } from './routes/contacts.routes.js';
import { domainBlockRoutes } from './routes/domain-blocks.routes.js';
import { eventRoutes } from './routes/events.routes.js';
import { mailboxOAuthRoutes } from './routes/mailbox-oauth.routes.js';
import { mailboxRoutes } from './routes/mailboxes.routes.js';
import { manualMessageRoutes } from './routes/manual-messages.routes.js';
import { operatorSubscriptionRoutes } from './routes/operator-subscriptions.routes.js';
import { operatorRoutes } from './routes/operators.routes.js';
import { overviewRoutes } from './routes/overview.routes.js';
import { rawRetentionRoutes } from './routes/raw-retention.routes.js';
import type { ApiQueues, MailboxConnectionTester, RouteDeps } from './routes/route-deps.js';
import { rulePreviewRoutes } from './routes/rule-preview.routes.js';
import { ruleSetRoutes } from './routes/rule-sets.routes.js';
import { sendEventRoutes } from './routes/send-events.routes.js';
import { senderAlertRoutes } from './routes/sender-alerts.routes.js';
import { senderHealthRoutes } from './routes/sender-health.routes.js';
import { DEFAULT_SIGN_IN_RATE_LIMIT, sessionRoutes } from './routes/session.routes.js';
import { smtpServerRoutes } from './routes/smtp-server.routes.js';
import { suppressionRoutes } from './routes/suppressions.routes.js';
import { READINESS_CACHE_MS, systemRoutes } from './routes/system.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';

export type ApiConfig = {
  /** Encrypts mailbox and webhook secrets at rest. */
  secretBox: SecretBox;
  /** BullMQ (and rate-limit) key prefix of the installation. */
  queuePrefix: string;
  rateLimit: { max: number; windowMs: number };
  /** Largest request body in bytes. Default 20 MiB. */
  bodyLimitBytes?: number;
  /** Accept webhook URLs on loopback (development and tests). Default false. */
  webhookAllowLoopback?: boolean;
  /** Ports and addresses the mailbox connection test may reach. Default: mail ports, public addresses. */
  mailboxNetwork?: MailboxNetworkPolicy;
  /** Microsoft 365 and Google sign-in for mailboxes (oauthProvidersFromEnv). Default none. */
  oauthProviders?: OAuthProviders;
  /** Where the queue dashboard runs, for GET /dashboard. Default none. */
  dashboardUrl?: string | null;
  /** Trust X-Forwarded-* headers. Default false. */
  trustProxy?: boolean;
  /**
   * How long verified API keys and a tenant's rule layers are cached (ms). Changes made through another API process
   * take effect within this time; 0 disables. Default 5 s.
   */
  cacheTtlMs?: number;
  /** Console sessions: lifetimes and the cookie's Secure attribute. Default DEFAULT_SESSION_CONFIG. */
  session?: SessionConfig;
  /** Header names identifying the send in returned messages, for re-parsing (as the parse worker's). Default none. */
  correlationHeaders?: string[];
  /** VERP signing of the return paths handed out with recorded sends; null or missing = none (VERP off). */
  verp?: VerpSigning | null;
  /** Sign-in attempts per client IP per window. Default 10 per minute. */
  signInRateLimit?: { max: number; windowMs: number };
  /** How long a /readyz answer is reused (ms), so public calls do not each run a query. Default 1 s. */
  readinessCacheMs?: number;
  /** The built console (apps/console/dist) served under /console; null or missing = a "not built" notice. */
  consoleDir?: string | null;
  /** Resolver and blocklists of the sending-setup check. Default: the system's resolver, the common lists. */
  senderHealth?: SenderHealthConfig;
};

export const DEFAULT_CACHE_TTL_MS = 5_000;

export type BuildAppOptions = {
  db: Database;
  /** Producer connection (fail-fast). Without it: in-memory rate limits and no job-enqueueing operations (503). */
  redis?: RedisConnection | null;
  config: ApiConfig;
  logger: Logger;
  /** IMAP connection test. Default: the fetch worker's `testMailboxConnection`; null = unavailable (503). */
  testMailboxConnection?: MailboxConnectionTester | null;
  /** Operator e-mail transport for "send test mail". Default none (SMTP not configured: 503). */
  mailer?: Mailer | null;
  /** The SMTP server of the installation (SMTP_*), checked by the account test's sending half. Default none. */
  smtpSettings?: SmtpSettings | null;
};

export const DEFAULT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { db, config } = options;
  const redis = options.redis ?? null;
  const app = Fastify({
    // pino's Logger and fastify's FastifyBaseLogger differ only in optional typing details.
    loggerInstance: options.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy ?? false,
    // Request ids for log correlation; a caller's X-Request-Id is kept when it sends one.
    requestIdHeader: 'x-request-id',
    // Our own request line (http/request-log.ts): fastify's writes full URLs, query values and addresses included.
    disableRequestLogging: true,
    // "/v1/suppressions/" is "/v1/suppressions": clients and proxies add trailing slashes.
    routerOptions: { ignoreTrailingSlash: true },
    // Errors the router raises before any hook (a path that is not valid percent-encoded UTF-8, a path parameter
    // over its maximum length) are problem documents too, not fastify's own JSON.
    frameworkErrors: (err, request, reply) => sendProblem(reply, toProblem(err, instanceOf(request))),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, request, reply) => {
    const problem = toProblem(err, instanceOf(request));
    if (problem.status >= 500) request.log.error({ err }, 'request failed');
    // A value the validation layer let through to the database: answered 4xx, worth a look (not the value itself).
    else if (problem.sqlState) request.log.warn({ sqlState: problem.sqlState }, 'database refused a request value');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      toProblem(
        Object.assign(new Error(`no route ${request.method} ${instanceOf(request)}`), { statusCode: 404 }),
        instanceOf(request),
      ),
    ),
  );

  const queues: ApiQueues | null = redis
    ? openQueues(['fetchMailbox', 'webhookDeliveries'], redis, config.queuePrefix)
    : null;
  app.addHook('onClose', async () => {
    if (queues) await closeQueues(queues);
  });

  const cacheTtlMs = config.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const caches: RouteDeps['caches'] = {
    apiKeys: new TtlCache(cacheTtlMs),
    ruleConfig: new TtlCache(cacheTtlMs, 1_000),
  };
  const deps: RouteDeps = {
    caches,
    db,
    secretBox: config.secretBox,
    queues,
    urlGuard: { allowLoopback: config.webhookAllowLoopback ?? false },
    dashboardUrl: config.dashboardUrl ?? null,
    testMailboxConnection:
      options.testMailboxConnection === undefined
        ? (settings, extra) =>
            testMailboxConnection(settings, { logger: options.logger, network: config.mailboxNetwork, ...extra })
        : options.testMailboxConnection,
    mailer: options.mailer ?? null,
    smtpSettings: options.smtpSettings ?? null,
    mailboxNetwork: config.mailboxNetwork,
    oauthProviders: config.oauthProviders ?? {},
    sendInstructions: (sendId) =>
      sendInstructions(sendId, {
        verp: config.verp ?? null,
        sendIdHeader: config.correlationHeaders?.[0] ?? DEFAULT_SEND_ID_HEADER,
      }),
  };

  const session = config.session ?? DEFAULT_SESSION_CONFIG;
  await registerOpenApi(app);
  await app.register(fastifyCookie);
  registerAuthentication(app, { db, keyCache: caches.apiKeys, session });
  await registerRateLimit(app, { ...config.rateLimit, redis, prefix: config.queuePrefix });
  await registerOpenApiDocs(app);
  registerActivityLog(app, { db });
  registerInputSafety(app);
  registerRequestLog(app);
  await registerConsole(app, { dir: config.consoleDir ?? null });

  await app.register(systemRoutes({ ...deps, readinessCacheMs: config.readinessCacheMs ?? READINESS_CACHE_MS }));
  await app.register(
    async (v1) => {
      await v1.register(sendEventRoutes(deps));
      await v1.register(canSendRoutes(deps));
      await v1.register(addressRoutes(deps));
      await v1.register(contactRoutes(deps));
      await v1.register(archiveRoutes(deps));
      await v1.register(auditRoutes(deps));
      await v1.register(suppressionRoutes(deps));
      await v1.register(domainBlockRoutes(deps));
      await v1.register(bounceRoutes(deps));
      await v1.register(mailboxRoutes(deps));
      await v1.register(smtpServerRoutes(deps));
      await v1.register(mailboxOAuthRoutes(deps));
      await v1.register(ruleSetRoutes(deps));
      await v1.register(webhookRoutes(deps));
      await v1.register(eventRoutes(deps));
      await v1.register(operatorSubscriptionRoutes(deps));
      await v1.register(senderAlertRoutes(deps));
      await v1.register(
        senderHealthRoutes({ ...deps, senderHealth: config.senderHealth ?? senderHealthConfigSchema.parse({}) }),
      );
      await v1.register(apiKeyRoutes(deps));
      await v1.register(
        sessionRoutes({ ...deps, session, signInRateLimit: config.signInRateLimit ?? DEFAULT_SIGN_IN_RATE_LIMIT }),
      );
      await v1.register(operatorRoutes(deps));
      await v1.register(addressSearchRoutes(deps));
      await v1.register(overviewRoutes({ ...deps, redis, queuePrefix: config.queuePrefix }));
      await v1.register(manualMessageRoutes({ ...deps, correlationHeaders: config.correlationHeaders ?? [] }));
      await v1.register(rawRetentionRoutes(deps));
      await v1.register(rulePreviewRoutes(deps));
    },
    { prefix: '/v1' },
  );
  return app;
}
