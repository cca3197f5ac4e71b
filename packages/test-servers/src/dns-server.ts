/**
 * A real authoritative DNS server (NSD, Debian package `nsd`) on a free loopback port, serving zone files kept in
 * the repo. Tests point their resolver at `address` ("127.0.0.1:<port>"); names outside the served zones are
 * answered REFUSED, so nothing ever reaches a public resolver.
 */

import { Resolver } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { TEMPLATE_DIR } from './mail-servers.js';
import { getFreePort, waitForPort } from './ports.js';
import { killAndRemoveSync, run, spawnServer, spawnWatchdog, stopServer, tailFile } from './processes.js';
import { renderTemplateFile } from './render-template.js';

export class DnsServerError extends Error {
  override readonly name = 'DnsServerError';
}

export type DnsZone = {
  /** Zone origin without the trailing dot, e.g. "example.test" or "113.0.203.in-addr.arpa"; "." for the root. */
  name: string;
  /** Zone file text (RFC 1035 master file format). */
  text: string;
};

export type DnsServerOptions = {
  /**
   * A directory of zone files named `<origin>.zone` (e.g. `good.test.zone`); `root.zone` is the root zone ".",
   * which makes every name outside the other zones NXDOMAIN: a closed world, as if those names did not exist.
   */
  zonesDir?: string;
  /** Zones given as text (added to those of zonesDir; same name replaces). */
  zones?: DnsZone[];
  /** How long to wait for the server to answer. Default 15 s. */
  startTimeoutMs?: number;
};

export type DnsServer = {
  host: string;
  port: number;
  /** "127.0.0.1:<port>": what a resolver's server list takes. */
  address: string;
  zones: string[];
  /**
   * Replaces a served zone's text while the server runs (a listing removed, a record fixed), as a running DNS server
   * sees such a change: the new text must carry a higher SOA serial; resolves once the server answers with it.
   */
  updateZone(zone: DnsZone): Promise<void>;
  stop(): Promise<void>;
};

const NSD = '/usr/sbin/nsd';
const CHECKZONE = '/usr/sbin/nsd-checkzone';
const HOST = '127.0.0.1';
const ZONE_NAME = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

function zoneFile(name: string): string {
  return name === '.' ? 'root.zone' : `${name}.zone`;
}

async function zonesFrom(options: DnsServerOptions): Promise<DnsZone[]> {
  const byName = new Map<string, DnsZone>();
  if (options.zonesDir) {
    for (const file of (await readdir(options.zonesDir)).sort()) {
      if (!file.endsWith('.zone')) continue;
      const base = basename(file, '.zone');
      const name = base === 'root' ? '.' : base;
      byName.set(name, { name, text: await readFile(join(options.zonesDir, file), 'utf8') });
    }
  }
  for (const zone of options.zones ?? []) byName.set(zone.name, zone);
  const zones = [...byName.values()];
  for (const z of zones)
    if (z.name !== '.' && !ZONE_NAME.test(z.name))
      throw new DnsServerError(`invalid zone name ${JSON.stringify(z.name)}`);
  if (zones.length === 0) throw new DnsServerError('no zones to serve');
  return zones;
}

