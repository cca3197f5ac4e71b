import type { Reason } from '../types.js';

/**
 * Error references that some providers append to their SMTP replies and document on their postmaster pages. A
 * reference names the cause more precisely than the reply's words ("sender rejected ... AUP#CDRBL" is a blocklisted
 * sending IP, not a rejected sender), so it is read before the wording. `undefined` is a result too: a reference the
 * provider documents as a generic refusal ("service refused, try later") must not be overridden by whatever the
 * surrounding words suggest.
 *
 * Input: the normalised (lower-case, collapsed) diagnostic.
 */

/** Orange, Wanadoo and La Poste (France): "OFR_999", "OFR004_104", "LPN007_510": the last three digits decide. */
const FRANCE_PTT = /\b(?:lpnaaa|lpn|ofr|ouk)(?:_|\d{3}[-_])(\d{3})\b/;
const FRANCE_PTT_CODES: Readonly<Record<string, Reason>> = {
  // 1xx: the connecting host (blocklisted, bad reputation, too many connections)
  '101': 'blocked',
  '102': 'blocked',
  '103': 'blocked',
  '104': 'toomanyconn',
  // 3xx/4xx: authentication, sender and recipient checks
  '305': 'securityerror',
  '401': 'blocked',
  '402': 'securityerror',
  '403': 'rejected',
  '405': 'rejected',
  '415': 'rejected',
  '416': 'userunknown',
  '417': 'mailboxfull',
  '418': 'userunknown',
  '420': 'suspend',
  '421': 'rejected',
  '426': 'suspend',
  // 5xx/6xx: content and load
  '505': 'systemerror',
  '506': 'spamdetected',
  '510': 'blocked',
  '514': 'mesgtoobig',
  '517': 'policyviolation',
  '630': 'policyviolation',
  '999': 'blocked',
};

/**
 * Cox (AUP#CXBL, AUP#IPBL0001, ...) and Charter/Spectrum (AUP#1000, AUP#In-1310): one "AUP#" reference, alphabetic
 * at Cox, four digits at Spectrum.
 */
const AUP = /aup#([a-z]{1,8}-)?([a-z]{2,8}\d{0,5}|\d{4})\b/;
const COX_PREFIXES: readonly (readonly [string, Reason])[] = [
  ['ipbl', 'blocked'], // sending IP listed on a DNSBL (Spamhaus, Return Path, Cloudmark CSI, ...)
  ['urlbl', 'spamdetected'], // a URL of the body is listed on a URI blocklist
  ['cxbl', 'blocked'], // IP blocked for spam-like behaviour
  ['cdrbl', 'blocked'], // IP temporarily blocked for spam-like behaviour
  ['cxdns', 'blocked'], // DNS problem of the connecting IP
  ['cxthrt', 'securityerror'], // sending limited after suspicious account activity
  ['cxmj', 'securityerror'],
  ['cxsndr', 'rejected'], // the sender's domain
  ['cxsmtp', 'rejected'], // not verifiably from a legitimate sender
  ['cxcnct', 'toomanyconn'], // concurrent connections per IP
  ['cxmxrt', 'toomanyconn'], // too many messages sent
];
/** A Cox reference written without "AUP#" (after the error-codes URL). */
const COX_STANDALONE = /\b(cxbl|cdrbl|cxdns|cxthrt|cxmj|cxsndr|cxsmtp|cxcnct|cxmxrt|ipbl\d{4,5}|urlbl\d{3,4})\b/;
/** Spectrum's numbered references, by range (their published table). */
const SPECTRUM_RANGES: readonly (readonly [number, number, Reason])[] = [
  [1000, 1000, 'blocked'], // IP blocked for suspicious activity
  [1010, 1080, 'rejected'], // the sending account is limited
  [1090, 1090, 'systemerror'],
  [1100, 1150, 'blocked'], // DNS of the connecting IP
  [1160, 1190, 'policyviolation'], // the domain's security policies
  [1200, 1250, 'blocked'], // Cloudmark CSI, Spamhaus listings
  [1260, 1260, 'networkerror'], // IPv6 not served
  [1300, 1490, 'toomanyconn'], // connection, message and recipient limits
  [1500, 1520, 'rejected'], // sending as another address or domain
  [1530, 1530, 'mesgtoobig'],
  [1540, 1550, 'toomanyconn'],
  [1560, 1560, 'policyviolation'], // too many invalid recipients
];

