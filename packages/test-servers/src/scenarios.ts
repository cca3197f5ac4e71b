/**
 * Recipients that make the test Postfix produce each kind of real DSN (see infra/test-servers/postfix/transport and
 * remote_access). Send from a return path in the bounce domain (`bounces@mta.test`, `bounces+token@mta.test` or the
 * alias `sender@mta.test`) and the DSN lands in the bounce mailbox.
 */
export const BOUNCE_DOMAIN = 'mta.test';

export const SCENARIO_ADDRESSES = {
  /** Unknown user in the local virtual domain: "5.1.1 unknown user", Diagnostic-Code X-Postfix. */
  unknownUser: 'nobody@mta.test',
  /** Unknown domain (error transport): 5.4.4 "Host or domain name not found". */
  unknownDomain: 'user@nohost.test',
  /** A remote MTA answering RCPT with 550 5.1.1: DSN with Remote-MTA and an smtp; Diagnostic-Code. */
  remoteReject: 'user@remote.test',
  /** A remote MTA answering 552 5.2.2 Mailbox full. */
  remoteMailboxFull: 'overquota@remote.test',
  /**
   * A remote MTA refusing the sender, not the recipient: 550 5.7.1 "Client host [203.0.113.6] blocked using
   * bl.dnsbl.test" (the IP listed in @bounce/sender-health's test zones).
   */
  senderBlocked: 'blocked@remote.test',
  /** A remote MTA answering 450 4.2.1: deferred, then a "delayed" DSN (Action: delayed). */
  remoteTemporary: 'busy@remote.test',
  /** Connection refused: deferred (4.4.1), then a "delayed" DSN. */
  deferred: 'user@deferred.test',
  /** Local mailbox over its Dovecot quota: dovecot-lda rejects, Postfix bounces (5.7.0 "Quota exceeded"). */
  overQuota: 'full@mta.test',
  /** Local mailbox over quota with quota_full_tempfail: deferred (4.3.0), then a "delayed" DSN. */
  overQuotaTemporary: 'fulltemp@mta.test',
} as const;

export type Scenario = keyof typeof SCENARIO_ADDRESSES;
