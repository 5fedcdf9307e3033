import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.ts';
import { adoptMatchKeysVersionIfEmpty } from './matching/match-keys.queries.ts';

export type Schema = typeof schema;
/** A drizzle database on either driver; queries are written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: services accept both. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, when `kind` is `pglite` (pg-boss runs on it in the same process). */
  pglite?: PGlite;
  /** The connection string, when `kind` is `postgres`. */
  url?: string;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface CreateDbOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` or absent with `memory: true` for an in-memory database. */
  dataDir?: string | undefined;
  memory?: boolean;
}

/**
 * Opens Vigil's database: PostgreSQL when a URL is given, otherwise embedded PGlite with its
 * data in `dataDir` (created if missing) or in memory.
 *
 * @example
 * const { db, close } = await createDb({ dataDir: '.vigil/data' });
 */
export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // node-postgres reports the errors of idle connections (a restarted server, a database
    // dropped under them) on the pool; unhandled, one would end the process. Queries that were
    // running still fail on their own; after close, such errors are expected and ignored.
    let closing = false;
    pool.on('error', (error) => {
      if (!closing) console.error(`[db] an idle database connection was lost: ${error.message}`);
    });
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    const close = async () => {
      closing = true;
      await pool.end();
    };
    return { db, kind: 'postgres', url: options.url, close };
  }
  let dataDir: string | undefined;
  if (!options.memory && options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dataDir = options.dataDir;
  }
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm, fuzzystrmatch } });
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  return { db, kind: 'pglite', pglite, close: () => pglite.close() };
}

/** Applies the committed migrations (the same files on PGlite and PostgreSQL). */
export async function migrateDb(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    await migrateNodePg(database.db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  await adoptMatchKeysVersionIfEmpty(database.db);
}
