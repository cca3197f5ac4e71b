/**
 * One bootstrap for every process. An app declares what it needs (its env schema, a database, Redis connections by
 * role, producer queues, a health server) and adds its own parts; the factory opens the shared resources in order
 * (migrations, database, Redis, queues, health), starts the parts, and stops everything in reverse on SIGTERM. `runMain`
 * is the whole of an app's main.ts: configuration validated at start (exit 78 naming what to fix), the redacted
 * configuration logged once, start-up failures fatal.
 */
import { ConfigError, createLogger, type EnvSource, type Logger, loadEnvWith, redactConfig } from '@bounce/config';
import { type DatabaseHandle, type DatabaseOptions, openDatabase, pingDatabase, runMigrations } from '@bounce/db';
import {
  closeQueues,
  createQueueMetrics,
  createRedis,
  openQueues,
  type QueueKey,
  type QueueMetrics,
  type QueueSet,
  type RedisConnection,
  type RedisRole,
  waitForRedis,
} from '@bounce/queue';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { redisTopologyOf } from './env-fields.js';
import { createMetricsRegistry, type HealthCheck, type HealthServer, startHealthServer } from './health-server.js';
import { type RunningProcess, runProcess, type Subsystem } from './lifecycle.js';

/** The fields of the shared env shapes (env-fields.ts) the factory reads when a process has them. */
type SharedEnv = {
  LOG_LEVEL: string;
  DATABASE_URL?: string;
  DATABASE_POOL_SIZE?: number;
  REDIS_URL?: string;
  REDIS_SENTINELS?: { host: string; port: number }[];
  REDIS_SENTINEL_NAME?: string;
  REDIS_SENTINEL_PASSWORD?: string;
  REDIS_CLUSTER_NODES?: { host: string; port: number }[];
  QUEUE_PREFIX?: string;
  HEALTH_PORT?: number;
  HEALTH_HOST?: string;
  SHUTDOWN_DRAIN_TIMEOUT?: number;
};

export type ServiceDefinition<S extends z.ZodType<SharedEnv>, K extends QueueKey, Extra> = {
  name: string;
  env: S;
  /** Checks that need several fields (e.g. SMTP_FROM once SMTP is set); throw ConfigError. */
  validate?: (env: z.output<S>) => void;
  /** Database to open; default: DATABASE_URL with DATABASE_POOL_SIZE when the env has it. null: none. */
  database?: (env: z.output<S>) => DatabaseOptions | null;
  /** Run the migrations before opening the database (the API does; concurrent runs wait on a lock). */
  migrate?: boolean;
  /**
   * Redis connections by role (see `createRedis`), on the topology of the env (`redisTopologyOf`: REDIS_URL, or
   * Sentinels, or a cluster). A process whose env names no Redis runs without it (the
   * API); `waitForReady` makes start-up wait for the first connection (bounded) instead of failing later.
   */
  redis?: { roles: readonly RedisRole[]; waitForReady?: boolean };
  /** Producer queues of the catalog, on the connection of `role`. */
  queues?: { keys: readonly K[]; role: RedisRole };
  /**
   * The app's own subsystems, started after the shared ones and stopped before them; with `expose`, extra accessors
   * on the running process (tests, diagnostics).
   */
  parts: (context: ServiceContext<z.output<S>, K>) => Subsystem[] | { subsystems: Subsystem[]; expose: Extra };
};

export type ServiceContext<E, K extends QueueKey> = {
  readonly env: E;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Queue metrics on this process's registry (one set, shared by all its workers). */
  readonly queueMetrics: QueueMetrics;
  /** Open once the database subsystem started; throws before (or when the process has none). */
  readonly database: DatabaseHandle;
  readonly optionalDatabase: DatabaseHandle | null;
  /** The connection of a role declared in `redis.roles`; throws when the process runs without Redis. */
  redis: (role: RedisRole) => RedisConnection;
  optionalRedis: (role: RedisRole) => RedisConnection | null;
  readonly queues: QueueSet<K>;
  readonly queuePrefix: string;
  readonly drainTimeoutMs: number;
};

export type StartOptions = {
  logger: Logger;
  /** Tests pass false to keep signal handlers and process.exit out of the test runner. Default true. */
  handleSignals?: boolean;
};

export type RunningService<Extra> = RunningProcess & { healthPort: () => number } & Extra;

/** Extra shutdown time past the drain budget, for the hand-back and closing connections. */
const SHUTDOWN_MARGIN_MS = 10_000;

