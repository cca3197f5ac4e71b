/**
 * Command line of `bounce sender-check`: turns argv (after the command) into a typed command or a UsageError. The
 * values are validated again, in full, by the sender-health library's request schema when the command runs.
 */
import { parseCommandLine, UsageError } from './usage-error.js';

export type SenderCheckCommand = {
  command: 'sender-check';
  domain: string;
  ips: string[];
  selectors: string[];
  bounceDomain: string | null;
  /** --dns-server values (ip, ip:port, [v6]:port); empty: the system's resolver. */
  dnsServers: string[];
  /** --dnsbl zones; empty: the common lists. */
  dnsbls: string[];
  format: 'text' | 'json';
  language: 'en' | 'de';
};

const OPTIONS = {
  ip: { type: 'string', multiple: true },
  selector: { type: 'string', multiple: true },
  'bounce-domain': { type: 'string' },
  'dns-server': { type: 'string', multiple: true },
  dnsbl: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  lang: { type: 'string' },
} as const;

export function parseSenderCheckArgs(argv: readonly string[]): SenderCheckCommand {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  const [domain, ...rest] = positionals;
  if (domain === undefined) throw new UsageError('sender-check: missing DOMAIN (the domain in the From header)');
  if (rest.length > 0) throw new UsageError(`sender-check: one DOMAIN only, not also '${rest[0]}'`);
  const ips = (values.ip ?? []).flatMap(splitList);
  if (ips.length === 0) throw new UsageError('sender-check: give the sending IPs with --ip (repeat or comma-separate)');
  const language = values.lang ?? 'en';
  if (language !== 'en' && language !== 'de') throw new UsageError(`--lang: 'en' or 'de', not '${language}'`);
  return {
    command: 'sender-check',
    domain,
    ips,
    selectors: (values.selector ?? []).flatMap(splitList),
    bounceDomain: values['bounce-domain'] ?? null,
    dnsServers: (values['dns-server'] ?? []).flatMap(splitList),
    dnsbls: (values.dnsbl ?? []).flatMap(splitList),
    format: values.json ? 'json' : 'text',
    language,
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
