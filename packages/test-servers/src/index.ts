export { type DnsServer, DnsServerError, type DnsServerOptions, type DnsZone, startDnsServer } from './dns-server.js';
export {
  type MailboxSelector,
  MailServerError,
  type MailServerOptions,
  type MailServerPorts,
  type MailServers,
  type MailUser,
  type SendMailOptions,
  type SentMail,
  startMailServers,
  TEMPLATE_DIR,
} from './mail-servers.js';
export { startTestOAuthServer, type TestOAuthServer, type TestOAuthServerOptions } from './oauth-server.js';
export { type PgBouncer, PgBouncerError, type PgBouncerOptions, startPgBouncer } from './pgbouncer.js';
export { type PollOptions, PollTimeoutError, pollUntil, sleep } from './poll.js';
export { getFreePort, getFreePorts, isPortOpen, waitForPort } from './ports.js';
export {
  type Prometheus,
  PrometheusError,
  type PrometheusOptions,
  type PromSample,
  type PromTarget,
  type ScrapeJob,
  startPrometheus,
} from './prometheus.js';
export { type RecordingImapServer, startRecordingImapServer } from './recording-imap-server.js';
export {
  type RedisCluster,
  type RedisNode,
  type RedisSentinelSet,
  RedisServerError,
  startRedisCluster,
  startRedisSentinel,
} from './redis-servers.js';
export { BOUNCE_DOMAIN, SCENARIO_ADDRESSES, type Scenario } from './scenarios.js';
export { startTcpProxy, type TcpProxy, viaProxy } from './tcp-proxy.js';