export async function startService<S extends z.ZodType<SharedEnv>, K extends QueueKey, Extra = object>(
  definition: ServiceDefinition<S, K, Extra>,
  env: z.output<S>,
  options: StartOptions,
): Promise<RunningService<Extra>> {
  const { logger } = options;
  const registry = createMetricsRegistry({ app: definition.name });
  let queueMetrics: QueueMetrics | undefined;
  let database: DatabaseHandle | null = null;
  const connections = new Map<RedisRole, RedisConnection>();
  const redisTopology = redisTopologyOf(env);
  let queues: QueueSet<K> | undefined;
  let health: HealthServer | undefined;
  const databaseOptions = (definition.database ?? defaultDatabase)(env);

  const context: ServiceContext<z.output<S>, K> = {
    env,
    logger,
    registry,
    get queueMetrics() {
      queueMetrics ??= createQueueMetrics(registry);
      return queueMetrics;
    },
    get database() {
      if (!database) throw new Error(`${definition.name}: the database is not open`);
      return database;
    },
    get optionalDatabase() {
      return database;
    },
    redis: (role) => {
      const connection = connections.get(role);
      if (!connection) throw new Error(`${definition.name}: no ${role} Redis connection`);
      return connection;
    },
    optionalRedis: (role) => connections.get(role) ?? null,
    get queues() {
      if (!queues) throw new Error(`${definition.name}: the queues are not open`);
      return queues;
    },
    queuePrefix: env.QUEUE_PREFIX ?? '',
    drainTimeoutMs: env.SHUTDOWN_DRAIN_TIMEOUT ?? 0,
  };

  const shared: Subsystem[] = [];
  if (definition.migrate && databaseOptions) {
    shared.push({ name: 'migrations', start: () => runMigrations(databaseOptions), stop: () => {} });
  }
  if (databaseOptions) {
    shared.push({
      name: 'database',
      start: () => {
        database = openDatabase(databaseOptions);
      },
      stop: () => database?.close(),
    });
  }
  if (definition.redis) {
    const { roles, waitForReady } = definition.redis;
    shared.push({
      name: 'redis',
      start: async () => {
        if (!redisTopology) return;
        for (const role of roles) connections.set(role, createRedis(redisTopology, role));
        for (const connection of connections.values()) {
          // A producer fails fast instead of queueing: report its connection errors rather than crash on 'error'.
          connection.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis error'));
          if (waitForReady) await waitForRedis(connection);
        }
      },
      stop: async () => {
        await Promise.all([...connections.values()].map((c) => c.quit().catch(() => c.disconnect())));
      },
    });
  }
  if (definition.queues) {
    const { keys, role } = definition.queues;
    shared.push({
      name: 'queues',
      start: () => {
        const connection = connections.get(role);
        if (connection) queues = openQueues(keys, connection, env.QUEUE_PREFIX);
      },
      stop: async () => {
        if (queues) await closeQueues(queues);
      },
    });
  }
  if (env.HEALTH_PORT !== undefined) {
    shared.push({
      name: 'health',
      start: async () => {
        health = await startHealthServer({
          port: env.HEALTH_PORT ?? 0,
          host: env.HEALTH_HOST,
          registry,
          checks: healthChecks(database, connections),
        });
      },
      stop: () => health?.close(),
    });
  }

  const parts = definition.parts(context);
  const own = Array.isArray(parts) ? { subsystems: parts, expose: {} as Extra } : parts;
  const running = await runProcess({
    name: definition.name,
    logger,
    handleSignals: options.handleSignals,
    shutdownTimeoutMs:
      env.SHUTDOWN_DRAIN_TIMEOUT === undefined ? undefined : env.SHUTDOWN_DRAIN_TIMEOUT + SHUTDOWN_MARGIN_MS,
    subsystems: [...shared, ...own.subsystems],
  });
  return { ...running, healthPort: () => health?.port ?? 0, ...own.expose };
}

function defaultDatabase(env: SharedEnv): DatabaseOptions | null {
  return env.DATABASE_URL ? { url: env.DATABASE_URL, maxConnections: env.DATABASE_POOL_SIZE } : null;
}

/** Readiness: the database answers and every Redis connection answers PING. */
function healthChecks(
  database: DatabaseHandle | null,
  connections: ReadonlyMap<RedisRole, RedisConnection>,
): HealthCheck[] {
  const checks: HealthCheck[] = [];
  if (database) checks.push({ name: 'postgres', check: () => pingDatabase(database.db) });
  const all = [...connections.values()];
  if (all.length > 0)
    checks.push({ name: 'redis', check: async () => void (await Promise.all(all.map((c) => c.ping()))) });
  return checks;
}

/** Validates the environment of a service: its schema, then its cross-field checks. Throws ConfigError. */
export function loadServiceEnv<S extends z.ZodType<SharedEnv>>(
  definition: Pick<ServiceDefinition<S, QueueKey, unknown>, 'env' | 'validate'>,
  source: EnvSource = process.env,
): z.output<S> {
  const env = loadEnvWith(definition.env, source);
  redisTopologyOf(env);
  definition.validate?.(env);
  return env;
}

/**
 * The whole of an app's main.ts: validate the configuration (exit 78, EX_CONFIG, with what to fix), log it redacted
 * by its schema, start the service (exit 1 when start-up fails).
 */
export async function runMain<S extends z.ZodType<SharedEnv>, K extends QueueKey, Extra>(
  definition: ServiceDefinition<S, K, Extra>,
  hooks: { afterConfig?: (env: z.output<S>, logger: Logger) => void } = {},
): Promise<RunningService<Extra>> {
  let env: z.output<S>;
  try {
    env = loadServiceEnv(definition);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`${definition.name}: ${err.message}`);
    process.exit(78);
  }
  const logger = createLogger({ name: definition.name, level: env.LOG_LEVEL });
  logger.info({ config: redactConfig(definition.env, env as Record<string, unknown>) }, 'starting');
  hooks.afterConfig?.(env, logger);
  try {
    return await startService(definition, env, { logger });
  } catch (err) {
    logger.fatal({ err }, 'start failed');
    process.exit(1);
  }
}
