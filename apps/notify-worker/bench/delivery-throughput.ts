/**
 * Prints webhook fan-out and delivery throughput on this machine: N events to one local receiver (loopback
 * allowed), from outbox row to verified receipt. Needs the test PostgreSQL and Redis.
 * Run: pnpm --filter @bounce/notify-worker exec tsx bench/delivery-throughput.ts [events=500]
 */
import { createWebhookSubscription } from '@bounce/webhooks';
import { startHarness, startWebhookReceiver, waitUntil } from '../src/testing/harness.js';

const events = Number(process.argv[2] ?? 500);
const h = await startHarness();
const receiver = await startWebhookReceiver();
try {
  const { secret } = await createWebhookSubscription(
    { db: h.db.db, secretBox: h.secretBox, urlGuard: { allowLoopback: true } },
    { tenantId: 'acme', url: receiver.url('/bench') },
  );
  receiver.secrets = [secret];
  const started = performance.now();
  const emitted = new Map<string, number>();
  for (let i = 0; i < events; i++) {
    const { eventId } = await h.emit({ type: 'bounce.recorded', address: `user${i}@example.com`, payload: { i } });
    emitted.set(eventId, performance.now());
  }
  const emitMs = performance.now() - started;
  await waitUntil(() => receiver.received.length >= events, 120_000);
  const totalMs = performance.now() - started;
  const latencies = receiver.received
    .map((r) => r.at - (performance.timeOrigin + (emitted.get(String(r.json.id)) ?? 0)))
    .sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(0);
  console.log(`events: ${events}, all signatures valid: ${receiver.received.every((r) => r.verification.ok)}`);
  console.log(`emit (insert + enqueue): ${emitMs.toFixed(0)} ms; all delivered after ${totalMs.toFixed(0)} ms`);
  console.log(`throughput: ${((events / totalMs) * 1000).toFixed(0)} deliveries/s (webhook concurrency 5, fan-out 2)`);
  console.log(`emit→receipt latency ms: p50 ${pct(50)}, p95 ${pct(95)}, max ${pct(100)}`);
} finally {
  await receiver.close();
  await h.close();
}
