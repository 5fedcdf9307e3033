import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskFileStore, persons, type Database } from '@vigil/db';
import { createTestDatabase, testDatabaseKind } from '@vigil/db/testing';
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROOF_OF_LIFE_SWEEP_CRON } from '../catalogue.ts';
import type { WorkerDeps } from '../handler.ts';
import { startJobQueue, type JobQueue } from '../queue.ts';
import {
  createClaim,
  createEvent,
  createPerson,
  createSource,
  FAST_QUEUES,
  takeAttempt,
  tasksWithKey,
} from '../testing.ts';
import { startWorker } from '../worker.ts';
import { sweepProofOfLife, SWEEP_BATCH_SIZE } from './proof-of-life-sweep.handler.ts';

describe(`persons.proof-of-life-sweep (${testDatabaseKind})`, () => {
  let database: Database;
  let queue: JobQueue;
  let deps: WorkerDeps;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A sweep of more than a batch of persons can take longer than the test queues' 3-second
    // expiry on a loaded machine, and an expired attempt may not commit (fencing): this queue
    // keeps its attempts for as long as a sweep may take.
    queue = await startJobQueue(database, {
      queues: {
        ...FAST_QUEUES,
        'persons.proof-of-life-sweep': {
          ...FAST_QUEUES['persons.proof-of-life-sweep'],
          expireInSeconds: 600,
        },
      },
      superviseIntervalSeconds: 1,
    });
    deps = {
      db: database.db,
      files: createDiskFileStore(await mkdtemp(join(tmpdir(), 'vigil-sweep-'))),
    };
  });
  afterAll(async () => {
    await queue?.stop();
    await database?.close();
  });

  const sweep = async (now: string) =>
    sweepProofOfLife(
      { ...deps, now: () => new Date(now) },
      {},
      await takeAttempt(queue, 'persons.proof-of-life-sweep', {}),
    );

  /** A person with accepted claims of events of these types on these days. */
  async function personWith(...happened: [type: string, date: string][]) {
    const source = await createSource(database.db);
    const person = await createPerson(database.db);
    for (const [type, date] of happened) {
      const event = await createEvent(database.db, type, date, [person.id]);
      await createClaim(database.db, {
        sourceId: source.id,
        subjectType: 'event',
        eventId: event.id,
        predicate: 'occurred',
        reviewState: 'accepted',
      });
    }
    return person;
  }

  it('opens a contact-lost task for a held person once the last proof of life is older than the window', async () => {
    const person = await personWith(['capture', '2024-10-01'], ['proof_of_life', '2025-01-10']);
    await sweep('2025-03-01T00:00:00Z');
    expect(await tasksWithKey(database.db, `contact_lost:${person.id}`)).toEqual([]);
    await sweep('2025-12-01T00:00:00Z');
    const tasks = await tasksWithKey(database.db, `contact_lost:${person.id}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.detail).toBe('No proof of life since 2025-01-10');
    await sweep('2025-12-02T00:00:00Z');
    expect(await tasksWithKey(database.db, `contact_lost:${person.id}`)).toHaveLength(1);
  });

  it('leaves alone a person whose stored status is released', async () => {
    const person = await personWith(['capture', '2024-10-01'], ['release', '2024-11-01']);
    await sweep('2025-03-01T00:00:00Z');
    const [computed] = await database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(computed?.statusSummary).toMatch(/^released/);
    await sweep('2025-12-01T00:00:00Z');
    const [after] = await database.db.select().from(persons).where(eq(persons.id, person.id));
    expect(after?.statusComputedAt).toEqual(computed?.statusComputedAt);
  });

  it('computes every person never computed, batch after batch', async () => {
    for (let i = 0; i <= SWEEP_BATCH_SIZE; i++) await createPerson(database.db);
    const result = await sweep('2025-12-03T00:00:00Z');
    expect(result.persons).toBeGreaterThan(SWEEP_BATCH_SIZE);
    expect(
      await database.db.select().from(persons).where(isNull(persons.statusComputedAt)),
    ).toEqual([]);
  });

  // Last: from here on a worker takes every job of this database's queues.
  it('is scheduled daily when the worker starts', async () => {
    await startWorker(queue, deps, { pollingIntervalSeconds: 0.5 });
    expect(await queue.boss.getSchedules('persons.proof-of-life-sweep')).toEqual([
      expect.objectContaining({
        name: 'persons.proof-of-life-sweep',
        cron: PROOF_OF_LIFE_SWEEP_CRON,
        timezone: 'UTC',
      }),
    ]);
  });
});
