/**
 * Table-driven, independent of the corpus: for every reason the parser gives a rejection aimed at the sender (the
 * rules' sender-side reasons, and the reasons of 5.7.x/4.7.x policy statuses that do not name the mailbox), a
 * generated bounce with a reply worded as real servers word it is parsed to that reason, treated as sender-side,
 * and diagnosed with at least one concrete check result against the test DNS server.
 */
import { parseBounce } from '@bounce/parser';
import { DEFAULT_RULE_CONFIG } from '@bounce/rules';
import { describe, expect, it } from 'vitest';
import type { DnsblList } from '../src/checks/dnsbl.js';
import { diagnoseSenderRejection } from '../src/diagnosis/diagnose-rejection.js';
import { senderEvidenceFromBounce } from '../src/evidence/extract-evidence.js';
import { makeBounce } from './bounces.js';
import { useTestDns } from './dns-fixture.js';

const dns = useTestDns();
const LISTS: DnsblList[] = [{ zone: 'bl.dnsbl.test', name: 'Test BL' }];

const TABLE = [
  { reason: 'blocked', reply: '550 5.7.1 Service unavailable; Client host [203.0.113.6] blocked using bl.dnsbl.test' },
  { reason: 'badreputation', reply: '550 5.7.1 Message rejected due to poor IP reputation of 203.0.113.6' },
  {
    reason: 'authfailure',
    reply: '550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass)',
  },
  { reason: 'requireptr', reply: '550 5.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.7]' },
  { reason: 'securityerror', reply: '530 5.7.0 Must issue a STARTTLS command first' },
  { reason: 'spamdetected', reply: '550 5.7.1 Message rejected as spam by Content Filtering' },
  { reason: 'policyviolation', reply: '550 5.7.1 Message rejected due to local policy' },
  {
    // Gmail's rate limit is 4.7.28; the same words under 4.7.0 or 5.7.1 are its block (as Sisimai's GoogleApps has it).
    reason: 'speeding',
    reply:
      '421 4.7.28 [203.0.113.5] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited.',
  },
] as const;

describe('every sender-side reason the parser produces', () => {
  it('covers the rules’ sender-side reasons', () => {
    const reasons: readonly string[] = TABLE.map((row) => row.reason);
    for (const reason of DEFAULT_RULE_CONFIG.senderSideReasons) expect(reasons, reason).toContain(reason);
  });

  for (const row of TABLE) {
    it(`${row.reason}: parsed, sender-side, diagnosed with a concrete check result`, async () => {
      const raw = makeBounce({ reply: row.reply });
      expect(parseBounce(raw).recipients[0]?.reason).toBe(row.reason);
      const [evidence, ...more] = senderEvidenceFromBounce(raw);
      expect(more).toEqual([]);
      if (!evidence) throw new Error(`${row.reason} is not treated as sender-side`);
      const d = await diagnoseSenderRejection(dns.client(), evidence, { dnsbls: LISTS });
      const concrete = d.checks.filter((c) => c.status === 'pass' || c.status === 'fail' || c.status === 'warn');
      expect(concrete.length).toBeGreaterThan(0);
      expect(d.groupKey).toBe(`microsoft|${d.cause}`);
      expect(d.explanation.de.split('\n')).toHaveLength(d.explanation.en.split('\n').length);
    });
  }
});
