/**
 * Where a mailbox connection may go. A tenant admin types the host and port, so without limits the connection
 * test (and the poll after it) would be a network probe run from inside the installation: any host, any port,
 * internal names resolved, open and closed ports told apart. The policy:
 *
 * - the port must be one of the mail ports (MAILBOX_ALLOWED_PORTS, default IMAP/POP3/submission/SMTP ports);
 * - every address the host resolves to must pass the shared address guard (@bounce/address-guard, the one the
 *   webhooks use): public addresses only, private ranges when MAILBOX_ALLOW_PRIVATE_NETWORKS is set;
 * - hosts and networks listed in MAILBOX_ALLOWED_NETWORKS (an installation's internal mail servers) are trusted
 *   whatever their addresses and ports.
 *
 * The check runs after DNS resolution and the connection goes to the checked address (never a second lookup), at
 * the connection test and again at every poll and IDLE connection. Refusals never name the resolved address.
 */

import { isIP } from 'node:net';
import {
  classifyIp,
  type HostResolver,
  type IpNetwork,
  isAllowedIp,
  isInNetwork,
  parseIpNetwork,
  systemResolver,
} from '@bounce/address-guard';
import { envBoolean, envCaBundleFile } from '@bounce/config';
import { z } from 'zod';
import { classifyImapError, MailboxConnectionError } from './mailbox-errors.js';

/** IMAP 143/993, POP3 110/995, submission 587/465, SMTP 25. */
export const DEFAULT_MAIL_PORTS: readonly number[] = [143, 993, 110, 995, 587, 465, 25];

export type MailboxNetworkPolicy = {
  allowedPorts: readonly number[];
  /** Trusted host names (lower case) and networks: any address, any port. */
  allowedHosts: readonly string[];
  allowedNetworks: readonly IpNetwork[];
  allowPrivateNetworks: boolean;
  /** Resolver override (tests). Default: the system resolver. */
  resolve?: HostResolver;
  /** Authorities trusted besides the public ones (PEM, MAILBOX_TLS_CA_FILE) by IMAP, POP3 and SMTP. Default none. */
  extraCaCertificates?: readonly string[];
};

/** The safe default: mail ports, public addresses. */
export const DEFAULT_MAILBOX_NETWORK_POLICY: MailboxNetworkPolicy = {
  allowedPorts: DEFAULT_MAIL_PORTS,
  allowedHosts: [],
  allowedNetworks: [],
  allowPrivateNetworks: false,
};

const commaList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Environment of every process that connects to mailboxes (the API's connection test, the fetch worker). */
export const mailboxNetworkEnv = {
  /** Ports a mailbox may use, comma-separated. Default 143,993,110,995,587,465,25. */
  MAILBOX_ALLOWED_PORTS: commaList.transform((list, ctx) => {
    if (list.length === 0) return [...DEFAULT_MAIL_PORTS];
    const ports = list.map(Number);
    if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
      ctx.addIssue({ code: 'custom', message: 'expected port numbers 1-65535, comma-separated' });
      return z.NEVER;
    }
    return ports;
  }),
  /**
   * Internal mail servers, comma-separated: host names, addresses or CIDR networks (mail.corp.example, 10.1.2.0/24).
   * Mailboxes on them may use any address and port. Default none.
   */
  MAILBOX_ALLOWED_NETWORKS: commaList.transform((list, ctx) => {
    const hosts: string[] = [];
    const networks: IpNetwork[] = [];
    for (const entry of list) {
      if (/^[0-9a-f:.]+(\/\d+)?$/i.test(entry) && (isIP(entry.split('/')[0] ?? '') || entry.includes('/'))) {
        try {
          networks.push(parseIpNetwork(entry));
        } catch {
          ctx.addIssue({ code: 'custom', message: `not an address or CIDR network: ${entry}` });
        }
      } else if (HOST_NAME.test(entry)) {
        hosts.push(entry.toLowerCase());
      } else {
        ctx.addIssue({ code: 'custom', message: `not a host name, address or CIDR network: ${entry}` });
      }
    }
    return { hosts, networks };
  }),
  /** Allow private-use addresses (RFC 1918, CGNAT, IPv6 ULA) for every mailbox; loopback stays refused. Default false. */
  MAILBOX_ALLOW_PRIVATE_NETWORKS: envBoolean(false),
  /**
   * PEM bundle of certificate authorities to trust besides the public ones (a company CA of internal mail servers),
   * for IMAP, POP3 and the tenant's SMTP server; host names and dates are still verified. Default none.
   */
  MAILBOX_TLS_CA_FILE: envCaBundleFile,
};

const mailboxNetworkEnvSchema = z.object(mailboxNetworkEnv);
export type MailboxNetworkEnv = z.output<typeof mailboxNetworkEnvSchema>;

export function mailboxNetworkPolicyFromEnv(env: MailboxNetworkEnv): MailboxNetworkPolicy {
  return {
    allowedPorts: env.MAILBOX_ALLOWED_PORTS,
    allowedHosts: env.MAILBOX_ALLOWED_NETWORKS.hosts,
    allowedNetworks: env.MAILBOX_ALLOWED_NETWORKS.networks,
    allowPrivateNetworks: env.MAILBOX_ALLOW_PRIVATE_NETWORKS,
    ...(env.MAILBOX_TLS_CA_FILE.length ? { extraCaCertificates: env.MAILBOX_TLS_CA_FILE } : {}),
  };
}

