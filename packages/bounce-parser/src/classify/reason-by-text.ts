import type { SmtpCommand } from '../formats/format-types.js';
import type { Reason } from '../types.js';

/**
 * Diagnostic wording -> reason. Rules are tried in order on the lower-cased, whitespace-collapsed text; the
 * first match wins, so narrow phrases come before broad ones (e.g. "rate limited due to IP reputation" is bad
 * reputation, not rate limiting; "domain of sender address does not exist" is a sender rejection, not an
 * unknown host). Phrases are the wording of real MTAs and providers (Postfix, Sendmail, Exim, qmail,
 * Exchange/Office 365, Gmail, Yahoo, iCloud, Orange, Mimecast, SES, ...), kept general: several servers say it.
 */
type Rule = readonly [Reason, RegExp];

const RULES: readonly Rule[] = [
  // Sender authentication (SPF/DKIM/DMARC, RFC 7372).
  [
    'authfailure',
    /\bdmarc\b|\bspf\b|\bdkim\b|unauthenticated (?:e-?mail|message)|sender is unauthenticated|authentication checks? failed|does not have authentication information|fails? to pass (?:authentication|spf|dkim)|sender policy framework/,
  ],
  // Reverse DNS of the sending host (RFC 7372 5.7.25).
  [
    'requireptr',
    /reverse dns|\bptr\b|\brdns\b|reverse (?:dns )?lookup|reverse hostname|cannot find your (?:reverse )?hostname|unresolvable relay host|client host rejected: cannot find|unverif[iy]able sending ip|hostname (?:does not|doesn't) resolve/,
  ],
  // "Client host [192.0.2.1] blocked using <list>" is Postfix's (and Barracuda's) wording of a DNSBL hit, whatever
  // the list is called ("Barracuda Reputation") or which URL follows: checked before the reputation wording.
  ['blocked', /blocked using |client host \[[\da-f.:]+\] blocked/],
  ['badreputation', /reputation/],
  [
    'notcompliantrfc',
    /multiple addresses in from|not (?:rfc|rfc ?5322|rfc ?2822)[- ]compliant|does not comply with rfc|violates? rfc|not in compliance with rfc|rfc ?(?:5322|2822|822) (?:violation|section)|missing (?:required )?(?:date|message-id|from) header|duplicate (?:date|message-id|from|subject) header/,
  ],
  // DNS blocklists name the sending host, whatever else the reply says ("spamhaus" is not spam content).
  [
    'blocked',
    /spamhaus|spamcop|\bdnsbl\b|\brbl\b|blocked using|black ?listed (?:ip|host)|(?:ip|host) (?:address )?(?:is )?(?:black|block) ?listed|open relay|smtp server of your isp|use your (?:isp|provider)'s/,
  ],
  [
    'hasmoved',
    /no longer on (?:this )?server|(?:mailbox|address|user|recipient) has moved|has been moved|no forwarding address/,
  ],
  ['contenterror', /headers? (?:too large|too long|exceeds?)|header size exceeds|too many headers/],
  [
    'exceedlimit',
    /message length exceeds administrative limit|exceeds? (?:the )?(?:daily|hourly) (?:sending |message )?limit/,
  ],
  [
    'mailboxfull',
    /mailbox (?:is )?full|mailbox full|box (?:is )?full|over ?quota|quota (?:exceeded|exceed|full|violation)|exceeded (?:the )?(?:storage|mailbox|disk) ?(?:quota|allocation)|storage quota|disk quota|mailbox (?:size )?(?:limit )?exceeded|exceeds? (?:the )?(?:allowed|maximum) (?:mailbox )?size|mailbox exceeds allowed size|(?:mail ?box|mailfolder|folder) is full|not enough (?:disk |storage )?space|insufficient (?:storage|mailbox)|mailbox has exceeded|user has exceeded|too many messages in (?:this|the) mailbox|account is full/,
  ],
  [
    'mesgtoobig',
    /message (?:is )?too (?:big|large)|message size exceeds|(?:mail|message) size limit|size limit exceeded|exceeds? (?:the )?(?:maximum|max|allowed|fixed maximum) (?:allowed )?(?:message )?size|message (?:file )?too large|line limit exceeded|too much (?:mail )?data/,
  ],
  [
    'suspend',
    /(?:account|mailbox|user|address|recipient)(?:\(s\))? (?:account )?(?:has been |is |was )?(?:temporarily )?(?:disabled|suspended|deactivated|frozen|locked|inactive|blocked|expired|discontinued)|(?:disabled|suspended|inactive|frozen|locked) (?:account|mailbox)|account (?:is )?locked|recipient account is blocked|account that you tried to reach is disabled|not an active (?:user|account|mailbox)/,
  ],
  // au/KDDI (ezweb.ne.jp) answers exactly "550 : User unknown" when the subscriber's filter refuses the sender.
  ['filtered', /\b550 : user unknown/],
  // A sender-side rejection must win over "does not exist" and "unknown" wording below.
  [
    'rejected',
    /domain of sender address|sender address rejected|unroutable sender|sender (?:domain|address) (?:is )?(?:invalid|not|unknown|rejected)|from: domain is invalid|purported responsible address|not a member of (?:this|the) (?:mailing )?list|(?:to|from|to\/from) an address that has been blacklisted|sender verify failed|sender was rejected|all recipient addresses rejected|sender verification failed|envelope sender/,
  ],
  ['mailererror', /mailer error|procmail|pipe to \||command output|exit (?:code|status)|unknown mailer/],
  [
    'userunknown',
    /user ?unknown|unknown (?:user|recipient|local[- ]part|mailbox|address)|no such (?:user|mailbox|recipient|account|address|local user)|user (?:not found|doesn't exist|does not exist)|(?:recipient|receiver|mailbox|addressee|address|account) (?:not found|unknown|does not exist|doesn't exist)|recip(?:ient)?notfound|invalid (?:recipient|mailbox|user|address)|(?:recipient|mailbox) (?:address )?(?:is )?invalid|(?:account|address|mailbox) (?:that you tried to reach )?does not exist|doesn't have an? [\w.-]+ account|not listed in (?:public name|the directory|domino directory)|unrecogni[sz]ed[- ]or[- ]name|recipient name is not recognized|unknown or illegal user|illegal user|recipient address rejected: (?:access denied|user unknown|undeliverable)|destinataire invalide|no mailbox (?:here|by that name)|is not a valid (?:mailbox|user|recipient)|unknown recipient|bad destination mailbox|user does not have a mailbox|no such person|no valid recipients|ディレクトリには見つかりません/,
  ],
  [
    'hostunknown',
    /host unknown|unknown host|(?:host|domain)(?: name)? not found|no such (?:domain|host)|couldn't find any host|could not find any host|unrouteable (?:mail )?domain|name or service not known|invalid domain|domain (?:does not exist|doesn't exist|is invalid)|nxdomain|host or domain name not found|bad destination system address|unknown domain|domain may not exist|unrouteable address|all relevant mx records point to non-existent hosts/,
  ],
  [
    'notaccept',
    /(?:couldn't|could not|cannot|can't|unable to) find (?:a |any )?mail exchanger|no mx (?:record|host|found)|mx or srv record indicated no smtp service|null mx|does not accept (?:e-?)?mail|not accepting (?:network )?messages|no smtp service/,
  ],
  [
    'norelaying',
    /relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited)|not permitted to relay|unable to relay|we do not relay|relay not permitted|address is not verified|cannot relay|insecure (?:mail )?relay/,
  ],
  ['virusdetected', /virus|malware|infected|rejected due to security polic/],
  [
    'spamdetected',
    /spam|\bube\b|unsolicited|junk mail|bulk (?:e-?)?mail|message content rejected|content rejected|\bofr_506\b/,
  ],
  [
    'policyviolation',
    /polic(?:y|ies) (?:violation|reasons)|denied by policy|violat(?:es|ion of) (?:our )?polic|header error|content presents a potential|not allowed - |network not allowed|local policy|policy rejection|prohibited attachment|rejected by (?:the )?policy/,
  ],
  [
    'toomanyconn',
    /too many (?:connections|sessions|concurrent|smtp sessions|recipients)|connection rate limit|frequency limited|rate limit exceeded|aup#in-13\d\d/,
  ],
  ['speeding', /rate limit|rate-limit|throttl|sending too (?:much|fast|many)/],
  [
    'blocked',
    /black ?list|block ?list|blocked (?:using|by|for)|\brbl\b|dnsbl|spamhaus|spamcop|client host rejected|(?:ip|host|address)(?: address)? (?:is )?(?:blocked|blacklisted|listed|banned)|your (?:ip|network|host)|not accepting connections|too many unwanted messages|blocked ip|connection refused by|aup#cdrbl|ofr_999|relay quota/,
  ],
  [
    'syntaxerror',
    /syntax error|command parameter not implemented|command not recognized|malformed (?:address|command)|invalid command|bad command/,
  ],
  [
    'expired',
    /retry time(?:out)? exceeded|maximum[- ]time[- ]expired|host not reachable|message expired|envelope expired|did not accept our requests to connect|has expired|connection timed out|timed out|could not deliver for the last|delivery failed \d+ attempts|not delivered within|was aborted after|unable to deliver in \d+|delivery time expired|delivery attempts? (?:have |has )?(?:expired|been exhausted)/,
  ],
  [
    'networkerror',
    /no route to host|network error|(?:host ?name|dns|name server) lookup fail|lost connection|connection (?:refused|reset)|network (?:is )?unreachable|host unreachable|hop count exceeded|mail loop|loops back to myself|forwarded more than the maximum|routing loop|too many hops|could not connect|unable to connect|socket error|dns (?:lookup )?(?:failure|error)|temporary lookup failure/,
  ],
  [
    'systemerror',
    /system (?:error|failure)|insufficient permission|transaction failed|service (?:currently )?(?:unavailable|not available)|local error|internal (?:server )?error|temporary (?:local )?problem|unable to contact ldap|directory server|server configuration|could not load|remote server|not capable|system (?:is )?(?:busy|overloaded)|insufficient system resources/,
  ],
  ['systemfull', /insufficient disk space|disk (?:is )?full|no space left|system (?:is )?full|mail system full/],
  [
    'securityerror',
    /authentication required|unauthenticated senders|delivery not authorized|not authorized|authentication failed|tls required|encryption required|must issue a starttls/,
  ],
  ['onhold', /\bon hold\b/],
  // Orange/Wanadoo (France) error references, documented on their postmaster pages: OFR_506 spam, OFR_999
  // sending IP refused, OFRnnn_505 system overload.
  ['systemerror', /\bofr\d*_505\b/],
];

