import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, Sensitivity } from '@vigil/domain';
import { createDiskFileStore, type Database } from '@vigil/db';
import { createTestDatabase } from '@vigil/db/testing';
import { startJobQueue, type JobQueue, type JobQueueOptions } from '@vigil/jobs';
import type { Actor, Context, Deps } from './context.ts';
import { createCaller } from './router.ts';
import { createUser } from './users/users.service.ts';

/** A migrated test database with a running queue and a temporary file store. */
export interface TestApp extends Deps {
  database: Database;
  queue: JobQueue;
  /** A caller acting as a new user with this role (and clearance, default for the role). */
  as(
    role: Role,
    clearance?: Sensitivity,
  ): Promise<{ caller: ReturnType<typeof createCaller>; actor: Actor }>;
  anonymous(): ReturnType<typeof createCaller>;
  contextFor(actor: Actor | null): Context;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A test app on a new database. `queue` changes the queues' policy, e.g. no delay between
 * attempts so that a test can watch a job fail every one of them.
 */
export async function createTestApp(options: { queue?: JobQueueOptions } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const queue = await startJobQueue(database, options.queue);
  const files = createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-api-')));
  const deps = { db: database.db, queue, files };
  const contextFor = (actor: Actor | null): Context => ({
    ...deps,
    actor,
    ip: '127.0.0.1',
    sessionToken: null,
    setSessionCookie: () => undefined,
  });
  return {
    ...deps,
    database,
    contextFor,
    async as(role, clearance) {
      const user = await createUser(database.db, null, {
        username: `${role}-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
        password: 'correct horse battery staple',
        role,
        clearance,
      });
      const actor: Actor = {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        clearance: user.clearance,
      };
      return { caller: createCaller(contextFor(actor)), actor };
    },
    anonymous: () => createCaller(contextFor(null)),
    async close() {
      await queue.stop();
      await database.close();
    },
  };
}

export { until } from '@vigil/db/testing';
