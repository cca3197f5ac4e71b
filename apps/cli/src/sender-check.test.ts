/**
 * `bounce sender-check` as users run it (the compiled command, node_modules/.bin/bounce) against a real DNS server
 * (NSD serving the sender-health scenario zones): a good setup passes (exit 0), a broken one fails (exit 1) with
 * what to do, bad input is a usage error (exit 2) before any DNS question.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SENDER_HEALTH_TEST_ZONES_DIR } from '@bounce/sender-health/testing';
import { type DnsServer, startDnsServer } from '@bounce/test-servers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from './cli-args.js';
import { parseSenderCheckArgs } from './sender-check-args.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = join(REPO_ROOT, 'node_modules/.bin/bounce');

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer({ zonesDir: SENDER_HEALTH_TEST_ZONES_DIR });
}, 60_000);
afterAll(async () => {
  await dns?.stop();
});

function bounce(args: string[]) {
  const run = spawnSync(BIN, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bounce sender-check', () => {
  it('passes a setup done right and prints one line per check', () => {
    const run = bounce([
      'sender-check',
      'good.test',
      '--ip',
      '203.0.113.5',
      '--selector',
      's2048',
      '--bounce-domain',
      'bounces.good.test',
      '--dns-server',
      dns.address,
      '--dnsbl',
      'bl.dnsbl.test',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Sending setup of good.test (bounce domain bounces.good.test): PASS');
    expect(run.stdout).toContain('ok    ptr:203.0.113.5');
    expect(run.stdout).toContain('Everything checked is in order for good.test.');
  }, 90_000);

  it('fails a broken setup with exit code 1, in German on request, and gives the whole report as JSON', () => {
    const args = ['sender-check', 'notcovered.test', '--ip', '203.0.113.6,203.0.113.7', '--dns-server', dns.address];
    const text = bounce([...args, '--dnsbl', 'bl.dnsbl.test', '--lang', 'de']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('FAIL  ptr:203.0.113.7');
    expect(text.stdout).toContain('FEHLER Kein PTR-Eintrag für 203.0.113.7');
    const json = bounce([...args, '--dnsbl', 'bl.dnsbl.test', '--json']);
    expect(json.status).toBe(1);
    const report = JSON.parse(json.stdout) as { status: string; dnsbl: { ip: string; listed: boolean }[] };
    expect(report.status).toBe('fail');
    expect(report.dnsbl.find((c) => c.ip === '203.0.113.6')?.listed).toBe(true);
  }, 90_000);

  it('refuses bad input with exit code 2', () => {
    const bad = bounce(['sender-check', 'good.test', '--ip', '999.1.1.1', '--dns-server', dns.address]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"999.1.1.1" is not an IP address');
    expect(bounce(['sender-check', 'good.test']).status).toBe(2);
    expect(bounce(['sender-check', 'good.test', '--ip', '203.0.113.5', '--dns-server', 'dns.google']).status).toBe(2);
  }, 90_000);

  it('reads its command line', () => {
    expect(
      parseSenderCheckArgs(['example.com', '--ip', '192.0.2.1,192.0.2.2', '--ip', '192.0.2.3', '--selector', 's1']),
    ).toMatchObject({ domain: 'example.com', ips: ['192.0.2.1', '192.0.2.2', '192.0.2.3'], selectors: ['s1'] });
    expect(() => parseSenderCheckArgs(['--ip', '192.0.2.1'])).toThrow(UsageError);
    expect(() => parseSenderCheckArgs(['a.test', 'b.test', '--ip', '192.0.2.1'])).toThrow(/one DOMAIN/);
    expect(() => parseSenderCheckArgs(['a.test', '--ip', '192.0.2.1', '--lang', 'fr'])).toThrow(/--lang/);
    expect(() => parseSenderCheckArgs(['a.test', '--nope'])).toThrow(/unknown option '--nope'/);
  });
});
