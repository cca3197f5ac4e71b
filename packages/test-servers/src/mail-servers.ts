import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { getFreePorts, waitForPort } from './ports.js';
import {
  type CommandError,
  killAndRemoveSync,
  run,
  runWithTerminal,
  type ServerProcess,
  spawnServer,
  spawnWatchdog,
  stopServer,
  tailFile,
} from './processes.js';
import { renderTemplateFile } from './render-template.js';
import { BOUNCE_DOMAIN, SCENARIO_ADDRESSES } from './scenarios.js';

/** Config templates kept in the repo (infra/test-servers), rendered into each run's temp dir. */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../../infra/test-servers/', import.meta.url));

/** virtual(8), dovecot-lda and Dovecot's userdb all use this uid/gid for the Maildirs. */
const MAIL_UID = 65534;
const HOST = '127.0.0.1';
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class MailServerError extends Error {
  override readonly name = 'MailServerError';
}

export type MailUser = {
  name: string;
  password: string;
  /** Dovecot quota in bytes (delivered through dovecot-lda, so Postfix bounces when it is exceeded). Default none. */
  quotaBytes?: number;
  /** With a quota: defer (4.x) instead of rejecting when full. Default false. */
  quotaTempfail?: boolean;
};

export type MailServerOptions = {
  /** Fixed ports; any left out is picked free (so test files can run side by side). */
  ports?: Partial<MailServerPorts>;
  /** IMAP login of the bounce mailbox (also its address local part at mta.test). Default "bounces". */
  bounceUser?: string;
  /** Default: random per run. */
  bouncePassword?: string;
  /** Extra IMAP users (no ':' in passwords). */
  users?: MailUser[];
  /**
   * Postfix delay_warning_time: when a deferred message gets a "delayed" DSN. Default "1s": qmgr sends the notice
   * when it defers the message and the next attempt would come after that time, so with 1 s (the shortest backoff)
   * the first failed attempt sends it. Longer (the former "3s") makes the notice wait for a retry from the deferred
   * queue, on qmgr's queue scans and backoff timers, which a loaded machine stretches.
   */
  delayWarningTime?: string;
  /** Postfix maximal_queue_lifetime (and bounce_queue_lifetime): when a deferred message finally bounces. Default "1h". */
  maximalQueueLifetime?: string;
  /** How long to wait for every port to accept connections. Default 15 s. */
  startTimeoutMs?: number;
  /** Keep the run directory after stop() (debugging). Default false. */
  keepDir?: boolean;
  /**
   * Token introspection endpoint (RFC 7662) of an OAuth server (startTestOAuthServer's): Dovecot then accepts
   * XOAUTH2 and OAUTHBEARER logins through its oauth2 passdb, the token's `username` naming the user. Default none.
   */
  oauth2IntrospectionUrl?: string;
  /**
   * With oauth2IntrospectionUrl: the OAuth mechanisms Dovecot offers (IMAP AUTH=, POP3 SASL, and through its SASL
   * socket SMTP AUTH), e.g. ['xoauth2'] to play Microsoft 365, which offers no OAUTHBEARER. Default both (Google's).
   */
  oauth2Mechanisms?: readonly ('xoauth2' | 'oauthbearer')[];
  /**
   * Submission as a mail provider offers it: Postfix on two more ports, STARTTLS (587-style, TLS required before
   * AUTH) and implicit TLS (465-style), both on the self-signed certificate, with SASL through Dovecot's auth
   * (PLAIN/LOGIN against the users file, and XOAUTH2/OAUTHBEARER by introspection when oauth2IntrospectionUrl is
   * set); relaying only after login, local delivery to mta.test for anyone. Default off.
   */
  submission?: boolean;
  /**
   * The certificate Dovecot and submission present: by default self-signed for localhost and 127.0.0.1; with this,
   * issued by a fresh test authority (its PEM is `caCertificatePem`) for exactly these names, to test trusting an
   * extra CA and host-name mismatches (a client connecting to 127.0.0.1 under another name).
   */
  certificateFor?: { dnsNames: string[]; ipAddresses?: string[] };
};

