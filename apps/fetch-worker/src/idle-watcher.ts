/**
 * IMAP IDLE (RFC 2177): a connection per mailbox that sits in IDLE on the source folder, so the server announces a
 * new message (`* n EXISTS`) within a second and a fetch job is enqueued at once, instead of waiting for the next
 * poll (20 min by default).
 *
 * Several fetch-worker processes: exactly one holds the IDLE connection of a mailbox. Each process tries, every
 * `rescanIntervalMs`, to take a lease per mailbox (`<prefix>:idle-lock:<id>`, RedisLock: ttl 30 s, renewed every
 * 10 s). The holder keeps it while its connection lives; a process that dies stops renewing, and another one takes
 * the mailbox over within ttl + rescan interval. Missing an announcement meanwhile loses nothing: the scheduled
 * poll still runs, and a new watcher enqueues one fetch when it starts.
 *
 * IDLE connection failures are logged and counted in metrics but not towards the mailbox's consecutive failures:
 * the fetch jobs do that, once per attempt.
 *
 * A mailbox signed in with Microsoft 365 or Google (authMethod oauth2) watches the same way, logged in with an access
 * token (XOAUTH2/OAUTHBEARER). The server checks the token only at login, but a token is short-lived (about an hour)
 * and a provider may end sessions whose token has expired, so before it expires the watcher opens a second connection
 * with a fresh token (make before break: no announcement is missed) and closes the old one. Getting that fresh token
 * is also where a revoked grant shows: the refresh is refused, the mailbox is disabled with its operator event
 * (getMailboxAccessToken) and the watcher closes. A token the server refuses is forgotten, so the next attempt
 * refreshes it.
 */
import type { Logger, SecretBox } from '@bounce/config';
import { type Database, listEnabledMailboxes, loadMailboxForConnection, type Mailbox } from '@bounce/db';
import {
  type AccessTokenOptions,
  classifyImapError,
  closeImap,
  connectImap,
  forgetRefusedAccessToken,
  type ImapClientOptions,
  type MailboxConnection,
  type MailboxImapFlow,
  mailboxConnectionConfig,
  type OAuthProviders,
  REFRESH_MARGIN_MS,
} from '@bounce/mailbox-access';
import type { JobPayload, RedisConnection } from '@bounce/queue';
import { requestFetchNow } from '@bounce/queue';
import type { Queue } from 'bullmq';
import type { FetchMetrics } from './fetch-metrics.js';
import { RedisLock } from './redis-lock.js';

export type IdleManagerOptions = {
  db: Database;
  secrets: SecretBox;
  redis: RedisConnection;
  /** Queue prefix; the leases live beside the queues. */
  prefix: string;
  fetchQueue: Queue<JobPayload<'fetchMailbox'>>;
  logger: Logger;
  metrics?: FetchMetrics;
  imap?: ImapClientOptions;
  /** Microsoft 365 and Google sign-in, for mailboxes with authMethod oauth2. Default none. */
  oauthProviders?: OAuthProviders;
  /**
   * Access tokens of oauth2 mailboxes: an IDLE connection is renewed `refreshMarginMs` before its token expires
   * (then due for refresh). Default REFRESH_MARGIN_MS (5 min).
   */
  accessToken?: AccessTokenOptions;
  /** Lease ttl. Default 30 s. */
  lockTtlMs?: number;
  /** How often mailboxes are re-listed (new, disabled, changed) and lost connections re-opened. Default 30 s. */
  rescanIntervalMs?: number;
  /** IDLE is re-issued this often (servers end it after 30 min). Default 4 min, below the 5 min socket timeout. */
  maxIdleTimeMs?: number;
};

export class IdleManager {
  private readonly watchers = new Map<string, IdleWatcher>();
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private stopped = false;
  /** Every enabled mailbox of the last listing (IDLE or not): a mailbox not among them is new to this process. */
  private listed = new Set<string>();

  constructor(private readonly options: IdleManagerOptions) {
    this.log = options.logger.child({ component: 'idle' });
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.rescanIntervalMs ?? 30_000);
    this.timer.unref();
  }

  /** Mailbox ids this process watches right now. */
  watching(): string[] {
    return [...this.watchers.entries()].filter(([, w]) => w.isActive()).map(([id]) => id);
  }

  /**
   * Called for every fetch job: a mailbox this process has not listed yet (just registered) gets its IDLE watcher at
   * once instead of at the next rescan. One listing per new mailbox, so a busy queue costs nothing.
   */
  noticeMailbox(mailboxId: string): void {
    if (!this.stopped && !this.listed.has(mailboxId)) void this.refresh();
  }

  /** One reconciliation at a time; concurrent callers share it. */
  refresh(): Promise<void> {
    this.refreshing ??= this.reconcile()
      .catch((err) => this.log.error({ err }, 'IDLE refresh failed'))
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    const enabled = await listEnabledMailboxes(this.options.db);
    this.listed = new Set(enabled.map((m) => m.id));
    const wanted = new Map(enabled.filter((m) => m.useIdle && m.protocol === 'imap').map((m) => [m.id, m] as const));
    for (const [id, watcher] of this.watchers) {
      const mailbox = wanted.get(id);
      // Gone, disabled, IDLE turned off, settings changed, or the connection died: close (and maybe reopen below).
      if (!mailbox || !watcher.isActive() || mailbox.updatedAt.getTime() !== watcher.mailbox.updatedAt.getTime()) {
        await watcher.stop();
        this.watchers.delete(id);
      }
    }
    for (const [id, mailbox] of wanted) {
      if (this.stopped || this.watchers.has(id)) continue;
      const watcher = new IdleWatcher(mailbox, this.options, this.log);
      if (await watcher.start()) this.watchers.set(id, watcher);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.refreshing;
    await Promise.all([...this.watchers.values()].map((w) => w.stop()));
    this.watchers.clear();
  }
}

