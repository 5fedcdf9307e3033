import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, migrateDb, type Database } from './client.ts';

/**
 * A migrated, empty database for one test file: in-memory PGlite, or a fresh database on the
 * PostgreSQL server named by `TEST_DATABASE_URL` (dropped again on close).
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await createDb({ memory: true });
    await migrateDb(database);
    return database;
  }
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await createDb({ url: url.toString() });
  await migrateDb(database);
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Which database the tests run on, for titles and `describe.skipIf`. */
export const testDatabaseKind: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL
  ? 'postgres'
  : 'pglite';
