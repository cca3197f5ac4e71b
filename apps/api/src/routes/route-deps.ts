import type { SecretBox } from '@bounce/config';
import type { Database, RuleConfigResolver, VerifiedApiKey } from '@bounce/db';
import type {
  ConnectionTestConfig,
  ConnectionTestOptions,
  ConnectionTestResult,
  MailboxNetworkPolicy,
  OAuthProviders,
} from '@bounce/mailbox-access';
import type { Mailer, SmtpSettings } from '@bounce/mailer';
import type { QueueSet } from '@bounce/queue';
import type { SendInstructions } from '@bounce/rules';
import type { UrlGuardOptions } from '@bounce/webhooks';
import { ApiProblem } from '../http/problem-details.js';
import type { TtlCache } from '../http/ttl-cache.js';

/** Producer handles of the queues the API enqueues to (null without Redis). */
export type ApiQueues = QueueSet<'fetchMailbox' | 'webhookDeliveries'>;

/** What route plugins need; built once in buildApp. */
/** The mailbox connection test (@bounce/mailbox-access), injected so tests can replace it. */
export type MailboxConnectionTester = (
  config: ConnectionTestConfig,
  extra?: Pick<ConnectionTestOptions, 'accessToken' | 'onStep'>,
) => Promise<ConnectionTestResult>;

export type RouteDeps = {
  db: Database;
  secretBox: SecretBox;
  queues: ApiQueues | null;
  urlGuard: UrlGuardOptions;
  dashboardUrl: string | null;
  /** The fetch worker's IMAP connection test (it runs in the API process); null = not available (503). */
  testMailboxConnection: MailboxConnectionTester | null;
  /** Where mailbox connections may go (the connection test's policy). Default: mail ports, public addresses. */
  mailboxNetwork?: MailboxNetworkPolicy | undefined;
  /** Microsoft 365 and Google sign-in for mailboxes; empty = none configured. */
  oauthProviders: OAuthProviders;
  /** Operator e-mail transport for "send test mail"; null = SMTP not configured. */
  mailer: Mailer | null;
  /** The installation's SMTP server (SMTP_*) for the account test's sending half; null = not configured. */
  smtpSettings: SmtpSettings | null;
  /** What to put on the message of a send (VERP return path, correlation headers). */
  sendInstructions: (sendId: string) => SendInstructions;
  /** Per-request reads kept briefly; routes that change them invalidate their entries. */
  caches: { apiKeys: TtlCache<VerifiedApiKey>; ruleConfig: TtlCache<RuleConfigResolver> };
};

/** The queues, or 503 when the API runs without Redis. */
export function requireQueues(deps: RouteDeps, operation: string): ApiQueues {
  if (!deps.queues) throw new ApiProblem('unavailable', `${operation} needs Redis (REDIS_URL is not set)`);
  return deps.queues;
}
