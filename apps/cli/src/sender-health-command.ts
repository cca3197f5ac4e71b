/**
 * `bounce sender-health watch|unwatch|list`: calls the API's /v1/sender-health/setups (a write key to watch or
 * unwatch, a read key to list) and prints each setup as one line (id, domain, status, last and next check) or JSON.
 * A problem response is printed with its detail; the key never is.
 */
import { ApiProblemError, createApiClient, unwrap } from '@bounce/api-client';
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
  try {
    new URL(base);
  } catch {
    io.stderr.write(`bounce sender-health: not a URL: ${base}\n`);
    return EXIT_USAGE;
  }
  // The typed client of @bounce/api-client: paths, bodies and answers checked against the API's OpenAPI document.
  const api = createApiClient({ baseUrl: base.replace(/\/+$/, ''), apiKey: key });
  let data: Setup | { items: Setup[] } | null = null;
  try {
    if (command.action === 'watch') {
      data = unwrap(
        await api.POST('/v1/sender-health/setups', {
          body: {
            domain: command.target ?? '',
            ips: command.ips,
            selectors: command.selectors,
            ...(command.bounceDomain ? { bounceDomain: command.bounceDomain } : {}),
          },
        }),
      );
    } else if (command.action === 'unwatch') {
      unwrap(await api.DELETE('/v1/sender-health/setups/{id}', { params: { path: { id: command.target ?? '' } } }));
    } else {
      data = unwrap(await api.GET('/v1/sender-health/setups'));
    }
  } catch (err) {
    const status = err instanceof ApiProblemError ? `${err.status} ` : '';
    io.stderr.write(`bounce sender-health ${command.action}: ${status}${(err as Error).message}\n`);
    return EXIT_INPUT_ERROR;
  }
  if (command.action === 'unwatch') {
    io.stdout.write(command.format === 'json' ? '{"removed":true}\n' : `removed ${command.target}\n`);
    return EXIT_OK;
  }
  if (data === null) return EXIT_OK;
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
