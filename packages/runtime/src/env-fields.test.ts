import { ConfigError, loadEnvWith, redactConfig } from '@bounce/config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queueEnv, redisTopologyOf } from './env-fields.js';

const schema = z.object(queueEnv);
const topology = (env: Record<string, string>) => redisTopologyOf(loadEnvWith(schema, env));

describe('Redis topology from the environment', () => {
  it('is one server by default, on REDIS_URL', () => {
    expect(topology({})).toEqual({ mode: 'single', url: 'redis://127.0.0.1:6379' });
    expect(topology({ REDIS_URL: 'rediss://:pw@redis.internal:6380/2' })).toEqual({
      mode: 'single',
      url: 'rediss://:pw@redis.internal:6380/2',
    });
  });

  it('is Sentinel with REDIS_SENTINELS and REDIS_SENTINEL_NAME, credentials still from REDIS_URL', () => {
    expect(
      topology({
        REDIS_URL: 'redis://:pw@unused:6379',
        REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380,[::1]:26381',
        REDIS_SENTINEL_NAME: 'bounce',
        REDIS_SENTINEL_PASSWORD: 'sentinel-secret',
      }),
    ).toEqual({
      mode: 'sentinel',
      url: 'redis://:pw@unused:6379',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-b', port: 26380 },
        { host: '::1', port: 26381 },
      ],
      name: 'bounce',
      sentinelPassword: 'sentinel-secret',
    });
  });

  it('is a cluster with REDIS_CLUSTER_NODES', () => {
    expect(topology({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' })).toEqual({
      mode: 'cluster',
      url: 'redis://127.0.0.1:6379',
      nodes: [
        { host: 'a', port: 7000 },
        { host: 'b', port: 7001 },
      ],
    });
  });

  it('names what to fix: a node without a port, a mixture, Sentinels without a master name', () => {
    expect(() => topology({ REDIS_CLUSTER_NODES: 'a:7000,b' })).toThrow(/REDIS_CLUSTER_NODES: "b" is not host:port/);
    expect(() => topology({ REDIS_SENTINELS: 'a:99999' })).toThrow(/"a:99999" is not host:port/);
    expect(() =>
      topology({ REDIS_SENTINELS: 'a:26379', REDIS_CLUSTER_NODES: 'b:7000', REDIS_SENTINEL_NAME: 'x' }),
    ).toThrow(/set one of them/);
    expect(() => topology({ REDIS_SENTINELS: 'a:26379' })).toThrow(ConfigError);
    expect(() => topology({ REDIS_SENTINELS: 'a:26379' })).toThrow(/REDIS_SENTINEL_NAME: required/);
    expect(() => topology({ REDIS_SENTINEL_NAME: 'bounce' })).toThrow(/REDIS_SENTINELS: required/);
  });

  it('never logs the Sentinel password', () => {
    const env = loadEnvWith(schema, {
      REDIS_SENTINELS: 'a:26379',
      REDIS_SENTINEL_NAME: 'b',
      REDIS_SENTINEL_PASSWORD: 'hush',
    });
    expect(JSON.stringify(redactConfig(schema, env))).not.toContain('hush');
  });
});