// systemfull wording overlaps "insufficient ... space" (mailboxfull); disk space of the whole system is checked
// before mailbox space.
const SYSTEM_FULL = /insufficient (?:system )?disk space|no space left on device|mail system full/;

const WHITESPACE = /\s+/g;

/** Lower-cases and collapses whitespace, the form every rule is written against. */
export function normaliseDiagnostic(text: string): string {
  return text
    .toLowerCase()
    .replace(CONTINUATION_CODES, ' ')
    .replace(WHITESPACE, ' ')
    .replace(RELAY_FRAMING, ' ')
    .trim();
}

// Exim's and GMX/1&1's framing of a relayed reply ("SMTP error from remote mail server after RCPT TO:<a>:",
// "SMTP error from remote server for RCPT TO command, host: ... reason:") says who answered, not why: its
// "remote server" must not read as a system error of the recipient's server.
const RELAY_FRAMING = /smtp error from remote (?:mail )?server/g;

// Multi-line replies repeat the code on every line ("550-5.7.1 Messages with multiple 550-5.7.1 addresses"):
// inside the text those prefixes would split phrases.
const CONTINUATION_CODES = /(?<=\S)\s+[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}(?=\s)/g;

/** The reason the wording states, or null. `text` must be normalised (see normaliseDiagnostic). */
export function reasonByText(text: string): Reason | null {
  if (!text) return null;
  if (SYSTEM_FULL.test(text)) return 'systemfull';
  for (const [reason, pattern] of RULES) {
    if (pattern.test(text)) return reason;
  }
  return null;
}

