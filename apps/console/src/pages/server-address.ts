import type { Messages } from '../messages/en';

/**
 * What is wrong with a server's host and port as typed (a mailbox's IMAP/POP3 server, the tenant's SMTP server):
 * the field messages, none when both are usable. The API checks them again (and the network policy).
 */
export function serverAddressErrors(
  draft: { host: string; port: number | string },
  t: Messages,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const host = draft.host.trim();
  if (!host) errors.host = t.signIn.required;
  else if (/[\s/@]/.test(host)) errors.host = t.mailboxes.invalidHost;
  const port = Number(draft.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.port = t.mailboxes.invalidPort;
  return errors;
}
