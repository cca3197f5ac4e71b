/** Shared by this app's tests: corpus messages stored as raw_messages rows, as the fetch worker stores them. */
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Database, rawMessages, tenants } from '@bounce/db';

export const CORPUS_DIR =
  process.env.BOUNCE_CORPUS_DIR ?? join(import.meta.dirname, '../../../../shared/corpus/dev/emails');

/** The first `count` corpus files (sorted by name for stable runs). */
export function corpusMessages(count: number): { file: string; content: Buffer }[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .slice(0, count)
    .map((file) => ({ file, content: readFileSync(join(CORPUS_DIR, file)) }));
}

export async function storeRawMessages(db: Database, tenantId: string, contents: readonly Buffer[]): Promise<string[]> {
  if (contents.length === 0) return [];
  const rows = await db
    .insert(rawMessages)
    .values(
      contents.map((content) => ({
        tenantId,
        sha256: createHash('sha256').update(content).digest('hex'),
        size: content.length,
        content,
      })),
    )
    .returning({ id: rawMessages.id });
  return rows.map((r) => r.id);
}

/** A fresh tenant per test: the same corpus message may be stored once per tenant (unique tenant + sha256). */
export async function newTenant(db: Database): Promise<string> {
  const id = `t-${randomBytes(4).toString('hex')}`;
  await db.insert(tenants).values({ id, name: id });
  return id;
}
