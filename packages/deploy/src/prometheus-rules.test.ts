import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadRules } from './alert-rules.js';
import { knownMetricFamilies } from './declared-metrics.js';
import { familyOf, metricNamesIn } from './promql.js';
import { ALERT_RULES_FILE, ALERT_TESTS_FILE } from './repo.js';

const run = promisify(execFile);

async function promtool(...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('promtool', args, { cwd: dirname(ALERT_RULES_FILE), timeout: 60_000 });
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `promtool ${args.join(' ')} failed (Debian package prometheus):\n${e.stdout ?? ''}${e.stderr ?? e.message}`,
    );
  }
}

describe('Prometheus alert rules (infra/prometheus)', () => {
  it('pass promtool check rules', async () => {
    expect(await promtool('check', 'rules', ALERT_RULES_FILE)).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('pass their promtool unit tests', async () => {
    expect(await promtool('test', 'rules', ALERT_TESTS_FILE)).toMatch(/SUCCESS/);
  });

  it('cover every alert the issue asks for', () => {
    const alerts = loadRules().flatMap((r) => (r.alert ? [r.alert] : []));
    for (const name of [
      'BounceQueueBacklogGrowing',
      'BounceMailboxDisabled',
      'BounceWebhookDeliveriesFailing',
      'BounceJobsFailingPermanently',
      'BounceSenderSideBlock',
      'BounceImapReconnectLoop',
      'BounceProcessRestartLoop',
    ]) {
      expect(alerts).toContain(name);
    }
  });

  it('select only metrics the processes export or rules record', () => {
    const rules = loadRules();
    const families = knownMetricFamilies();
    const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
    const unknown: string[] = [];
    for (const rule of rules) {
      for (const name of metricNamesIn(rule.expr)) {
        if (!recorded.has(name) && familyOf(name, families) === undefined)
          unknown.push(`${rule.alert ?? rule.record}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('every alert has a severity, a summary and a description', () => {
    const file = loadRules();
    for (const rule of file.filter((r) => r.alert)) {
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
      expect(rule.annotations?.description, rule.alert).toBeTruthy();
    }
  });
});