/** Parses the variables alone (tests, tools): the same validation as a process's start-up. */
export function parseMailboxNetworkEnv(source: Record<string, string | undefined>): MailboxNetworkPolicy {
  return mailboxNetworkPolicyFromEnv(mailboxNetworkEnvSchema.parse(source));
}

/** A trust-everything-local policy for tests against the local Dovecot (loopback, any port). */
export function loopbackTestPolicy(): MailboxNetworkPolicy {
  return { ...DEFAULT_MAILBOX_NETWORK_POLICY, allowedNetworks: [parseIpNetwork('127.0.0.0/8'), parseIpNetwork('::1')] };
}

export type CheckedTarget = {
  /** The addresses checked, in resolver order: connect to these, never to the name again. */
  addresses: string[];
};

const REFUSED = "refused by the installation's network policy";

/**
 * Resolves the host and checks port and addresses against the policy. Throws MailboxConnectionError: kind dns
 * when the name does not resolve, kind config when the policy refuses (the message never names the address).
 */
export async function resolveMailboxTarget(
  host: string,
  port: number,
  policy: MailboxNetworkPolicy = DEFAULT_MAILBOX_NETWORK_POLICY,
): Promise<CheckedTarget> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(bare)) {
    addresses = [bare];
  } else {
    try {
      addresses = (await (policy.resolve ?? systemResolver)(bare)).map((a) => a.address);
    } catch (err) {
      throw classifyImapError(Object.assign(err as Error, { hostname: bare }));
    }
    if (addresses.length === 0) throw new MailboxConnectionError('dns', `DNS lookup failed for ${bare}: no address`);
  }
  if (policy.allowedHosts.includes(bare.toLowerCase())) return { addresses };
  const trusted = (a: string) => policy.allowedNetworks.some((n) => isInNetwork(a, n));
  if (addresses.every(trusted)) return { addresses };
  if (!policy.allowedPorts.includes(port)) {
    throw new MailboxConnectionError(
      'config',
      `port ${port} is ${REFUSED}: mail ports only (${policy.allowedPorts.join(', ')}; MAILBOX_ALLOWED_PORTS)`,
    );
  }
  const refused = addresses.filter(
    (a) => !trusted(a) && !isAllowedIp(classifyIp(a), { allowPrivate: policy.allowPrivateNetworks }),
  );
  if (refused.length > 0) {
    throw new MailboxConnectionError(
      'config',
      `${bare} is ${REFUSED}: it resolves to an address outside the public internet (an installation admin can allow internal mail servers with MAILBOX_ALLOWED_NETWORKS)`,
    );
  }
  return { addresses };
}

/**
 * Whether a cleartext connection (tls mode none) may go to these resolved addresses of `host`: loopback, or a host
 * or network the installation lists as its own (MAILBOX_ALLOWED_NETWORKS), the explicit opt-in for an internal relay.
 */
export function isCleartextAllowed(
  host: string,
  addresses: readonly string[],
  policy: MailboxNetworkPolicy = DEFAULT_MAILBOX_NETWORK_POLICY,
): boolean {
  if (policy.allowedHosts.includes(host.replace(/^\[|\]$/g, '').toLowerCase())) return true;
  return (
    addresses.length > 0 &&
    addresses.every(
      (a) => classifyIp(a).category === 'loopback' || policy.allowedNetworks.some((n) => isInNetwork(a, n)),
    )
  );
}

/** The protocols that may be configured with tls mode none, as named in a refusal. */
export type CleartextProtocol = 'IMAP' | 'POP3' | 'SMTP';

export type CleartextOptions = {
  network?: MailboxNetworkPolicy | undefined;
  /** The fetch worker's IMAP_ALLOW_INSECURE_REMOTE: cleartext to any host (the operator's explicit opt-in). */
  allowInsecureRemote?: boolean | undefined;
};

/**
 * The one cleartext rule of receiving (IMAP, POP3) and sending (SMTP): tls mode none sends the password and the mail
 * as they are, so it is allowed only to loopback or to a host or network the installation lists as its own
 * (MAILBOX_ALLOWED_NETWORKS), or anywhere when the operator opted in (allowInsecureRemote). Checked on the resolved
 * addresses, before any connection is opened; the refusal names the protocol.
 */
export function assertCleartextAllowed(
  protocol: CleartextProtocol,
  target: { host: string; tlsMode: 'implicit' | 'starttls' | 'none' },
  addresses: readonly string[],
  options: CleartextOptions = {},
): void {
  if (target.tlsMode !== 'none' || options.allowInsecureRemote) return;
  if (isCleartextAllowed(target.host, addresses, options.network)) return;
  throw new MailboxConnectionError(
    'config',
    `refusing cleartext ${protocol} (tls mode "none") to ${target.host}: allowed only to a loopback server or one the installation lists in MAILBOX_ALLOWED_NETWORKS; use implicit TLS or STARTTLS`,
  );
}
