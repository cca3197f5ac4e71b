/**
 * A stored bounce message's content, for the API's raw view.
 */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { rawMessages } from '../schema.js';

/** `contentPurgedAt` set: the retention job removed the bytes (content is then empty); the row and verdicts stay. */
export type RawMessageContent = {
  id: string;
  size: number;
  receivedAt: Date;
  content: Buffer;
  contentPurgedAt: Date | null;
};

/** The stored raw message (whole content) of the tenant by id, or null. */
export async function getRawMessageContent(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<RawMessageContent | null> {
  const [row] = await db
    .select({
      id: rawMessages.id,
      size: rawMessages.size,
      receivedAt: rawMessages.receivedAt,
      content: rawMessages.content,
      contentPurgedAt: rawMessages.contentPurgedAt,
    })
    .from(rawMessages)
    .where(and(eq(rawMessages.tenantId, tenantId), eq(rawMessages.id, id)))
    .limit(1);
  return row ? { ...row, content: Buffer.from(row.content) } : null;
}
