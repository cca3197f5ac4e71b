/**
 * Every sender-side verdict of the dev corpus (shared/corpus/dev, beside the repository) through evidence
 * extraction, DNS checks against the test DNS server and diagnosis. The test world is closed (test/zones: a root
 * zone makes every other name NXDOMAIN), so each check gives a real answer: a corpus domain without SPF is a
 * domain without SPF here too. Three corpus bounces name lists that the test zones list their IPs on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DnsblList } from '../src/checks/dnsbl.js';
import type { Diagnosis } from '../src/diagnosis/diagnose.js';
import { diagnoseSenderRejection } from '../src/diagnosis/diagnose-rejection.js';
import { senderEvidenceFromBounce } from '../src/evidence/extract-evidence.js';
import { CAUSES } from '../src/types.js';
import { useTestDns } from './dns-fixture.js';

const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/dev/emails', import.meta.url));
const LISTS: DnsblList[] = [{ zone: 'zen.spamhaus.org' }, { zone: 'bl.dnsbl.test' }];

const dns = useTestDns();

describe.skipIf(!existsSync(CORPUS_DIR))('sender-side bounces of the dev corpus', () => {
  const files = existsSync(CORPUS_DIR)
    ? readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith('.eml'))
        .sort()
    : [];

  it('each gets a diagnosis with at least one concrete check result and an explanation in both languages', async () => {
    const diagnoses: { file: string; d: Diagnosis }[] = [];
    for (const file of files) {
      for (const evidence of senderEvidenceFromBounce(readFileSync(`${CORPUS_DIR}/${file}`))) {
        diagnoses.push({ file, d: await diagnoseSenderRejection(dns.client(), evidence, { dnsbls: LISTS }) });
      }
    }
    // The corpus has 60-odd sender-side verdicts (blocked, authfailure, requireptr, securityerror, badreputation,
    // spamdetected, policyviolation, rejected with 5.7.x, ...).
    expect(diagnoses.length).toBeGreaterThanOrEqual(50);
    const reasons = new Set(diagnoses.map(({ d }) => d.evidence.reason));
    for (const reason of [
      'blocked',
      'badreputation',
      'authfailure',
      'requireptr',
      'securityerror',
      'spamdetected',
      'policyviolation',
    ]) {
      expect(reasons.has(reason as never), reason).toBe(true);
    }
    for (const { file, d } of diagnoses) {
      const concrete = d.checks.filter((c) => c.status === 'pass' || c.status === 'fail' || c.status === 'warn');
      expect(concrete.length, `${file}: no concrete check result`).toBeGreaterThan(0);
      expect(CAUSES).toContain(d.cause);
      expect(d.groupKey).toBe(`${d.provider.id}|${d.cause}`);
      expect(d.headline.en.length).toBeGreaterThan(10);
      expect(d.headline.de.length).toBeGreaterThan(10);
      expect(d.explanation.en.split('\n').length, file).toBeGreaterThan(1);
      expect(d.explanation.de.split('\n').length, file).toBe(d.explanation.en.split('\n').length);
    }
    const byFile = new Map(diagnoses.map(({ file, d }) => [file, d]));
    // Lists named in real replies, listing the IPs those replies name (test zones).
    expect(byFile.get('lhost-amazonses-16.eml')).toMatchObject({
      cause: 'dnsbl',
      confirmed: true,
      subject: '203.0.113.225',
    });
    expect(byFile.get('lhost-amazonses-15.eml')).toMatchObject({
      cause: 'dnsbl',
      confirmed: true,
      subject: '192.0.2.127',
    });
    expect(byFile.get('rhost-godaddy-02.eml')).toMatchObject({
      cause: 'dnsbl',
      confirmed: true,
      groupKey: 'godaddy|dnsbl',
    });
    expect(byFile.get('lhost-amazonses-16.eml')?.explanation.en).toContain(
      'request delisting at http://www.sorbs.net/lookup.shtml?203.0.113.225',
    );
    // Real replies naming other causes: the corpus domains publish nothing in the test world, so the checks fail.
    expect(byFile.get('lhost-exim-42.eml')).toMatchObject({ cause: 'ptr', confirmed: true, subject: '203.0.113.22' });
    expect(byFile.get('lhost-office365-03.eml')).toMatchObject({ cause: 'spf', confirmed: true });
    expect(byFile.get('rhost-microsoft-04.eml')).toMatchObject({ cause: 'dmarc', groupKey: 'microsoft|dmarc' });
    expect(byFile.get('rhost-microsoft-05.eml')).toMatchObject({
      provider: { id: 'microsoft' },
      subject: '192.0.2.25',
    });
  }, 120_000);
});
