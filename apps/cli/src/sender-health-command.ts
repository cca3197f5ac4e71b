/**
 * `bounce sender-health watch|unwatch|list`: calls the API's /v1/sender-health/setups (a write key to watch or
 * unwatch, a read key to list) and prints each setup as one line (id, domain, status, last and next check) or JSON.
 * A problem response is printed with its detail; the key never is.
 */
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import type { CliIo } from './parse-command.js';
import type { SenderHealthCommand } from './sender-health-args.js';

type Setup = {
  id: string;
  domain: string;
  status: string | null;
  lastCheckedAt: string | null;
  nextCheckAt: string | null;
};

export async function runSenderHealth(
  command: SenderHealthCommand,
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const base = command.apiUrl ?? env.BOUNCE_API_URL;
  const key = env.BOUNCE_API_KEY;
  if (!base || !key) {
    io.stderr.write('bounce sender-health: set BOUNCE_API_KEY, and BOUNCE_API_URL (or --api-url)\n');
    return EXIT_USAGE;
  }
  let url: URL;
  try {
    url = new URL('/v1/sender-health/setups', base);
  } catch {
    io.stderr.write(`bounce sender-health: not a URL: ${base}\n`);
    return EXIT_USAGE;
  }
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  let response: Response;
  if (command.action === 'watch') {
    const body = {
      domain: command.target,
      ips: command.ips,
      selectors: command.selectors,
      ...(command.bounceDomain ? { bounceDomain: command.bounceDomain } : {}),
    };
    headers['content-type'] = 'application/json';
    response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  } else if (command.action === 'unwatch') {
    response = await fetch(new URL(encodeURIComponent(command.target ?? ''), `${url.href}/`), {
      method: 'DELETE',
      headers,
    });
  } else {
    response = await fetch(url, { headers });
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { title?: string; detail?: string } | null;
    io.stderr.write(
      `bounce sender-health ${command.action}: ${response.status} ${problem?.detail ?? problem?.title ?? response.statusText}\n`,
    );
    return EXIT_INPUT_ERROR;
  }
  if (command.action === 'unwatch') {
    io.stdout.write(command.format === 'json' ? '{"removed":true}\n' : `removed ${command.target}\n`);
    return EXIT_OK;
  }
  const data = (await response.json()) as Setup | { items: Setup[] };
  if (command.format === 'json') {
    io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    return EXIT_OK;
  }
  const setups = 'items' in data ? data.items : [data];
  const lines = setups.map(
    (s) =>
      `${s.id}  ${s.domain}  ${(s.status ?? 'unchecked').toUpperCase()}  checked ${s.lastCheckedAt ?? '-'}  next ${s.nextCheckAt ?? '-'}`,
  );
  io.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : 'no watched sending setups\n');
  return EXIT_OK;
}
