/**
 * One driver per MTA: configures the MTA inside its own Debian chroot (the MTA packages conflict with each other, so
 * each lives in a copy of one debootstrap base, see README.md), starts it, submits messages through its sendmail
 * interface and reads the sender's local mailbox, where the MTA delivers its bounces.
 *
 * Every MTA relays all mail to the scripted remote on 127.0.0.1:PORT under the provider's MX host name (the chroot's
 * /etc/hosts maps those names to 127.0.0.1), uses short retry and queue-lifetime settings so that deferrals turn
 * into delay notices and then into "retries exhausted" failures within minutes, and delivers locally to an mbox.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScriptedRemote } from './scripted-remote.js';

export type RouteTable = Map<string, string>; // recipient domain -> MX host name

export type MtaDriver = {
  /** Directory name under corpora/generated/ and prefix of the file names. */
  name: string;
  /** Engine name in the manifest (the server family): `<engine>/<provider>`. */
  engine: string;
  /** Local envelope sender whose mailbox receives the bounces. */
  sender: string;
  /** Seconds after submission until the last "retries exhausted" failure is expected. */
  lifetimeSeconds: number;
  /**
   * Whether the MTA gives up on deferred mail within minutes (a configurable queue lifetime); where it cannot, the
   * catalogue's 4xx replies are left out for it.
   */
  expiresDeferrals: boolean;
  /** Whether the MTA has no local delivery and relays its bounces to the sender's address at the remote too. */
  bouncesToRemote?: boolean;
  /**
   * Whether each message goes to one recipient only: nullmailer fails a whole message on the first refused
   * recipient, so the others would never reach the remote.
   */
  oneRecipientPerMessage?: boolean;
  /** Whether labels ignore the report's Status field (see labels.ts, statusFromText). */
  statusFromText?: boolean;
  configure(port: number, routes: RouteTable, remote: ScriptedRemote): void;
  start(): void;
  /** Called on every poll while waiting for notices (OpenSMTPD: retry deferred mail now, so expiry is noticed). */
  tick?(): void;
  submit(message: string, recipients: string[]): Promise<void>;
  /** The bounces received so far in the sender's mailbox, raw. */
  bounces(): string[];
  stop(): void;
};

export const CHROOTS = process.env.CORPUS_CHROOTS ?? '/var/tmp/corpus-chroots';

function inRoot(root: string, args: string[], input?: string): string {
  return execFileSync('chroot', [root, ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * Runs a command in the chroot without blocking the event loop: the scripted remote runs in this process, and an MTA
 * that delivers during submission (exim -odi) would otherwise wait for a reply that cannot come.
 */
function inRootAsync(root: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile('chroot', [root, ...args], (err, _stdout, stderr) =>
      err ? reject(new Error(`${args.join(' ')}: ${err.message} ${stderr}`)) : resolve(),
    );
    child.stdin?.end(input);
  });
}

function write(root: string, path: string, content: string): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
}

/** Mounts /proc in the chroot (some MTAs read it) and makes the local user that sends and receives bounces. */
function prepareRoot(root: string, hostname: string, routes: RouteTable): void {
  if (!existsSync(root)) throw new Error(`no chroot at ${root}: run setup-chroots.sh first`);
  try {
    execFileSync('mountpoint', ['-q', join(root, 'proc')]);
  } catch {
    execFileSync('mount', ['-t', 'proc', 'proc', join(root, 'proc')]);
  }
  const mxHosts = [...new Set(routes.values())];
  // One line per name: an MTA that names the host it reached by its canonical name must see the MX name itself.
  write(root, 'etc/hosts', `127.0.0.1 localhost ${hostname}\n${mxHosts.map((h) => `127.0.0.1 ${h}\n`).join('')}`);
  write(root, 'etc/hostname', `${hostname}\n`);
  write(root, 'etc/mailname', `${hostname}\n`);
  try {
    inRoot(root, ['id', 'sender']);
  } catch {
    inRoot(root, ['useradd', '-m', '-s', '/bin/sh', 'sender']);
  }
  rmSync(join(root, 'var/mail/sender'), { force: true });
}

/** Splits an mbox written by a local delivery agent into messages ("From " separator lines, ">From " quoting). */
export function splitMbox(mbox: string): string[] {
  const parts = mbox.split(/^From [^\n]*\n/m).filter((p) => p.trim());
  return parts.map((p) => p.replace(/^>(>*From )/gm, '$1').replace(/\n+$/, '\n'));
}