export type MailServerPorts = {
  smtp: number;
  remoteSmtp: number;
  imap: number;
  imaps: number;
  /** POP3 with STLS (RFC 2595). */
  pop3: number;
  /** POP3 over implicit TLS. */
  pop3s: number;
};

export type SendMailOptions = {
  subject?: string;
  text?: string;
  /** Header From; default the envelope sender. */
  from?: string;
  messageId?: string;
  headers?: Record<string, string>;
  /** A complete RFC 5322 message instead of subject/text/headers. */
  raw?: string | Buffer;
};

export type SentMail = { messageId: string; accepted: string[]; rejected: string[]; response: string };

export type MailboxSelector = { user?: string; folder?: string };

export type MailServers = {
  host: string;
  smtpPort: number;
  remoteSmtpPort: number;
  imapPort: number;
  imapsPort: number;
  /** POP3 of the same mailboxes (STLS on this port). */
  pop3Port: number;
  pop3sPort: number;
  domain: string;
  bounceUser: string;
  bouncePassword: string;
  /** bounces@mta.test: use it (or bounces+token@mta.test) as envelope sender so DSNs land in the bounce mailbox. */
  bounceAddress: string;
  /** With options.submission: the STARTTLS and implicit-TLS submission ports (SASL through Dovecot). */
  submission?: { starttlsPort: number; implicitTlsPort: number };
  addresses: typeof SCENARIO_ADDRESSES;
  /** PEM of the self-signed certificate Dovecot presents (for tests that pin it instead of allowing invalid certs). */
  certificatePem: string;
  /** With options.certificateFor: the test authority that issued the certificate. */
  caCertificatePem?: string;
  dir: string;
  /** Submits a message over SMTP with the given envelope (from = return path). */
  sendMail: (from: string, to: string | string[], options?: SendMailOptions) => Promise<SentMail>;
  /** Messages currently in a folder (Maildir files: exactly what IMAP shows, including \Deleted not yet expunged). */
  countMessages: (selector?: MailboxSelector) => Promise<number>;
  /** Resolves with the count once a folder holds at least `count` messages; rejects after the timeout (default 15 s). */
  waitForMessages: (count: number, selector?: MailboxSelector & { timeoutMs?: number }) => Promise<number>;
  /** Expunges every message of every folder; with deleteFolders also removes folders other than INBOX. */
  clearMailbox: (options?: { user?: string; deleteFolders?: boolean }) => Promise<void>;
  /**
   * Writes messages straight into a Maildir folder (as a delivery agent would), for bulk scenarios where SMTP or
   * APPEND would dominate the run time: 20,000 messages take about a second. Dovecot indexes them on next access.
   */
  placeMessages: (messages: readonly (string | Buffer)[], selector?: MailboxSelector) => Promise<void>;
  /** Adds an IMAP user (Dovecot re-reads its users file; Postfix reloads its maps for delivery). */
  addUser: (user: MailUser) => Promise<void>;
  /** Retries deferred mail now (postqueue -f). */
  flushQueue: () => Promise<void>;
  /** Deletes everything in the Postfix queue (postsuper -d ALL). */
  clearQueue: () => Promise<void>;
  /** What is in the Postfix queue (postqueue -p), for failure messages. */
  queueState: () => Promise<string>;
  /**
   * Every Postfix log line of the mail to a recipient: its queue ids' lines (each delivery attempt, the delay or
   * non-delivery notification) and those of the notifications themselves, for failure messages. The log tail alone
   * shows only the last seconds of retries.
   */
  mailTrail: (recipient: string) => string;
  /** Current Postfix and Dovecot logs (for failure messages). */
  logs: () => { postfix: string; dovecot: string; lda: string };
  stop: () => Promise<void>;
};

type Layout = {
  base: string;
  postfix: string;
  postfixEtc: string;
  dovecot: string;
  mail: string;
  log: string;
};

const live = new Set<{ pids: (number | undefined)[]; dir: string; keep: boolean }>();
let exitHookInstalled = false;

