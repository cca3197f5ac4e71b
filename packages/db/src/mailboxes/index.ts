export { type FolderState, getFolderState, setFolderState } from './folder-state.js';
export {
  MAILBOX_DISABLED_EVENT,
  type MailboxFailureKind,
  type MailboxFailureResult,
  recordMailboxFailure,
  recordMailboxSuccess,
} from './mailbox-health.js';
export {
  createMailbox,
  deleteMailbox,
  getMailbox,
  getMailboxById,
  listAllMailboxes,
  listEnabledMailboxes,
  listMailboxes,
  loadMailboxForConnection,
  type Mailbox,
  type MailboxPatch,
  type MailboxWithSecret,
  mailboxPatchSchema,
  mailboxSecretContext,
  type NewMailbox,
  newMailboxSchema,
  updateMailbox,
} from './mailbox-store.js';
export { forgetPop3Seen, listPop3Seen, type Pop3SeenMessage, recordPop3Seen } from './pop3-seen.js';