/** GoDaddy (secureserver.net): "IB103" and friends. */
const GODADDY = /(?:^|[\s.(])(ib\d{3})\b/;
const GODADDY_CODES: Readonly<Record<string, Reason>> = {
  ib007: 'toomanyconn',
  ib101: 'expired',
  ib103: 'blocked',
  ib104: 'blocked',
  ib105: 'blocked',
  ib106: 'blocked',
  ib108: 'blocked',
  ib110: 'blocked',
  ib111: 'blocked',
  ib112: 'blocked',
  ib113: 'blocked',
  ib212: 'spamdetected',
  ib401: 'securityerror',
  ib501: 'rejected',
  ib502: 'rejected',
  ib504: 'toomanyconn',
  ib506: 'rejected',
  ib508: 'authfailure', // "invalid SPF record": the sender's authentication
  ib510: 'toomanyconn',
  ib607: 'toomanyconn',
  ib705: 'virusdetected',
};

/**
 * NetEase (163.com, 126.com, yeah.net) answers with a category:reason tag ("451 RP:CNT", "554 DT:SPM") documented
 * on its help pages: DT content, RP rate/reputation, IP and MI sender checks.
 */
const NETEASE = /\b(dt|rp|ip|mi|hl):([a-z]{3})\b/;
// NetEase's tag is the first word of its reply ("554 DT:SPM 163 smtp10,...", "450 RP:CEL ..."), also where the reply
// names no NetEase host: a tag in that place is NetEase's own, not a word of another server's text.
const NETEASE_LEAD = /(?:^|[\s;:])[45]\d\d (?:dt|rp|ip|mi|hl):[a-z]{3}\b/;
const NETEASE_CODES: Readonly<Record<string, Reason>> = {
  'dt:spm': 'spamdetected', // content judged spam
  'dt:rbl': 'blocked', // sending IP on a blocklist
  'rp:cel': 'blocked', // too many unknown recipients from the IP: the IP is blocked for a while
  'mi:sfq': 'speeding', // the sender's messages per hour
  'rp:cnt': 'toomanyconn', // too many connections from the IP
  'rp:rcl': 'toomanyconn', // too many recipients in a period
  // messages counted over a short period are a rate (speeding); counts per day, per message or per connection
  // are allowances (toomanyconn), as Sisimai's tables read daily quotas
  'rp:qrc': 'speeding', // too many messages to the domain in a short period ("sending too fast")
  'rp:dbl': 'blocked',
  'rp:trc': 'toomanyconn',
  'ip:rbl': 'blocked',
  'mi:spf': 'authfailure',
  'mi:dma': 'authfailure', // not permitted by the sending domain's DMARC policy
  'mi:dmc': 'toomanyconn', // too many messages in the current connection
  'mi:stc': 'toomanyconn', // too many connections from the sender today
  'mi:imf': 'rejected', // malformed sender address
  'mi:sfp': 'authfailure',
};

/** i.ua (Ukraine) links each refusal to "mail.i.ua/err/N". */
const IUA = /\.i\.ua\/err\/(\d{1,2})\b/;
const IUA_CODES: readonly (Reason | null)[] = [
  null,
  'norelaying',
  'userunknown',
  'suspend',
  'mailboxfull',
  'toomanyconn',
  'norelaying',
  'blocked',
  'rejected',
  'blocked',
  'filtered',
];

/**
 * Exchange's own failure names ("550 5.1.4 RESOLVER.ADR.Ambiguous", "554 5.4.4 SMTPSEND.DNS.MxLoopback"),
 * documented by Microsoft for Exchange 2007 and later; the unknown-recipient names are left to the wording, whose
 * SMTP-stage rule decides them.
 */
const EXCHANGE = /\b(resolver\.(?:adr|rst)\.[a-z]{4,40}|smtpsend\.dns\.[a-z]{4,40}|queue\.expired)\b/;
const EXCHANGE_CODES: Readonly<Record<string, Reason>> = {
  'resolver.adr.badprimary': 'systemerror', // the recipient object has no usable primary address
  'resolver.adr.invalidinsmtp': 'systemerror',
  'resolver.adr.ambiguous': 'systemerror', // several directory objects share the address
  'resolver.adr.reciplimit': 'toomanyconn', // too many recipients
  'resolver.rst.authrequired': 'securityerror',
  'resolver.rst.recipsizelimit': 'mesgtoobig',
  'smtpsend.dns.mxloopback': 'networkerror', // the MX points back at the sending server
  'smtpsend.dns.nonexistentdomain': 'hostunknown',
  'queue.expired': 'expired',
};

/**
 * Microsoft (Outlook.com, Exchange Online Protection): its documented enhanced codes beyond RFC 3463 ("5.7.511
 * Access denied, banned sender", "5.7.708 Access denied, traffic not accepted from this IP") and the (Snnnn)
 * references of Outlook.com's refusals. Read only in a reply that names Microsoft (its hosts, fwlink pages, AS(n)
 * or (Snnnn) tags, or Exchange's RESOLVER.RST/RESOLVER.ADR failure names), where the code is Microsoft's own and not
 * another server's reuse of the number.
 */
const MICROSOFT_MARK =
  /outlook\.com|hotmail|microsoft|mail\.live\.com|windows live|\bas\(\d{3,10}\)|\(s\d{4,5}\)|\bresolver\.(?:rst|adr)\./;
const MICROSOFT_STATUS = /\b([45]\.7\.\d{3})\b/;
const MICROSOFT_CODES: Readonly<Record<string, Reason>> = {
  '4.7.650': 'badreputation', // temporarily rate limited due to IP reputation
  '4.7.651': 'badreputation', // the same for a sending IP range
  '5.7.501': 'rejected', // access denied, spam abuse detected: the sending account is barred (outbound)
  '5.7.502': 'rejected',
  '5.7.503': 'rejected',
  '5.7.506': 'blocked', // access denied, bad HELO
  '5.7.507': 'blocked', // access denied, rejected by recipient (the IP is on the recipient organisation's block list)
  '5.7.510': 'blocked', // the domain does not accept mail over IPv6 from this host
  '5.7.511': 'blocked', // access denied, banned sender: the sending IP (its delisting page)
  '5.7.512': 'notcompliantrfc', // message must be RFC 5322 section 3.6.2 compliant
  '5.7.750': 'rejected', // client blocked from sending from unregistered domains: the sender's domain
  // delivery restrictions of the recipient (group, mailbox, public folder): this sender is not among those allowed
  '5.7.124': 'rejected',
  '5.7.129': 'rejected',
  '5.7.133': 'rejected',
  '5.7.134': 'rejected',
  '5.7.135': 'rejected',
  '5.7.136': 'rejected',
};
/**
 * Hotmail's older references ("550 SC-001 (BAY0-MC3-F2) ...", "DY-001", "OU-002", "421 RP-001"): SC (the IP or
 * its network on the block list, namespace mining, open proxy, complaints), DY (dynamic ranges, a compromised
 * host), OU and MC ("rejected ... for policy reasons": content or IP/domain reputation) refuse the sending host;
 * RP counts messages per hour and per day.
 */
const HOTMAIL_REFERENCE = /\b(sc|dy|ou|mc|rp)-00\d\b/;
const HOTMAIL_REFERENCES: Readonly<Record<string, Reason>> = {
  sc: 'blocked',
  dy: 'blocked',
  ou: 'blocked',
  mc: 'blocked',
  rp: 'speeding',
};
/** Microsoft's own phrases whose RFC 3463 code would say another cause (5.2.2 is "mailbox full"). */
const MICROSOFT_PHRASES: readonly (readonly [string, Reason])[] = [
  ['submission quota exceeded', 'toomanyconn'], // the sending mailbox's daily submission quota
];
const OUTLOOK_REFERENCE = /\((s3\d{3})\)/;
const OUTLOOK_REFERENCES: Readonly<Record<string, Reason>> = {
  s3113: 'badreputation', // temporarily rate limited due to IP reputation
  s3114: 'badreputation',
  s3115: 'blocked', // Outlook.com does not take mail from dynamically assigned IP ranges
  s3140: 'blocked', // part of the ISP's network is on Outlook.com's block list
  s3150: 'blocked',
};

/**
 * Yahoo, AOL and Verizon Media: the bracketed references of senders.yahooinc.com/error-codes. TS01-TS03 and
 * TSS09/TSS11 defer or refuse the sending IP (complaints, volume, a permanent deferral, unknown recipients), BL2x
 * is a Spamhaus listing, PH01 a policy refusal of the message. TSS04 ("unexpected volume or user complaints")
 * stays a rejection, as the reference labels read it.
 */
const YAHOO = /\[(ts0[1-3]|tss0[49]|tss11|bl2[1-3]|ph01)\]/;
const YAHOO_CODES: Readonly<Record<string, Reason>> = {
  ts01: 'blocked',
  ts02: 'blocked',
  ts03: 'blocked',
  tss04: 'rejected',
  tss09: 'blocked',
  tss11: 'blocked',
  bl21: 'blocked',
  bl22: 'blocked',
  bl23: 'blocked',
  ph01: 'policyviolation',
};

/**
 * GMX, WEB.DE and 1&1/IONOS link each refusal to their postmaster page with the case in its query
 * ("error-messages?ip=...&c=sp"); the reply itself often says only "Reject due to policy restrictions".
 */
const UNITED_INTERNET =
  /postmaster\.(?:gmx|web|1und1|ionos)\.[a-z.]{2,8}\/[^\s?]{0,40}\?[^\s]{0,80}?\bc=([a-z]{2,6})\b/;
const UNITED_INTERNET_CASES: Readonly<Record<string, Reason>> = {
  sp: 'spamdetected',
  dyn: 'blocked',
  bl: 'blocked',
  rbl: 'blocked',
  rdns: 'requireptr',
  spf: 'authfailure',
  dkim: 'authfailure',
  dmarc: 'authfailure',
};

/**
 * Mimecast's documented replies (community.mimecast.com/docs/DOC-1369), read only in a reply that names Mimecast:
 * its own phrase decides where the generic wording would read another cause.
 */
const MIMECAST_PHRASES: readonly (readonly [string, Reason])[] = [
  ['internal mail reject', 'policyviolation'], // mail from outside claiming an internal sender (spoofing policy)
  ['anti-spoofing policy', 'policyviolation'],
  ['content examination policy', 'policyviolation'],
  ['administrative prohibition - content filter', 'policyviolation'],
  ['host network not allowed', 'policyviolation'],
  ['ip temporarily blacklisted', 'blocked'],
  ['sender address blocked', 'blocked'],
  ['envelope blocked', 'rejected'],
  ['blocked senders', 'rejected'],
  ['local ct ip reputation', 'badreputation'],
];

/**
 * Proofpoint (pphosted.com, Proofpoint Essentials) and Barracuda link their refusals of a sending IP to their own
 * lookup pages ("Blocked - see https://ipcheck.proofpoint.com/?ip=...", "barracudanetworks.com/reputation"): a
 * listing of the IP whatever the words before it.
 */
const FILTER_IP_LOOKUP = /ipcheck\.proofpoint\.com|proofpoint\.com\/dnsbl-lookup|barracudanetworks\.com\/reputation/;

/** Reason by a provider's own reference, where the text names the provider; null when it names none. */
function byNamedProvider(text: string): Reason | null {
  if (MICROSOFT_MARK.test(text)) {
    const reference = OUTLOOK_REFERENCE.exec(text)?.[1];
    const byReference = reference ? OUTLOOK_REFERENCES[reference] : undefined;
    if (byReference) return byReference;
    const hotmail = HOTMAIL_REFERENCE.exec(text)?.[1];
    if (hotmail) return HOTMAIL_REFERENCES[hotmail] ?? null;
    const status = MICROSOFT_STATUS.exec(text)?.[1];
    const byStatus = status ? MICROSOFT_CODES[status] : undefined;
    if (byStatus) return byStatus;
    const phrase = MICROSOFT_PHRASES.find(([p]) => text.includes(p));
    if (phrase) return phrase[1];
  }
  if (text.includes('[')) {
    const yahoo = YAHOO.exec(text)?.[1];
    if (yahoo) return YAHOO_CODES[yahoo] ?? null;
  }
  if (FILTER_IP_LOOKUP.test(text)) return 'blocked';
  if (text.includes('postmaster.')) {
    const unitedInternet = UNITED_INTERNET.exec(text)?.[1];
    const byCase = unitedInternet ? UNITED_INTERNET_CASES[unitedInternet] : undefined;
    if (byCase) return byCase;
  }
  if (text.includes('mimecast')) {
    const phrase = MIMECAST_PHRASES.find(([p]) => text.includes(p));
    if (phrase) return phrase[1];
  }
  return null;
}

export function reasonByProviderCode(text: string): Reason | null {
  if (!text) return null;
  const named = byNamedProvider(text);
  if (named) return named;
  if (text.includes('resolver.') || text.includes('smtpsend.') || text.includes('queue.')) {
    const name = EXCHANGE.exec(text)?.[1];
    const exchange = name ? EXCHANGE_CODES[name] : undefined;
    if (exchange) return exchange;
  }
  const ptt = FRANCE_PTT.exec(text);
  if (ptt?.[1]) return FRANCE_PTT_CODES[ptt[1]] ?? 'undefined';
  if (text.includes('aup#')) {
    const aup = AUP.exec(text);
    const code = aup?.[2];
    if (code) {
      if (/^\d{4}$/.test(code)) {
        const n = Number(code);
        const range = SPECTRUM_RANGES.find(([lo, hi]) => n >= lo && n <= hi);
        if (range) return range[2];
      } else {
        const prefix = COX_PREFIXES.find(([p]) => code.startsWith(p));
        if (prefix) return prefix[1];
      }
    }
  }
  const cox = COX_STANDALONE.exec(text)?.[1];
  if (cox) return COX_PREFIXES.find(([p]) => cox.startsWith(p))?.[1] ?? null;
  if (text.includes('ib')) {
    const godaddy = GODADDY.exec(text)?.[1];
    if (godaddy && GODADDY_CODES[godaddy]) return GODADDY_CODES[godaddy] ?? null;
  }
  if (
    text.includes(':') &&
    (text.includes('163.com') || text.includes('126.com') || text.includes('netease') || NETEASE_LEAD.test(text))
  ) {
    const tag = NETEASE.exec(text);
    const netease = tag ? NETEASE_CODES[`${tag[1]}:${tag[2]}`] : undefined;
    if (netease) return netease;
  }
  if (text.includes('i.ua/err/')) {
    const iua = IUA.exec(text)?.[1];
    if (iua) return IUA_CODES[Number(iua)] ?? null;
  }
  return null;
}
