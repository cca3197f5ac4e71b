/**
 * A real PgBouncer (Debian's pgbouncer) in front of the test PostgreSQL, on a free loopback port, configured from
 * infra/test-servers/pgbouncer. Transaction pooling by default: what operators run in front of PostgreSQL at scale,
 * and the mode that breaks session state (named prepared statements, session advisory locks, SET, LISTEN).
 */
import { existsSync } from 'node:fs';
import { chown, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATE_DIR } from './mail-servers.js';
import { getFreePort, waitForPort } from './ports.js';
import { run, tailFile } from './processes.js';
import { renderTemplateFile } from './render-template.js';
import { createServerGroup } from './server-group.js';

const BINARY = '/usr/sbin/pgbouncer';

export class PgBouncerError extends Error {
  override readonly name = 'PgBouncerError';
}

export type PgBouncerOptions = {
  /** The PostgreSQL server behind it. Default 127.0.0.1:5432 (the machine's). */
  upstream?: { host: string; port: number };
  /** Default transaction. */
  poolMode?: 'session' | 'transaction' | 'statement';
  /** Server connections per database and user. Default 10. */
  poolSize?: number;
  /** Users allowed to connect (trust auth, like the test PostgreSQL). Default ['postgres']. */
  users?: string[];
};

export type PgBouncer = {
  host: string;
  port: number;
  poolMode: string;
  /** `postgres://` URL of a PostgreSQL URL rewritten to go through PgBouncer (same database, user, parameters). */
  viaPgBouncer: (databaseUrl: string) => string;
  /** Runs a command on PgBouncer's admin console (`SHOW POOLS`, `SHOW STATS`...) with psql, returns its output. */
  admin: (command: string) => Promise<string>;
  logs: () => string;
  stop: () => Promise<void>;
};

export async function startPgBouncer(options: PgBouncerOptions = {}): Promise<PgBouncer> {
  if (!existsSync(BINARY)) throw new PgBouncerError(`${BINARY} is missing: run scripts/install-system-deps.sh`);
  // PgBouncer refuses to run as root; the postgres system user comes with the PostgreSQL server package.
  const { uid, gid } = await systemUser('postgres');
  const upstream = options.upstream ?? { host: '127.0.0.1', port: 5432 };
  const poolMode = options.poolMode ?? 'transaction';
  const group = await createServerGroup('pgbouncer');
  const port = await getFreePort();
  const ini = join(group.dir, 'pgbouncer.ini');
  const userlist = join(group.dir, 'userlist.txt');
  await writeFile(
    ini,
    renderTemplateFile(join(TEMPLATE_DIR, 'pgbouncer/pgbouncer.ini'), {
      PG_HOST: upstream.host,
      PG_PORT: upstream.port,
      PORT: port,
      DIR: group.dir,
      POOL_MODE: poolMode,
      POOL_SIZE: options.poolSize ?? 10,
    }),
  );
  await writeFile(userlist, `${(options.users ?? ['postgres']).map((u) => `"${u}" ""`).join('\n')}\n`);
  await Promise.all([chown(ini, uid, gid), chown(userlist, uid, gid)]);
  const proc = group.spawn('pgbouncer', BINARY, [ini], { ports: [port], uid, gid });
  try {
    await waitForPort(port, { open: true, timeoutMs: 15_000, isAborted: () => proc.exited() });
  } catch (err) {
    const log = tailFile(proc.logFile);
    await group.stop();
    throw new PgBouncerError(`PgBouncer did not start: ${(err as Error).message}\n${log}`);
  }
  return {
    host: '127.0.0.1',
    port,
    poolMode,
    viaPgBouncer(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    admin: (command) =>
      run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'pgbouncer', '-Atc', command]),
    logs: () => tailFile(proc.logFile),
    stop: () => group.stop(),
  };
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const out = await run('id', ['-u', name]).catch(() => '');
  const gidOut = await run('id', ['-g', name]).catch(() => '');
  const uid = Number.parseInt(out, 10);
  const gid = Number.parseInt(gidOut, 10);
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
    throw new PgBouncerError(`no '${name}' system user to run PgBouncer as (it comes with the postgresql package)`);
  }
  return { uid, gid };
}
