import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { senderHealthEnvShape } from '@bounce/sender-health/env';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { INFRA_DIR, REPO_ROOT } from './repo.js';

type Service = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  volumes?: string[];
  restart?: string;
};
const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
/** Long-running processes of this repository: every app with an entry point, except the CLI. */
const APPS = readdirSync(join(REPO_ROOT, 'apps')).filter(
  (a) => a !== 'cli' && existsSync(join(REPO_ROOT, 'apps', a, 'src', 'main.ts')),
);

describe('docker-compose.yml', () => {
  it('runs every process of the repository from its entry point', () => {
    for (const app of APPS) {
      const service = Object.values(services).find((s) => s.command?.includes(`apps/${app}/src/main.ts`));
      expect(service, `no service runs apps/${app}`).toBeDefined();
    }
  });

  it('builds the operator console into the image, for the API to serve under /console', () => {
    const raw = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
      'x-app': { build: { dockerfile_inline: string } };
    };
    const dockerfile = raw['x-app'].build.dockerfile_inline;
    expect(dockerfile).toMatch(/RUN pnpm --filter @bounce\/console build/);
    // After the install that brings the console's build tools, before the image drops root.
    expect(dockerfile.indexOf('console build')).toBeGreaterThan(dockerfile.indexOf('pnpm install'));
    expect(dockerfile.indexOf('console build')).toBeLessThan(dockerfile.indexOf('USER node'));
  });

  it('gives every long-running service a health check, and the processes wait for healthy dependencies', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.restart === 'no') continue; // one-shot (migrate)
      expect(s.healthcheck?.test.length, `${name} has no healthcheck`).toBeGreaterThan(0);
    }
    for (const app of APPS) {
      const s = Object.values(services).find((x) => x.command?.includes(`apps/${app}/src/main.ts`))!;
      expect(s.depends_on?.migrate?.condition, app).toBe('service_completed_successfully');
      expect(s.depends_on?.redis?.condition, app).toBe('service_healthy');
      expect(s.depends_on?.pgbouncer?.condition, app).toBe('service_healthy');
    }
  });

  it('runs Redis as BullMQ needs it: noeviction and append-only persistence on a volume', () => {
    const redis = services.redis!;
    const command = redis.command!.join(' ');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('sends the processes through PgBouncer in transaction mode and migrates straight to PostgreSQL', () => {
    const ini = readFileSync(join(INFRA_DIR, 'compose', 'pgbouncer.ini'), 'utf8');
    expect(ini).toMatch(/^pool_mode = transaction$/m);
    for (const app of APPS) {
      const s = Object.values(services).find((x) => x.command?.includes(`apps/${app}/src/main.ts`))!;
      const url = s.environment?.DATABASE_URL;
      if (url === undefined) continue;
      expect(new URL(url).host, app).toBe('pgbouncer:6432');
      expect(new URL(url).searchParams.get('pgbouncer'), app).toBe('true');
    }
    expect(new URL(services.migrate!.environment!.DATABASE_URL!).host).toBe('postgres:5432');
  });

  it('turns VERP on: the API signs with the secret the rules worker verifies with, under a domain', () => {
    const api = services.api!.environment!;
    expect(api.VERP_SECRETS).toMatch(/^\$\{VERP_SECRETS:\?/);
    expect(services['rules-worker']!.environment!.VERP_SECRETS).toBe(api.VERP_SECRETS);
    expect(api.VERP_DOMAIN).toBeTruthy();
  });

  it('gives the API and the notification worker the same sender-health DNS settings, valid with their defaults', () => {
    // `${NAME:-default}` as docker compose resolves it when NAME is unset.
    const resolved = (env: Record<string, string>) =>
      Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(/^\$\{[A-Z_]+:-(.*)\}$/, '$1')]));
    const api = resolved(services.api!.environment!);
    const notify = resolved(services['notify-worker']!.environment!);
    for (const key of ['SENDER_HEALTH_DNS_SERVERS', 'SENDER_HEALTH_DNSBLS', 'SENDER_SETUP_CHECK_INTERVAL']) {
      expect(key in api, `API lacks ${key}`).toBe(true);
      expect(notify[key], key).toBe(api[key]);
    }
    const parsed = z.object(senderHealthEnvShape).parse(api);
    expect(parsed.SENDER_HEALTH_DNS_SERVERS).toEqual([]);
    expect(parsed.SENDER_HEALTH_DNSBLS).toContain('zen.spamhaus.org');
    expect(parsed.SENDER_SETUP_CHECK_INTERVAL).toBe(3_600_000);
  });

  it('mounts the repository alert rules into the optional Prometheus', () => {
    const prometheus = services.prometheus!;
    expect(prometheus.profiles).toEqual(['monitoring']);
    for (const volume of prometheus.volumes!.filter((v) => v.startsWith('./'))) {
      expect(existsSync(join(REPO_ROOT, volume.split(':')[0]!)), volume).toBe(true);
    }
    const scrape = readFileSync(join(INFRA_DIR, 'compose', 'prometheus.yml'), 'utf8');
    for (const [name, s] of Object.entries(services)) {
      const port = s.environment?.HEALTH_PORT;
      if (port) expect(scrape, `${name} is not scraped`).toContain(`${name}:${port}`);
    }
  });
});
