/**
 * `bounce sender-check`: the sending-setup check of @bounce/sender-health (SPF, DKIM keys, DMARC, PTR/FCrDNS, MX,
 * blocklists, VERP alignment), asked from this machine through the given or the system's resolver, printed as the
 * report's summary with one line per check, or as the report's JSON.
 */
import {
  type CheckResult,
  COMMON_DNSBLS,
  checkKey,
  checkSendingSetup,
  createDnsClient,
  senderCheckRequestSchema,
  senderHealthConfigSchema,
} from '@bounce/sender-health';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import type { CliIo } from './parse-command.js';
import type { SenderCheckCommand } from './sender-check-args.js';

/** Exit code when a check fails (the setup needs fixing): scripts can gate a deployment on it. */
export const EXIT_CHECK_FAILED = EXIT_INPUT_ERROR;

const MARK: Record<CheckResult['status'], string> = {
  pass: 'ok  ',
  warn: 'warn',
  fail: 'FAIL',
  error: 'err ',
  skipped: 'skip',
};

export async function runSenderCheck(
  command: SenderCheckCommand,
  io: Pick<CliIo, 'stdout' | 'stderr'>,
): Promise<number> {
  const request = senderCheckRequestSchema.safeParse({
    domain: command.domain,
    ips: command.ips,
    selectors: command.selectors,
    ...(command.bounceDomain ? { bounceDomain: command.bounceDomain } : {}),
  });
  const config = senderHealthConfigSchema.safeParse({
    dnsServers: command.dnsServers,
    dnsbls:
      command.dnsbls.length > 0
        ? command.dnsbls.map((zone) => COMMON_DNSBLS.find((l) => l.zone === zone) ?? { zone })
        : undefined,
  });
  const problems = [
    ...(request.success ? [] : request.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)),
    ...(config.success ? [] : config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
  ];
  if (!request.success || !config.success) {
    io.stderr.write(`bounce sender-check: ${problems.join('; ')}\n`);
    return EXIT_USAGE;
  }
  const dns = createDnsClient({
    servers: config.data.dnsServers,
    timeoutMs: config.data.dnsTimeoutMs,
    tries: config.data.dnsTries,
  });
  const report = await checkSendingSetup(dns, request.data, { dnsbls: config.data.dnsbls });
  if (command.format === 'json') {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines = [
      `Sending setup of ${report.domain} (bounce domain ${report.bounceDomain}): ${report.status.toUpperCase()}`,
      ...(report.exampleReturnPath ? [`Return path as generated: ${report.exampleReturnPath}`] : []),
      '',
      ...report.checks.map((c) => `${MARK[c.status]}  ${checkKey(c)}`),
      '',
      report.summary[command.language],
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.status === 'fail' ? EXIT_CHECK_FAILED : EXIT_OK;
}
