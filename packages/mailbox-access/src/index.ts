/**
 * Access to bounce mailboxes, shared by the fetch worker (fetching, IDLE) and the API (connection test): connecting
 * with the transport rules, folders, error classification, and the step-by-step connection test. IMAP and POP3
 * (pop3-client.ts); OAuth sign-in joins here, behind the same connection config and error kinds.
 */

export {
  type FindTestMessageOptions,
  findAccountTestMessage,
  isAccountTestMessage,
  type TestMessageSearch,
} from './account-test-message.js';
export {
  type ConnectionTestConfig,
  type ConnectionTestOptions,
  type ConnectionTestResult,
  type ConnectionTestStep,
  type ConnectionTestStepName,
  testMailboxConnection,
} from './connection-test.js';
export {
  closeImap,
  connectImap,
  type ImapClientOptions,
  imapFlowOptions,
  type MailboxConnectionConfig,
  MailboxImapFlow,
} from './imap-client.js';
export { classifyImapError, MailboxConnectionError, type MailboxFailureKind } from './mailbox-errors.js';
export { ensureFolder, ensureFolders, type MailboxFolders, sameFolder } from './mailbox-folders.js';
export {
  assertCleartextAllowed,
  type CheckedTarget,
  type CleartextOptions,
  type CleartextProtocol,
  DEFAULT_MAIL_PORTS,
  DEFAULT_MAILBOX_NETWORK_POLICY,
  isCleartextAllowed,
  loopbackTestPolicy,
  type MailboxNetworkEnv,
  type MailboxNetworkPolicy,
  mailboxNetworkEnv,
  mailboxNetworkPolicyFromEnv,
  parseMailboxNetworkEnv,
  resolveMailboxTarget,
} from './mailbox-network-policy.js';
export * from './oauth/index.js';
export {
  classifyPop3Error,
  connectPop3,
  DEFAULT_MAX_MESSAGE_BYTES,
  oauthInitialResponse,
  type Pop3ClientOptions,
  type Pop3Listing,
  Pop3ResponseError,
  Pop3Session,
} from './pop3-client.js';
