import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { envDuration } from '@bounce/config';
import { QUEUES } from '@bounce/queue';
import { senderHealthEnvShape } from '@bounce/sender-health/env';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { knownMetricFamilies } from './declared-metrics.js';
import {
  type K8sObject,
  MIGRATE_OVERLAYS,
  OVERLAYS,
  renderKustomization,
  validateAgainstSchemas,
  validateStrictly,
} from './kubernetes.js';
import { familyOf, metricNamesIn } from './promql.js';
import { REPO_ROOT } from './repo.js';

const WORKERS = ['fetch-worker', 'parse-worker', 'rules-worker', 'notify-worker'];
const rendered = new Map<string, K8sObject[]>();

beforeAll(async () => {
  for (const dir of [...OVERLAYS, ...MIGRATE_OVERLAYS]) rendered.set(dir, await renderKustomization(dir));
}, 120_000);

const of = (dir: string, kind: string) => rendered.get(dir)!.filter((o) => o.kind === kind);
// biome-ignore lint/suspicious/noExplicitAny: rendered manifests.
const containerOf = (o: K8sObject): any => o.spec.template.spec.containers[0];

describe('Kubernetes manifests (infra/k8s, Kustomize)', () => {
  it('render, and every object is valid against the Kubernetes and KEDA schemas', async () => {
    for (const [dir, objects] of rendered) {
      expect(objects.length, dir).toBeGreaterThan(0);
      await validateAgainstSchemas(objects);
    }
  });

  it('have no unknown or misspelt fields (strict check against the API typings)', () => {
    const all = [...rendered.values()].flat();
    expect(validateStrictly(all)).toEqual([]);
  }, 120_000);

  it('the strict check does find an unknown field and a wrong type', () => {
    const [deployment] = of('overlays/staging', 'Deployment');
    const broken = structuredClone(deployment!);
    broken.spec.template.spec.containers[0].readynessProbe = { httpGet: { path: '/readyz', port: 'metrics' } };
    broken.spec.replicas = 'two';
    const errors = validateStrictly([broken]);
    expect(errors.join('\n')).toMatch(/readynessProbe/);
    expect(errors.join('\n')).toMatch(/replicas|string/);
  }, 120_000);

  for (const dir of OVERLAYS) {
    describe(dir, () => {
      it('runs one Deployment per worker, the API, the dashboard and the SMTP relay, each from its own entry point', () => {
        const names = of(dir, 'Deployment').map((d) => d.metadata.name);
        expect(names.sort()).toEqual(['api', 'dashboard', 'smtp-relay', ...WORKERS].map((n) => `bounce-${n}`).sort());
        for (const d of of(dir, 'Deployment')) {
          const command: string[] = containerOf(d).command;
          expect(existsSync(join(REPO_ROOT, command.at(-1)!)), command.join(' ')).toBe(true);
        }
      });

      it('probes /healthz and /readyz, sets resources, drops privileges', () => {
        for (const d of of(dir, 'Deployment')) {
          const c = containerOf(d);
          const name = d.metadata.name;
          expect(c.livenessProbe.httpGet.path, name).toBe('/healthz');
          expect(c.startupProbe.httpGet.path, name).toBe('/healthz');
          // The dashboard has no dependency checks of its own.
          expect(c.readinessProbe.httpGet.path, name).toBe(name === 'bounce-dashboard' ? '/healthz' : '/readyz');
          const portNames = c.ports.map((p: { name: string }) => p.name);
          for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
            expect(portNames, name).toContain(probe.httpGet.port);
          }
          expect(c.resources.requests.cpu, name).toBeTruthy();
          expect(c.resources.requests.memory, name).toBeTruthy();
          expect(c.resources.limits.memory, name).toBeTruthy();
          expect(c.securityContext.allowPrivilegeEscalation, name).toBe(false);
          expect(d.spec.template.spec.securityContext.runAsNonRoot, name).toBe(true);
          expect(c.image, name).toMatch(/^registry\.example\.com\/bounce\/app:/);
        }
      });

      it('reads secrets from mounted Secret files through *_FILE variables the apps know', () => {
        for (const d of of(dir, 'Deployment')) {
          const c = containerOf(d);
          const app = c.command.at(-1).split('/')[1] as string;
          const mounts = new Map<string, string>(
            c.volumeMounts.map((m: { name: string; mountPath: string }) => [m.name, m.mountPath]),
          );
          const files = new Set<string>();
          for (const v of d.spec.template.spec.volumes) {
            if (!v.secret) continue;
            const base = mounts.get(v.name);
            expect(base, `${d.metadata.name}: secret volume ${v.name} is not mounted`).toBeTruthy();
            // Without items every key of the Secret is a file; with items, exactly those.
            if (v.secret.items) for (const item of v.secret.items) files.add(`${base}/${item.path}`);
            else files.add(`${base}/*`);
          }
          const fileVars = c.env.filter((e: { name: string }) => e.name.endsWith('_FILE'));
          expect(fileVars.length, d.metadata.name).toBeGreaterThan(0);
          for (const v of fileVars as { name: string; value: string }[]) {
            const dirOf = v.value.slice(0, v.value.lastIndexOf('/'));
            expect(files.has(v.value) || files.has(`${dirOf}/*`), `${d.metadata.name}: ${v.value}`).toBe(true);
            // A secret read through KEY_FILE, or a setting that is itself a path (RELAY_TLS_CERT_FILE).
            const key = v.name.slice(0, -'_FILE'.length);
            expect(appKnowsSetting(app, key) || appKnowsSetting(app, v.name), `${app} has no setting ${key}`).toBe(
              true,
            );
          }
          // No secret in plain environment variables.
          for (const e of c.env as { name: string; value?: string }[]) {
            if (/URL$|KEY$|SECRETS?$|TOKEN$|PASS/.test(e.name))
              expect.fail(`${d.metadata.name}: ${e.name} in plain env`);
          }
        }
        expect(of(dir, 'Secret')).toEqual([]);
      });

      it('covers every Deployment with a PodDisruptionBudget', () => {
        for (const d of of(dir, 'Deployment')) {
          const labels = d.spec.template.metadata.labels as Record<string, string>;
          const budgets = of(dir, 'PodDisruptionBudget').filter((p) =>
            Object.entries(p.spec.selector.matchLabels as Record<string, string>).every(([k, v]) => labels[k] === v),
          );
          expect(budgets.length, d.metadata.name).toBe(1);
        }
      });

      it('autoscales each worker on its queues backlog with a Prometheus query on exported metrics', () => {
        const families = knownMetricFamilies();
        const queueNames = new Set(Object.values(QUEUES).map((q) => q.name));
        const deployments = new Set(of(dir, 'Deployment').map((d) => d.metadata.name));
        const scaled = of(dir, 'ScaledObject');
        expect(scaled.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual(WORKERS.map((w) => `bounce-${w}`).sort());
        for (const s of scaled) {
          expect(deployments.has(s.spec.scaleTargetRef.name)).toBe(true);
          expect(s.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
          expect(s.spec.maxReplicaCount).toBeGreaterThan(s.spec.minReplicaCount);
          const [trigger] = s.spec.triggers;
          expect(trigger.type).toBe('prometheus');
          expect(Number(trigger.metadata.threshold)).toBeGreaterThan(0);
          for (const name of metricNamesIn(trigger.metadata.query)) {
            expect(familyOf(name, families), name).toBeDefined();
          }
          const queues = /queue=~"([^"]+)"/.exec(trigger.metadata.query)![1]!.split('|');
          for (const q of queues) expect(queueNames.has(q), `${s.metadata.name}: queue ${q}`).toBe(true);
        }
      });

      it('signs VERP return paths in the API and verifies them in the rules worker with the same secret', () => {
        const settings = (name: string) => settingsOf(dir, name);
        const api = settings('bounce-api');
        const rules = settings('bounce-rules-worker');
        expect(api.get('VERP_SECRETS_FILE')).toBeTruthy();
        expect(api.get('VERP_SECRETS_FILE')).toBe(rules.get('VERP_SECRETS_FILE'));
        expect(api.get('VERP_DOMAIN')).toMatch(/^[a-z0-9.-]+\.[a-z]{2,}$/);
        for (const key of ['VERP_SECRETS', 'VERP_DOMAIN']) expect(appKnowsSetting('api', key), key).toBe(true);
      });

      it('runs the SMTP relay with the settings docker-compose gives it, its Service on the submission port', () => {
        const relay = settingsOf(dir, 'bounce-smtp-relay');
        for (const key of Object.keys(composeEnv('smtp-relay'))) {
          if (['LOG_LEVEL', 'HEALTH_HOST', 'HEALTH_PORT'].includes(key)) continue; // shared config, own port
          expect(relay.has(key) || relay.has(`${key}_FILE`), `relay lacks ${key}`).toBe(true);
        }
        // Its own settings (the shared bounce-config aside) are all the relay's.
        const shared = (
          of(dir, 'ConfigMap').find((m) => m.metadata.name === 'bounce-config') as unknown as {
            data: Record<string, string>;
          }
        ).data;
        for (const key of relay.keys()) {
          if (key in shared) continue;
          const known = appKnowsSetting('smtp-relay', key.replace(/_FILE$/, '')) || appKnowsSetting('smtp-relay', key);
          expect(known, key).toBe(true);
        }
        // The API URL names the API's Service.
        const apiService = of(dir, 'Service').find((s) => s.metadata.name === 'bounce-api');
        expect(new URL(relay.get('BOUNCE_API_URL')!).hostname).toBe(apiService?.metadata.name);
        const [deployment] = of(dir, 'Deployment').filter((d) => d.metadata.name === 'bounce-smtp-relay');
        const smtpPort = containerOf(deployment!).ports.find((p: { name: string }) => p.name === 'smtp');
        expect(String(smtpPort.containerPort)).toBe(relay.get('RELAY_PORT'));
        const service = of(dir, 'Service').find((s) => s.metadata.name === 'bounce-smtp-relay');
        expect(service?.spec.ports).toEqual([expect.objectContaining({ port: 587, targetPort: 'smtp' })]);
        const scaler = of(dir, 'HorizontalPodAutoscaler').find(
          (h) => h.spec.scaleTargetRef.name === 'bounce-smtp-relay',
        );
        expect(scaler).toBeDefined();
      });

      it('gives the API and the notification worker the same sender-health DNS settings, valid for their schema', () => {
        const api = settingsOf(dir, 'bounce-api');
        const notify = settingsOf(dir, 'bounce-notify-worker');
        for (const key of Object.keys(senderHealthEnvShape)) {
          expect(api.has(key), `API lacks ${key}`).toBe(true);
          expect(notify.get(key), key).toBe(api.get(key));
        }
        const parsed = z.object(senderHealthEnvShape).parse(Object.fromEntries(api));
        expect(parsed.SENDER_HEALTH_DNSBLS).toContain('zen.spamhaus.org');
        expect(parsed.SENDER_SETUP_CHECK_INTERVAL).toBe(3_600_000);
        expect(appKnowsSetting('notify-worker', 'SENDER_ALERT_RECHECK_INTERVAL')).toBe(true);
        expect(envDuration(0).parse(notify.get('SENDER_ALERT_RECHECK_INTERVAL'))).toBeGreaterThan(0);
      });

      it('runs the delivery reconciler of the notification worker as docker-compose does, its delay above its period', () => {
        const notify = settingsOf(dir, 'bounce-notify-worker');
        const compose = composeEnv('notify-worker');
        for (const key of ['WEBHOOK_RECONCILE_INTERVAL', 'WEBHOOK_RECONCILE_AFTER']) {
          expect(appKnowsSetting('notify-worker', key), key).toBe(true);
          expect(compose[key], key).toBe(`\${${key}:-${notify.get(key)}}`);
        }
        const interval = envDuration(0).parse(notify.get('WEBHOOK_RECONCILE_INTERVAL'));
        expect(interval).toBeGreaterThan(0);
        expect(envDuration(0).parse(notify.get('WEBHOOK_RECONCILE_AFTER'))).toBeGreaterThan(interval);
      });

      it('puts everything in the overlay namespace', () => {
        const namespaces = new Set(rendered.get(dir)!.map((o) => o.metadata.namespace));
        expect(namespaces.size).toBe(1);
        expect([...namespaces][0]).toMatch(/^bounce/);
      });
    });
  }

  for (const dir of MIGRATE_OVERLAYS) {
    it(`${dir}: a migration Job straight to PostgreSQL, in the same namespace and image as the processes`, () => {
      const [job] = of(dir, 'Job');
      const app = rendered.get(dir.replace('/migrate', ''))!;
      const c = containerOf(job!);
      expect(c.command.at(-1)).toBe('packages/db/src/migrate-cli.ts');
      expect(existsSync(join(REPO_ROOT, c.command.at(-1)))).toBe(true);
      expect(c.env).toContainEqual({ name: 'DATABASE_URL_FILE', value: '/run/secrets/bounce/database-direct-url' });
      expect(job!.metadata.namespace).toBe(app[0]!.metadata.namespace);
      expect(c.image).toBe(containerOf(app.find((o) => o.kind === 'Deployment')!).image);
      expect(job!.spec.template.spec.restartPolicy).toBe('Never');
    });
  }
});

