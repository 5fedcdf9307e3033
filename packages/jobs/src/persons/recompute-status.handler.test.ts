import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore, persons, type Database } from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerDeps } from '../handler.ts';
import type { JobQueue } from '../queue.ts';
import {
  auditCount,
  createClaim,
  createEvent,
  createPerson,
  createSource,
  startTestQueue,
  takeAttempt,
  tasksWithKey,
} from '../testing.ts';
import { recomputeStatus } from './recompute-status.handler.ts';

describe(`persons.recompute-status (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let deps: WorkerDeps;

  beforeAll(async () => {
    database = await createTestDatabase();
    queue = await startTestQueue(database);
    deps = {
      db: database.db,
      files: createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-status-'))),
      now: () => new Date('2021-01-20T12:00:00Z'),
    };
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  const recompute = async (personId: string, over: Partial<WorkerDeps> = {}) =>
    recomputeStatus(
      { ...deps, ...over },
      { personId },
      await takeAttempt(queue, 'persons.recompute-status', { personId }),
    );

  /** A person whose capture on 2020-12-13 an accepted claim reports. */
  async function capturedPerson() {
    const source = await createSource(database.db);
    const person = await createPerson(database.db);
    const event = await createEvent(database.db, 'capture', '2020-12-13', [person.id]);
    await createClaim(database.db, {
      sourceId: source.id,
      subjectType: 'event',
      eventId: event.id,
      predicate: 'occurred',
      reviewState: 'accepted',
    });
    return person;
  }

  it('stores the derived status and audits the change of its summary once, however often it runs', async () => {
    const person = await capturedPerson();
    await expect(recompute(person.id)).resolves.toMatchObject({
      summaryChanged: true,
      contactLost: false,
      tasksOpened: 0,
    });
    await expect(recompute(person.id)).resolves.toMatchObject({ summaryChanged: false });
    const [stored] = await database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(stored?.statusSummary).toBe('captured — fate unknown, never acknowledged');
    expect(await auditCount(database.db, 'person', person.id)).toBe(1);
  });

  it('opens a contact-lost task once the proof-of-life window has passed, and audits it once', async () => {
    const person = await capturedPerson();
    const later = { now: () => new Date('2021-12-01T12:00:00Z') };
    await expect(recompute(person.id, later)).resolves.toMatchObject({
      contactLost: true,
      tasksOpened: 1,
    });
    await expect(recompute(person.id, later)).resolves.toMatchObject({
      contactLost: true,
      tasksOpened: 0,
    });
    const tasks = await tasksWithKey(database.db, `contact_lost:${person.id}`);
    expect(tasks).toHaveLength(1);
    expect(await auditCount(database.db, 'review_task', tasks[0]!.id)).toBe(1);
  });

  it('does nothing for a person that no longer exists', async () => {
    await expect(recompute('00000000-0000-4000-8000-000000000000')).resolves.toMatchObject({
      summary: null,
      summaryChanged: false,
    });
  });
});
