/**
 * When did a DSN reach the bounce mailbox? Postfix's virtual(8) writes each message under tmp/ and renames it into
 * new/ (Maildir delivery), so the file's mtime is the moment of delivery to Dovecot's store, to the millisecond.
 * This watches the bounce user's Maildir for names it has not seen before: the start of the latency measured from
 * "DSN in the mailbox" to "rule applied".
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailServers } from '@bounce/test-servers';
import { pollUntil } from '@bounce/test-servers';

export type Arrival = { name: string; deliveredAt: number };

export class MaildirArrivals {
  private readonly seen = new Set<string>();

  /**
   * The INBOX Maildir of the bounce account, in @bounce/test-servers' layout (<run dir>/mail/<user>/Maildir); the
   * constructor fails loudly if that layout ever changes.
   */
  constructor(
    servers: Pick<MailServers, 'dir' | 'bounceUser'>,
    private readonly root = inboxMaildir(servers),
  ) {
    if (!existsSync(join(this.root, 'new')) && !existsSync(join(this.root, 'cur'))) {
      throw new Error(`no Maildir at ${this.root}: has the @bounce/test-servers layout changed?`);
    }
  }

  /** Remembers what is there now, so only later deliveries count. */
  async mark(): Promise<void> {
    for (const name of await this.names()) this.seen.add(name);
  }

  /** Waits for the next delivery not seen before; its time is the file's mtime. */
  async next(timeoutMs = 30_000): Promise<Arrival> {
    const name = await pollUntil(async () => (await this.names()).find((n) => !this.seen.has(n)), {
      timeoutMs,
      intervalMs: 5,
      what: 'a DSN in the bounce Maildir',
    });
    this.seen.add(name);
    const deliveredAt = await this.mtime(name);
    return { name, deliveredAt: deliveredAt ?? Date.now() };
  }

  /** Unique part of each file name (Dovecot appends ":2,<flags>" when it moves a message from new/ to cur/). */
  private async names(): Promise<string[]> {
    const out: string[] = [];
    for (const sub of ['new', 'cur']) {
      for (const file of await readdir(join(this.root, sub)).catch(() => [] as string[])) out.push(file.split(':')[0]!);
    }
    return out;
  }

  private async mtime(name: string): Promise<number | null> {
    for (const sub of ['new', 'cur']) {
      for (const file of await readdir(join(this.root, sub)).catch(() => [] as string[])) {
        if (file.split(':')[0] !== name) continue;
        try {
          return (await stat(join(this.root, sub, file))).mtimeMs;
        } catch {
          // moved meanwhile (new/ → cur/ or to the processed folder): try the next place
        }
      }
    }
    return null;
  }
}

export function inboxMaildir(servers: Pick<MailServers, 'dir' | 'bounceUser'>): string {
  return join(servers.dir, 'mail', servers.bounceUser, 'Maildir');
}

/** p-th percentile (0-100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}
