/**
 * IMAP sessions kept between fetches of the same mailbox, per process. With IDLE each new message is one fetch job;
 * a new session for each costs DNS, TCP, STARTTLS, login, LIST and SELECT (6+ round trips and a TLS handshake,
 * ~90 ms at low load and most of the fetch's CPU for one message), while a kept session, still logged in with the
 * source folder selected, needs one NOOP (the server then reports what arrived) before the UID SEARCH.
 *
 * A session is kept only after a fetch that succeeded, only for the mailbox settings it was opened with (the row's
 * updated_at: a new password, host or folder opens a new one), at most `keepMs` unused and `maxAgeMs` in all (an
 * OAuth session so gets a fresh token, and a revoked grant shows, at that pace at the latest). A fetch takes the
 * session out while it runs (the fetch lock already allows one fetch per mailbox at a time). One the server closed
 * meanwhile is dropped; one that fails its NOOP is closed and replaced by a new connection, not counted as the
 * mailbox's failure.
 */
import type { Mailbox } from '@bounce/db';
import { closeImap, type MailboxImapFlow } from '@bounce/mailbox-access';

type Kept = { client: MailboxImapFlow; version: number; openedAt: number; timer: NodeJS.Timeout; drop: () => void };

export type ImapSessionPoolOptions = {
  /** How long an unused session is kept. 0 turns keeping off. */
  keepMs: number;
  /** A session is not reused once this old (from its login). Default 10 min. */
  maxAgeMs?: number;
};

export class ImapSessionPool {
  private readonly kept = new Map<string, Kept>();
  /** Login time of every session this pool handed out or holds (for maxAgeMs). */
  private readonly openedAt = new WeakMap<MailboxImapFlow, number>();
  private closed = false;
  /** Sessions handed out again instead of a new connection (tests, diagnostics). */
  reused = 0;

  constructor(private readonly options: ImapSessionPoolOptions) {}

  /** The mailbox's kept session, taken out of the pool, or undefined (none, settings changed, too old, closed). */
  take(mailbox: Pick<Mailbox, 'id' | 'updatedAt'>): MailboxImapFlow | undefined {
    const entry = this.kept.get(mailbox.id);
    if (!entry) return undefined;
    this.forget(mailbox.id, entry);
    const tooOld = Date.now() - entry.openedAt >= (this.options.maxAgeMs ?? 10 * 60_000);
    if (entry.version !== mailbox.updatedAt.getTime() || tooOld || !entry.client.usable) {
      void closeImap(entry.client);
      return undefined;
    }
    this.reused++;
    return entry.client;
  }

  /** Records when a new session logged in (its age counts from there). */
  opened(client: MailboxImapFlow): void {
    this.openedAt.set(client, Date.now());
  }

  /** Keeps a session after a successful fetch (or closes it when keeping is off or the pool is closed). */
  keep(mailbox: Pick<Mailbox, 'id' | 'updatedAt'>, client: MailboxImapFlow): void {
    if (this.closed || this.options.keepMs <= 0 || !client.usable) {
      void closeImap(client);
      return;
    }
    const previous = this.kept.get(mailbox.id);
    if (previous) {
      this.forget(mailbox.id, previous);
      if (previous.client !== client) void closeImap(previous.client);
    }
    const drop = () => {
      if (this.kept.get(mailbox.id) !== entry) return;
      this.forget(mailbox.id, entry);
      void closeImap(client);
    };
    const entry: Kept = {
      client,
      version: mailbox.updatedAt.getTime(),
      openedAt: this.openedAt.get(client) ?? Date.now(),
      timer: setTimeout(drop, this.options.keepMs),
      drop,
    };
    entry.timer.unref();
    // Ended by the server (its own timeout, a restart): forget it rather than find it broken at the next fetch.
    client.on('close', entry.drop);
    this.kept.set(mailbox.id, entry);
  }

  private forget(mailboxId: string, entry: Kept): void {
    this.kept.delete(mailboxId);
    clearTimeout(entry.timer);
    entry.client.off('close', entry.drop);
  }

  /** Sessions kept now. */
  size(): number {
    return this.kept.size;
  }

  /** Logs out of every kept session; later sessions are closed instead of kept. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.kept.entries()];
    for (const [id, entry] of all) this.forget(id, entry);
    await Promise.all(all.map(([, entry]) => closeImap(entry.client)));
  }
}
