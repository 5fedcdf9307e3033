import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, Sensitivity } from '@vigil/domain';
import { createDiskFileStore, users, type Database } from '@vigil/db';
import { createTestDatabase } from '@vigil/db/testing';
import { startJobQueue, type JobQueue, type JobQueueOptions } from '@vigil/jobs';
import { eq } from 'drizzle-orm';
import { actorOf } from './auth/sessions.service.ts';
import { newTotpSecret } from './auth/totp.ts';
import type { Actor, Context, Deps } from './context.ts';
import { createCaller } from './router.ts';
import { createUser } from './users/users.service.ts';

/** A migrated test database with a running queue and a temporary file store. */
export interface TestApp extends Deps {
  database: Database;
  queue: JobQueue;
  /**
   * A caller acting as a new user with this role (and clearance, default for the role), who has
   * set up a second factor and signed in with it.
   */
  as(role: Role, clearance?: Sensitivity): Promise<TestUser>;
  /** A caller acting as a new user who has not set up a second factor (an admin must enrol). */
  asUnenrolled(role: Role, clearance?: Sensitivity): Promise<TestUser>;
  anonymous(): ReturnType<typeof createCaller>;
  contextFor(actor: Actor | null): Context;
  close(): Promise<void>;
}

/** A user `createTestApp` made, and a caller acting as them. */
export interface TestUser {
  caller: ReturnType<typeof createCaller>;
  actor: Actor;
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
  async function newUser(
    role: Role,
    clearance: Sensitivity | undefined,
    secondFactor: boolean,
  ): Promise<TestUser> {
    const created = await createUser(database.db, null, {
      username: `${role}-${++counter}-${Math.random().toString(36).slice(2, 8)}`,
      password: 'correct horse battery staple',
      role,
      clearance,
    });
    const [user] = secondFactor
      ? await database.db
          .update(users)
          .set({ totpSecret: newTotpSecret(), totpEnabledAt: new Date() })
          .where(eq(users.id, created.id))
          .returning()
      : await database.db.select().from(users).where(eq(users.id, created.id));
    const actor = actorOf(user!);
    return { caller: createCaller(contextFor(actor)), actor };
  }
  return {
    ...deps,
    database,
    contextFor,
    as: (role, clearance) => newUser(role, clearance, true),
    asUnenrolled: (role, clearance) => newUser(role, clearance, false),
    anonymous: () => createCaller(contextFor(null)),
    async close() {
      await queue.stop();
      await database.close();
    },
  };
}

export { until } from '@vigil/db/testing';
export { totpCode } from './auth/totp.ts';
export { JPEG, JPEG_WITH_METADATA } from './sources/strip-image-metadata.fixtures.ts';
