/**
 * The HTTP processes started beside a pipeline's workers, configured like them (the same database URL, Redis
 * topology, queue prefix and secrets key): the API with a bootstrap admin key for the pipeline's tenant, and the queue
 * dashboard. Each on a free loopback port; the caller stops it (`process.stop()`) before closing the pipeline.
 */
import { randomBytes } from 'node:crypto';
import { getFreePort } from '@bounce/test-servers';
import type { Pipeline } from './pipeline.js';
import { type AppName, WorkerProcess } from './worker-process.js';

export type ProcessBeside = {
  process: WorkerProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The API's bootstrap admin key / the dashboard's admin token. */
  key: string;
  /** fetch() of a path under `url` with the key as bearer token (JSON content type when there is a body). */
  call: (path: string, init?: RequestInit) => Promise<Response>;
};

export type BesideOptions = {
  /** How long the process may take to start. Default 150 s: on a loaded 2-core machine loading modules takes long. */
  startTimeoutMs?: number;
  /** Start it (default true); false leaves `process.start()` to the caller. */
  start?: boolean;
};

/** The API (apps/api) beside the pipeline; `extraEnv` adds or overrides variables (VERP settings, rate limits...). */
export function startApiBeside(
  p: Pipeline,
  extraEnv: Record<string, string> = {},
  options: BesideOptions = {},
): Promise<ProcessBeside> {
  const key = `bk_e2e_${randomBytes(24).toString('hex')}`;
  return startBeside(p, 'api', key, options, (port) => ({
    DATABASE_URL: p.workerDatabaseUrl,
    DATABASE_POOL_SIZE: '4',
    ...p.queueEnv,
    SECRETS_KEY: p.secretsKey,
    BOOTSTRAP_ADMIN_KEY: key,
    BOOTSTRAP_TENANT: p.tenantId,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...extraEnv,
  }));
}

/** The queue dashboard (apps/dashboard, read-only) beside the pipeline, opened with its admin token. */
export function startDashboardBeside(
  p: Pipeline,
  extraEnv: Record<string, string> = {},
  options: BesideOptions = {},
): Promise<ProcessBeside> {
  const key = randomBytes(32).toString('base64url');
  return startBeside(p, 'dashboard', key, options, (port) => ({
    ...p.queueEnv,
    DASHBOARD_ADMIN_TOKEN: key,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    ...extraEnv,
  }));
}

async function startBeside(
  p: Pipeline,
  name: AppName,
  key: string,
  options: BesideOptions,
  envFor: (port: number) => Record<string, string>,
): Promise<ProcessBeside> {
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const process = new WorkerProcess({
    name,
    runDir: p.runDir,
    startTimeoutMs: options.startTimeoutMs ?? 150_000,
    env: envFor(port),
  });
  if (options.start ?? true) await process.start();
  return {
    process,
    url,
    key,
    call: (path, init = {}) =>
      fetch(`${url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${key}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      }),
  };
}