/**
 * Reason implied by the SMTP stage alone, used when neither the code nor the wording says more: a refusal at
 * connection or HELO is a block of the sending host, at MAIL FROM a rejection of the sender (RFC 5321 3.3).
 */
export function reasonByCommand(command: SmtpCommand | null | undefined, text: string): Reason | null {
  if (command === 'HELO') return 'blocked';
  // At connection time only an explicit refusal is a block; "service refused, try later" is just unavailability.
  if (command === 'CONN') return REFUSAL.test(text) ? 'blocked' : null;
  if (command === 'MAIL') return 'rejected';
  return null;
}

const REFUSAL = /denied|reject|block|not allowed|banned|prohibited|forbidden/;

/** Weak wording, consulted only after the status code gave nothing. */
const WEAK_RULES: readonly Rule[] = [
  ['securityerror', /access denied/],
  // Yahoo/AOL/Verizon "[TS04]": a throttle on the sending host's volume and complaint rate. At MAIL FROM the
  // stage already made it a sender rejection (see reasonByCommand).
  ['badreputation', /deferred due to (?:unexpected )?volume|due to (?:unexpected volume or )?user complaints/],
  // Sendmail's give-up ("Message could not be delivered for 5 days") only when the last deferral names no cause:
  // the reference labels keep the cause ("Deferred: Connection refused" is blocked) even with status 4.4.7.
  [
    'expired',
    /queue too long|giving up|gave up|delayed|retry|(?:could not|cannot|couldn't) (?:be )?(?:delivered|sen[dt](?: message)?) for (?:the (?:past|last) )?\d+ (?:days?|hours?)/,
  ],
  ['rejected', /\brejected\b/],
  // A temporary failure nobody explains: the delivery is on hold, not lost.
  ['onhold', /temporary failure|try again later/],
];

export function reasonByWeakText(text: string): Reason | null {
  for (const [reason, pattern] of WEAK_RULES) if (pattern.test(text)) return reason;
  return null;
}
