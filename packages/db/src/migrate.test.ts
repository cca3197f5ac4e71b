import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from './client.js';
import { migrateDatabase } from './migrate.js';
import { tenants } from './schema.js';
import { createTestDatabase } from './testing/test-database.js';

describe('migrations', () => {
  it('apply on an empty server database and again on one with data', async () => {
    const t = await createTestDatabase('bounce_test', { migrateFromEmpty: true });
    try {
      await t.db.insert(tenants).values({ id: 'acme', name: 'Acme' });
      await migrateDatabase(t); // second run: nothing pending, data intact
      const rows = await t.db.select().from(tenants);
      expect(rows.map((r) => r.id)).toEqual(['acme']);
    } finally {
      await t.drop();
    }
    // Creating and migrating a server database takes seconds on a loaded machine: not a timing assertion.
  }, 60_000);

  it('apply on embedded PGlite (no DATABASE_URL)', async () => {
    const h = openMemoryDatabase();
    try {
      await migrateDatabase(h);
      await h.db.insert(tenants).values({ id: 'solo', name: 'Solo' });
      const result = await h.db.execute(sql`select count(*)::int as n from tenants`);
      const rows = (result as unknown as { rows?: { n: number }[] }).rows ?? (result as unknown as { n: number }[]);
      expect(rows[0]?.n).toBe(1);
    } finally {
      await h.close();
    }
    // PGlite starts a WebAssembly PostgreSQL: seconds on a busy 2-core machine.
  }, 120_000);
});
