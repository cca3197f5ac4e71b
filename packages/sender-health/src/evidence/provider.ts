/**
 * Which mailbox provider rejected the message: from the remote MTA's name, the reply's wording, or the recipient's
 * domain. Known providers get a stable slug (alerts are grouped by it) and a display name; any other receiver is
 * identified by the registrable domain of its MTA or of the recipient.
 */
import { getDomain } from 'tldts';
import type { Provider } from '../types.js';

type KnownProvider = {
  id: string;
  name: string;
  /** Registrable domains of its MX hosts and mailbox domains. */
  domains: readonly string[];
  /** Lower-case markers in its replies (host names or codes only it prints). */
  markers: readonly string[];
  /** Its page for senders: delisting, postmaster guidelines. */
  senderPage: string | null;
};

export const KNOWN_PROVIDERS: readonly KnownProvider[] = [
  {
    id: 'microsoft',
    name: 'Microsoft',
    domains: [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'office365.com',
      'hotmail.de',
      'outlook.de',
      'live.de',
    ],
    markers: ['protection.outlook.com', 'prod.outlook.com', 'postmaster.live.com', 'sender.office.com'],
    senderPage: 'https://sender.office.com/',
  },
  {
    id: 'google',
    name: 'Google',
    domains: ['google.com', 'gmail.com', 'googlemail.com'],
    markers: ['gsmtp', 'support.google.com/mail'],
    senderPage: 'https://support.google.com/mail/answer/81126',
  },
  {
    id: 'yahoo',
    name: 'Yahoo',
    domains: ['yahoodns.net', 'yahoo.com', 'yahoo.de', 'aol.com', 'ymail.com'],
    markers: ['postmaster.verizonmedia.com', 'postmaster.yahooinc.com', 'senders.yahooinc.com'],
    senderPage: 'https://senders.yahooinc.com/',
  },
  { id: 'apple', name: 'Apple iCloud', domains: ['icloud.com', 'me.com', 'mac.com'], markers: [], senderPage: null },
  {
    id: 'united-internet',
    name: 'GMX / WEB.DE (United Internet)',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 'mail.com', 'gmx.com', '1und1.de', 'ionos.de'],
    markers: ['postmaster.gmx', 'postmaster.web.de', 'mail.com (mxgmx'],
    senderPage: null,
  },
  { id: 'telekom', name: 'Deutsche Telekom (T-Online)', domains: ['t-online.de'], markers: [], senderPage: null },
  { id: 'orange', name: 'Orange', domains: ['orange.fr', 'wanadoo.fr'], markers: ['ofr_'], senderPage: null },
  {
    id: 'mailru',
    name: 'Mail.ru',
    domains: ['mail.ru', 'list.ru', 'bk.ru', 'inbox.ru'],
    markers: [],
    senderPage: null,
  },
  { id: 'yandex', name: 'Yandex', domains: ['yandex.ru', 'yandex.net', 'yandex.com'], markers: [], senderPage: null },
  {
    id: 'tencent',
    name: 'Tencent (QQ Mail)',
    domains: ['qq.com', 'foxmail.com'],
    markers: ['service.mail.qq.com'],
    senderPage: null,
  },
  { id: 'zoho', name: 'Zoho', domains: ['zoho.com', 'zohomail.com'], markers: [], senderPage: null },
  { id: 'comcast', name: 'Comcast', domains: ['comcast.net'], markers: [], senderPage: null },
  {
    id: 'cox',
    name: 'Cox',
    domains: ['cox.net'],
    markers: ['cox.com/residential/support/email-error'],
    senderPage: null,
  },
  { id: 'godaddy', name: 'GoDaddy', domains: ['secureserver.net'], markers: [], senderPage: null },
  { id: 'mimecast', name: 'Mimecast', domains: ['mimecast.com'], markers: ['mimecast.com'], senderPage: null },
  { id: 'proofpoint', name: 'Proofpoint', domains: ['pphosted.com', 'ppe-hosted.com'], markers: [], senderPage: null },
  { id: 'cisco', name: 'Cisco Secure Email', domains: ['iphmx.com'], markers: [], senderPage: null },
  { id: 'amazon', name: 'Amazon', domains: ['amazonaws.com', 'amazonses.com'], markers: [], senderPage: null },
];

/** Registrable domain ("mx1.mail.example.co.uk" → "example.co.uk"); private suffixes count as registrable too. */
export function registrableDomain(name: string): string | null {
  const host = name
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (!host.includes('.')) return null;
  return getDomain(host, { allowPrivateDomains: false }) ?? null;
}

function byDomain(domain: string | null): KnownProvider | undefined {
  if (!domain) return undefined;
  return KNOWN_PROVIDERS.find((p) => p.domains.includes(domain));
}

export function knownProvider(id: string): KnownProvider | undefined {
  return KNOWN_PROVIDERS.find((p) => p.id === id);
}

export type ProviderInput = {
  remoteMta: string | null;
  replyText: string | null;
  recipientDomain: string | null;
};

export function identifyProvider(input: ProviderInput): Provider {
  const mtaDomain = input.remoteMta ? registrableDomain(input.remoteMta) : null;
  const fromMta = byDomain(mtaDomain);
  if (fromMta) return { id: fromMta.id, name: fromMta.name, source: 'remote-mta' };
  const reply = (input.replyText ?? '').slice(0, 8192).toLowerCase();
  const fromReply = reply ? KNOWN_PROVIDERS.find((p) => p.markers.some((m) => reply.includes(m))) : undefined;
  if (fromReply) return { id: fromReply.id, name: fromReply.name, source: 'reply' };
  const recipient = input.recipientDomain ? registrableDomain(input.recipientDomain) : null;
  const fromRecipient = byDomain(recipient);
  if (fromRecipient) return { id: fromRecipient.id, name: fromRecipient.name, source: 'recipient-domain' };
  if (mtaDomain) return { id: `domain:${mtaDomain}`, name: mtaDomain, source: 'remote-mta' };
  if (recipient) return { id: `domain:${recipient}`, name: recipient, source: 'recipient-domain' };
  return { id: 'unknown', name: 'unknown receiver', source: 'unknown' };
}
