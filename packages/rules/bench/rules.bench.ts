/**
 * Throughput of the pure rules: decide, resolveRuleConfig (validates every layer) and VERP sign/verify.
 * Prints figures; no assertions. Run: pnpm --filter @bounce/rules bench
 */
import { performance } from 'node:perf_hooks';
import {
  type AddressState,
  type BounceEvent,
  DEFAULT_RULE_CONFIG,
  decide,
  makeReturnPath,
  resolveRuleConfig,
  verifyReturnPath,
} from '../src/index.js';

function measure(name: string, iterations: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(iterations, 10_000); i++) fn(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  const perSecond = Math.round((iterations / ms) * 1000);
  console.log(
    `${name.padEnd(42)} ${perSecond.toLocaleString('en-US').padStart(12)} ops/s  ${((ms * 1000) / iterations).toFixed(2)} µs/op`,
  );
}

const base = new Date('2025-03-01T00:00:00Z').getTime();
const event = (i: number): BounceEvent => ({
  type: 'bounce',
  bounceId: `b${i}`,
  occurredAt: new Date(base + i * 60_000),
  class: i % 7 === 0 ? 'hard' : 'soft',
  reason: i % 7 === 0 ? 'userunknown' : 'mailboxfull',
  status: i % 7 === 0 ? '5.1.1' : '4.2.2',
  replyCode: i % 7 === 0 ? 550 : 452,
  diagnosticCode: '452 4.2.2 Mailbox full',
  remoteMta: 'mx.example.net',
  kind: 'bounce',
  category: i % 11 === 0 ? 'invoice' : 'newsletter',
  listId: 'list-1',
  recipientDomain: 'example.net',
});

const events = Array.from({ length: 1000 }, (_, i) => event(i));
let state: AddressState | null = null;
measure('decide (mixed hard/soft, folded state)', 500_000, (i) => {
  const d = decide(i % 6 === 0 ? null : state, events[i % 1000]!, DEFAULT_RULE_CONFIG);
  state = d.next;
});

const tenant = { softBounceThreshold: 3, exemptCategories: ['invoice', 'receipt'] };
const category = { softFailureWindowDays: 30 };
const list = { hardReasons: ['userunknown', 'hostunknown'] as BounceEvent['reason'][] };
measure('resolveRuleConfig (3 layers, validated)', 100_000, () => {
  resolveRuleConfig(tenant, category, list);
});

const secret = 'bench-secret-0123456789';
const ids = Array.from({ length: 1000 }, () => crypto.randomUUID());
measure('makeReturnPath (UUID)', 100_000, (i) => {
  makeReturnPath({ localPart: 'bounces', domain: 'mail.example.com', sendId: ids[i % 1000]!, secret });
});
const paths = ids.map((sendId) => makeReturnPath({ localPart: 'bounces', domain: 'mail.example.com', sendId, secret }));
measure('verifyReturnPath (2 secrets)', 100_000, (i) => {
  verifyReturnPath(paths[i % 1000]!, ['other-secret-0123456789', secret]);
});
