import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '@vigil/api';
import {
  createDb,
  createDiskFileStore,
  migrateDb,
  persons,
  seedDemoData,
  users,
  type Database,
} from '@vigil/db';
import { DEFAULT_SNAPSHOT_FETCH, startJobQueue, startWorker, type JobQueue } from '@vigil/jobs';
import { serve, type ServerType } from '@hono/node-server';
import { count } from 'drizzle-orm';
import { createApp } from './app.ts';
import type { VigilEnv } from './env.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(env: VigilEnv): Promise<Database> {
  mkdirSync(env.dataDir, { recursive: true });
  const database = await createDb({ url: env.databaseUrl, dataDir: join(env.dataDir, 'pgdata') });
  await migrateDb(database);
  return database;
}

export interface FirstLogin {
  username: string;
  /** Shown only for an embedded instance whose first password Vigil generated or was given. */
  password: string | null;
}

/**
 * On a new database: creates the first admin (password from VIGIL_ADMIN_PASSWORD or
 * generated) and, when asked, loads the fictional demo data.
 */
export async function prepareInstance(
  database: Database,
  env: VigilEnv,
  { demo }: { demo: boolean },
): Promise<FirstLogin> {
  const passwordFile = join(env.dataDir, 'initial-admin-password');
  const [{ n: userCount } = { n: 0 }] = await database.db.select({ n: count() }).from(users);
  if (userCount === 0) {
    const password = env.adminPassword ?? randomBytes(12).toString('base64url');
    await createUser(database.db, null, {
      username: 'admin',
      displayName: 'Administrator',
      password,
      role: 'admin',
    });
    if (database.kind === 'pglite') {
      writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
      chmodSync(passwordFile, 0o600);
    }
    const [{ n: personCount } = { n: 0 }] = await database.db.select({ n: count() }).from(persons);
    if (demo && personCount === 0) {
      const summary = await seedDemoData(database.db);
      console.log(
        `Loaded fictional demo data: ${summary.persons} persons, ${summary.events} events, ${summary.sources} sources, ${summary.countClaims} count claims.`,
      );
    }
    return { username: 'admin', password };
  }
  const stored = existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : null;
  return { username: 'admin', password: stored };
}

export interface RunningVigil {
  url: string;
  server: ServerType;
  database: Database;
  queue: JobQueue;
  stop(): Promise<void>;
}

/**
 * Starts Vigil: database (migrated), queue, worker (unless `worker: false`), HTTP server.
 * Embedded mode always runs the worker in this process, because PGlite lives in-process.
 */
export async function startVigil(
  env: VigilEnv,
  options: { worker?: boolean; demo?: boolean } = {},
): Promise<RunningVigil & { firstLogin: FirstLogin }> {
  const database = await openDatabase(env);
  const firstLogin = await prepareInstance(database, env, {
    demo: options.demo ?? database.kind === 'pglite',
  });
  const queue = await startJobQueue(database);
  const files = createDiskFileStore(join(env.dataDir, 'files'));
  if (options.worker !== false || database.kind === 'pglite')
    await startWorker(queue, {
      db: database.db,
      files,
      archiveFetch: env.archiveFetch ? { ...DEFAULT_SNAPSHOT_FETCH } : undefined,
    });
  const app = createApp({
    db: database.db,
    queue,
    files,
    database,
    adminDist: env.adminDist,
    partnerRateLimit: env.partnerRateLimit,
  });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  const url = `http://${env.host === '0.0.0.0' ? 'localhost' : env.host}:${port}`;
  return {
    url,
    server,
    database,
    queue,
    firstLogin,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await queue.stop();
      await database.close();
    },
  };
}