/** A Deployment's settings: its env values and those of the ConfigMaps it takes with envFrom. */
function settingsOf(dir: string, deployment: string): Map<string, string> {
  const d = of(dir, 'Deployment').find((o) => o.metadata.name === deployment);
  expect(d, deployment).toBeDefined();
  const c = containerOf(d!);
  const settings = new Map<string, string>();
  for (const from of (c.envFrom ?? []) as { configMapRef?: { name: string } }[]) {
    const map = of(dir, 'ConfigMap').find((m) => m.metadata.name === from.configMapRef?.name);
    expect(map, from.configMapRef?.name).toBeDefined();
    for (const [k, v] of Object.entries((map as unknown as { data: Record<string, string> }).data)) settings.set(k, v);
  }
  for (const e of c.env as { name: string; value: string }[]) settings.set(e.name, e.value);
  return settings;
}

/** The environment docker-compose.yml gives a service (with the x-env anchors merged). */
function composeEnv(service: string): Record<string, string> {
  const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string> }>;
  };
  return compose.services[service]?.environment ?? {};
}

/**
 * Whether an app declares a setting of that name: in its own env schema, or in the shared fields it is built from
 * (packages/runtime's env-fields, the SMTP fields of packages/mailer, the config package).
 */
function appKnowsSetting(app: string, key: string): boolean {
  const pattern = new RegExp(`\\b${key}\\b\\s*:`);
  const roots = [
    join(REPO_ROOT, 'apps', app, 'src'),
    ...['config', 'runtime', 'mailer'].map((p) => join(REPO_ROOT, 'packages', p, 'src')),
  ];
  return roots.some((root) => filesUnder(root).some((f) => pattern.test(readFileSync(f, 'utf8'))));
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return entry.endsWith('.ts') && !entry.endsWith('.test.ts') ? [path] : [];
  });
}