/**
 * Starts a private Postfix and Dovecot on free localhost ports, configured from infra/test-servers: a bounce
 * mailbox (IMAP with STARTTLS and IMAPS on a self-signed certificate), and recipients that fail in every way a
 * bounce processor must understand (SCENARIO_ADDRESSES). Needs root (Postfix's master) and the Debian packages
 * (scripts/install-system-deps.sh). Each call gets its own directory and ports; stop() ends both servers.
 */
export async function startMailServers(options: MailServerOptions = {}): Promise<MailServers> {
  preflight();
  const fixedPorts = options.ports !== undefined && Object.keys(options.ports).length === 6;
  const attempts = fixedPorts ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      lastError = err;
      // A port picked free may have been taken meanwhile by another test file: try again with fresh ports.
      if (!(err instanceof MailServerError) || !/Address already in use|bind/i.test(err.message)) break;
    }
  }
  throw lastError;
}

function preflight(): void {
  if (process.getuid?.() !== 0) {
    throw new MailServerError('the test mail servers need root: Postfix runs its master process as root');
  }
  for (const binary of [
    '/usr/sbin/postfix',
    '/usr/sbin/dovecot',
    '/usr/bin/openssl',
    '/usr/lib/dovecot/dovecot-lda',
    '/usr/lib/dovecot/pop3',
  ]) {
    if (!existsSync(binary)) {
      throw new MailServerError(
        `${binary} is missing: run scripts/install-system-deps.sh (postfix, dovecot-imapd, dovecot-pop3d)`,
      );
    }
  }
}

