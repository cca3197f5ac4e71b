import { envBoolean, envDuration, envInt, loadEnvWith } from '@bounce/config';
import { checkOAuthProvidersEnv, mailboxNetworkEnv, oauthProvidersEnv } from '@bounce/mailbox-access';
import { secretsKeyEnv, workerEnv } from '@bounce/runtime';
import { z } from 'zod';

export const fetchWorkerEnvSchema = z
  .object({
    ...workerEnv(9100),
    /** Decrypts mailbox passwords and tokens (the API encrypts them with the same key). */
    ...secretsKeyEnv,
    /** Mailboxes fetched at once by this process (I/O bound). Default 4. */
    FETCH_CONCURRENCY: envInt(4, 1, 100),
    /**
     * Messages per batch, one parse job (and one apply transaction) each. Default 500 (DEFAULT_BATCH_SIZE of
     * fetch-mailbox.ts, where the measurement is); at most 1,000 (the parse job's limit).
     */
    FETCH_BATCH_SIZE: envInt(500, 1, 1000),
    /** Bytes of message content per batch (bounds memory whatever the message sizes). Default 32 MiB. */
    FETCH_BATCH_MAX_BYTES: envInt(32 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    /** Lease of the per-mailbox fetch lock, renewed every third of it while a fetch runs. Default 60 s. */
    FETCH_LOCK_TTL: envDuration(60_000),
    /** DNS + TCP + TLS budget per connection. Default 30 s. */
    IMAP_CONNECT_TIMEOUT: envDuration(30_000),
    /** Socket inactivity after which a connection is dropped. Default 5 min. */
    IMAP_SOCKET_TIMEOUT: envDuration(300_000),
    /**
     * How long a mailbox's IMAP session stays open after a fetch for the next one to reuse (IDLE: a fetch per new
     * message, without a new TLS handshake and login each). 0 = a new session per fetch. Default 60 s; kept below
     * IMAP_SOCKET_TIMEOUT.
     */
    IMAP_SESSION_KEEP: envDuration(60_000),
    /**
     * Allow tls mode "none" (IMAP and POP3) to any host, credentials in clear. Default false: cleartext only to
     * loopback or MAILBOX_ALLOWED_NETWORKS (the rule SMTP follows too).
     */
    IMAP_ALLOW_INSECURE_REMOTE: envBoolean(false),
    /** Where mailbox connections may go, checked at every poll: MAILBOX_ALLOWED_PORTS, MAILBOX_ALLOWED_NETWORKS, ... */
    ...mailboxNetworkEnv,
    /** Microsoft 365 and Google sign-in (OAUTH_MICROSOFT_*, OAUTH_GOOGLE_*): token refresh, device sign-in polling. */
    ...oauthProvidersEnv,
    /** How often pending Microsoft device sign-ins are polled (each at the interval the provider asks). Default 2 s. */
    OAUTH_DEVICE_POLL_INTERVAL: envDuration(2_000),
    /** Keep IMAP IDLE connections for mailboxes with use_idle. Default true. */
    IDLE_ENABLED: envBoolean(true),
    /** How often IDLE watchers are reconciled with the mailboxes (new, disabled, lost connections). Default 30 s. */
    IDLE_RESCAN_INTERVAL: envDuration(30_000),
    /** Lease of an IDLE connection (one process per mailbox). Default 30 s. */
    IDLE_LOCK_TTL: envDuration(30_000),
    /** How often the job schedulers are reconciled with the mailboxes table; 0 = only at start. Default 60 s. */
    MAILBOX_SYNC_INTERVAL: envDuration(60_000),
  })
  // A half-configured Microsoft or Google sign-in is refused here, naming the variable to set.
  .superRefine(checkOAuthProvidersEnv);

export type FetchWorkerEnv = z.infer<typeof fetchWorkerEnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): FetchWorkerEnv {
  return loadEnvWith(fetchWorkerEnvSchema, source);
}
