import { readMigrationFiles } from 'drizzle-orm/migrator';
import { MIGRATIONS_FOLDER, type Database } from '@vigil/db';
import type { JobQueue } from '@vigil/jobs';
import { sql } from 'drizzle-orm';

export interface Health {
  ok: boolean;
  database: { reachable: boolean; kind: string };
  migrations: { current: boolean; applied: number; expected: number };
  queue: { running: boolean };
}

const expectedMigrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;

/** Whether Vigil can serve: database reachable, migrations current, queue running. */
export async function checkHealth(database: Database, queue: JobQueue): Promise<Health> {
  let reachable = false;
  let applied = 0;
  try {
    await database.db.execute(sql`SELECT 1`);
    reachable = true;
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(sql`drizzle.__drizzle_migrations`);
    applied = row?.n ?? 0;
  } catch {
    // reported below as not reachable / not migrated
  }
  const current = applied === expectedMigrations;
  const running = queue.isRunning();
  return {
    ok: reachable && current && running,
    database: { reachable, kind: database.kind },
    migrations: { current, applied, expected: expectedMigrations },
    queue: { running },
  };
}
