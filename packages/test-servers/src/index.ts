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
export { getFreePort, isPortOpen, waitForPort } from './ports.js';
export { BOUNCE_DOMAIN, SCENARIO_ADDRESSES, type Scenario } from './scenarios.js';
