/**
 * Test fixtures shared by the worker apps' tests: development-corpus messages stored as raw_messages rows (without a
 * mailbox location, as if fetched and then moved), and a fresh tenant per test. Test-only, like createTestDatabase.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../client.js';
import { sha256Hex } from '../raw-messages/fetch-stage.js';
import { rawMessages, tenants } from '../schema.js';

/** The corpus beside the repository (CI checks out ../shared next to it), or BOUNCE_CORPUS_DIR. */
export const TEST_CORPUS_DIR =
  process.env.BOUNCE_CORPUS_DIR ?? join(import.meta.dirname, '../../../../../shared/corpus/dev/emails');

/** The first `count` corpus files (sorted by name for stable runs). */
export function corpusMessages(count: number): { file: string; content: Buffer }[] {
  return readdirSync(TEST_CORPUS_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .slice(0, count)
    .map((file) => ({ file, content: readFileSync(join(TEST_CORPUS_DIR, file)) }));
}

/** Inserts the contents as received raw messages of the tenant; returns their ids in input order. */
export async function storeTestRawMessages(
  db: Executor,
  tenantId: string,
  contents: readonly Buffer[],
): Promise<string[]> {
  if (contents.length === 0) return [];
  const rows = await db
    .insert(rawMessages)
    .values(contents.map((content) => ({ tenantId, sha256: sha256Hex(content), size: content.length, content })))
    .returning({ id: rawMessages.id });
  return rows.map((r) => r.id);
}

/** A fresh tenant per test: the same corpus message may be stored once per tenant (unique tenant + sha256). */
export async function newTestTenant(db: Executor): Promise<string> {
  const id = `t-${randomBytes(4).toString('hex')}`;
  await db.insert(tenants).values({ id, name: id });
  return id;
}
