import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgBouncer, startPgBouncer } from './pgbouncer.js';

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('PgBouncer (transaction pooling) in front of the local PostgreSQL', () => {
  let bouncer: PgBouncer;
  beforeAll(async () => {
    bouncer = await startPgBouncer({ poolSize: 2 });
  }, 30_000);
  afterAll(async () => bouncer?.stop());

  it('pools in transaction mode and passes queries through', async () => {
    const sql = postgres(bouncer.viaPgBouncer(SERVER_URL), { prepare: false, max: 4, onnotice: () => {} });
    try {
      const rows = await Promise.all(
        Array.from({ length: 8 }, (_, i) => sql<{ n: number }[]>`select ${i}::int as n, pg_sleep(0.05)`),
      );
      expect(rows.map((r) => r[0]!.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      const pools = await bouncer.admin('SHOW POOLS');
      expect(pools).toMatch(/\|transaction$/m);
      // Eight concurrent clients statements went through at most two server connections.
      const servers = await bouncer.admin('SHOW SERVERS');
      expect(servers.trim().split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    } finally {
      await sql.end();
    }
  });

  it('refuses a startup parameter it cannot track, rather than dropping it silently', async () => {
    const sql = postgres(bouncer.viaPgBouncer(SERVER_URL), {
      prepare: false,
      max: 1,
      connection: { statement_timeout: 1000 },
    });
    try {
      await expect(sql`select 1`).rejects.toThrow(/unsupported startup parameter/);
    } finally {
      await sql.end();
    }
  });
});