/** Asks the server for the SOA of a zone until it answers: the port may be bound before the zones are loaded. */
async function waitForAnswer(
  port: number,
  zone: string,
  deadline: number,
  exited: () => string | undefined,
): Promise<void> {
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`${HOST}:${port}`]);
  for (;;) {
    try {
      await resolver.resolveSoa(zone);
      return;
    } catch (err) {
      const why = exited();
      if (why) throw new DnsServerError(why);
      if (Date.now() > deadline) throw new DnsServerError(`no answer for ${zone}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function soaSerial(port: number, zone: string): Promise<number | null> {
  const resolver = new Resolver({ timeout: 500, tries: 1 });
  resolver.setServers([`${HOST}:${port}`]);
  try {
    return (await resolver.resolveSoa(zone)).serial;
  } catch {
    return null;
  }
}

export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  if (!existsSync(NSD)) throw new DnsServerError(`${NSD} is missing: run scripts/install-system-deps.sh (nsd)`);
  const zones = await zonesFrom(options);
  const dir = await mkdtemp(join(tmpdir(), 'bounce-dns-'));
  try {
    for (const zone of zones) {
      const file = join(dir, zoneFile(zone.name));
      await writeFile(file, zone.text);
      // A broken zone is skipped by nsd with a log line only: fail loudly here instead.
      await run(CHECKZONE, [zone.name, file]).catch((err: Error) => {
        throw new DnsServerError(`zone ${zone.name} is invalid: ${err.message}`);
      });
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const zoneConfig = zones.map((z) => `zone:\n  name: "${z.name}"\n  zonefile: "${zoneFile(z.name)}"\n`).join('\n');
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await getFreePort(HOST);
    const conf = join(dir, 'nsd.conf');
    await writeFile(
      conf,
      renderTemplateFile(join(TEMPLATE_DIR, 'dns', 'nsd.conf'), { PORT: port, DIR: dir, ZONES: zoneConfig }),
    );
    const server = spawnServer('nsd', NSD, ['-d', '-c', conf], join(dir, 'nsd.out'));
    const pid = server.child.pid;
    const watchdog = pid ? spawnWatchdog([pid], dir) : undefined;
    const onExit = () => killAndRemoveSync([pid], dir);
    process.once('exit', onExit);
    const stop = async () => {
      process.removeListener('exit', onExit);
      if (watchdog?.pid) {
        try {
          process.kill(watchdog.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await stopServer(server, [port]);
    };
    try {
      const deadline = Date.now() + (options.startTimeoutMs ?? 15_000);
      await waitForPort(port, {
        open: true,
        host: HOST,
        timeoutMs: options.startTimeoutMs ?? 15_000,
        isAborted: server.exited,
      });
      await waitForAnswer(port, zones.find((z) => z.name !== '.')?.name ?? '.', deadline, server.exited);
      let reloads = 0;
      return {
        host: HOST,
        port,
        address: `${HOST}:${port}`,
        zones: zones.map((z) => z.name),
        updateZone: async (zone) => {
          if (!zones.some((z) => z.name === zone.name)) throw new DnsServerError(`zone ${zone.name} is not served`);
          const file = join(dir, zoneFile(zone.name));
          const staged = `${file}.new`;
          await writeFile(staged, zone.text);
          await run(CHECKZONE, [zone.name, staged]).catch((err: Error) => {
            throw new DnsServerError(`zone ${zone.name} is invalid: ${err.message}`);
          });
          const before = await soaSerial(port, zone.name);
          await rename(staged, file);
          // nsd reloads zone files whose mtime changed on SIGHUP; a later mtime even within the same second.
          reloads++;
          const later = Date.now() / 1000 + reloads;
          await utimes(file, later, later);
          if (pid) process.kill(pid, 'SIGHUP');
          const until = Date.now() + (options.startTimeoutMs ?? 15_000);
          // Reloaded once the new serial answers several times in a row: a query that fails while nsd swaps its
          // server process (null) is not a reload, and the old process may still answer one or two more queries.
          let confirmations = 0;
          while (confirmations < 3) {
            const serial = await soaSerial(port, zone.name);
            confirmations = serial !== null && serial !== before ? confirmations + 1 : 0;
            if (confirmations === 3) break;
            if (Date.now() > until) throw new DnsServerError(`zone ${zone.name} was not reloaded (same SOA serial?)`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
        stop: async () => {
          await stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      await stop();
      const log = `${tailFile(join(dir, 'nsd.log'))}\n${tailFile(join(dir, 'nsd.out'))}`.trim();
      lastError = new DnsServerError(`nsd did not start: ${(err as Error).message}${log ? `\n${log}` : ''}`);
      // Another process may have taken the port picked free: try again with a fresh one.
      if (!/address already in use|bind/i.test(log)) break;
    }
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError;
}
