import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { QUEUES } from '@bounce/queue';
import { beforeAll, describe, expect, it } from 'vitest';
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
      it('runs one Deployment per worker, the API and the dashboard, each from its own entry point', () => {
        const names = of(dir, 'Deployment').map((d) => d.metadata.name);
        expect(names.sort()).toEqual(['api', 'dashboard', ...WORKERS].map((n) => `bounce-${n}`).sort());
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
            const key = v.name.slice(0, -'_FILE'.length);
            expect(appKnowsSetting(app, key), `${app} has no setting ${key}`).toBe(true);
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