async function startOnce(options: MailServerOptions): Promise<MailServers> {
  const bounceUser = options.bounceUser ?? 'bounces';
  const bouncePassword = options.bouncePassword ?? `pw-${randomBytes(9).toString('base64url')}`;
  const users: MailUser[] = [
    { name: bounceUser, password: bouncePassword },
    { name: 'full', password: randomBytes(9).toString('hex'), quotaBytes: 1 },
    { name: 'fulltemp', password: randomBytes(9).toString('hex'), quotaBytes: 1, quotaTempfail: true },
    ...(options.users ?? []),
  ];
  for (const u of users) validateUser(u);

  const [smtp, remoteSmtp, imap, imaps, pop3, pop3s, submission, submissions] = await getFreePorts(
    options.submission ? 8 : 6,
  );
  const submissionPorts = options.submission ? { starttlsPort: submission!, implicitTlsPort: submissions! } : undefined;
  const postfixPorts = (p: MailServerPorts) => [
    p.smtp,
    p.remoteSmtp,
    ...(submissionPorts ? [submissionPorts.starttlsPort, submissionPorts.implicitTlsPort] : []),
  ];
  const ports: MailServerPorts = {
    smtp: smtp!,
    remoteSmtp: remoteSmtp!,
    imap: imap!,
    imaps: imaps!,
    pop3: pop3!,
    pop3s: pop3s!,
    ...options.ports,
  };

  const base = await mkdtemp(join(tmpdir(), 'bounce-mail-'));
  // mkdtemp makes 0700; virtual(8) and Dovecot's mail processes run as nobody and must traverse it (pitfall 4).
  await chmod(base, 0o755);
  const layout: Layout = {
    base,
    postfix: join(base, 'postfix'),
    postfixEtc: join(base, 'postfix', 'etc'),
    dovecot: join(base, 'dovecot'),
    mail: join(base, 'mail'),
    log: join(base, 'log'),
  };
  const entry = { pids: [] as (number | undefined)[], dir: base, keep: options.keepDir ?? false };
  live.add(entry);
  installExitHook();

  let postfix: ServerProcess | undefined;
  let dovecot: ServerProcess | undefined;
  let watchdog: ReturnType<typeof spawnWatchdog> | undefined;
  const stopAll = async () => {
    if (watchdog?.pid) {
      try {
        process.kill(watchdog.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await Promise.all([
      postfix ? stopServer(postfix, postfixPorts(ports)) : undefined,
      dovecot ? stopServer(dovecot, [ports.imap, ports.imaps, ports.pop3, ports.pop3s]) : undefined,
    ]);
    live.delete(entry);
    if (!entry.keep) await rm(base, { recursive: true, force: true });
  };

  try {
    await writeConfig(layout, ports, users, bounceUser, options, submissionPorts);
    await (options.certificateFor
      ? makeCaIssuedCertificate(layout.dovecot, options.certificateFor)
      : makeCertificate(layout.dovecot));
    const daemonDir = (await run('/usr/sbin/postconf', ['-c', layout.postfixEtc, '-h', 'daemon_directory'])).trim();
    postfix = spawnServer(
      'postfix',
      join(daemonDir, 'master'),
      ['-c', layout.postfixEtc, '-s'],
      join(layout.log, 'postfix-master.out'),
    );
    dovecot = spawnServer(
      'dovecot',
      '/usr/sbin/dovecot',
      ['-F', '-c', join(layout.dovecot, 'dovecot.conf')],
      join(layout.log, 'dovecot.out'),
    );
    entry.pids.push(postfix.child.pid, dovecot.child.pid);
    watchdog = spawnWatchdog(
      entry.pids.filter((p): p is number => p !== undefined),
      base,
    );

    const timeoutMs = options.startTimeoutMs ?? 15_000;
    const pf = postfix;
    const dc = dovecot;
    await Promise.all([
      ...postfixPorts(ports).map((port) => waitForPort(port, { open: true, timeoutMs, isAborted: pf.exited })),
      ...[ports.imap, ports.imaps, ports.pop3, ports.pop3s].map((port) =>
        waitForPort(port, { open: true, timeoutMs, isAborted: dc.exited }),
      ),
    ]);
  } catch (err) {
    const logs = readLogs(layout);
    // `postfix check` names configuration mistakes the master log may not (it needs a terminal: pitfall 1).
    const check = await runWithTerminal(`/usr/sbin/postfix -c ${layout.postfixEtc} check`).then(
      (out) => out,
      (e: CommandError) => e.output || e.message,
    );
    await stopAll();
    throw new MailServerError(
      `test mail servers did not start: ${(err as Error).message}\n--- postfix ---\n${logs.postfix}\n--- postfix check ---\n${check}\n--- dovecot ---\n${logs.dovecot}`,
    );
  }

  const certificatePem = await readFile(join(layout.dovecot, 'cert.pem'), 'utf8');
  const transport = createTransport({ host: HOST, port: ports.smtp, secure: false, ignoreTLS: true });
  let stopped: Promise<void> | undefined;

  const servers: MailServers = {
    host: HOST,
    smtpPort: ports.smtp,
    remoteSmtpPort: ports.remoteSmtp,
    imapPort: ports.imap,
    imapsPort: ports.imaps,
    pop3Port: ports.pop3,
    pop3sPort: ports.pop3s,
    domain: BOUNCE_DOMAIN,
    bounceUser,
    bouncePassword,
    bounceAddress: `${bounceUser}@${BOUNCE_DOMAIN}`,
    ...(submissionPorts ? { submission: submissionPorts } : {}),
    addresses: SCENARIO_ADDRESSES,
    certificatePem,
    ...(options.certificateFor ? { caCertificatePem: await readFile(join(layout.dovecot, 'ca.pem'), 'utf8') } : {}),
    dir: base,

    async sendMail(from, to, opts = {}) {
      const recipients = Array.isArray(to) ? to : [to];
      const info = await transport.sendMail({
        envelope: { from, to: recipients },
        ...(opts.raw !== undefined
          ? { raw: opts.raw }
          : {
              from: opts.from ?? from,
              to: recipients,
              subject: opts.subject ?? 'Test message',
              text: opts.text ?? 'Hello from the bounce test suite.\n',
              messageId: opts.messageId ?? `<${randomBytes(8).toString('hex')}@app.test>`,
              headers: opts.headers ?? {},
            }),
      });
      return {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        rejected: info.rejected.map(String),
        response: info.response,
      };
    },

    countMessages: (selector = {}) => countMaildir(layout, selector.user ?? bounceUser, selector.folder ?? 'INBOX'),

    async waitForMessages(count, selector = {}) {
      const timeoutMs = selector.timeoutMs ?? 15_000;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const n = await countMaildir(layout, selector.user ?? bounceUser, selector.folder ?? 'INBOX');
        if (n >= count) return n;
        if (Date.now() > deadline) {
          throw new MailServerError(
            `expected ${count} message(s) in ${selector.user ?? bounceUser}/${selector.folder ?? 'INBOX'}, found ${n} after ${timeoutMs} ms\n--- postfix ---\n${readLogs(layout).postfix}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    async placeMessages(messages, selector = {}) {
      const user = selector.user ?? bounceUser;
      const dir = maildirPath(layout, user, selector.folder ?? 'INBOX');
      for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(dir, sub), { recursive: true });
      await chownTree(join(layout.mail, user));
      // Maildir delivery: write under tmp/, then rename into new/ (atomic: Dovecot never sees half a message).
      const stamp = `${Math.floor(Date.now() / 1000)}.P${process.pid}R${randomBytes(4).toString('hex')}`;
      for (let i = 0; i < messages.length; i += 200) {
        await Promise.all(
          messages.slice(i, i + 200).map(async (m, k) => {
            const name = `${stamp}Q${i + k}.test`;
            await writeFile(join(dir, 'tmp', name), m);
            await chown(join(dir, 'tmp', name), MAIL_UID, MAIL_UID);
            await rename(join(dir, 'tmp', name), join(dir, 'new', name));
          }),
        );
      }
    },

    async clearMailbox(opts = {}) {
      const user = opts.user ?? bounceUser;
      const conf = join(layout.dovecot, 'dovecot.conf');
      await run('/usr/bin/doveadm', ['-c', conf, 'expunge', '-u', user, 'mailbox', '*', 'all']);
      if (opts.deleteFolders) {
        const list = await run('/usr/bin/doveadm', ['-c', conf, 'mailbox', 'list', '-u', user]);
        // Children before parents, so "A/B" goes before "A".
        const folders = list
          .split('\n')
          .map((l) => l.trim())
          .filter((f) => f && f !== 'INBOX')
          .sort((a, b) => b.length - a.length);
        for (const folder of folders) {
          // A parent that exists only as a path ("Archive" of "Archive/2024") is gone with its last child.
          await run('/usr/bin/doveadm', ['-c', conf, 'mailbox', 'delete', '-u', user, '-s', folder]).catch((err) => {
            if (!/doesn't exist/.test((err as Error).message)) throw err;
          });
        }
      }
    },

    async addUser(user) {
      validateUser(user);
      users.push(user);
      await writeUserFiles(layout, users);
      // New maps take effect in new Postfix processes; SIGHUP makes the master replace the running ones.
      if (postfix?.child.pid) process.kill(postfix.child.pid, 'SIGHUP');
    },

    async flushQueue() {
      await run('/usr/sbin/postqueue', ['-c', layout.postfixEtc, '-f']);
    },

    async clearQueue() {
      await run('/usr/sbin/postsuper', ['-c', layout.postfixEtc, '-d', 'ALL']);
    },

    queueState: () =>
      run('/usr/sbin/postqueue', ['-c', layout.postfixEtc, '-p']).catch((err: Error) => `postqueue -p: ${err.message}`),

    mailTrail: (recipient) => mailTrail(layout, recipient),

    logs: () => readLogs(layout),

    stop() {
      stopped ??= (async () => {
        transport.close();
        await stopAll();
      })();
      return stopped;
    },
  };
  return servers;
}

function validateUser(user: MailUser): void {
  if (!USER_NAME.test(user.name)) throw new MailServerError(`invalid mail user name "${user.name}"`);
  if (/[:\n\r]/.test(user.password) || user.password.length === 0) {
    throw new MailServerError(`invalid password for mail user "${user.name}" (empty, or contains ':' or a newline)`);
  }
}

async function writeConfig(
  layout: Layout,
  ports: MailServerPorts,
  users: MailUser[],
  bounceUser: string,
  options: MailServerOptions,
  submission?: { starttlsPort: number; implicitTlsPort: number },
): Promise<void> {
  for (const dir of [
    layout.postfixEtc,
    join(layout.dovecot, 'run'),
    join(layout.dovecot, 'state'),
    layout.mail,
    layout.log,
  ]) {
    await mkdir(dir, { recursive: true });
  }
  await makePostfixDirectories(layout.postfix);
  await chown(layout.mail, MAIL_UID, MAIL_UID);
  // dovecot-lda runs as nobody and writes its own log.
  await writeFile(join(layout.log, 'dovecot-lda.log'), '');
  await chown(join(layout.log, 'dovecot-lda.log'), MAIL_UID, MAIL_UID);

  const oauth2Mechanisms = (options.oauth2Mechanisms ?? ['xoauth2', 'oauthbearer']).join(' ');
  const values = {
    BASE_DIR: layout.base,
    POSTFIX_DIR: layout.postfix,
    DOVECOT_DIR: layout.dovecot,
    MAIL_DIR: layout.mail,
    LOG_DIR: layout.log,
    SMTP_PORT: ports.smtp,
    REMOTE_SMTP_PORT: ports.remoteSmtp,
    IMAP_PORT: ports.imap,
    IMAPS_PORT: ports.imaps,
    POP3_PORT: ports.pop3,
    POP3S_PORT: ports.pop3s,
    BOUNCE_USER: bounceUser,
    INSTANCE_NAME: `bouncetest-${randomBytes(4).toString('hex')}`,
    DELAY_WARNING_TIME: options.delayWarningTime ?? '1s',
    MAXIMAL_QUEUE_LIFETIME: options.maximalQueueLifetime ?? '1h',
    QUOTA_TRANSPORTS: quotaTransports(users),
    OAUTH2_MECHANISMS: options.oauth2IntrospectionUrl ? ` ${oauth2Mechanisms}` : '',
    OAUTH2_PASSDB: options.oauth2IntrospectionUrl
      ? `passdb {\n  driver = oauth2\n  mechanisms = ${oauth2Mechanisms}\n  args = ${join(layout.dovecot, 'oauth2.conf.ext')}\n}`
      : '',
    OAUTH2_INTROSPECTION_URL: options.oauth2IntrospectionUrl ?? '',
    SUBMISSION_SERVICES: submission ? submissionServices(layout, submission) : '',
    SASL_LISTENER: submission
      ? `unix_listener ${join(layout.dovecot, 'run', 'postfix-auth')} {\n    mode = 0666\n  }`
      : '',
  };
  for (const name of ['main.cf', 'master.cf', 'transport', 'remote_access', 'virtual_alias']) {
    await writeFile(join(layout.postfixEtc, name), renderTemplateFile(join(TEMPLATE_DIR, 'postfix', name), values));
  }
  await writeFile(
    join(layout.dovecot, 'dovecot.conf'),
    renderTemplateFile(join(TEMPLATE_DIR, 'dovecot', 'dovecot.conf'), values),
  );
  if (options.oauth2IntrospectionUrl) {
    await writeFile(
      join(layout.dovecot, 'oauth2.conf.ext'),
      renderTemplateFile(join(TEMPLATE_DIR, 'dovecot', 'oauth2.conf.ext'), values),
    );
  }
  await writeUserFiles(layout, users);
}

/**
 * The submission listeners of options.submission (master.cf lines): SASL through Dovecot's auth socket, TLS on
 * Dovecot's certificate, relaying only for logged-in clients (mynetworks does not count here).
 */
function submissionServices(layout: Layout, ports: { starttlsPort: number; implicitTlsPort: number }): string {
  const common = [
    `smtpd_tls_cert_file=${join(layout.dovecot, 'cert.pem')}`,
    `smtpd_tls_key_file=${join(layout.dovecot, 'key.pem')}`,
    'smtpd_tls_security_level=encrypt',
    'smtpd_tls_auth_only=yes',
    'smtpd_sasl_auth_enable=yes',
    'smtpd_sasl_type=dovecot',
    `smtpd_sasl_path=${join(layout.dovecot, 'run', 'postfix-auth')}`,
    'smtpd_sasl_security_options=noanonymous',
    'smtpd_relay_restrictions=permit_sasl_authenticated,reject_unauth_destination',
  ].map((o) => `  -o ${o}`);
  return [
    // smtpd's TLS needs the TLS manager (session cache, entropy); without TLS the other listeners never ask for it.
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    `127.0.0.1:${ports.starttlsPort} inet n - n - - smtpd`,
    '  -o syslog_name=postfix/submission',
    ...common,
    `127.0.0.1:${ports.implicitTlsPort} inet n - n - - smtpd`,
    '  -o syslog_name=postfix/submissions',
    '  -o smtpd_tls_wrappermode=yes',
    ...common,
  ].join('\n');
}

/**
 * Postfix waits until main.cf and its maps are a couple of seconds old before reading them (protection against
 * reading a file still being written), which would add 2 s to every start: date the fresh files in the past.
 */
async function ageConfigFiles(dir: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  for (const name of await readdir(dir)) await utimes(join(dir, name), past, past);
}

/** Users with a quota are delivered by dovecot-lda (which enforces it); everyone else by virtual(8). */
function quotaTransports(users: MailUser[]): string {
  return users
    .filter((u) => u.quotaBytes !== undefined)
    .map((u) => `${u.name}@${BOUNCE_DOMAIN} dovecot:`)
    .join('\n');
}

async function writeUserFiles(layout: Layout, users: MailUser[]): Promise<void> {
  // passwd-file format: user:{scheme}password:uid:gid:gecos:home:shell:extra fields (uid/gid/home from defaults).
  const passwd = users
    .map((u) => {
      const extra: string[] = [];
      if (u.quotaBytes !== undefined) extra.push(`userdb_quota_rule=*:storage=${Math.max(1, u.quotaBytes)}B`);
      if (u.quotaTempfail) extra.push('userdb_quota_full_tempfail=yes');
      return `${u.name}:{PLAIN}${u.password}::::::${extra.join(' ')}`;
    })
    .join('\n');
  await writeFile(join(layout.dovecot, 'users'), `${passwd}\n`);
  const mailboxes = users.map((u) => `${u.name}@${BOUNCE_DOMAIN} ${u.name}/Maildir/`).join('\n');
  await writeFile(join(layout.postfixEtc, 'virtual_mailbox'), `${mailboxes}\n`);
  const transport = join(layout.postfixEtc, 'transport');
  if (existsSync(transport)) {
    // Keep the quota routing in step with the users (the rest of the file comes from the template).
    const current = await readFile(transport, 'utf8');
    const withoutQuota = current
      .split('\n')
      .filter((l) => !/ dovecot:$/.test(l))
      .join('\n')
      .trimEnd();
    await writeFile(transport, `${withoutQuota}\n${quotaTransports(users)}\n`);
  }
  await ageConfigFiles(layout.postfixEtc);
}

/**
 * The queue and data directories with the owners and modes of /etc/postfix/postfix-files. `postfix check` would
 * create them too (pitfall 3), but it runs dozens of shell commands: about 2 s here, against milliseconds.
 */
async function makePostfixDirectories(postfixDir: string): Promise<void> {
  const owner = lookupUser('postfix');
  const setgidGroup = lookupGroup('postdrop');
  const spool = join(postfixDir, 'spool');
  const dirs: [path: string, uid: number, gid: number, mode: number][] = [
    [join(postfixDir, 'data'), owner.uid, owner.gid, 0o700],
    [spool, 0, 0, 0o755],
    [join(spool, 'pid'), 0, 0, 0o755],
    [join(spool, 'maildrop'), owner.uid, setgidGroup, 0o730],
    [join(spool, 'public'), owner.uid, setgidGroup, 0o710],
    ...[
      'active',
      'bounce',
      'corrupt',
      'defer',
      'deferred',
      'flush',
      'hold',
      'incoming',
      'private',
      'saved',
      'trace',
    ].map((name): [string, number, number, number] => [join(spool, name), owner.uid, owner.gid, 0o700]),
  ];
  for (const [path, uid, gid, mode] of dirs) {
    await mkdir(path, { recursive: true });
    await chown(path, uid, gid);
    await chmod(path, mode);
  }
}

async function makeCertificate(dir: string): Promise<void> {
  // EC P-256: generated in milliseconds, unlike RSA. Valid for 127.0.0.1 and localhost, 2 days.
  await run('/usr/bin/openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
}

/** A test authority (ca.pem, its key next to it) and a certificate it issues for `names` (cert.pem, key.pem). */
async function makeCaIssuedCertificate(
  dir: string,
  names: { dnsNames: string[]; ipAddresses?: string[] },
): Promise<void> {
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('/usr/bin/openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    join(dir, 'ca-key.pem'),
    '-out',
    join(dir, 'ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Bounce test authority',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const san = [...names.dnsNames.map((n) => `DNS:${n}`), ...(names.ipAddresses ?? []).map((a) => `IP:${a}`)];
  await run('/usr/bin/openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${names.dnsNames[0] ?? names.ipAddresses?.[0] ?? 'mail'}`,
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca-key.pem'),
    '-addext',
    `subjectAltName=${san.join(',')}`,
    '-addext',
    'basicConstraints=critical,CA:FALSE',
  ]);
}

/** Maildir++ layout with "/" as separator: folder "A/B" is the directory ".A.B". */
function maildirPath(layout: Layout, user: string, folder: string): string {
  const root = join(layout.mail, user, 'Maildir');
  return folder.toUpperCase() === 'INBOX' ? root : join(root, `.${folder.replaceAll('/', '.')}`);
}

/** Directories created by root must belong to the mail uid, or Dovecot (running as that uid) cannot use them. */
async function chownTree(dir: string): Promise<void> {
  await chown(dir, MAIL_UID, MAIL_UID);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) await chownTree(join(dir, entry.name));
  }
}

async function countMaildir(layout: Layout, user: string, folder: string): Promise<number> {
  const dir = maildirPath(layout, user, folder);
  let count = 0;
  for (const sub of ['new', 'cur']) {
    try {
      count += (await readdir(join(dir, sub))).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return count;
}

/** Queue ids look like "E97632122CA: " at the start of a Postfix log message (after "postfix/<service>[pid]: "). */
const QUEUE_ID = /postfix\/[\w/-]+\[\d+\]: ([0-9A-F]{6,}): /;
const NOTIFICATION = /notification: ([0-9A-F]{6,})$/;

function mailTrail(layout: Layout, recipient: string): string {
  let lines: string[];
  try {
    lines = readFileSync(join(layout.log, 'postfix.log'), 'utf8').split('\n');
  } catch {
    return '(no Postfix log)';
  }
  const ids = new Set<string>();
  for (const line of lines) {
    if (!line.includes(`<${recipient}>`)) continue;
    const id = QUEUE_ID.exec(line)?.[1];
    if (id) ids.add(id);
  }
  // The notifications (delay, non-delivery) sent about that mail: "<id>: sender delay notification: <new id>".
  for (const line of lines) {
    const id = QUEUE_ID.exec(line)?.[1];
    const notification = NOTIFICATION.exec(line)?.[1];
    if (id && notification && ids.has(id)) ids.add(notification);
  }
  const trail = lines.filter((line) => {
    const id = QUEUE_ID.exec(line)?.[1];
    return id !== undefined && ids.has(id);
  });
  return trail.length > 0 ? trail.join('\n') : `(no Postfix log line for <${recipient}>)`;
}

function readLogs(layout: Layout): { postfix: string; dovecot: string; lda: string } {
  return {
    postfix: [tailFile(join(layout.log, 'postfix-master.out'), 10), tailFile(join(layout.log, 'postfix.log'), 40)]
      .filter(Boolean)
      .join('\n'),
    dovecot: [tailFile(join(layout.log, 'dovecot.out'), 10), tailFile(join(layout.log, 'dovecot.log'), 40)]
      .filter(Boolean)
      .join('\n'),
    lda: tailFile(join(layout.log, 'dovecot-lda.log'), 20),
  };
}

function lookupUser(name: string): { uid: number; gid: number } {
  const fields = findEntry('/etc/passwd', name);
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

function lookupGroup(name: string): number {
  return Number(findEntry('/etc/group', name)[2]);
}

function findEntry(file: string, name: string): string[] {
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new MailServerError(`"${name}" not found in ${file} (is Postfix installed?)`);
  return fields;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test forgets stop(): kill what is left and remove the directories (synchronous by necessity).
  process.once('exit', () => {
    for (const entry of live) killAndRemoveSync(entry.pids, entry.keep ? undefined : entry.dir);
  });
}
