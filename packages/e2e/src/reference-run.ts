/**
 * What a run without faults commits: the same sends and bounces applied once, in-process, in a fresh database. The
 * fault and scale tests compare the pipeline's database with it (no bounce lost, none counted twice).
 */
import { createHash } from 'node:crypto';
import { applyBounces, type BounceItem, createTenant, recordSends } from '@bounce/db';
import { createTestDatabase, type TestDatabase } from '@bounce/db/testing';
import { parseBounce } from '@bounce/parser';
import { normalizeAddress } from '@bounce/rules';
import { type DistinctBounce, sendsFor } from './corpus.js';

export async function referenceRun(options: {
  label: string;
  tenantId: string;
  /** Every bounce the sends were recorded for (the sends of the pipeline's database). */
  sent: readonly DistinctBounce[];
  /** The bounces placed in the mailbox. */
  placed: readonly DistinctBounce[];
  sentAt: Date;
}): Promise<TestDatabase> {
  const ref = await createTestDatabase(`bounce_e2e_${options.label}_ref`);
  try {
    await createTenant(ref.db, { id: options.tenantId, name: 'Acme' });
    await recordSends(ref.db, options.tenantId, sendsFor(options.sent, options.sentAt));
    const items: BounceItem[] = options.placed
      .filter((b) => b.route === 'apply')
      .map((b) => ({
        parsed: parseBounce(b.content),
        rawSha256: createHash('sha256').update(b.content).digest('hex'),
      }));
    for (let i = 0; i < items.length; i += 200) await applyBounces(ref.db, options.tenantId, items.slice(i, i + 200));
    return ref;
  } catch (err) {
    await ref.drop();
    throw err;
  }
}

/** A recipient as the store keeps it: normalised, or trimmed and lower-cased. */
export function asStored(recipient: string): string {
  return normalizeAddress(recipient) ?? recipient.trim().toLowerCase();
}