class IdleWatcher {
  private client: MailboxImapFlow | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private lock: RedisLock | null = null;
  private active = false;
  private stopping: Promise<void> | undefined;
  private readonly log: Logger;

  constructor(
    readonly mailbox: Mailbox,
    private readonly options: IdleManagerOptions,
    parentLog: Logger,
  ) {
    this.log = parentLog.child({ mailboxId: mailbox.id });
  }

  isActive(): boolean {
    return this.active;
  }

  /** True when this process now watches the mailbox; false when another holds it or the connection failed. */
  async start(): Promise<boolean> {
    const { options, mailbox } = this;
    this.lock = await RedisLock.acquire(
      options.redis,
      `${options.prefix}:idle-lock:${mailbox.id}`,
      options.lockTtlMs ?? 30_000,
    );
    if (!this.lock) return false;
    this.lock.signal.addEventListener('abort', () => {
      this.log.warn('IDLE lease lost, closing the connection');
      void this.stop();
    });
    try {
      const folder = await this.open();
      this.active = true;
      options.metrics?.idleConnections.inc();
      // Mail that arrived before the watch started would otherwise wait for the next poll.
      await this.trigger();
      this.log.info({ folder, oauthMechanism: this.client?.oauthMechanism }, 'IDLE watching');
      return true;
    } catch (err) {
      await this.failed(err, 'IDLE connection failed');
      return false;
    }
  }

  /**
   * Connects (with a fresh access token for oauth2 mailboxes), selects the source folder and enters IDLE; the new
   * connection replaces the current one, which is closed only then. Returns the folder watched.
   */
  private async open(): Promise<string> {
    const { options, mailbox } = this;
    const loaded = await loadMailboxForConnection(options.db, options.secrets, mailbox.id);
    if (!loaded?.mailbox.enabled) throw new Error('mailbox disabled or deleted');
    const config = await mailboxConnectionConfig(
      {
        db: options.db,
        secrets: options.secrets,
        oauthProviders: options.oauthProviders,
        accessToken: options.accessToken,
      },
      loaded,
    );
    const client = await connectImap(config, {
      ...options.imap,
      logger: options.logger,
      autoIdle: true,
      maxIdleTimeMs: options.maxIdleTimeMs ?? 240_000,
    });
    client.on('exists', (data: { count: number; prevCount: number }) => {
      if (client === this.client && data.count > data.prevCount) void this.trigger();
    });
    client.on('close', () => {
      // A connection replaced by its renewal closes on purpose.
      if (client !== this.client) return;
      if (this.active) this.log.warn('IDLE connection closed; reopened at the next rescan');
      void this.stop();
    });
    try {
      await client.mailboxOpen(loaded.mailbox.sourceFolder, { readOnly: true });
    } catch (err) {
      await closeImap(client);
      throw classifyImapError(err);
    }
    if (this.stopping) {
      await closeImap(client);
      throw new Error('stopped while connecting');
    }
    const previous = this.client;
    this.client = client;
    await closeImap(previous);
    // Enter IDLE now rather than after imapflow's auto-IDLE delay; it restarts by itself after each command.
    void client.idle().catch(() => {});
    this.scheduleRenewal(config);
    return loaded.mailbox.sourceFolder;
  }

  /**
   * oauth2 mailboxes: reconnect once the token is due for refresh (its expiry less the refresh margin), or halfway
   * to its expiry when the provider's tokens live shorter than the margin, and never sooner than a second.
   */
  private scheduleRenewal(config: MailboxConnection): void {
    clearTimeout(this.renewTimer);
    if (!config.accessTokenExpiresAt) return;
    const margin = this.options.accessToken?.refreshMarginMs ?? REFRESH_MARGIN_MS;
    const left = config.accessTokenExpiresAt.getTime() - Date.now();
    // setTimeout's longest delay is 2^31-1 ms (~24.8 days).
    const delay = Math.min(Math.max(left - margin, left / 2, 1_000), 2 ** 31 - 1);
    this.renewTimer = setTimeout(() => void this.renew(), delay);
    this.renewTimer.unref();
  }

  private async renew(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.open();
      this.options.metrics?.idleRenewals.inc();
      this.log.info(
        { oauthMechanism: this.client?.oauthMechanism },
        'IDLE connection renewed with a fresh access token',
      );
    } catch (err) {
      await this.failed(err, 'IDLE renewal failed');
    }
  }

  /** Counts and logs a failure, forgets an access token the server refused, and closes the watch. */
  private async failed(err: unknown, message: string): Promise<void> {
    const failure = classifyImapError(err);
    this.options.metrics?.mailboxErrors.inc({ kind: failure.kind, source: 'idle' });
    this.log.warn({ kind: failure.kind, error: failure.message }, message);
    await forgetRefusedAccessToken(this.options.db, this.mailbox, failure).catch((e: unknown) =>
      this.log.error({ err: e }, 'could not forget the refused access token'),
    );
    await this.stop();
  }

  private async trigger(): Promise<void> {
    try {
      await requestFetchNow(this.options.fetchQueue, this.mailbox.id, 'idle');
      this.options.metrics?.idleTriggers.inc();
    } catch (err) {
      this.log.error({ err }, 'could not enqueue the IDLE fetch');
    }
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.active) this.options.metrics?.idleConnections.dec();
      this.active = false;
      clearTimeout(this.renewTimer);
      await closeImap(this.client);
      await this.lock?.release();
    })();
    return this.stopping;
  }
}
