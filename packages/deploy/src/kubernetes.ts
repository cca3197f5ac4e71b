/**
 * Renders the Kustomize overlays of infra/k8s with `kubectl kustomize` and validates every object twice, since no
 * cluster runs here:
 * - against the Kubernetes API's JSON schemas (and KEDA's published CRD schemas) compiled into kubernetes-models'
 *   validators: types, formats, required fields, enums;
 * - strictly, with the same package's TypeScript typings: the objects are type-checked as object literals, so an
 *   unknown or misspelt field (which the JSON schemas allow) is an error too, as `kubeconform -strict` would report.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { K8S_DIR } from './repo.js';

const run = promisify(execFile);

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // biome-ignore lint/suspicious/noExplicitAny: manifests are free-form until validated.
  spec?: any;
  data?: Record<string, string>;
};

export const OVERLAYS = ['overlays/production', 'overlays/staging'] as const;
export const MIGRATE_OVERLAYS = ['overlays/production/migrate', 'overlays/staging/migrate'] as const;

export async function renderKustomization(dir: string): Promise<K8sObject[]> {
  let stdout: string;
  try {
    ({ stdout } = await run('kubectl', ['kustomize', join(K8S_DIR, dir)], { timeout: 60_000 }));
  } catch (err) {
    const e = err as { stderr?: string; message: string; code?: string };
    if (e.code === 'ENOENT') {
      throw new Error('kubectl is missing: run scripts/install-system-deps.sh (Debian package kubernetes-client)');
    }
    throw new Error(`kubectl kustomize ${dir} failed: ${e.stderr ?? e.message}`);
  }
  return parseAllDocuments(stdout).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${dir}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  });
}

/** Module and class of each kind the manifests use, in kubernetes-models (core API) or its KEDA models. */
const MODELS: Record<string, { module: string; type: string }> = {
  'v1/ConfigMap': { module: 'kubernetes-models/v1', type: 'IConfigMap' },
  'v1/Service': { module: 'kubernetes-models/v1', type: 'IService' },
  'v1/ServiceAccount': { module: 'kubernetes-models/v1', type: 'IServiceAccount' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1', type: 'IDeployment' },
  'batch/v1/Job': { module: 'kubernetes-models/batch/v1', type: 'IJob' },
  'policy/v1/PodDisruptionBudget': { module: 'kubernetes-models/policy/v1', type: 'IPodDisruptionBudget' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    module: 'kubernetes-models/autoscaling/v2',
    type: 'IHorizontalPodAutoscaler',
  },
  'keda.sh/v1alpha1/ScaledObject': { module: '@kubernetes-models/keda/keda.sh/v1alpha1', type: 'IScaledObject' },
};

export class ManifestValidationError extends Error {
  override readonly name = 'ManifestValidationError';
}

function modelOf(object: K8sObject): { module: string; type: string } {
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!model) {
    throw new ManifestValidationError(
      `${object.kind} ${object.metadata?.name}: no schema for ${object.apiVersion}/${object.kind} (add it to MODELS)`,
    );
  }
  return model;
}

/** Schema validation: throws with every object's errors. */
export async function validateAgainstSchemas(objects: K8sObject[]): Promise<void> {
  const errors: string[] = [];
  for (const object of objects) {
    const { module, type } = modelOf(object);
    const exports = (await import(module)) as Record<string, new (data: unknown) => { validate: () => void }>;
    const Model = exports[type.slice(1)];
    if (!Model) throw new ManifestValidationError(`${module} has no ${type.slice(1)}`);
    try {
      new Model(object).validate();
    } catch (err) {
      errors.push(`${object.kind} ${object.metadata.name}: ${(err as Error).message}`);
    }
  }
  if (errors.length > 0) throw new ManifestValidationError(errors.join('\n'));
}

/**
 * Strict validation: each object becomes `const o: IDeployment = {...}` in a scratch file beside this package (so
 * the typings resolve) and the compiler's diagnostics are the errors: excess-property checks find unknown fields.
 */
export function validateStrictly(objects: K8sObject[]): string[] {
  const dir = mkdtempSync(join(K8S_SCRATCH_PARENT, '.k8s-strict-'));
  try {
    const imports = new Map<string, Set<string>>();
    const lines: string[] = [];
    objects.forEach((object, i) => {
      const { module, type } = modelOf(object);
      if (!imports.has(module)) imports.set(module, new Set());
      imports.get(module)!.add(type);
      lines.push(
        `// ${object.kind} ${object.metadata.name}\nexport const o${i}: ${type} = ${JSON.stringify(object, null, 1)};`,
      );
    });
    const header = [...imports].map(([m, types]) => `import type { ${[...types].join(', ')} } from '${m}';`);
    const file = join(dir, 'manifests.ts');
    writeFileSync(file, `${header.join('\n')}\n${lines.join('\n')}\n`);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return text;
      // Name the object the error sits in (the comment line above its declaration).
      const before = d.file.text.slice(0, d.start);
      const owner = before.slice(before.lastIndexOf('\n// ') + 4).split('\n')[0];
      return `${owner}: ${text}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Scratch files must sit inside this package, where node_modules resolves kubernetes-models. */
const K8S_SCRATCH_PARENT = new URL('../', import.meta.url).pathname;
