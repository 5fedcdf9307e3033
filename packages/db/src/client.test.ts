import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { createDb } from './client.ts';
import { users } from './schema.ts';
import { createTestDatabase, testDatabaseKind } from './testing.ts';

describe.skipIf(testDatabaseKind !== 'postgres')('a PostgreSQL connection lost while idle', () => {
  it('is reported and replaced, not fatal to the process', async () => {
    const database = await createTestDatabase();
    const server = await createDb({ url: process.env.TEST_DATABASE_URL });
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await database.db.execute(sql`SELECT 1`); // leaves one idle connection in the pool
      const name = new URL(database.url!).pathname.slice(1);
      await server.db.execute(
        sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ${name}`,
      );
      await expect.poll(() => reported.mock.calls.length).toBeGreaterThan(0);
      expect(String(reported.mock.calls[0]![0])).toContain('idle database connection was lost');
      // The next query gets a new connection.
      expect(await database.db.select({ id: users.id }).from(users)).toEqual([]);
    } finally {
      reported.mockRestore();
      await server.close();
      await database.close();
    }
  });
});