function readMbox(root: string): string[] {
  const path = join(root, 'var/mail/sender');
  return existsSync(path) ? splitMbox(readFileSync(path, 'utf8')) : [];
}

function readMaildir(dir: string): string[] {
  const out: string[] = [];
  for (const sub of ['new', 'cur']) {
    const d = join(dir, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) out.push(readFileSync(join(d, f), 'utf8'));
  }
  return out;
}

function pidsOf(root: string, pattern: RegExp): number[] {
  const out: number[] = [];
  for (const line of execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!m || !pattern.test(m[2]!)) continue;
    try {
      // Only processes whose root is this chroot: never touch the machine's own mail servers.
      const procRoot = execFileSync('readlink', [`/proc/${m[1]}/root`], { encoding: 'utf8' }).trim();
      if (procRoot === root || procRoot.startsWith(`${root}/`)) out.push(Number(m[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/**
 * Stops this chroot's processes matching the pattern (also those that chrooted further inside it, as OpenSMTPD's
 * privilege-separated children do), and waits until they are gone (SIGKILL after 5 s). */
function killInRoot(root: string, pattern: RegExp): void {
  const signal = (pids: number[], sig: NodeJS.Signals) => {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal(pidsOf(root, pattern), 'SIGTERM');
  for (let i = 0; i < 25 && pidsOf(root, pattern).length; i++) execFileSync('sleep', ['0.2']);
  signal(pidsOf(root, pattern), 'SIGKILL');
}

// --- Postfix --------------------------------------------------------------------------------------------------------
export function postfix(): MtaDriver {
  const root = join(CHROOTS, 'postfix');
  const hostname = 'mta.postfix.test';
  return {
    name: 'postfix',
    engine: 'Postfix',
    sender: `sender@${hostname}`,
    lifetimeSeconds: 240,
    expiresDeferrals: true,
    configure(port, routes) {
      prepareRoot(root, hostname, routes);
      write(
        root,
        'etc/postfix/main.cf',
        [
          'compatibility_level = 3.6',
          `myhostname = ${hostname}`,
          'myorigin = $myhostname',
          'mydestination = $myhostname, localhost',
          'inet_interfaces = loopback-only',
          'inet_protocols = ipv4',
          'alias_maps =',
          'alias_database =',
          'transport_maps = texthash:/etc/postfix/transport',
          'smtp_dns_support_level = disabled',
          'smtp_host_lookup = native',
          'smtp_tls_security_level = none',
          'maillog_file = /var/log/postfix.log',
          'maximal_queue_lifetime = 4m',
          'bounce_queue_lifetime = 4m',
          'delay_warning_time = 1m',
          'queue_run_delay = 20s',
          'minimal_backoff_time = 20s',
          'maximal_backoff_time = 40s',
          'smtp_connect_timeout = 5s',
          '',
        ].join('\n'),
      );
      write(root, 'etc/postfix/transport', [...routes].map(([d, mx]) => `${d} smtp:[${mx}]:${port}\n`).join(''));
      // No SMTP listener (nothing needs to connect in), and no inner chroot (so /etc/hosts is read directly).
      const master = readFileSync(join(root, 'etc/postfix/master.cf'), 'utf8')
        .split('\n')
        .map((line) => (/^smtp\s+inet\b/.test(line) ? `#${line}` : line))
        .map((line) => line.replace(/^(\S+\s+(?:unix|inet|fifo|unix-dgram|pass)\s+\S+\s+\S+\s+)y(\s)/, '$1n$2'))
        .join('\n');
      write(root, 'etc/postfix/master.cf', master);
    },
    start() {
      inRoot(root, ['postfix', 'start']);
    },
    submit(message, recipients) {
      return inRootAsync(root, ['/usr/sbin/sendmail', '-f', `sender@${hostname}`, '--', ...recipients], message);
    },
    bounces: () => readMbox(root),
    stop() {
      try {
        inRoot(root, ['postfix', 'stop']);
      } catch {
        killInRoot(root, /postfix\/sbin\/master/);
      }
      try {
        inRoot(root, ['postsuper', '-d', 'ALL']);
      } catch {
        // empty queue
      }
    },
  };
}

// --- Exim -----------------------------------------------------------------------------------------------------------
export function exim(): MtaDriver {
  const root = join(CHROOTS, 'exim');
  const hostname = 'mta.exim.test';
  return {
    name: 'exim',
    engine: 'Exim',
    sender: `sender@${hostname}`,
    lifetimeSeconds: 300,
    expiresDeferrals: true,
    configure(port, routes) {
      prepareRoot(root, hostname, routes);
      write(root, 'etc/exim4/routes', [...routes].map(([d, mx]) => `${d}: ${mx}\n`).join(''));
      // A complete configuration of our own: Debian uses /etc/exim4/exim4.conf instead of its generated one when
      // the file exists.
      write(
        root,
        'etc/exim4/exim4.conf',
        `primary_hostname = ${hostname}
qualify_domain = ${hostname}
domainlist local_domains = ${hostname} : localhost
exim_user = Debian-exim
exim_group = Debian-exim
never_users =
keep_environment =
trusted_users = root
log_file_path = /var/log/exim4/%slog
spool_directory = /var/spool/exim4
daemon_smtp_ports = 
delay_warning = 1m : 1h
delay_warning_condition = true
timeout_frozen_after = 10m
ignore_bounce_errors_after = 10m
tls_advertise_hosts =

begin acl

begin routers

relay_to_remote:
  driver = manualroute
  domains = ! +local_domains
  route_data = \${lookup{$domain}lsearch{/etc/exim4/routes}} byname
  transport = remote_smtp
  # The MX names resolve to 127.0.0.1, where the scripted remote listens.
  self = send
  no_more

local_user:
  driver = accept
  domains = +local_domains
  check_local_user
  transport = local_mbox

begin transports

remote_smtp:
  driver = smtp
  port = ${port}
  hosts_avoid_tls = *
  allow_localhost
  connect_timeout = 5s

local_mbox:
  driver = appendfile
  file = /var/mail/$local_part_data
  delivery_date_add
  envelope_to_add
  return_path_add
  group = mail
  mode = 0660

begin retry

*  *  F,4m,20s

begin rewrite
`,
      );
      // Retry hints of an earlier run would make Exim skip the hosts.
      rmSync(join(root, 'var/spool/exim4/db'), { recursive: true, force: true });
      mkdirSync(join(root, 'var/spool/exim4/db'), { recursive: true });
      inRoot(root, ['chown', 'Debian-exim:Debian-exim', '/var/spool/exim4/db']);
      rmSync(join(root, 'var/log/exim4/paniclog'), { force: true });
    },
    start() {
      // A queue-runner daemon without an SMTP listener.
      const child = spawn('chroot', [root, '/usr/sbin/exim4', '-q20s'], { detached: true, stdio: 'ignore' });
      child.unref();
    },
    submit(message, recipients) {
      return inRootAsync(root, ['/usr/sbin/exim4', '-f', `sender@${hostname}`, '-odi', '--', ...recipients], message);
    },
    bounces: () => readMbox(root),
    stop() {
      killInRoot(root, /exim4/);
      try {
        const ids = inRoot(root, ['/usr/sbin/exim4', '-bpr'])
          .split('\n')
          .map((l) => /\s([\w]{6}-[\w]{6}-[\w]{2}|[\w]{6}-[\w]{11}-[\w]{4})\s/.exec(l)?.[1])
          .filter((x): x is string => Boolean(x));
        if (ids.length) inRoot(root, ['/usr/sbin/exim4', '-Mrm', ...ids]);
      } catch {
        // empty queue
      }
    },
  };
}

// --- OpenSMTPD ------------------------------------------------------------------------------------------------------
export function opensmtpd(): MtaDriver {
  const root = join(CHROOTS, 'opensmtpd');
  const hostname = 'mta.opensmtpd.test';
  return {
    name: 'opensmtpd',
    engine: 'OpenSMTPD',
    statusFromText: true,
    sender: `sender@${hostname}`,
    lifetimeSeconds: 600,
    expiresDeferrals: true,
    configure(port, routes) {
      prepareRoot(root, hostname, routes);
      const hosts = [...new Set(routes.values())];
      const action = (mx: string) => `relay_${hosts.indexOf(mx)}`;
      write(
        root,
        'etc/smtpd.conf',
        [
          `smtp max-message-size 50M`,
          'queue ttl 4m',
          'bounce warn-interval 1m',
          'table aliases file:/etc/aliases',
          // No "listen on": local submission goes through the control socket only.
          'action "local" mbox alias <aliases>',
          ...hosts.map((mx) => `action "${action(mx)}" relay host smtp://${mx}:${port}`),
          'match for local action "local"',
          ...[...routes].map(([domain, mx]) => `match from local for domain "${domain}" action "${action(mx)}"`),
          '',
        ].join('\n'),
      );
      write(root, 'etc/aliases', 'postmaster: root\n');
      write(root, 'etc/mailname', `${hostname}\n`);
      // Empty the queue of an earlier run, keeping the directories smtpd made with their owners and modes.
      inRoot(root, [
        'sh',
        '-c',
        'rm -rf /var/spool/smtpd/queue/* /var/spool/smtpd/offline/* /var/spool/smtpd/incoming/*',
      ]);
    },
    start() {
      // In the foreground (-d), detached from us: daemonised, its children die here for want of a syslog socket.
      const log = openSync(join(root, 'var/log/smtpd.log'), 'w');
      spawn('chroot', [root, '/usr/sbin/smtpd', '-d'], { detached: true, stdio: ['ignore', log, log] }).unref();
      // Submissions fail (EX_TEMPFAIL) until the daemon's control socket is up.
      for (let i = 0; i < 50; i++) {
        try {
          inRoot(root, ['/usr/sbin/smtpctl', 'show', 'queue']);
          // The enqueuer still fails (EX_TEMPFAIL) for a moment after the control socket answers.
          execFileSync('sleep', ['3']);
          return;
        } catch {
          execFileSync('sleep', ['0.2']);
        }
      }
    },
    tick() {
      // Its retry interval grows past the queue lifetime; an expired envelope is only noticed when scheduled.
      inRoot(root, ['/usr/sbin/smtpctl', 'schedule', 'all']);
    },
    submit(message, recipients) {
      return inRootAsync(root, ['/usr/sbin/sendmail', '-f', `sender@${hostname}`, '--', ...recipients], message);
    },
    bounces: () => readMbox(root),
    stop() {
      try {
        inRoot(root, ['/usr/sbin/smtpctl', 'stop']);
      } catch {
        // not running
      }
      killInRoot(root, /smtpd/);
    },
  };
}

// --- Sendmail -------------------------------------------------------------------------------------------------------
export function sendmail(): MtaDriver {
  const root = join(CHROOTS, 'sendmail');
  const hostname = 'mta.sendmail.test';
  return {
    name: 'sendmail',
    engine: 'Sendmail',
    sender: `sender@${hostname}`,
    lifetimeSeconds: 360,
    expiresDeferrals: true,
    configure(port, routes) {
      prepareRoot(root, hostname, routes);
      write(
        root,
        'etc/mail/corpus.mc',
        `include(\`/usr/share/sendmail/cf/m4/cf.m4')dnl
OSTYPE(\`linux')dnl
define(\`confDOMAIN_NAME', \`${hostname}')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confTO_QUEUEWARN', \`1m')dnl
define(\`confTO_QUEUERETURN', \`4m')dnl
define(\`confTO_CONNECT', \`5s')dnl
define(\`confMIN_QUEUE_AGE', \`0s')dnl
dnl The machine is shared and loaded (load averages of 20-30 on 2 cores): by default sendmail only queues above
dnl 8 per CPU and refuses above 12, so deferred mail would never be retried within the queue lifetime.
define(\`confQUEUE_LA', \`500')dnl
define(\`confREFUSE_LA', \`500')dnl
define(\`confDELAY_LA', \`0')dnl
define(\`confSERVICE_SWITCH_FILE', \`/etc/mail/service.switch')dnl
define(\`confHOSTS_FILE', \`/etc/hosts')dnl
define(\`confLOG_LEVEL', \`9')dnl
dnl No host status cache: a 4xx from one transaction must not defer the other messages to the same host unseen.
define(\`confTO_HOSTSTATUS', \`0s')dnl
define(\`confMCI_CACHE_SIZE', \`0')dnl
define(\`LOCAL_MAILER_PATH', \`/usr/libexec/sendmail/mail.local')dnl
define(\`LOCAL_MAILER_ARGS', \`mail.local -d $u')dnl
define(\`SMTP_MAILER_ARGS', \`TCP $h ${port}')dnl
define(\`ESMTP_MAILER_ARGS', \`TCP $h ${port}')dnl
define(\`RELAY_MAILER_ARGS', \`TCP $h ${port}')dnl
FEATURE(\`nocanonify')dnl
FEATURE(\`accept_unresolvable_domains')dnl
FEATURE(\`mailertable', \`hash -o /etc/mail/mailertable')dnl
MAILER(\`local')dnl
MAILER(\`smtp')dnl
`,
      );
      write(root, 'etc/mail/service.switch', 'hosts files\naliases files\n');
      write(root, 'etc/mail/mailertable', [...routes].map(([d, mx]) => `${d}\tesmtp:[${mx}]\n`).join(''));
      write(root, 'etc/mail/aliases', 'postmaster: root\nMAILER-DAEMON: postmaster\n');
      inRoot(root, ['sh', '-c', 'm4 /etc/mail/corpus.mc > /etc/mail/sendmail.cf']);
      // makemap refuses to write into /etc/mail, which belongs to the smmta user: build the map aside, then move it.
      inRoot(root, [
        'sh',
        '-c',
        'makemap hash /root/mailertable < /etc/mail/mailertable && mv /root/mailertable.db /etc/mail/',
      ]);
      inRoot(root, ['sh', '-c', 'newaliases >/dev/null 2>&1 || true']);
      // The MTA runs as root here and owns its queue (this sandbox's root does not override file permissions).
      inRoot(root, [
        'sh',
        '-c',
        'rm -f /var/spool/mqueue/* /var/spool/mqueue-client/*; chown root:root /var/spool/mqueue; chmod 700 /var/spool/mqueue',
      ]);
    },
    start() {
      // A queue runner without an SMTP listener.
      inRoot(root, ['/usr/sbin/sendmail', '-q20s']);
    },
    submit(message, recipients) {
      // -Am: use the MTA configuration directly (root), not the submission client that needs a listener.
      return inRootAsync(
        root,
        ['/usr/sbin/sendmail', '-Am', '-odq', '-f', `sender@${hostname}`, '--', ...recipients],
        message,
      );
    },
    bounces: () => readMbox(root),
    stop() {
      killInRoot(root, /sendmail/);
    },
  };
}

// --- Courier --------------------------------------------------------------------------------------------------------
export function courier(): MtaDriver {
  const root = join(CHROOTS, 'courier');
  const hostname = 'mta.courier.test';
  return {
    name: 'courier',
    engine: 'Courier',
    sender: `sender@${hostname}`,
    lifetimeSeconds: 360,
    expiresDeferrals: true,
    configure(port, routes) {
      prepareRoot(root, hostname, routes);
      write(root, 'etc/courier/me', `${hostname}\n`);
      write(root, 'etc/courier/defaultdomain', `${hostname}\n`);
      write(root, 'etc/courier/locals', `localhost\n${hostname}\n`);
      // Courier resolves relays with its own DNS client, which does not read /etc/hosts: route by address.
      write(root, 'etc/courier/esmtproutes', [...routes].map(([d]) => `${d}: [127.0.0.1],${port}\n`).join(''));
      write(root, 'etc/courier/queuetime', '4m\n');
      write(root, 'etc/courier/warntime', '1m\n');
      write(root, 'etc/courier/retryalpha', '3\n');
      write(root, 'etc/courier/retrybeta', '3\n');
      write(root, 'etc/courier/retrygamma', '20\n');
      write(root, 'etc/courier/retrymaxdelta', '1\n');
      write(root, 'etc/courier/esmtptimeoutconnect', '5\n');
      inRoot(root, ['sh', '-c', 'makealiases 2>/dev/null; makesmtpaccess 2>/dev/null; true']);
      inRoot(root, [
        'sh',
        '-c',
        'rm -rf ~sender/Maildir; su sender -c "maildirmake.courier ~/Maildir" || maildirmake ~sender/Maildir',
      ]);
      inRoot(root, ['sh', '-c', 'sed -i "s/^ESMTP_USE_STARTTLS=.*/ESMTP_USE_STARTTLS=0/" /etc/courier/courierd']);
    },
    start() {
      // Local delivery looks the user up through courier-authlib's daemon.
      inRoot(root, ['sh', '-c', 'mkdir -p /run/courier/authdaemon && chown daemon:daemon /run/courier/authdaemon']);
      inRoot(root, ['sh', '-c', '/usr/sbin/authdaemond start; /usr/sbin/courier start']);
    },
    submit(message, recipients) {
      return inRootAsync(root, ['/usr/sbin/sendmail', '-f', `sender@${hostname}`, '--', ...recipients], message);
    },
    bounces: () => readMaildir(join(root, 'home/sender/Maildir')),
    stop() {
      try {
        inRoot(root, ['sh', '-c', '/usr/sbin/courier stop; /usr/sbin/authdaemond stop']);
      } catch {
        killInRoot(root, /courier/);
      }
    },
  };
}

// --- DragonFly Mail Agent (dma) -------------------------------------------------------------------------------------
export function dma(): MtaDriver {
  const root = join(CHROOTS, 'dma');
  const hostname = 'mta.dma.test';
  return {
    name: 'dma',
    engine: 'DragonFly',
    sender: `sender@${hostname}`,
    lifetimeSeconds: 60,
    // dma retries a deferred message for days (a compiled-in limit), so it gets no 4xx replies here.
    expiresDeferrals: false,
    configure(port) {
      prepareRoot(root, hostname, new Map([['any', 'mx.scripted-remote.test']]));
      write(root, 'etc/dma/dma.conf', `SMARTHOST mx.scripted-remote.test\nPORT ${port}\nMAILNAME ${hostname}\n`);
      inRoot(root, ['sh', '-c', 'rm -rf /var/spool/dma/*']);
    },
    start() {},
    submit(message, recipients) {
      return inRootAsync(root, ['/usr/sbin/sendmail', '-f', `sender@${hostname}`, '--', ...recipients], message);
    },
    bounces: () => readMbox(root),
    stop() {
      killInRoot(root, /dma/);
    },
  };
}

// --- nullmailer -----------------------------------------------------------------------------------------------------
export function nullmailer(): MtaDriver {
  const root = join(CHROOTS, 'nullmailer');
  const hostname = 'mta.nullmailer.test';
  let remote: ScriptedRemote | null = null;
  return {
    name: 'nullmailer',
    engine: 'nullmailer',
    sender: `sender@${hostname}`,
    lifetimeSeconds: 600,
    expiresDeferrals: true,
    bouncesToRemote: true,
    oneRecipientPerMessage: true,
    configure(port, _routes, r) {
      remote = r;
      prepareRoot(root, hostname, new Map([['any', 'mx.scripted-remote.test']]));
      write(root, 'etc/nullmailer/remotes', `mx.scripted-remote.test smtp --port=${port}\n`);
      write(root, 'etc/nullmailer/me', `${hostname}\n`);
      write(root, 'etc/nullmailer/defaultdomain', 'nullmailer.test\n');
      write(root, 'etc/nullmailer/queuelifetime', '240\n');
      write(root, 'etc/nullmailer/pausetime', '20\n');
      write(root, 'etc/nullmailer/maxpause', '20\n');
      write(root, 'etc/nullmailer/sendtimeout', '10\n');
      inRoot(root, [
        'sh',
        '-c',
        'rm -f /var/spool/nullmailer/queue/* /var/spool/nullmailer/failed/* 2>/dev/null; true',
      ]);
      // The queue wakes the sender through this FIFO (the package's postinst makes it; it did not run here).
      inRoot(root, [
        'sh',
        '-c',
        '[ -p /var/spool/nullmailer/trigger ] || mkfifo /var/spool/nullmailer/trigger; chown mail /var/spool/nullmailer/trigger; chmod 600 /var/spool/nullmailer/trigger',
      ]);
    },
    start() {
      const child = spawn('chroot', [root, 'su', '-s', '/bin/sh', 'mail', '-c', '/usr/sbin/nullmailer-send'], {
        detached: true,
        stdio: 'ignore',
      });
      child.unref();
    },
    submit(message, recipients) {
      return inRootAsync(root, ['/usr/sbin/sendmail', '-f', `sender@${hostname}`, '--', ...recipients], message);
    },
    bounces: () => [...(remote?.sunk ?? [])],
    stop() {
      killInRoot(root, /nullmailer-send/);
    },
  };
}

export const DRIVERS: Record<string, () => MtaDriver> = {
  postfix,
  exim,
  opensmtpd,
  sendmail,
  courier,
  dma,
  nullmailer,
};
