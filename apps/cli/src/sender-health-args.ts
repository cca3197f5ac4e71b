/**
 * Command line of `bounce sender-health watch|unwatch|list`: the watched sending setups of the API
 * (/v1/sender-health/setups), managed from a shell. The API key comes from BOUNCE_API_KEY (never argv: it would be
 * visible to every user of the machine); the API's address from --api-url or BOUNCE_API_URL.
 */
import { parseCommandLine, UsageError } from './usage-error.js';

export type SenderHealthCommand = {
  command: 'sender-health';
  action: 'watch' | 'unwatch' | 'list';
  /** watch: the domain; unwatch: the setup's id. */
  target: string | null;
  ips: string[];
  selectors: string[];
  bounceDomain: string | null;
  apiUrl: string | null;
  format: 'text' | 'json';
};

const OPTIONS = {
  ip: { type: 'string', multiple: true },
  selector: { type: 'string', multiple: true },
  'bounce-domain': { type: 'string' },
  'api-url': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const ACTIONS = ['watch', 'unwatch', 'list'] as const;

export function parseSenderHealthArgs(argv: readonly string[]): SenderHealthCommand {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  const [action, target, ...rest] = positionals;
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
    throw new UsageError(`sender-health: 'watch DOMAIN --ip IP', 'unwatch ID' or 'list', not '${action ?? ''}'`);
  }
  if (rest.length > 0) throw new UsageError(`sender-health: unexpected '${rest[0]}'`);
  const ips = (values.ip ?? []).flatMap(splitList);
  if (action === 'watch' && (target === undefined || ips.length === 0)) {
    throw new UsageError('sender-health watch: give DOMAIN and the sending IPs with --ip');
  }
  if (action === 'unwatch' && target === undefined) throw new UsageError('sender-health unwatch: give the setup ID');
  if (action === 'list' && target !== undefined) throw new UsageError(`sender-health list: unexpected '${target}'`);
  return {
    command: 'sender-health',
    action: action as SenderHealthCommand['action'],
    target: target ?? null,
    ips,
    selectors: (values.selector ?? []).flatMap(splitList),
    bounceDomain: values['bounce-domain'] ?? null,
    apiUrl: values['api-url'] ?? null,
    format: values.json ? 'json' : 'text',
  };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
